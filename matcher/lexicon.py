"""The bilingual lexicon of skills, trades and sectors (`matcher/data/lexicon.tsv`).

ESCO has no Arabic skill labels and no Darija at all: the lexicon gives the words people of the
province write for the skills, trades and sectors common on the platform, in MSA, Darija (both
scripts), French and English, each linked to an ESCO skill or occupation or to a demo sector
(`sector:<key>`). Columns: concept_id, kind (skill|occupation|sector), sector, msa,
darija_arabic, darija_latin, french, english; several variants in one cell are separated by
"|"; lines starting with "#" are comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.tsv"
FORMS = ("msa", "darija_arabic", "darija_latin", "french", "english")
KINDS = frozenset({"skill", "occupation", "sector"})
SECTOR_PREFIX = "sector:"


@dataclass(frozen=True)
class LexiconEntry:
    """One concept and every way of writing it."""

    concept_id: str
    kind: str
    sector: str
    variants: dict[str, tuple[str, ...]]  # by form (msa, darija_arabic, ...)

    def all_variants(self) -> tuple[str, ...]:
        """Every variant, any form, each once, in column order."""
        return tuple(dict.fromkeys(v for form in FORMS for v in self.variants.get(form, ())))


def parse_lexicon(lines: list[str]) -> list[LexiconEntry]:
    """Entries of a lexicon file's lines (comments and blank lines skipped).

    Raises:
        ValueError: a row has an unknown kind or no variant; the message gives its line.
    """
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    numbered = [(n, line) for n, line in numbered if not line.lstrip().startswith("#")]
    if not numbered:
        return []
    reader = csv.DictReader([line for _, line in numbered], delimiter="\t")
    entries = []
    for (number, _), row in zip(numbered[1:], reader, strict=True):
        kind = (row.get("kind") or "").strip()
        if kind not in KINDS:
            raise ValueError(f"lexicon line {number}: unknown kind {kind!r}")
        variants = {
            form: tuple(v.strip() for v in (row.get(form) or "").split("|") if v.strip())
            for form in FORMS
        }
        if not any(variants.values()):
            raise ValueError(f"lexicon line {number}: no variant")
        entries.append(
            LexiconEntry(
                concept_id=(row.get("concept_id") or "").strip(),
                kind=kind,
                sector=(row.get("sector") or "").strip(),
                variants=variants,
            )
        )
    return entries


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> tuple[LexiconEntry, ...]:
    """The shipped lexicon (none while the file is absent)."""
    if not path.is_file():
        return ()
    return tuple(parse_lexicon(path.read_text(encoding="utf-8").splitlines()))
