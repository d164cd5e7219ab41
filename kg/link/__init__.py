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
- `verify`      decide a pair, with thresholds tuned on tests/data/link_pairs.yaml
                (by bench/tune_link.py with tests/link_tuning.py)
- `group`       union-find → claims with stable ids and a summary
- `linker`      the steps in order over `Statement` records
- `storage`     statements from the store, claims back into it

`link_store(store)` is what `kg link` runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.link.linker import LinkResult, link_statements, resolve_method
from kg.link.storage import claims_graph_iri, read_dates, read_statements, write_claims
from kg.link.verify import DEFAULT, Method, Thresholds

if TYPE_CHECKING:
    from kg.store import Store

__all__ = [
    "DEFAULT",
    "LinkResult",
    "Method",
    "Thresholds",
    "claims_graph_iri",
    "link_statements",
    "link_store",
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
    if write:
        write_claims(store, result.claims)
    return result
