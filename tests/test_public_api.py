"""`import kg`: its public functions, their docstring examples, and the README's Python example.

The public face is small on purpose: each name in `kg.__all__` is a function
defined once in its own module and reached lazily from the package, so
`import kg` stays as light as it was.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parents[1]
# What a bare `import kg` must not load: the NLP model, the RDF and graph stacks.
HEAVY = ("spacy", "rdflib", "pyoxigraph", "networkx", "numpy")


def _run_python(code: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False)


# ---------------------------------------------------------------- the names


def test_all_lists_every_public_function_once_in_order() -> None:
    assert kg.__all__ == sorted(set(kg.__all__))
    assert set(kg.__all__) == set(kg._HOMES)


@pytest.mark.parametrize("name", kg.__all__)
def test_each_name_is_its_home_modules_function(name: str) -> None:
    value = getattr(kg, name)
    home = importlib.import_module(kg._HOMES[name])
    assert inspect.isfunction(value)
    assert value is getattr(home, name), "one function, reached from two places"
    assert value.__module__ == home.__name__, "defined in its home, not re-exported from elsewhere"


@pytest.mark.parametrize("name", kg.__all__)
def test_each_name_is_documented_with_an_example(name: str) -> None:
    value = getattr(kg, name)
    assert re.search(rf"^\s+{name}\(", kg.__doc__ or "", re.M), f"{name} missing from kg's docstring"
    assert ">>> " in (value.__doc__ or ""), f"{name} has no example in its docstring"
    assert name in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_package_docstring_lists_no_other_function() -> None:
    listed = re.findall(r"^    (\w+)\(", kg.__doc__ or "", re.M)
    assert sorted(listed) == kg.__all__


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'ingest_everything'"):
        _ = kg.ingest_everything
    assert not hasattr(kg, "_nothing_here")


def test_dir_shows_the_public_names() -> None:
    assert set(kg.__all__) <= set(dir(kg))


# ---------------------------------------------------------------- import cost


def test_import_kg_loads_nothing_heavy(tmp_path: Path) -> None:
    code = textwrap.dedent(f"""
        import sys
        import kg
        print(sorted(m for m in {HEAVY!r} if m in sys.modules))
        kg.open_store, kg.read_articles  # reaching a function imports its module, not spaCy
        print("spacy" in sys.modules)
    """)
    done = _run_python(code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "False"]


# ---------------------------------------------------------------- examples


@pytest.mark.slow
@pytest.mark.parametrize("name", kg.__all__)
def test_docstring_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The examples read examples/articles from a checkout, as a reader trying them would.
    monkeypatch.chdir(ROOT)
    value = getattr(kg, name)
    tests = doctest.DocTestFinder().find(value, f"kg.{name}", globs={"kg": kg})
    assert tests and any(t.examples for t in tests)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0, f"kg.{name}'s docstring example failed (output above)"


def readme_python_example() -> str:
    """The first Python block of the README's "From Python" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## From Python\n"):]
    section = section[:section.index("\n## ", 1)]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "no ```python block in the README's From Python section"
    return match.group(1)


def test_the_readme_example_uses_import_kg_alone() -> None:
    code = readme_python_example()
    imports = re.findall(r"^\s*(?:import|from)\s+\S+", code, re.M)
    assert imports == ["import kg"]


@pytest.mark.slow
def test_the_readme_example_runs_on_the_bundled_articles(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples" / "articles", tmp_path / "examples" / "articles")
    done = _run_python(readme_python_example(), cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "4 articles read, 0 skipped" in out
    assert "un responsable du Pentagone: " in out  # the first article's anonymous official
    assert "4 articles ingested; 4 in the store" in out
    # The audit finds the claim every copy of which leads back to that one official.
    assert re.search(r"^1 independent source\(s\), 6 outlets: ", out, re.M), out
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "outlets.html").is_file()
    assert (tmp_path / "out" / "kg-store").is_dir()
