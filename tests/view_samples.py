"""Graphs in the audit schema for the view tests and `bench/bench_view.py`.

`pentagon_claim` and `pentagon_outlets` are hand-made from the first two
example articles (one claim, two copy chains, one anonymous source); the
`synthetic_*` functions make seeded random graphs of any size with the same
shape (sources → channels → outlets → articles).
"""

from __future__ import annotations

import random
from collections.abc import Mapping

import networkx as nx

PENTAGON_ARTICLE = "000_fee7a79d059e0f4e"
CRADLE_ARTICLE = "001_282cfb784bc3f909"

_QUOTE_000 = "Il y a une convergence d’intérêts entre ces trois groupes, les Iraniens, les Russes et les Syriens"
_QUOTE_001 = "Il y a une confluence d’intérêts entre ces trois groupes, les Iraniens, les Russes et les Syriens."


def _span(texts: Mapping[str, str], article_id: str, words: str) -> tuple[int, int]:
    start = texts.get(article_id, "").find(words)
    return (start, start + len(words)) if start >= 0 else (-1, -1)


def pentagon_claim(texts: Mapping[str, str] | None = None) -> nx.DiGraph:
    """The "convergence of interests" claim: one anonymous official, via Al-Monitor, in two copy chains.

    With `texts` (article id → text), the statements' offsets are found in the
    texts; without, they are -1.
    """
    texts = texts or {}
    s000 = _span(texts, PENTAGON_ARTICLE, _QUOTE_000)
    s001 = _span(texts, CRADLE_ARTICLE, _QUOTE_001)
    g = nx.DiGraph(claim_id="convergence-of-interests",
                   summary="“There is a convergence of interests between the Iranians, the Russians and the Syrians”",
                   single_source=True)
    official = "a Pentagon official"
    g.add_node("official", kind="anonymous", label="un responsable du Pentagone", anonymous=True, hop=0,
               detail="An unnamed US Pentagon official who spoke on condition of anonymity "
                      "“to discuss sensitive intelligence”.")
    for key, label, hop in [("al-monitor", "Al-Monitor", 1), ("south-front", "South Front", 2),
                            ("mirastnews", "MIRASTNEWS", 3), ("the-cradle", "The Cradle", 2),
                            ("aube-digitale", "Aube Digitale", 3),
                            ("reseau-international", "Réseau International", 4)]:
        g.add_node(key, kind="outlet", label=label, anonymous=False, hop=hop, detail="")
    g.add_node("a000", kind="article", label=f"article {PENTAGON_ARTICLE[:3]}", anonymous=False, hop=4,
               article_id=PENTAGON_ARTICLE, detail="French translation by MIRASTNEWS of a South Front article.")
    g.add_node("a001", kind="article", label=f"article {CRADLE_ARTICLE[:3]}", anonymous=False, hop=5,
               article_id=CRADLE_ARTICLE, detail="Réseau International's copy of an Aube Digitale repost "
                                                 "of The Cradle.")

    def edge(u: str, v: str, relation: str, *, quote: str = "", cue: str = "", article_id: str = "",
             span: tuple[int, int] = (-1, -1)) -> None:
        g.add_edge(u, v, relation=relation, quote=quote, cue=cue, article_id=article_id,
                   start=span[0], end=span[1])

    edge("official", "al-monitor", "told", quote=_QUOTE_000, cue="a déclaré le responsable anonyme à Al-Monitor",
         article_id=PENTAGON_ARTICLE, span=s000)
    edge("al-monitor", "south-front", "cited")
    edge("south-front", "mirastnews", "translated", cue="Traduction : MIRASTNEWS / Source : South Front",
         article_id=PENTAGON_ARTICLE)
    edge("mirastnews", "a000", "published", quote=_QUOTE_000, cue=f"{official}, a déclaré … à Al-Monitor",
         article_id=PENTAGON_ARTICLE, span=s000)
    edge("al-monitor", "the-cradle", "cited", quote=_QUOTE_001, cue="Dans un rapport publié par Al-Monitor",
         article_id=CRADLE_ARTICLE, span=s001)
    edge("the-cradle", "aube-digitale", "republished", cue="source : The Cradle via Aube Digitale",
         article_id=CRADLE_ARTICLE)
    edge("aube-digitale", "reseau-international", "republished",
         cue="Lire l'article complet par Réseau International", article_id=CRADLE_ARTICLE)
    edge("reseau-international", "a001", "published", quote=_QUOTE_001,
         cue="a déclaré le fonctionnaire anonyme à l’agence", article_id=CRADLE_ARTICLE, span=s001)
    return g


