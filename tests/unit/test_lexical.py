"""Lexical keys: exact words kept, Darija in Arabic and Latin letters meeting, safe as terms."""

from __future__ import annotations

import re

import numpy as np

from matcher.lexical import LexicalIndex, lexical_keys


def skeletons(text: str) -> set[str]:
    return {key for key in lexical_keys(text) if key.startswith("_")}


def test_darija_in_arabic_and_latin_letters_share_skeleton_keys() -> None:
    assert skeletons("الفلاحة") & skeletons("lfla7a") & skeletons("flaha")
    assert skeletons("سودور") & skeletons("soudeur")
    assert skeletons("شيفور") & skeletons("chauffeur")
    assert skeletons("خياطة") & skeletons("khiyata")


def test_arabizi_digits_and_accents_fold_to_one_key() -> None:
    assert "lflaha" in lexical_keys("lfla7a")
    assert "qualifie" in lexical_keys("Qualifié")
    assert lexical_keys("technicienne")[1] == lexical_keys("technicien")[1]


def test_unrelated_words_do_not_meet() -> None:
    assert not skeletons("soudeur") & skeletons("couturière")
    assert not skeletons("الخياطة") & skeletons("السقي")


def test_keys_hold_only_letters_digits_and_underscore() -> None:
    text = 'Développeur "web" (junior) + C++ / 3D: الخياطة؟ OR AND* ~ fuzzy^2 \\ :'
    for key in lexical_keys(text):
        assert re.fullmatch(r"[0-9a-z_\u0621-\u064a]+", key), key


def test_the_index_finds_the_document_with_the_exact_word_first() -> None:
    index = LexicalIndex(["soudeur qualifié", "menuisier aluminium", "couturière"])
    scores = index.scores(["ana soudeur 3andi experience"])[0]
    assert int(np.argmax(scores)) == 0
    assert scores[1] == 0 and scores[2] == 0
