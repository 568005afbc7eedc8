"""Compare the project's encoders, with and without text normalisation, on one table.

Usage:
    .venv/bin/python benchmarks/eval_encoders.py [--data ../shared/data/eval] [--ablation]

Columns: STS17 Spearman x100 (ar-ar, ar-en, en-en), job-title nDCG@10 x100 (fr, en),
accuracy@1 x100 of the Darija check (matcher/data/darija_pairs.tsv: a Darija phrase in Latin or
Arabic script must retrieve its French and its English translation among the 30 of each), and
sentences/s (batch 64, 2,000 mixed sentences, best of 3 runs: other processes share the CPU).
`--ablation` adds one USE row per normalisation step flipped against the default.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from matcher.encoders import Encoder
from matcher.quality import STS_TRACKS, public_set_scores
from matcher.text import Normalizer

ROOT = Path(__file__).resolve().parents[1]
DARIJA_PAIRS = ROOT / "matcher" / "data" / "darija_pairs.tsv"
COLUMNS = ["ar-ar", "ar-en", "en-en", "jt-fr", "jt-en", "dj-lat", "dj-ar", "sent/s"]


class Prepared:
    """An encoder behind a custom normaliser (for the ablation rows)."""

    def __init__(self, inner: Encoder, prepare: Callable[[str], str]) -> None:
        self.inner, self.prepare = inner, prepare
        self.name, self.dim = inner.name, inner.dim

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        return self.inner.encode([self.prepare(t) for t in texts], batch_size=batch_size)


def darija_rows(path: Path = DARIJA_PAIRS) -> list[list[str]]:
    """Rows of (darija_latin, darija_arabic, french, english), header and comments skipped."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    return [line.split("\t") for line in lines[1:]]


def darija_accuracy(encoder: Encoder, source: int) -> float:
    """Accuracy@1 x100 of a Darija column retrieving its French and its English partner."""
    rows = darija_rows()
    queries = encoder.encode([r[source] for r in rows])
    hits = []
    for target in (2, 3):
        best = (queries @ encoder.encode([r[target] for r in rows]).T).argmax(axis=1)
        hits.extend(best == np.arange(len(rows)))
    return float(np.mean(hits)) * 100


def speed_sentences(data: Path, n: int = 2000) -> list[str]:
    """A fixed mix of Arabic, English, French and Darija sentences, `n` of them."""
    mixed: list[str] = []
    for track in STS_TRACKS.values():
        text = (data / "sts17" / f"STS.input.{track}.txt").read_text(encoding="utf-8")
        mixed += [s for line in text.splitlines() for s in line.split("\t")[:2]]
    for lang in ("fr", "en"):
        text = (data / "jobtitle-similarity" / lang / "corpus_documents.tsv").read_text("utf-8")
        mixed += [line.split("\t")[1] for line in text.splitlines()[:200]]
    mixed += [cell for row in darija_rows() for cell in row]
    return (mixed * (n // len(mixed) + 1))[:n]


def measure(encoder: Encoder, data: Path, sentences: list[str], repeat: int = 3) -> list[float]:
    """All the figures of one table row, in COLUMNS order (speed: best of `repeat` runs)."""
    row = public_set_scores(encoder, data)
    row += [darija_accuracy(encoder, 0), darija_accuracy(encoder, 1)]
    encoder.encode(sentences[:64])  # warm-up: first-call allocations are not throughput
    row.append(max(_throughput(encoder, sentences) for _ in range(repeat)))
    return row


def _throughput(encoder: Encoder, sentences: list[str]) -> float:
    start = time.perf_counter()
    encoder.encode(sentences, batch_size=64)
    return len(sentences) / (time.perf_counter() - start)


def candidates(ablation: bool) -> list[tuple[str, Callable[[], Encoder]]]:
    """(row label, factory) for every configuration to measure."""
    from matcher.encoders.sentence_transformers import SentenceTransformerEncoder
    from matcher.encoders.use import UniversalSentenceEncoder

    rows: list[tuple[str, Callable[[], Encoder]]] = [
        ("use-multilingual-v3  norm=off", lambda: UniversalSentenceEncoder(normalize=False)),
        ("use-multilingual-v3  norm=on", lambda: UniversalSentenceEncoder(normalize=True)),
        (
            "st:all-MiniLM-L6-v2  norm=off",
            lambda: SentenceTransformerEncoder("all-MiniLM-L6-v2", normalize=False),
        ),
        (
            "st:all-MiniLM-L6-v2  norm=on",
            lambda: SentenceTransformerEncoder("all-MiniLM-L6-v2", normalize=True),
        ),
    ]
    if ablation:
        # each normalisation step flipped against the default `normalize`
        flips = {
            "alef": True,
            "ta_marbuta": True,
            "alef_maqsura": True,
            "arabizi": False,
            "lexicon": False,
        }
        for flag, value in flips.items():
            label = f"use  norm=on {'+' if value else '-'}{flag}"
            rows.append((label, _prepared(Normalizer(**{flag: value}))))
    return rows


def _prepared(norm: Normalizer) -> Callable[[], Encoder]:
    def build() -> Encoder:
        from matcher.encoders.use import UniversalSentenceEncoder

        return Prepared(UniversalSentenceEncoder(normalize=False), norm)

    return build


def main() -> None:
    """Measure every configuration and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    parser.add_argument("--ablation", action="store_true", help="one USE row per norm step")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sentences = speed_sentences(args.data)
    print(f"{'encoder':32}" + "".join(f"{c:>8}" for c in COLUMNS) + f"{'load s':>8}")
    for label, build in candidates(args.ablation):
        start = time.perf_counter()
        encoder = build()
        load = time.perf_counter() - start
        row = measure(encoder, args.data, sentences)
        cells = "".join(f"{v:8.1f}" for v in row[:-1]) + f"{row[-1]:8.0f}"
        print(f"{label:32}{cells}{load:8.1f}", flush=True)


if __name__ == "__main__":
    main()
