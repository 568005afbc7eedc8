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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from matcher.lexical import fold, lexical_keys, word_forms
from matcher.profiles import Term as SectorTerm

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


@lru_cache(maxsize=1 << 16)  # a pure function, asked again for the same terms on every list
def term_key(text: str) -> str:
    """A written term as the lexicon matches it: its folded words without stopwords (accents,
    Arabic letter variants, arabizi digits and case do not matter)."""
    return " ".join(key for key in lexical_keys(text) if not key.startswith("_"))


ARABIC_FORMS = ("msa", "darija_arabic")
ARTICLE = "ال"


@cache
def arabic_skill_words(path: Path = LEXICON_PATH) -> tuple[str, ...]:
    """The lexicon's skills and trades as written in Arabic letters (MSA and Darija), shortest
    first: what a skills field can suggest where ESCO has no Arabic label (people write their
    trade, "خياطة", as a skill)."""
    words = {
        variant
        for entry in load_lexicon(path)
        if entry.kind in ("skill", "occupation")
        for form in ARABIC_FORMS
        for variant in entry.variants.get(form, ())
    }
    # "الخياطة" beside "خياطة" is the same word: the one without the article is kept.
    words = {w for w in words if not (w.startswith(ARTICLE) and w[2:] in words)}
    return tuple(sorted(words, key=lambda word: (len(word), word)))


def arabic_skills_starting(prefix: str, *, limit: int, path: Path = LEXICON_PATH) -> list[str]:
    """The Arabic skill words starting with `prefix`, as `matcher.lexical.fold` writes both
    (ta marbuta as ha, hamzas on alef dropped: "خياطه" finds "خياطة"), with or without the
    article on either side ("الخيا" and "خيا" both find "خياطة" and "الطرز")."""
    typed = _without_article(fold(prefix))
    found = []
    for word, folded in _folded_arabic_skill_words(path):
        if folded.startswith(typed):
            found.append(word)
            if len(found) == limit:
                break
    return found


@cache
def _folded_arabic_skill_words(path: Path = LEXICON_PATH) -> tuple[tuple[str, str], ...]:
    """Each Arabic skill word with its folded form without article, folded once per process
    rather than at every keystroke."""
    return tuple((w, _without_article(fold(w))) for w in arabic_skill_words(path))


def _without_article(word: str) -> str:
    return word[len(ARTICLE) :] if word.startswith(ARTICLE) else word


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


Term = tuple[frozenset[str], ...]  # the forms of each word of a written term (`word_forms`)


@cache
def _sector_terms(path: Path = LEXICON_PATH) -> Mapping[str, tuple[tuple[Term, str], ...]]:
    """A form of a term's first word -> (term, sector) for every variant of every entry that
    has a sector: sectors ("الفلاحة"), trades ("soudeur") and skills ("ssa9i") alike."""
    found: dict[str, dict[tuple[Term, str], None]] = {}
    for entry in load_lexicon(path):
        if not entry.sector:
            continue
        for variant in entry.all_variants():
            term = tuple(word_forms(variant))
            for form in term[0] if term else ():
                found.setdefault(form, {})[(term, entry.sector)] = None
    return {form: tuple(terms) for form, terms in found.items()}


def sectors_named(texts: Sequence[str], path: Path = LEXICON_PATH) -> dict[str, float]:
    """The sectors `texts` name in the lexicon's words, each weighed by how many different
    phrases of the texts name it (a phrase repeated, or named by two entries, counts once),
    relative to the most named (1.0); {} when none is named. A trade or a skill names the
    sector the lexicon places it in ("سودور", a welder, names phosphate services, where the
    province's welders work): a sector's own words alone lifted the hand-written profiles of
    `multaqa evaluate` about a third as much. "bghit ndkhol l ocp, 3ndi bac+2 f mecanique"
    names phosphate: what a youth says she wants, even in a trade that no offer names yet."""
    index = _sector_terms(path)
    terms: dict[str, set[Term]] = {}  # the words of the text naming each sector
    for text in texts:
        words = word_forms(text)
        for start, forms in enumerate(words):
            for form in forms:
                for term, sector in index.get(form, ()):
                    end = start + len(term)
                    if end <= len(words) and all(
                        words[start + n] & term[n] for n in range(1, len(term))
                    ):
                        terms.setdefault(sector, set()).add(tuple(words[start:end]))
    most = max((len(found) for found in terms.values()), default=0)
    return {sector: len(found) / most for sector, found in terms.items()} if most else {}


@cache
def sector_concepts(name: str, path: Path = LEXICON_PATH) -> tuple[str, ...]:
    """The lexicon's sectors (as `sector:<key>` concepts) a platform sector's name names most:
    "services liés au phosphate" is sector:phosphate. How the sectors a text names meet the
    platform's own sectors, whatever they are called."""
    named = sectors_named([name], path)
    return tuple(SECTOR_PREFIX + key for key, weight in named.items() if weight == 1.0)


def sector_keys(sectors: Sequence[SectorTerm]) -> dict[str, str]:
    """Each key a profile's sectors are known by -> the sector's name: its own key and the
    lexicon's sectors its name names (`sector_concepts`)."""
    keys: dict[str, str] = {}
    for sector in sectors:
        keys.setdefault(sector.key, sector.name)
        for concept in sector_concepts(sector.key):
            keys.setdefault(concept, sector.name)
    return keys
