"""`kg extract`: the JSON contract on stdout, one stderr line per unusable file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import rdflib
from typer.testing import CliRunner

from kg.cli import app

if TYPE_CHECKING:
    from conftest import BadInputs

pytestmark = pytest.mark.slow  # runs the extractor (spaCy loads once per process)

CONTRACT_FIELDS = {"id", "lang", "publisher", "republished_from", "translated_by", "attributions",
                   "unattributed"}
ATTRIBUTION_FIELDS = {"speaker", "anonymous", "speaker_org", "kind", "cue", "via", "quote", "start", "end"}


def test_json_follows_the_contract_in_file_order(runner: CliRunner, tmp_path: Path) -> None:
    b = tmp_path / "b.txt"
    a = tmp_path / "a.txt"
    b.write_text("« Nous parlons », a déclaré le commandant russe.\n", encoding="utf-8")
    a.write_text("Le ministre a déclaré à l’AFP que la situation était calme.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(b), str(a), "--format", "json"])
    assert result.exit_code == 0, result.output
    articles = json.loads(result.stdout)
    assert [x["id"] for x in articles] == ["b", "a"]  # the order given, not sorted
    for x in articles:
        assert x.keys() >= CONTRACT_FIELDS
        assert x["lang"] == "fr"
        for attribution in x["attributions"]:
            assert attribution.keys() >= ATTRIBUTION_FIELDS
            text = (tmp_path / f"{x['id']}.txt").read_text(encoding="utf-8")
            assert text[attribution["start"]:attribution["end"]] == attribution["quote"]


def test_json_keeps_non_ascii_as_is(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "état.txt"
    f.write_text("Texte sans citation.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f)])
    assert '"id": "état"' in result.stdout  # ensure_ascii=False, indent=2


def test_bad_files_get_one_line_each_and_the_good_ones_are_still_printed(runner: CliRunner,
                                                                        bad_inputs: BadInputs) -> None:
    result = runner.invoke(app, ["extract", *map(str, bad_inputs.bad_paths()), str(bad_inputs.good)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == len(bad_inputs.expected)
    for line, (name, words) in zip(lines, bad_inputs.expected.items(), strict=True):
        assert line.startswith("error: ") and name in line and words in line, line
    ids = [x["id"] for x in json.loads(result.stdout)]
    assert ids == ["feed-1", "zz_good"]  # the good JSONL line and the good file


def test_a_missing_file_is_one_line_too(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "absent.txt")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "absent.txt" in result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("turtle", "turtle"), ("trig", "trig")])
def test_rdf_formats_parse(runner: CliRunner, bad_inputs: BadInputs, fmt: str, rdflib_format: str) -> None:
    result = runner.invoke(app, ["extract", str(bad_inputs.good), "--format", fmt])
    assert result.exit_code == 0, result.output
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=result.stdout, format=rdflib_format)
    assert any(str(o) == "zz_good" for o in ds.objects(None, rdflib.DCTERMS.identifier))


def test_streamed_output_is_the_one_the_whole_list_gave(runner: CliRunner) -> None:
    """The CLI now prints each article as it is extracted; the bytes are those of the list built whole."""
    from kg.pipeline import extract_paths, render_extractions

    examples = Path(__file__).resolve().parents[1] / "examples" / "articles"
    result = runner.invoke(app, ["extract", str(examples), "--format", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    whole = extract_paths([examples], jobs=1)
    assert result.stdout == render_extractions(whole.extractions, "json")
    assert len(json.loads(result.stdout)) == len(whole.extractions) == 4
