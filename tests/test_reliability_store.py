"""An article's graph is never half written: `kill -9` in the middle of `replace_graph` leaves the
old graph or the new one (or, for a big graph being replaced, none), never part of one.

For real: a writer subprocess on an on-disk store, killed once it has started writing, then
the store reopened and the graph counted.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.store import open_store
from kg.store import oxigraph as oxstore

pytestmark = pytest.mark.slow

GRAPH = "https://example.org/graph/big"
TRIPLES = 30_000


def _triples(n: int, tag: str) -> list[tuple[URIRef, URIRef, Literal]]:
    return [(URIRef(f"https://example.org/s/{i}"), URIRef("https://example.org/p"), Literal(f"{tag} {i}"))
            for i in range(n)]


_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from rdflib import Literal, URIRef
    from kg.store import open_store
    from kg.store import oxigraph
    oxigraph.REPLACE_IN_ONE_UPDATE = int(sys.argv[3])
    triples = ((URIRef(f"https://example.org/s/{i}"), URIRef("https://example.org/p"), Literal(f"new {i}"))
               for i in range(int(sys.argv[2])))
    store = open_store(Path(sys.argv[1]))
    print("writing", flush=True)
    store.replace_graph("GRAPH_IRI", triples, "new")
    store.close()
    print("done", flush=True)
""").replace("GRAPH_IRI", GRAPH)


def _count(folder: Path, tag: str) -> int:
    store = oxstore.OxigraphStore.open_read_only(folder)
    try:
        quads = store.pyoxigraph.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH))
        return sum(1 for q in quads if q.object.value.startswith(tag + " "))
    finally:
        store.close()


# One update: a threshold above the article's size, so the replacement is one update whatever
# the default; drop-then-add: a threshold of 0.
@pytest.mark.parametrize("one_update", [TRIPLES + 1, 0], ids=["one-update", "drop-then-add"])
@pytest.mark.parametrize("delay", [0.0, 0.5, 2.0])
def test_kill_during_replace_graph_leaves_a_whole_graph_or_none(tmp_path: Path, one_update: int, delay: float) -> None:
    folder = tmp_path / "store"
    with open_store(folder) as store:
        store.replace_graph(GRAPH, _triples(TRIPLES, "old"), "old")
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(folder), str(TRIPLES), str(one_update)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(30)
    old, new = _count(folder, "old"), _count(folder, "new")
    assert (old, new) in {(TRIPLES, 0), (0, TRIPLES)} or (one_update == 0 and (old, new) == (0, 0))


def test_a_big_graph_is_replaced_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxstore, "REPLACE_IN_ONE_UPDATE", 10)
    with open_store(tmp_path / "store") as store:
        assert store.replace_graph(GRAPH, _triples(100, "old"), "old") == "added"
        assert store.replace_graph(GRAPH, _triples(50, "new"), "new") == "replaced"
        assert store.article_digest(GRAPH) is None  # no article node in these triples: no digest either
    assert (_count(tmp_path / "store", "old"), _count(tmp_path / "store", "new")) == (0, 50)


def test_repeated_triples_are_written_once(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        store.replace_graph(GRAPH, _triples(10, "x") * 3, "d")
        assert len(store) == 10
