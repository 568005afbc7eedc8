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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matcher.lexical import lexical_keys

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


def term_key(text: str) -> str:
    """A written term as the lexicon matches it: its folded words without stopwords (accents,
    Arabic letter variants, arabizi digits and case do not matter)."""
    return " ".join(key for key in lexical_keys(text) if not key.startswith("_"))


@cache
def skill_index(path: Path = LEXICON_PATH) -> Mapping[str, tuple[str, ...]]:
    """Term key -> the ESCO skill ids of the lexicon's skill entries written that way."""
    found: dict[str, list[str]] = {}
    for entry in load_lexicon(path):
        if entry.kind != "skill" or not entry.concept_id:
            continue
        for variant in entry.all_variants():
            ids = found.setdefault(term_key(variant), [])
            if entry.concept_id not in ids:
                ids.append(entry.concept_id)
    found.pop("", None)
    return {key: tuple(ids) for key, ids in found.items()}


def skills_named(term: str, path: Path = LEXICON_PATH) -> tuple[str, ...]:
    """The ESCO skills the lexicon knows `term` by ("السقي", "ssa9i", "tracteur"); none when
    the lexicon does not hold it as written (the encoder links the rest)."""
    return skill_index(path).get(term_key(term), ())
