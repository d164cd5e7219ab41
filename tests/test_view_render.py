"""kg.view on the string: self-contained pages, escaped text, layout, marks, the index, write().

What a browser does with these pages is in test_view_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import InputError, UnknownNameError
from kg.view import assets, positions, render_article, render_claim, render_index, render_outlets, write, write_site
from kg.view.marks import SpanNote, mark_text
from kg.view.style import ALERT
from view_samples import (
    CRADLE_ARTICLE,
    HOSTILE_PAYLOADS,
    PENTAGON_ARTICLE,
    hostile_claim,
    hostile_outlets,
    pentagon_claim,
    pentagon_outlets,
    synthetic_claim,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {a: (EXAMPLES / f"{a}.txt").read_text("utf-8") for a in (PENTAGON_ARTICLE, CRADLE_ARTICLE)}


AUDIT_ROWS = [
    {"id": "convergence-of-interests", "summary": "There is a convergence of interests",
     "articles": [PENTAGON_ARTICLE, CRADLE_ARTICLE], "outlets": ["Al-Monitor", "The Cradle"],
     "root_sources": [{"speaker": "un responsable du Pentagone", "anonymous": True,
                       "first_reported_by": "Al-Monitor"}],
     "independent_sources": 1, "single_source": True},
    {"id": "deir-ez-zor", "summary": "Wagner took part in the Deir ez-Zor assault",
     "articles": ["002", "003"], "outlets": ["Military Times"], "root_sources": [],
     "independent_sources": 2, "single_source": False},
]


def all_pages(texts: dict[str, str]) -> dict[str, str]:
    claim = pentagon_claim(texts)
    return {
        "claim": render_claim(claim, articles=texts),
        "outlets": render_outlets(pentagon_outlets()),
        "article": render_article(claim, PENTAGON_ARTICLE, texts[PENTAGON_ARTICLE]),
        "index": render_index(AUDIT_ROWS, {"convergence-of-interests": "claim.html"}, "outlets.html"),
    }


class Page(HTMLParser):
    """What a browser's parser would build: the elements, their attributes and each script's text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._text = dict(attrs), []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def data(self) -> dict:
        [(_, text)] = [(a, t) for a, t in self.scripts if a.get("type") == "application/json"]
        return json.loads(text)


# ------------------------------------------------------------------ self-contained


@pytest.mark.parametrize("view", ["claim", "outlets", "article", "index"])
def test_pages_load_nothing_from_the_network(texts: dict[str, str], view: str) -> None:
    html = all_pages(texts)[view]
    for needle in ('src="http', "src='http", 'href="http', "href='http", "//cdn", "<link"):
        assert needle not in html.lower()
    page = Page(html)
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or not re.match(r"[a-z][a-z0-9+.-]*:|//", value), (tag, name, value)


@pytest.mark.parametrize("view", ["claim", "outlets", "article"])
def test_graph_pages_inline_vis_network_from_pyvis(texts: dict[str, str], view: str) -> None:
    page = Page(all_pages(texts)[view])
    executable = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    assert executable == [assets.vis_js(), assets.app_js("view.js")]
    assert "vis-network" in assets.vis_js()[:200]


