"""The encoder contract and the helpers every backend shares (numpy only)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["Encoder", "available_cores", "encode_in_batches"]


@runtime_checkable
class Encoder(Protocol):
    """A sentence encoder: texts in, L2-normalised float32 rows out.

    Attributes:
        name: stable identifier of the vector space, stored in the graph next to the vectors
            (e.g. "use-multilingual-v3", "st:all-MiniLM-L6-v2"). Text normalisation does not
            change it: it only rewrites the input, vectors stay comparable.
        dim: number of columns of every row `encode` returns.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the texts, in any language.
            batch_size: texts handed to the model at once.

        Returns:
            A (len(texts), dim) float32 array; each row has unit L2 norm, except the row of an
            empty or blank text, which is all zeros.
        """
        ...


def available_cores() -> int:
    """Number of CPU cores this process may run on (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))


def encode_in_batches(
    texts: Sequence[str],
    embed: Callable[[list[str]], np.ndarray],
    dim: int,
    *,
    batch_size: int,
    prepare: Callable[[str], str] | None = None,
) -> np.ndarray:
    """Run a backend over texts in batches and return unit rows, zero rows for blank texts.

    Args:
        texts: the texts to embed.
        embed: the backend call, a list of non-blank texts to a (n, dim) array.
        dim: width of the output.
        batch_size: texts per backend call.
        prepare: optional text rewrite (normalisation) applied before everything else.

    Returns:
        A (len(texts), dim) float32 array of L2-normalised rows.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    prepared = [prepare(t) if prepare else t for t in texts]
    out = np.zeros((len(prepared), dim), dtype=np.float32)
    # blank texts never reach the model: a model embeds "" as a real (meaningless) vector
    keep = [i for i, text in enumerate(prepared) if text.strip()]
    for start in range(0, len(keep), batch_size):
        rows = keep[start : start + batch_size]
        out[rows] = embed([prepared[i] for i in rows])
    return _unit_rows(out)


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    """L2-normalise rows in place; all-zero rows stay zero instead of becoming NaN."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return matrix
