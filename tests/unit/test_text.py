"""Text normalisation: Arabic script variants, Latin-script Darija, numbers left alone."""

from __future__ import annotations

import pytest

from matcher.text import Normalizer, normalize

FOLD_ARABIC = Normalizer(alef=True, ta_marbuta=True, alef_maqsura=True, lexicon=False)


def test_diacritics_and_tatweel_are_removed() -> None:
    assert normalize("مُهَنْدِسٌ") == "مهندس"
    assert normalize("مهنــــدس") == "مهندس"


def test_arabic_letter_variants_are_kept_by_default_because_folding_measured_worse() -> None:
    assert normalize("أحمد إبراهيم مدرسة على") == "أحمد إبراهيم مدرسة على"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمال", "امال"),
        ("ٱلله", "الله"),
        ("مدرسة", "مدرسه"),
        ("على", "علي"),
    ],
)
def test_arabic_letter_variants_fold_when_asked(raw: str, folded: str) -> None:
    assert FOLD_ARABIC(raw) == folded


def test_nfkc_arabic_indic_digits_and_whitespace() -> None:
    assert normalize("\ufefb  ٢٠٢٤\n\t") == "لا 2024"  # presentation-form lam-alef ligature
    assert normalize("Ｃａｓａ   Blanca") == "Casa Blanca"
    assert normalize("") == ""
    assert normalize("  \n ") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("sa7bi", "sahbi"),
        ("9rit", "qrit"),
        ("b5ir", "bkhir"),
        ("s2el", "sael"),
        ("m3a 7na", "maa hna"),
        ("Sa7bi", "Sahbi"),
    ],
)
def test_latin_darija_digit_letters_become_letters(raw: str, expected: str) -> None:
    assert Normalizer(lexicon=False)(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024",
        "3 ans",
        "2eme année",
        "1er emploi",
        "10h30",
        "5km",
        "3D",
        "5G",
        "mp3",
        "covid19",
        "B2B",
        "a380",
        "06 12 34 56 78",
        "+212612345678",
        "3.5",
        "50%",
    ],
)
def test_real_numbers_and_codes_are_untouched(text: str) -> None:
    assert normalize(text) == text


def test_frequent_darija_words_meet_french() -> None:
    assert normalize("3ndi khdma mzyana f Khouribga") == "j'ai travail bonne f Khouribga"
    assert normalize("kanqleb 3la lkhdma") == "je cherche ala travail"
    # French and English words are never taken for Darija
    assert normalize("La fin du stage, I had a job") == "La fin du stage, I had a job"
