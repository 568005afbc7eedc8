"""Each different text encoded once: an encoder wrapper for bulk work (imports, refreshes).

A refresh hands the encoder the same texts many times: demo and real imports repeat skills,
interests, project titles and whole descriptions; the skill-link step encodes the written
skills that the occupation linker encodes again as short fields. `TextCache` encodes only the
texts it has not seen (each once per call, shortest first, so that a batch holds texts of
similar length) and keeps the most recently used vectors, keyed by the text, for the calls
that follow. One cache wraps one encoder, so a vector of another model is never returned; it
lives as long as the work it serves (`services.refresh.refresh_derived`) and is not
persisted: a refresh of 100,000 profiles found every repeat within the last 5,000 texts.

A text's vector is the wrapped encoder's, computed in another batch: USE's flat batches round
differently by a few 1e-7 from one batch to the next, as they already did before.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from matcher.encoders.base import Encoder

__all__ = ["TextCache"]

CAPACITY = 20_000  # vectors kept (512 float32: 40 MB)


class TextCache:
    """An `Encoder` that encodes each different text once.

    Attributes:
        name, dim: the wrapped encoder's (the vectors are its vectors).
        capacity: vectors kept for later calls (0: only the duplicates within a call).
        by_length: encode the new texts shortest first (False: in their first order).
        encoded: how many texts were handed to the wrapped encoder so far.
    """

    def __init__(
        self, encoder: Encoder, *, capacity: int = CAPACITY, by_length: bool = True
    ) -> None:
        self.encoder = encoder
        self.by_length = by_length
        self.name = encoder.name
        self.dim = encoder.dim
        self.capacity = capacity
        self.encoded = 0
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """The wrapped encoder's rows for `texts`, encoding only the texts not seen recently."""
        known: dict[str, np.ndarray] = {}
        missing = []
        for text in dict.fromkeys(texts):
            vector = self._vectors.get(text)
            if vector is None:
                missing.append(text)
            else:
                known[text] = vector
                self._vectors.move_to_end(text)
        if missing:
            if self.by_length:
                missing.sort(key=len)
            rows = self.encoder.encode(missing, batch_size=batch_size)
            self.encoded += len(missing)
            for text, row in zip(missing, rows, strict=True):
                known[text] = self._vectors[text] = row.copy()  # not a view of all rows
            while len(self._vectors) > self.capacity:
                self._vectors.popitem(last=False)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = known[text]
        return out