def pentagon_outlets() -> nx.DiGraph:
    """The outlet network behind the four example articles, aggregated over their claims."""
    g = nx.DiGraph(summary="Who carried whose claims in the four example articles")
    nodes = [
        ("official", "anonymous", "un responsable du Pentagone", 5, 5),
        ("pentagon-leak", "document", "fuite d’un document du Pentagone", 1, 1),
        ("al-monitor", "outlet", "Al-Monitor", 5, 4),
        ("cnn", "outlet", "CNN", 1, 1),
        ("south-front", "outlet", "South Front", 4, 4),
        ("mirastnews", "outlet", "MIRASTNEWS", 4, 4),
        ("the-cradle", "outlet", "The Cradle", 5, 4),
        ("aube-digitale", "outlet", "Aube Digitale", 5, 4),
        ("reseau-international", "outlet", "Réseau International", 5, 4),
        ("al-akhbar", "outlet", "Al-Akhbar", 1, 0),
        ("sana", "outlet", "SANA", 1, 0),
        ("military-times", "outlet", "Military Times", 1, 0),
        ("us-government", "organization", "US government", 1, 0),
    ]
    for key, kind, label, claims, single in nodes:
        g.add_node(key, kind=kind, label=label, anonymous=kind == "anonymous", claims=claims,
                   single_source_claims=single, detail="")
    for u, v, relation, weight in [
        ("official", "al-monitor", "told", 4), ("official", "cnn", "told", 1),
        ("al-monitor", "south-front", "cited", 4), ("south-front", "mirastnews", "translated", 4),
        ("al-monitor", "the-cradle", "cited", 4), ("the-cradle", "aube-digitale", "republished", 5),
        ("aube-digitale", "reseau-international", "republished", 5),
        ("pentagon-leak", "the-cradle", "cited", 1), ("al-akhbar", "the-cradle", "cited", 1),
        ("sana", "the-cradle", "cited", 1), ("military-times", "the-cradle", "cited", 1),
        ("us-government", "military-times", "told", 1),
    ]:
        g.add_edge(u, v, relation=relation, weight=weight, quote="", cue="", article_id="", start=-1, end=-1)
    return g


# ------------------------------------------------------------------ synthetic graphs

