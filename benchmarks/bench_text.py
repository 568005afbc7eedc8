"""Text normalisation speed: `matcher.text.normalize` beside a baseline measured in the same run.

The baseline is the cheapest normalisation any text goes through (NFKC and case folding), so
the ratio stays meaningful on a busy machine where the absolute figures drop. This was a test
bound (100,000 texts/s) until it failed at random on a loaded machine: speed is printed here,
never asserted by a test.

    .venv/bin/python benchmarks/bench_text.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from collections.abc import Callable

from matcher.text import normalize


def texts() -> list[str]:
    """60,000 texts: Latin-letter Darija, Arabic and French, as the old test used."""
    out = [f"3ndi khdma mzyana f Khouribga {i}" for i in range(20_000)]
    out += [f"مهندس دولة في المعلوميات {i}" for i in range(20_000)]
    out += ["Développeur web junior, 2 ans d'expérience"] * 20_000
    return out


def baseline(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def rate(fn: Callable[[str], str], items: list[str], repeat: int) -> float:
    """Best texts per second over `repeat` runs (the least disturbed by other processes)."""
    best = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        for text in items:
            fn(text)
        best = max(best, len(items) / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = texts()
    base = rate(baseline, items, args.repeat)
    ours = rate(normalize, items, args.repeat)
    print(f"{'NFKC + casefold (baseline)':<28} {base:>12,.0f} texts/s")
    print(f"{'matcher.text.normalize':<28} {ours:>12,.0f} texts/s  ({base / ours:.1f}x slower)")


if __name__ == "__main__":
    main()
