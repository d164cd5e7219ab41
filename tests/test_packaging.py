"""What an installed kg carries beside its code: py.typed, and the ontology validate() reads.

`ontology/` is the published ontology and its only copy; pyproject.toml maps
it into the package as `kg.ontology`, so a wheel validates as a checkout does.
(Checked by hand as well: `pip wheel . --no-deps` lists kg/py.typed,
kg/ontology/claimprov.ttl and kg/ontology/shapes.ttl.)
"""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from kg.rdf.namespaces import CP, ID
from kg.rdf.validate import ONTOLOGY_PACKAGE, validate

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_the_package_is_marked_typed() -> None:
    assert (files("kg") / "py.typed").is_file()
    assert "py.typed" in SETUPTOOLS["package-data"]["kg"]


def test_every_package_under_kg_is_listed_for_the_wheel() -> None:
    # The list is written out (kg.ontology lives outside kg/); a new subpackage must join it.
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert set(SETUPTOOLS["packages"]) == found | {ONTOLOGY_PACKAGE}


def test_the_ontology_package_is_the_ontology_folder() -> None:
    assert SETUPTOOLS["package-dir"] == {ONTOLOGY_PACKAGE: "ontology"}
    assert SETUPTOOLS["package-data"][ONTOLOGY_PACKAGE] == ["*.ttl"]


@pytest.mark.parametrize("name", ["claimprov.ttl", "shapes.ttl"])
def test_importlib_resources_finds_the_published_files(name: str) -> None:
    packaged = files(ONTOLOGY_PACKAGE) / name
    assert packaged.is_file()
    assert packaged.read_bytes() == (ROOT / "ontology" / name).read_bytes()


def test_validate_reads_the_packaged_shapes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # From anywhere, as an installed kg runs: nothing is read relative to the checkout.
    monkeypatch.chdir(tmp_path)
    assert validate(Graph()).conforms
    bare = Graph()
    bare.add((ID["article/x/attribution/1"], RDF.type, CP.Attribution))
    report = validate(bare)
    assert not report.conforms
    assert any("an attribution needs exactly one statement" in line for line in report.results), report.text
