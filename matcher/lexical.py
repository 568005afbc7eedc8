"""Lexical keys: the exact words of a text, in a form where spellings and scripts meet.

An encoder blurs exact words ("soudeur" and "menuisier" are close in meaning); a lexical
match keeps them. Each word of a text gives up to two keys:

- the word itself, folded: `matcher.text` normalisation with the Arabic letter variants folded
  (أ إ آ → ا, ة → ه, ى → ي) and arabizi digits turned to letters ("fla7a" → "flaha"),
  lower case, Latin accents removed;
- its consonant skeleton, prefixed with "_": Arabic letters transliterated the way Darija is
  written in Latin letters (خ → kh, ش → ch, ع → a ...), Arabic proclitics (ال، وال، فال، بال)
  dropped, then vowels and w/y (long vowels in Arabic script) removed and doubled letters
  collapsed. "الفلاحة", "lfla7a" and "flaha" all give "_flh"; "سودور" and "soudeur" give
  "_sdr". That is how Darija in Arabic and in Latin letters meet.

Keys hold only letters, digits and "_": they are safe as terms of a Lucene query
(graph.recommend) and as tokens of scikit-learn vectorisers (`LexicalIndex`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from matcher.text import Normalizer

_FOLD = Normalizer(alef=True, ta_marbuta=True, alef_maqsura=True, arabizi=True, lexicon=False)
_WORD = re.compile(r"[0-9a-z\u0621-\u064a]+")
# With the letters Moroccan Arabic adds (پ ڤ ڭ گ: p, v, g, g): "الگوتة گوتة" is two words, not
# four pieces. Linking (`linking_keys`) and the stored keys of the full-text index
# (`keys_text`, versioned by KEYS_VERSION); the keys of lexicon terms (`lexical_keys`) stay
# as they were: skills are stored by them.
_WORD_WITH_DARIJA_LETTERS = re.compile(r"[0-9a-z\u0621-\u064a\u067e\u06a4\u06ad\u06af]+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
_VOWELS = re.compile(r"[aeiouwy]+")
_DOUBLE = re.compile(r"(.)\1+")
_PROCLITICS = ("وال", "فال", "بال", "كال", "ال", "لل")
_TRANSLIT = str.maketrans(
    {
        "ا": "a",
        "ء": "",
        "ئ": "y",
        "ؤ": "w",
        "ب": "b",
        "ت": "t",
        "ث": "t",
        "ج": "j",
        "ح": "h",
        "خ": "kh",
        "د": "d",
        "ذ": "d",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ش": "ch",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "d",
        "ع": "a",
        "غ": "gh",
        "ف": "f",
        "ق": "q",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "a",  # ta marbuta was folded to ha: a final vowel in Darija spelling
        "و": "w",
        "ي": "y",
        "پ": "b",
        "ڤ": "f",
        "ڭ": "g",
        "گ": "g",
    }
)
_LATIN_ONLY = str.maketrans({"p": "b", "v": "f", "x": "ks"})
_HARD_C = re.compile(r"c(?!h)")
# The Darija article glued to a Latin word: "lfla7a", "lphosphate".
_LATIN_ARTICLE = re.compile(r"^l[^aeiouy].{3}")
# Words that carry no topic in any of the four languages (kept short: the IDF does the rest).
STOPWORDS = frozenset(
    "de des du la le les un une et en au aux pour avec dans sur je j ai est suis mon ma mes "
    "the a an and of in to for with on i am my is at "
    "في من على الى عن مع و او انا لدي ديال f w dyal dial fi maa ana andi".split()
)
SKELETON_PREFIX = "_"
MIN_SKELETON = 2


@lru_cache(maxsize=65_536)
def _word_keys(word: str) -> tuple[str, ...]:
    if word in STOPWORDS or len(word) < 2:
        return ()
    skeleton = _skeleton(word)
    return (word, SKELETON_PREFIX + skeleton) if len(skeleton) >= MIN_SKELETON else (word,)


def _skeleton(word: str) -> str:
    if _ARABIC.search(word):
        for clitic in _PROCLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                word = word[len(clitic) :]
                break
        word = word.translate(_TRANSLIT)
    else:
        if _LATIN_ARTICLE.match(word):
            word = word[1:]
        # letters Arabic spells with its nearest one ("ch" stays: it is ش)
        word = _HARD_C.sub("k", word).translate(_LATIN_ONLY)
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", word))


def has_arabic_letters(text: str) -> bool:
    return _ARABIC.search(text) is not None


def fold(text: str) -> str:
    """Lower-cased, accent-free, Arabic-folded, arabizi-rewritten text."""
    text = _FOLD(text).lower()
    decomposed = unicodedata.normalize("NFD", text)
    # Latin accents go; Arabic letters are unchanged by NFD/NFC round trips.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def lexical_keys(text: str) -> list[str]:
    """The keys of every word of `text`, in order (repeats kept: they count as frequency)."""
    return [key for word in _WORD.findall(fold(text)) for key in _word_keys(word)]


MIN_STEM = 4


@lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    """An Arabic word without the alif of the accusative ("أعمل سائقا", "مرشدا سياحيا" →
    سائق, مرشد سياحي): MSA writes the trade one wants or has been that way, Darija does not.
    The consonant skeleton already ignores it; the folded word did not. Stripping proclitics
    too (لشاحنة → شاحنة) was tried: it lost on Darija in Arabic letters ("فقهوة", a café,
    then names the coffee trades)."""
    if _ARABIC.search(word) and word.endswith("ا") and not word.endswith("اا"):
        if len(word) > MIN_STEM:
            return word[:-1]
    return word


# A one-letter proclitic fused with the definite article: "فالفلاحة" (in farming), "بالخياطة",
# "والماعز", "كالطباخ", "للتعاونيات". With the article, the letter cannot be the word's own
# (unlike "فقهوة" / "قهوة", whose stripping lost on Darija): the word meets "الفلاحة".
_FUSED_ARTICLE = re.compile(r"^(?:[فبوك]ال|لل)(?=\S{3})")


def _with_article(word: str) -> str:
    """An Arabic word with its fused proclitic dropped, the article kept ("فالفلاحة" →
    "الفلاحة"); any other word unchanged."""
    return _FUSED_ARTICLE.sub("ال", word)


def linking_keys(text: str) -> list[str]:
    """`lexical_keys` and, for an Arabic word in the accusative, the keys of its stem too:
    "مرشدا سياحيا" meets "مرشد سياحي"; a word with a proclitic fused to its article is the
    word with the article ("فالطريسيتي" meets "الطريسيتي"). Occupation linking only: the keys
    stored on nodes for the full-text index stay `lexical_keys`, and change with the linker's
    version."""
    keys: list[str] = []
    for word in _WORD_WITH_DARIJA_LETTERS.findall(fold(text)):
        word = _with_article(word)
        own = _word_keys(word)
        keys += own
        stem = _stem(word)
        if stem != word and own:
            keys += [key for key in _word_keys(stem) if key not in own]
    return keys


def word_forms(text: str) -> list[frozenset[str]]:
    """The folded forms of each word of `text` that carries a topic, in order, as linking
    compares them: the word, its accusative stem, the word with a fused proclitic or a glued
    Darija article dropped ("فالفلاحة" → "الفلاحة", "lphosphate" → "phosphate"). Stopwords
    leave no place, as in `lexical_keys`: "khdma f lfla7a" and "khdma lfla7a" read alike."""
    places: list[frozenset[str]] = []
    for word in _WORD_WITH_DARIJA_LETTERS.findall(fold(text)):
        forms = {key for w in (word, _with_article(word)) for key in _word_keys(w)}
        forms |= set(_word_keys(_stem(_with_article(word))))
        if _LATIN_ARTICLE.match(word):
            forms |= set(_word_keys(word[1:]))
        forms = {form for form in forms if not form.startswith(SKELETON_PREFIX)}
        if forms:
            places.append(frozenset(forms))
    return places


# The stored keys' version: records keyed by another are keyed again
# (services.embeddings.rekey_stale_records). 2: Darija letters kept inside words.
KEYS_VERSION = "2"


def keys_text(text: str) -> str:
    """The keys joined by spaces, as stored on a node for the full-text index: those of
    `lexical_keys`, with the Darija letters kept inside their words ("الگوتة" meets the
    linker's "الگوتة", not "ال" and "وته")."""
    words = _WORD_WITH_DARIJA_LETTERS.findall(fold(text))
    return " ".join(key for word in words for key in _word_keys(word))


class LexicalIndex:
    """TF-IDF cosine over lexical keys, in process (the evaluation and occupation linking),
    and how much of each document a text contains.

    Args:
        documents: the texts to search.
        analyzer: the keys of a text (`lexical_keys`, or `linking_keys`).
    """

    def __init__(
        self,
        documents: Sequence[str],
        *,
        analyzer: Callable[[str], list[str]] = lexical_keys,
    ) -> None:
        self._vectorizer = TfidfVectorizer(
            analyzer=analyzer, sublinear_tf=True, min_df=1, dtype=np.float32
        )
        self._matrix = self._vectorizer.fit_transform(list(documents)).tocsr()
        # Each document's keys weighed by their IDF, and the document's total IDF ("mass").
        present = (self._matrix > 0).astype(np.float32)
        weighed = present.multiply(self._vectorizer.idf_.astype(np.float32)[None, :]).tocsr()
        self._mass = np.asarray(weighed.sum(axis=1), dtype=np.float32).ravel()
        self._shares = sparse.diags(1 / np.maximum(self._mass, 1e-6)) @ weighed

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Cosine of each text against every document: shape (len(texts), len(documents))."""
        queries = self._vectorizer.transform(list(texts))
        return np.asarray((queries @ self._matrix.T).toarray(), dtype=np.float32)

    def containment(self, texts: Sequence[str], *, mass_scale: float) -> np.ndarray:
        """How much of each document each text contains: the share of the document's keys
        (weighed by IDF) found in the text, times 1 - exp(-mass / mass_scale) so that a
        document of one common word counts less than a rare or longer one.

        A cosine dilutes a short document named inside a long text ("... أرغب في العمل مرشدا
        سياحيا في مدينة أبي الجعد ..." against "مرشد سياحي"); containment does not.
        """
        present = (self._vectorizer.transform(list(texts)) > 0).astype(np.float32)
        shares = np.asarray((present @ self._shares.T).toarray(), dtype=np.float32)
        saturation = (1 - np.exp(-self._mass / mass_scale)).astype(np.float32)
        return np.asarray(shares * saturation[None, :], dtype=np.float32)