@pytest.mark.parametrize("view", ["claim", "outlets", "article", "index"])
def test_policy_allows_exactly_the_pages_own_scripts(texts: dict[str, str], view: str) -> None:
    page = Page(all_pages(texts)[view])
    [policy] = [a["content"] for t, a in page.tags
                if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert policy is not None
    allowed = set(re.findall(r"'sha256-[^']+'", policy))
    scripts = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    assert allowed == {assets.csp_hash(s) for s in scripts}
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_rendering_is_deterministic(texts: dict[str, str]) -> None:
    assert all_pages(texts) == all_pages(texts)


# ------------------------------------------------------------------ hostile text


def test_script_json_cannot_close_its_element() -> None:
    value = {"a": "</script><script>x()</script>", "b": "<!-- & \u2028 \u2029 '\"", "<k>": [1, None]}
    out = assets.script_json(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in out
    assert json.loads(out) == value


@pytest.mark.parametrize("view", ["claim", "article", "outlets"])
def test_hostile_text_reaches_the_page_only_as_data(view: str) -> None:
    graph, texts = hostile_claim()
    [article_id] = texts
    html = {"claim": lambda: render_claim(graph, articles=texts),
            "article": lambda: render_article(graph, article_id, texts[article_id]),
            "outlets": lambda: render_outlets(hostile_outlets())}[view]()
    page = Page(html)
    # The parser sees only the elements the template wrote: no injected tag, handler or URL.
    assert not {t for t, _ in page.tags} & {"img", "iframe", "object", "embed", "base", "form"}
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for value in attrs.values():
            assert "javascript:" not in (value or "").replace(" ", "").lower() or tag == "mark", (tag, attrs)
    assert sum(1 for t, _ in page.tags if t == "script") == 3
    assert sum(1 for t, _ in page.tags if t == "svg") == sum(1 for t, _ in page.tags if t == "line")
    # ... and the data survives intact, so a tooltip shows the text as written.
    data = json.dumps(page.data(), ensure_ascii=False)
    for payload in HOSTILE_PAYLOADS[:4]:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in data


def test_hostile_article_text_is_escaped_inside_marks() -> None:
    graph, texts = hostile_claim()
    html = render_claim(graph, articles=texts)
    page = Page(html)
    marks = [a for t, a in page.tags if t == "mark"]
    assert marks, "the statement spans should be marked"
    assert all(set(a) == {"id", "title"} for a in marks)  # the cue's quote characters did not break out
    assert HOSTILE_PAYLOADS[4] in marks[0]["title"]
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in html


def test_labels_are_not_html_escaped_for_the_canvas() -> None:
    # vis-network draws labels on a canvas: escaping them would print "&lt;" on screen.
    graph, texts = hostile_claim()
    data = Page(render_claim(graph, articles=texts)).data()
    labels = {n["label"] for n in data["nodes"]}
    assert any(label.startswith(HOSTILE_PAYLOADS[0]) for label in labels)
    assert not any("&lt;" in label for label in labels)
    assert all("title" not in n for n in data["nodes"] + data["edges"])  # no vis tooltips, ours only


# ------------------------------------------------------------------ the claim view


def test_claim_view_lays_the_chain_out_left_to_right(texts: dict[str, str]) -> None:
    graph = pentagon_claim(texts)
    data = Page(render_claim(graph, articles=texts)).data()
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    assert data["physics"] is False and data["options"]["physics"] == {"enabled": False}
    by_label = {n["label"].split("\n")[0]: n for n in data["nodes"]}
    x = {label: n["x"] for label, n in by_label.items()}
    assert x["un responsable du Pentagone"] < x["Al-Monitor"] < x["South Front"] < x["MIRASTNEWS"]
    assert x["Al-Monitor"] < x["The Cradle"] < x["Aube Digitale"] < x["Réseau International"]
    # every edge points rightwards, and the two articles share the last column
    ids = {n["id"]: n for n in data["nodes"]}
    assert all(ids[e["from"]]["x"] < ids[e["to"]]["x"] for e in data["edges"])
    assert x["article 000"] == x["article 001"] == max(x.values())
    captions = [c["label"] for c in data["columns"]]
    assert captions[0] == "Source" and captions[-1] == "Articles"


def test_claim_view_flags_single_and_anonymous_sources(texts: dict[str, str]) -> None:
    html = render_claim(pentagon_claim(texts), articles=texts)
    assert "Single source: every copy of this claim leads back to one anonymous source" in html
    root = next(n for n in Page(html).data()["nodes"] if n["label"].startswith("un responsable"))
    assert root["label"].endswith("(anonymous)")
    assert root["borderWidth"] > 3 and root["shapeProperties"]["borderDashes"]
    assert root["color"]["border"] == ALERT


def test_claim_view_marks_each_articles_statement(texts: dict[str, str]) -> None:
    graph = pentagon_claim(texts)
    html = render_claim(graph, articles=texts)
    page = Page(html)
    data = page.data()
    for article_id in (PENTAGON_ARTICLE, CRADLE_ARTICLE):
        node = next(n for n in data["nodes"] if n["info"]["rows"][-1] == ["Article", article_id])
        assert node["article"] is not None
        assert f'id="kg-article-{node["article"]}"' in html
    published = [e for e in data["edges"] if e["label"] == "published"]
    assert all(e["mark"] for e in published)
    edge = graph.edges["reseau-international", "a001"]
    start, end = edge["start"], edge["end"]
    marked = re.search(rf'<mark id="kg-m\d+-{start}-{end}"[^>]*>([^<]*)</mark>', html)
    assert marked and marked.group(1) == texts[CRADLE_ARTICLE][start:end]


def test_claim_view_without_texts_says_so(texts: dict[str, str]) -> None:
    html = render_claim(pentagon_claim(texts))
    assert html.count("The text of this article is not in this file.") == 2
    assert "<mark" not in html


def test_article_view_opens_on_the_text(texts: dict[str, str]) -> None:
    html = render_article(pentagon_claim(texts), PENTAGON_ARTICLE, texts[PENTAGON_ARTICLE])
    data = Page(html).data()
    assert data["openArticle"] == 0 and data["mode"] == "article"
    assert re.search(r'<aside id="kg-panel" class="kg-panel" aria-live', html)  # not hidden
    assert '<section class="kg-article" id="kg-article-0">' in html
    assert "1 marked statement." in html


def test_big_claims_fold_tall_columns_and_drop_curves() -> None:
    graph, texts = synthetic_claim(2000)
    data = Page(render_claim(graph, articles=texts)).data()
    assert len(data["nodes"]) == 2000
    assert data["options"]["edges"]["smooth"] is False
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    xs = {n["x"] for n in data["nodes"]}
    ys = {n["y"] for n in data["nodes"]}
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.8 < width / height < 3.5  # folded to roughly screen-shaped, not a 30,000 px column


# ------------------------------------------------------------------ layout


def test_hops_are_computed_when_missing_even_with_a_cycle() -> None:
    g = nx.DiGraph()
    g.add_edges_from([("src", "a"), ("a", "b"), ("b", "a"), ("b", "art"), ("src", "art")])
    hop = positions.hops(g)
    assert hop["src"] == 0 and hop["a"] == hop["b"] == 1 and hop["art"] == 2


@pytest.mark.parametrize("bad", [-1, 1.5, "2", True])
def test_a_bad_hop_is_refused(bad: object) -> None:
    g = nx.DiGraph()
    g.add_node("x", hop=bad)
    with pytest.raises(InputError, match="hop"):
        positions.hops(g)


def test_barycentre_ordering_uncrosses_edges() -> None:
    g = nx.DiGraph()
    g.add_edges_from([("a", "y"), ("b", "x")])  # graph order would cross a→y and b→x
    pos = positions.layered_positions(g, {"a": 0, "b": 0, "x": 1, "y": 1})
    assert (pos["a"][1] < pos["b"][1]) == (pos["y"][1] < pos["x"][1])


def test_network_positions_are_seeded_and_bounded() -> None:
    g = pentagon_outlets()
    assert positions.network_positions(g) == positions.network_positions(g)
    big = nx.path_graph(400)
    pos = positions.network_positions(big)
    assert pos is not None and len(pos) == len(big)
    assert len(set(pos.values())) == len(big)


_RENDER_OUTLETS = """
import sys
sys.path.insert(0, sys.argv[1])
from kg.view import render_outlets
from view_samples import pentagon_outlets, synthetic_outlets
sys.stdout.write(render_outlets(pentagon_outlets()))
sys.stdout.write(render_outlets(synthetic_outlets(120)))
"""


def test_outlet_pages_do_not_depend_on_the_hash_seed() -> None:
    # Within one process every run hashes strings alike, so only fresh processes with different
    # PYTHONHASHSEEDs show a layout that follows the order of a set or of a hash-ordered view.
    pages = []
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-c", _RENDER_OUTLETS, str(Path(__file__).parent)],
                             env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                             encoding="utf-8", check=True, timeout=120)
        pages.append(run.stdout)
    assert '"x":' in pages[0]  # laid out in Python, so the positions are in the page
    assert pages[1] == pages[0] and pages[2] == pages[0]


# ------------------------------------------------------------------ the outlet view


def test_outlet_view_sizes_weights_and_copy_chains() -> None:
    graph = pentagon_outlets()
    data = Page(render_outlets(graph)).data()
    assert len(data["nodes"]) == graph.number_of_nodes() and len(data["edges"]) == graph.number_of_edges()
    by_label = {n["label"]: n for n in data["nodes"]}
    assert by_label["Al-Monitor"]["value"] == 5 and by_label["CNN"]["value"] == 1
    assert max(e["value"] for e in data["edges"]) == 5
    chains = {c["label"]: c for c in data["clusters"]}
    assert set(chains) == {"South Front + 1 copy", "The Cradle + 2 copies"}
    cradle = chains["The Cradle + 2 copies"]["id"]
    assert {n["label"] for n in data["nodes"] if n.get("cluster") == cradle} == {
        "The Cradle", "Aube Digitale", "Réseau International"}
    assert by_label["Al-Monitor"]["single"] is True and by_label["Al-Akhbar"]["single"] is False
    assert by_label["Al-Monitor"]["color"]["border"] == ALERT and by_label["Al-Monitor"]["borderWidth"] == 3
    assert "color" not in by_label["Al-Akhbar"]  # the group's colours apply
    assert data["physics"] is False and all("x" in n for n in data["nodes"])


def test_outlet_view_lets_the_browser_lay_out_huge_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(positions, "FORCE_LIMIT", 5)
    data = Page(render_outlets(pentagon_outlets())).data()
    assert data["physics"] is True and data["options"]["physics"]["stabilization"]["enabled"] is True
    assert not any("x" in n for n in data["nodes"])


# ------------------------------------------------------------------ bad graphs


@pytest.mark.parametrize(("make", "message"), [
    (lambda g: g.add_node("x", kind="blogger"), "unknown node kind 'blogger'; known: anonymous, article"),
    (lambda g: g.add_node("x"), "has no 'kind'"),
    (lambda g: g.add_edge("a", "b", relation="liked"), "unknown edge relation 'liked'; known: cited"),
    (lambda g: g.add_edge("a", "b", relation="told", start="3"), "start must be an int"),
])
def test_bad_graphs_are_refused_naming_the_valid_values(make, message: str) -> None:
    g = nx.DiGraph()
    g.add_node("a", kind="person")
    g.add_node("b", kind="outlet")
    make(g)
    with pytest.raises(InputError, match=re.escape(message)):
        render_claim(g)


def test_unknown_kind_is_an_unknown_name_error() -> None:
    g = nx.DiGraph()
    g.add_node("x", kind="blogger")
    with pytest.raises(UnknownNameError):
        render_outlets(g)


def test_an_empty_graph_still_renders() -> None:
    data = Page(render_claim(nx.DiGraph())).data()
    assert data["nodes"] == [] and data["edges"] == []


# ------------------------------------------------------------------ marks


@pytest.mark.parametrize(("spans", "expected", "skipped"), [
    ([(0, 2)], '<mark id="m-0-2" title="">ab</mark>c&lt;d&gt;e', ()),
    ([(1, 3), (2, 4)], 'a<mark id="m-1-4" title="">bc&lt;</mark>d&gt;e', ()),  # overlaps merge
    ([(3, 4), (0, 1)], '<mark id="m-0-1" title="">a</mark>bc<mark id="m-3-4" title="">&lt;</mark>d&gt;e', ()),
    ([(4, 99), (-1, 2), (2, 2)], "abc&lt;d&gt;e", ((-1, 2), (2, 2), (4, 99))),  # out of range or empty
])
def test_mark_text(spans: list[tuple[int, int]], expected: str, skipped: tuple) -> None:
    marked = mark_text("abc<d>e", [SpanNote(s, e) for s, e in spans], id_prefix="m")
    assert str(marked.html) == expected
    assert marked.skipped == skipped


def test_mark_notes_are_attribute_escaped() -> None:
    marked = mark_text("word", [SpanNote(0, 4, '" onclick="x()')], id_prefix="m")
    assert str(marked.html) == '<mark id="m-0-4" title="&#34; onclick=&#34;x()">word</mark>'


# ------------------------------------------------------------------ the index


def test_index_links_each_claim_and_embeds_the_outlet_network() -> None:
    html = render_index(AUDIT_ROWS, {"convergence-of-interests": "claims/convergence.html"}, "outlets.html")
    page = Page(html)
    links = [a["href"] for t, a in page.tags if t == "a"]
    assert "claims/convergence.html" in links and "outlets.html" in links
    assert [a["src"] for t, a in page.tags if t == "iframe"] == ["outlets.html"]
    assert html.count('class="kg-single"') == 1
    assert "un responsable du Pentagone (anonymous), first reported by Al-Monitor" in html
    assert "1 of 2 claims leads back to a single source." in html


def test_index_without_outlet_page_or_link_for_a_claim() -> None:
    html = render_index(AUDIT_ROWS, {}, "")
    assert "<iframe" not in html and "<a href" not in html


@pytest.mark.parametrize("href", ["javascript:alert(1)", "http://example.org/x.html", "//cdn.example/x",
                                  "/etc/passwd", "", "  ", "data:text/html,<script>alert(1)</script>"])
def test_index_refuses_links_that_leave_the_folder(href: str) -> None:
    with pytest.raises(InputError, match="relative path"):
        render_index(AUDIT_ROWS, {"convergence-of-interests": href}, "outlets.html")
    with pytest.raises(InputError, match="relative path"):
        render_index(AUDIT_ROWS, {}, href or "javascript:x")


def test_index_escapes_hostile_rows() -> None:
    rows = [{"id": p, "summary": p, "root_sources": [{"speaker": p}], "extra": {"k": p}}
            for p in HOSTILE_PAYLOADS]
    page = Page(render_index(rows, {HOSTILE_PAYLOADS[0]: "claim.html"}, "outlets.html"))
    assert not {t for t, _ in page.tags} & {"img", "iframe", "svg"} - {"iframe"}
    assert [a["src"] for t, a in page.tags if t == "iframe"] == ["outlets.html"]
    assert sum(1 for t, _ in page.tags if t == "script") == 1
    assert not any(n.startswith("on") for _, a in page.tags for n in a)


# ------------------------------------------------------------------ write


def test_write_creates_folders_and_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "page.html"
    assert write("<p>é</p>", target) == target
    write("<p>second</p>", target)
    assert target.read_text("utf-8") == "<p>second</p>"
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.html"]  # no temp file left


# ------------------------------------------------------------------ small contracts


def test_importing_kg_view_loads_neither_pyvis_nor_numpy() -> None:
    import subprocess
    import sys

    code = "import sys, kg.view; print(sorted(m for m in ('pyvis', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_only_texts_of_drawn_articles_are_embedded(texts: dict[str, str]) -> None:
    graph = pentagon_claim(texts)
    graph.remove_node("a001")
    html = render_claim(graph, articles=texts | {"unrelated": "SECRET unrelated text"})
    assert "SECRET" not in html and "Réseau International continue" not in html
    assert "Le groupe militaire russe en Syrie" in html


def test_article_view_of_an_article_absent_from_the_graph(texts: dict[str, str]) -> None:
    html = render_article(nx.DiGraph(), "lonely", "Just « some » text.")
    assert "Just « some » text." in html and "0 marked statements." in html
    with pytest.raises(InputError, match="text must be a str"):
        render_article(nx.DiGraph(), "lonely", None)  # type: ignore[arg-type]


def test_write_site_links_every_page_relatively(tmp_path: Path, texts: dict[str, str]) -> None:
    evil = "../../x?#%/ é"
    claims = {"convergence-of-interests": pentagon_claim(texts), evil: pentagon_claim(texts),
              "Convergence-Of-Interests": pentagon_claim(texts)}
    rows = [*AUDIT_ROWS, {"id": evil, "summary": "evil"}, {"id": "Convergence-Of-Interests", "summary": "case"}]
    index = write_site(tmp_path / "site", rows, claims, pentagon_outlets(), articles=texts)
    assert index == tmp_path / "site" / "index.html"
    hrefs = [a["href"] for t, a in Page(index.read_text("utf-8")).tags if t == "a"]
    assert len(hrefs) == 4 and len(set(hrefs)) == 4  # three claims and the outlets page
    for href in hrefs:
        assert re.fullmatch(r"(claims/)?[A-Za-z0-9_-]+\.html", href), href
        assert (index.parent / href).is_file()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["claims", "index.html", "outlets.html"]


def test_nodes_without_edges_are_set_apart_below_the_network() -> None:
    g = pentagon_outlets()
    g.add_node("lonely", kind="outlet", label="Lonely Gazette", claims=1)
    pos = positions.network_positions(g)
    assert pos is not None
    linked = [p for v, p in pos.items() if v != "lonely"]
    assert pos["lonely"][1] > max(y for _, y in linked)
    assert min(x for x, _ in linked) < pos["lonely"][0] < max(x for x, _ in linked)
