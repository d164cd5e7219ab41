"""Claim linking: the same content across articles, outlets and languages.

One module per step:

- `kg.text.fold_words` folds typography, accents and case away (one fold for the linker and IRIs)
- `shingles`    character 4-grams, hashed (numpy, deterministic)
- `minhash`     MinHash signatures and LSH banding: near-copies, sub-quadratic
- `embed`       multilingual sentence embeddings (USE v3, numpy), loaded lazily
- `simhash`     random-hyperplane LSH over embeddings: translations, paraphrases
- `buckets`     LSH buckets → candidate pairs, bounded
- `search`      both searches pooled
- `similarity`  measure a pair: Jaccard, containment, cosine
- `conflicts`   vetoes: different figures, first-person words of two people
- `verbatim`    a run of words shared verbatim: one quote cut differently
- `verify`      decide a pair, with thresholds tuned on tests/data/link_pairs.yaml
                (by bench/tune_link.py with tests/link_tuning.py)
- `group`       union-find → claims with stable ids and a summary
- `linker`      the steps in order over `Statement` records
- `reuse`       text reuse between two articles' sentences
- `copies`      uncredited copies between articles sharing claims: text reuse, translation
- `storage`     statements from the store, claims and copies back into it

`link_store(store)` is what `kg link` runs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.link.copies import find_copies, read_articles
from kg.link.linker import LinkResult, link_statements, resolve_method
from kg.link.storage import claims_graph_iri, read_copies, read_dates, read_statements, write_claims
from kg.link.verify import DEFAULT, Method, Thresholds

if TYPE_CHECKING:
    from kg.model import InferredCopy
    from kg.store import Store

__all__ = [
    "DEFAULT",
    "LinkResult",
    "Method",
    "Thresholds",
    "claims_graph_iri",
    "link_statements",
    "link_store",
    "read_copies",
    "read_dates",
    "read_statements",
    "resolve_method",
    "write_claims",
]


def link_store(store: Store, *, method: Method | str = "auto", write: bool = True) -> LinkResult:
    """Link every statement in `store` into claims and (by default) replace its claims graph.

    `kg.run_audit` links first by itself when the claims are missing or stale.

    >>> with kg.open_store(memory=True) as store:
    ...     _ = kg.ingest_paths(["examples/articles"], store, jobs=1)
    ...     result = kg.link_store(store)
    >>> len(result.multi_article) > 0  # claims carried by more than one article
    True
    """
    result = link_statements(read_statements(store), method=method, dates=read_dates(store))
    result = replace(result, copies=tuple(sorted(_copies(store, result).values(), key=lambda c: c.copy)))
    if write:
        write_claims(store, result.claims, result.copies)
    return result


def _copies(store: Store, result: LinkResult) -> dict[str, InferredCopy]:
    """Which articles copy which, among those that share a claim (`kg.link.copies`)."""
    shared = {c.id: [s.article_id for s in c.statements] for c in result.multi_article}
    if not shared:
        return {}  # no claim spans two articles: no text to read
    texts, dates, langs = read_articles(store)
    return find_copies(shared, texts, dates, langs)
