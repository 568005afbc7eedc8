"""Text normalisation for profile texts in Arabic, Darija, French and English.

Pure standard library. `normalize` applies the configuration that measured best with the
project's encoders (see `benchmarks/eval_encoders.py`); `Normalizer` exposes each step as a flag so
that the evaluation can measure them one by one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["DARIJA_LEXICON", "Normalizer", "normalize"]

_ALEF = "\u0627"
# Harakat, Quranic annotation marks and the superscript alef: they change the code points of a
# word without changing the word, and profile texts use them inconsistently.
_DIACRITICS = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
_TATWEEL = "\u0640"
# Always applied: removals, Persian/Urdu look-alike letters pasted from other keyboards, and
# Arabic-Indic digits (NFKC leaves both alone).
_BASE_MAP: dict[str, str] = {
    **dict.fromkeys(_DIACRITICS, ""),
    _TATWEEL: "",
    "\u06cc": "\u064a",  # Farsi yeh -> yeh
    "\u06a9": "\u0643",  # keheh -> kaf
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}
_ALEF_MAP = {"\u0623": _ALEF, "\u0625": _ALEF, "\u0622": _ALEF, "\u0671": _ALEF}
_TA_MARBUTA_MAP = {"\u0629": "\u0647"}
_ALEF_MAQSURA_MAP = {"\u0649": "\u064a"}

# Arabizi: digits that stand for Arabic letters with no Latin equivalent. Mapped to the Latin
# letter a French or English reader would use, so that "khdma m3a" meets "khdma maa".
_ARABIZI = str.maketrans({"2": "a", "3": "a", "5": "kh", "6": "t", "7": "h", "8": "gh", "9": "q"})
_LATIN_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+")
# a whole Latin word holding a digit (possessive quantifiers: no backtracking inside words)
_MIXED_WORD = re.compile(
    r"(?<![0-9A-Za-z\u00c0-\u024f])[A-Za-z\u00c0-\u024f]*+[0-9][0-9A-Za-z\u00c0-\u024f]*+"
)
# Tokens that mix letters and digits without being Darija: tech and commerce terms.
_PROTECTED = frozenset(
    {
        "3d",
        "2d",
        "3g",
        "4g",
        "5g",
        "mp3",
        "mp4",
        "b2b",
        "b2c",
        "c2c",
        "p2p",
        "h24",
        "web3",
        "web2",
        "4x4",
        "a4",
        "a3",
        "a5",
        "covid19",
        "k2",
        "x5",
        "f1",
        "g5",
        "s7",
    }
)
# A number with a unit or ordinal suffix ("2eme", "1er", "10h30", "5km", "3ans"): a real number.
_NUMBER_WITH_UNIT = re.compile(
    r"\d+(?:[.,]\d+)?(?:h\d*|mn|min|km|cm|mm|kg|dh|dhs|mad|ans?|mois|er|ere|re|ère|eme|ème|e|è"
    r"|st|nd|rd|th|x\d+|k|m|g|l|d)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"[2-9]")
# a digit touching a Latin letter: the only case where the Arabizi step has anything to do
_LETTER_DIGIT = re.compile(r"[A-Za-z\u00c0-\u024f][2-9]|[2-9][A-Za-z\u00c0-\u024f]")
_SINGLE_DIGIT_RUN = re.compile(r"(?<!\d)\d(?!\d)")
_MULTI_DIGIT_RUN = re.compile(r"\d\d")

# Very frequent Latin-script Darija words of job seekers, already in their digit-normalised
# spelling, mapped to French (the language of most job titles and skills in the graph).
DARIJA_LEXICON: dict[str, str] = {
    "bghit": "je veux",
    "bghina": "nous voulons",
    "kanqleb": "je cherche",
    "kanqlb": "je cherche",
    "kanqalbo": "nous cherchons",
    "qleb": "chercher",
    "khdma": "travail",
    "khedma": "travail",
    "khdam": "travailler",
    "nkhdem": "travailler",
    "kankhdem": "je travaille",
    "khddam": "travailleur",
    "mzyan": "bon",
    "mzyana": "bonne",
    "bzaf": "beaucoup",
    "dyal": "de",
    "dial": "de",
    "daba": "maintenant",
    "flous": "argent",
    "andi": "j'ai",
    "aandi": "j'ai",
    "maandich": "je n'ai pas",
    "khassni": "j'ai besoin",
    "bach": "pour",
    "maa": "avec",
    "qraya": "études",
    "qrit": "j'ai étudié",
    "hanout": "boutique",
    "tbib": "médecin",
    "ostad": "professeur",
    "oustad": "professeur",
    "mallem": "artisan",
    "maallem": "artisan",
    "sanaa": "métier",
    "tajriba": "expérience",
    "chahada": "diplôme",
    "lmdina": "la ville",
    "mdina": "ville",
    "drari": "jeunes",
    "wach": "est-ce que",
    "kayn": "il y a",
    "kayna": "il y a",
    "chi": "un",
    "wahed": "un",
    "sayeq": "chauffeur",
    "tomobil": "voiture",
    "fellah": "agriculteur",
}

# Lexicon lookups by whitespace token: a dict hit per word is 10x faster than a regex
# alternation of the lexicon. The Darija article l- is folded in ("lkhdma").
_LEXICON_TOKENS = {**{f"l{k}": v for k, v in DARIJA_LEXICON.items()}, **DARIJA_LEXICON}
_LEXICON_KEYS = frozenset(_LEXICON_TOKENS)


@dataclass(frozen=True)
class Normalizer:
    """A text normaliser; every flag is one measurable step.

    Attributes:
        alef: fold alef variants (أ إ آ ٱ) to bare alef.
        ta_marbuta: fold ta marbuta (ة) to ha (ه).
        alef_maqsura: fold alef maqsura (ى) to ya (ي).
        arabizi: rewrite digit-letters inside Latin Darija words ("3ndi" -> "andi").
        lexicon: translate frequent Latin Darija words to French (`DARIJA_LEXICON`).
    """

    # Defaults are the measured best with USE v3 (benchmarks/eval_encoders.py --ablation): folding
    # Arabic letters costs up to 4.5 points of STS17 ar-en (its vocabulary knows the proper
    # spellings), the Darija lexicon adds 20+ points of Latin-Darija retrieval.
    alef: bool = False
    ta_marbuta: bool = False
    alef_maqsura: bool = False
    arabizi: bool = True
    lexicon: bool = True
    _table: dict[int, str] = field(init=False, repr=False, compare=False)
    _needs_table: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mapping = dict(_BASE_MAP)
        for enabled, extra in (
            (self.alef, _ALEF_MAP),
            (self.ta_marbuta, _TA_MARBUTA_MAP),
            (self.alef_maqsura, _ALEF_MAQSURA_MAP),
        ):
            if enabled:
                mapping.update(extra)
        # frozen dataclass: the derived table is set once, through object.__setattr__
        object.__setattr__(self, "_table", str.maketrans(mapping))
        # str.translate costs a dict lookup per character: skip it when nothing would change
        chars = "".join(re.escape(c) for c in mapping)
        object.__setattr__(self, "_needs_table", re.compile(f"[{chars}]"))

    def __call__(self, text: str) -> str:
        """Normalise one text (see `normalize`)."""
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        if self._needs_table.search(text):
            text = text.translate(self._table)
        # the single-class digit search is 5x cheaper than the letter-digit one: gate it
        has_arabizi = bool(_DIGIT.search(text)) and bool(_LETTER_DIGIT.search(text))
        if self.arabizi and has_arabizi:
            text = _MIXED_WORD.sub(_arabizi_word, text)
        if self.lexicon:
            if has_arabizi and not self.arabizi:
                text = _MIXED_WORD.sub(_lexicon_arabizi_word, text)
            # C-level test first: most texts hold no Darija word and skip the Python callback
            if not _LEXICON_KEYS.isdisjoint(_LATIN_WORD.findall(text.lower())):
                text = _LATIN_WORD.sub(_lexicon_word, text)
        return " ".join(text.split())


def _arabizi_word(match: re.Match[str]) -> str:
    """Rewrite the digit-letters of one Latin token if it is Darija, else keep it."""
    return _arabizi_rewrite(match.group())


# Darija vocabulary is small and Zipfian: caching the per-word decision skips its regexes
@lru_cache(maxsize=65_536)
def _arabizi_rewrite(word: str) -> str:
    if not _is_arabizi(word):
        return word
    return word.translate(_ARABIZI)


def _is_arabizi(word: str) -> bool:
    """Whether a token mixing letters and digits is Darija rather than a number or a code."""
    lower = word.lower()
    if lower in _PROTECTED or _NUMBER_WITH_UNIT.fullmatch(lower):
        return False
    # "covid19", "a380", "10h": a run of several digits is a number, not a letter
    if _MULTI_DIGIT_RUN.search(word):
        return False
    if any(c in "014" for c in _SINGLE_DIGIT_RUN.findall(word)):
        return False
    # a single digit and one letter ("3D", "5G") is a code; Darija words have 2+ letters
    return sum(c.isalpha() for c in word) >= 2


def _lexicon_word(match: re.Match[str]) -> str:
    """The French of one Latin word if it is in the Darija lexicon, else the word."""
    word = match.group()
    return _LEXICON_TOKENS.get(word.lower(), word)


def _lexicon_arabizi_word(match: re.Match[str]) -> str:
    """Translate a Darija word still spelled with digits, the lexicon being keyed without."""
    word = match.group()
    if word.isalpha() or word.isdigit() or not _is_arabizi(word):
        return word
    key = word.lower().translate(_ARABIZI)
    return _LEXICON_TOKENS.get(key, word)


_DEFAULT = Normalizer()


def normalize(text: str) -> str:
    """Normalise a profile text before it is embedded or compared.

    Applies Unicode NFKC, removes tatweel and Arabic diacritics, turns Arabic-Indic digits into
    ASCII ones, rewrites the digit-letters of Latin-script Darija ("9rit" -> "qrit") while real
    numbers ("2024", "3 ans", "2eme", "3D") stay, translates very frequent Latin Darija words to
    French ("3ndi khdma" -> "j'ai travail") and folds whitespace. Arabic letter variants (أ إ آ
    ة ى) are kept: folding them measured worse with the encoders; `Normalizer(alef=True, ...)`
    folds them where exact string keys are wanted.

    Args:
        text: any profile text, in any of the project's languages or scripts.

    Returns:
        The normalised text; an empty or blank text gives "".
    """
    return _DEFAULT(text)
