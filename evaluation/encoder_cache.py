"""An encoder that remembers what it encoded, on disk, between runs of `multaqa evaluate`.

Every run embeds the same ESCO labels, demo records and MELO titles again: on a shared 2-core
machine that is most of a run. The vectors are the wrapped encoder's own (float32, unchanged),
kept per encoder name in `MULTAQA_CACHE_DIR` (default ~/.cache/multaqa). Evaluation only: the
product encodes what it is given.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matcher.encoders import Encoder
from services.occupation_links import cache_dir


class CachedEncoder:
    """Same contract as the wrapped encoder (`encode`, `dim`, `name`); call `save` at the end."""

    def __init__(self, encoder: Encoder, directory: Path | None = None) -> None:
        self._encoder = encoder
        self.name, self.dim = encoder.name, encoder.dim
        slug = hashlib.sha256(encoder.name.encode()).hexdigest()[:12]
        self._path = (directory or cache_dir()) / f"evaluate-vectors-{slug}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if self._path.is_file():
            with np.load(self._path, allow_pickle=False) as stored:
                for key, row in zip(stored["keys"], stored["vectors"], strict=True):
                    self._vectors[str(key)] = row

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """Vectors of `texts`, encoding only those never seen."""
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        if missing:
            first = dict(zip(keys, texts, strict=True))
            encoded = self._encoder.encode([first[k] for k in missing], batch_size=batch_size)
            for key, row in zip(missing, encoded, strict=True):
                self._vectors[key] = np.asarray(row, dtype=np.float32)
            self._dirty = True
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def save(self) -> None:
        """Write the vectors to disk (atomically) when new ones were encoded."""
        if not self._dirty:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self._path.with_suffix(f".{os.getpid()}.tmp.npz")
        keys = list(self._vectors)
        np.savez(tmp, keys=np.array(keys), vectors=np.stack([self._vectors[k] for k in keys]))
        tmp.replace(self._path)
        self._dirty = False
