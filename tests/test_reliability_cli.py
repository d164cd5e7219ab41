"""The command line under failure: limits, skipped inputs, and what the user is told."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.cli import app

GOOD = "Le ministre a déclaré que la situation était sous contrôle, selon l'AFP."


def test_max_article_size_is_an_option_and_the_message_names_it(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "gros.txt").write_text(GOOD * 3, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "gros.txt"), "--max-article-size", "100"])
    assert result.exit_code == 1
    assert "article too large (" in result.stderr and "raise it with --max-article-size" in result.stderr
    result = runner.invoke(app, ["ingest", str(tmp_path / "gros.txt"), "--max-article-size", "100",
                                 "--store", str(tmp_path / "st")])
    assert result.exit_code == 1 and "skipped: " in result.stdout and "--max-article-size" in result.stdout
    for command in ("ingest", "extract"):
        assert "--max-article-size" in runner.invoke(app, [command, "--help"]).stdout


# --- 7. read-only commands leave the store folder as they found it -------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "LOCK"}


@pytest.mark.slow
def test_read_only_commands_leave_the_store_folder_unchanged(runner: CliRunner, store_dir: Path) -> None:
    store = ["--store", str(store_dir)]
    assert runner.invoke(app, ["audit", *store]).exit_code == 0  # links and caches: writes, once
    before = _snapshot(store_dir)
    for command in (["stats"], ["stats", "--format", "json"], ["query", "ASK { ?s ?p ?o }"],
                    ["query", "--name", "anonymous_statements"], ["export", "--format", "nquads"], ["audit"]):
        result = runner.invoke(app, [*command, *store])
        assert result.exit_code == 0, (command, result.output)
    after = _snapshot(store_dir)
    assert not [n for n in set(after) - set(before) if n.startswith("LOG.old")]
    assert after == before


def test_stats_opens_the_store_read_only(runner: CliRunner, store_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store.oxigraph as oxi

    monkeypatch.setattr(oxi.OxigraphStore, "__init__", lambda *a, **k: pytest.fail("opened for writing"))
    assert runner.invoke(app, ["stats", "--store", str(store_dir)]).exit_code == 0


# --- 10. SERVICE is refused unless allowed ----------------------------------------------

SERVICE_QUERY = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


def test_query_refuses_service(runner: CliRunner, store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store.oxigraph as oxi

    monkeypatch.setattr(oxi.OxigraphStore, "query", lambda *a, **k: pytest.fail("the query was run"))
    for text in (SERVICE_QUERY, "select * { service   <urn:x> { ?s ?p ?o } }"):
        result = runner.invoke(app, ["query", text, "--store", str(store_dir)])
        assert result.exit_code == 1
        assert result.stderr == ("error: the query uses SERVICE, which would make kg send requests to other "
                                 "hosts; add --allow-service to allow it\n")


def test_service_in_a_string_or_comment_is_not_refused(runner: CliRunner, store_dir: Path) -> None:
    text = 'SELECT ?s WHERE { ?s ?p "SERVICE" } # SERVICE <http://x>'
    assert runner.invoke(app, ["query", text, "--store", str(store_dir)]).exit_code == 0


def test_allow_service_lets_it_through(runner: CliRunner, store_dir: Path) -> None:
    result = runner.invoke(app, ["query", SERVICE_QUERY, "--allow-service", "--store", str(store_dir)])
    # Port 9 answers nothing: the query ran and failed on the network, not on the refusal.
    assert "--allow-service" not in result.stderr


# --- 5. a full disk: the OS's words, and the summary ---------------------------------------


class _FullDisk:
    """A pyoxigraph store on a disk that has just filled up: every write and flush fails."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def update(self, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "IO error: No space left on device: While appending to file: 000008.log")

    extend = add = update

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "IO error: No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __len__(self) -> int:
        return len(self._real)


@pytest.mark.slow
def test_disk_full_shows_the_os_message_and_the_summary(runner: CliRunner, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import pyoxigraph as ox

    import kg.store.oxigraph as oxi

    real = ox.Store

    class Store:
        def __new__(cls, *args: object) -> Any:
            return _FullDisk(real(*args))

    monkeypatch.setattr(oxi.ox, "Store", Store)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD + " Encore.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                                 "--store", str(tmp_path / "st")])
    assert result.exit_code == 1
    assert "articles not ingested (run stopped)" in result.stdout and "│ 2 │" in result.stdout
    assert "No space left on device" in result.stderr and "unexpected" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.startswith("error:")]) == 1


def test_close_reports_a_failing_flush_as_a_store_error(tmp_path: Path) -> None:
    from kg.errors import StoreError
    from kg.store import open_store

    st = open_store(tmp_path / "st")
    st._store = _FullDisk(st._store)  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match=r"cannot write store .*No space left on device"):
        st.close()
    assert st._store is None  # type: ignore[attr-defined]  # the lock is released all the same


# --- 6. a worker that dies ends the run with a message and the summary ----------------------


@pytest.mark.slow
def test_a_crashed_worker_ends_the_run_with_a_message_and_the_summary(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from kg.extract import extractor as xp

    real = xp._batch

    def batch(articles: list[Any]) -> Any:
        if any(a.id == "boom" for a in articles):
            os._exit(9)  # what the kernel's OOM killer leaves behind
        return real(articles)

    monkeypatch.setattr(xp, "_batch", batch)
    for name in ("boom", "ok"):
        (tmp_path / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    args = [str(tmp_path / "boom.txt"), str(tmp_path / "ok.txt"), "--jobs", "2"]
    result = runner.invoke(app, ["ingest", *args, "--store", str(tmp_path / "st")])
    assert result.exit_code == 1
    assert "articles not ingested (run stopped)" in result.stdout
    assert "error: an extraction worker process died (killed, or out of memory)" in result.stderr
    assert "unexpected" not in result.stderr
    result = runner.invoke(app, ["extract", *args])
    assert result.exit_code == 1 and "error: an extraction worker process died" in result.stderr