_SOURCE_KINDS = ["anonymous", "person", "organization", "document"]
_WORDS = ("le", "responsable", "a", "déclaré", "que", "les", "forces", "avaient", "coordonné", "des", "plans",
          "selon", "une", "source", "proche", "du", "dossier", "citant", "un", "rapport", "publié", "par")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def synthetic_claim(n: int, *, seed: int = 1, hops: int = 5) -> tuple[nx.DiGraph, dict[str, str]]:
    """A claim graph of about `n` nodes in `hops + 1` columns, and a text for each article node.

    Roots are few, relays and outlets many, and each node hears from one or two
    nodes in the previous column, the shape real copy chains have.
    """
    rng = random.Random(seed)
    g = nx.DiGraph(claim_id=f"synthetic-{n}", summary=f"A synthetic claim with {n} nodes",
                   single_source=False)
    texts: dict[str, str] = {}
    roots = max(1, n // 40)
    per_hop = max(1, (n - roots) // hops)
    columns: list[list[str]] = []
    count = 0
    for hop in range(hops + 1):
        size = roots if hop == 0 else (per_hop if hop < hops else n - count)
        column = []
        for _ in range(max(size, 1)):
            key = f"v{count}"
            count += 1
            if hop == 0:
                kind = rng.choice(_SOURCE_KINDS)
            elif hop == hops:
                kind = "article"
            else:
                kind = "outlet" if rng.random() < 0.8 else "audience"
            attrs = {"kind": kind, "label": f"{kind} {count}", "anonymous": kind == "anonymous", "hop": hop,
                     "detail": _sentence(rng, 12)}
            if kind == "article":
                article_id = f"art{count:05d}"
                attrs["article_id"] = article_id
                texts[article_id] = "\n\n".join(_sentence(rng, 25) for _ in range(8))
            g.add_node(key, **attrs)
            column.append(key)
        if columns:
            for key in column:
                for parent in rng.sample(columns[-1], k=min(len(columns[-1]), rng.choice([1, 1, 2]))):
                    relation = ("published" if hop == hops else
                                "told" if hop == 1 else rng.choice(["cited", "republished", "translated"]))
                    article_id = g.nodes[key].get("article_id", "")
                    start, end = (10, 60) if article_id else (-1, -1)
                    g.add_edge(parent, key, relation=relation, quote=_sentence(rng, 10), cue="a déclaré",
                               article_id=article_id, start=start, end=end)
        columns.append(column)
    return g, texts


def synthetic_outlets(n: int, *, seed: int = 1) -> nx.DiGraph:
    """An outlet network of `n` nodes: preferential attachment, so a few outlets are cited by many."""
    rng = random.Random(seed)
    g = nx.DiGraph(summary=f"A synthetic outlet network with {n} nodes")
    targets: list[str] = []
    for i in range(n):
        key = f"o{i}"
        kind = "anonymous" if i % 50 == 0 else "outlet"
        g.add_node(key, kind=kind, label=f"{kind} {i}", anonymous=kind == "anonymous",
                   claims=rng.randint(1, 20), single_source_claims=rng.choice([0, 0, 0, 1]), detail="")
        if targets:
            for parent in dict.fromkeys(rng.choice(targets) for _ in range(rng.choice([1, 1, 2]))):
                relation = rng.choice(["cited", "cited", "republished", "translated", "reported"])
                g.add_edge(parent, key, relation=relation, weight=rng.randint(1, 6), quote="", cue="",
                           article_id="", start=-1, end=-1)
                targets.append(parent)
        targets.append(key)
    return g


# ------------------------------------------------------------------ hostile input

# Each payload sets `window.__pwned` (or opens a dialog) if a view ever lets it run.
HOSTILE_PAYLOADS: tuple[str, ...] = (
    "<script>window.__pwned=1;alert(1)</script>",
    "<img src=x onerror=\"window.__pwned=1;alert(1)\">",
    "</script><script>window.__pwned=1</script><!--",
    "\"><svg onload=window.__pwned=1>",
    "' onmouseover='window.__pwned=1' x='",
    "javascript:window.__pwned=1",
    "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "{{ 7*7 }}{% raw %}\u2028\u2029&amp;&lt;",
)


def hostile_claim() -> tuple[nx.DiGraph, dict[str, str]]:
    """A claim whose every text field, article id and article text carries a script-injection payload.

    Returns the graph and the article texts, with offsets pointing at the payloads.
    """
    p = HOSTILE_PAYLOADS
    article_id = "evil\"<id>&" + p[0]
    text = "Intro. " + " ".join(p) + " Outro «" + p[1] + "»."
    start = text.index(p[1])
    g = nx.DiGraph(claim_id="claim-" + p[2], summary="Summary " + p[0] + p[3], single_source=True)
    g.add_node("root", kind="anonymous", label=p[0], anonymous=True, hop=0, detail=p[1] + p[4])
    g.add_node(p[3], kind="outlet", label=p[2], anonymous=False, hop=1, detail=p[6])
    g.add_node("art", kind="article", label=p[5], anonymous=False, hop=2, article_id=article_id,
               detail=p[7])
    g.add_edge("root", p[3], relation="told", quote=p[1], cue=p[4], article_id=article_id,
               start=start, end=start + len(p[1]))
    g.add_edge(p[3], "art", relation="published", quote=p[2] + p[6], cue=p[3], article_id=article_id,
               start=0, end=len(text))
    return g, {article_id: text}


def hostile_outlets() -> nx.DiGraph:
    """An outlet network with payloads in labels and details, and one copy chain to collapse."""
    p = HOSTILE_PAYLOADS
    g = nx.DiGraph(summary=p[0])
    for i, payload in enumerate(p):
        g.add_node(f"o{i}", kind="outlet", label=payload, anonymous=False, claims=i + 1, detail=p[-1 - i],
                   single_source_claims=i % 2)
    for i in range(len(p) - 1):
        g.add_edge(f"o{i}", f"o{i + 1}", relation="republished" if i < 2 else "cited", weight=i + 1,
                   quote=p[i], cue=p[-1 - i], article_id="", start=-1, end=-1)
    return g
