"""Every message a person reads has its translation in Arabic, French and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from matcher import i18n
from matcher.reasons import LANGUAGE_NAMES, MESSAGES, PLURALS
from services.notifications import MESSAGES as NOTIFICATIONS

ROOT = Path(__file__).resolve().parents[2]
METHODS = [
    ("matcher/**.py", "python"),
    ("services/**.py", "python"),
    ("api/**.py", "python"),
    ("api/web/templates/**.html", "jinja2"),
]
OPTIONS = {"api/web/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "NP_": (1, 2)}


def extracted() -> set[str]:
    """The message ids written in the code and templates (what pybabel extract finds)."""
    found = set()
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT), METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def catalog(lang: str):  # noqa: ANN201 - babel's Catalog
    po = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with po.open("rb") as source:
        return read_po(source, locale=lang)


def test_the_code_has_messages_to_translate() -> None:
    messages = extracted()
    assert len(messages) > 100
    assert set(MESSAGES.values()) <= messages and set(NOTIFICATIONS.values()) <= messages
    assert {pair[0] for pair in PLURALS.values()} <= messages
    assert set(LANGUAGE_NAMES.values()) <= messages
    assert "Create an account" in messages  # from a template


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_message_is_translated(lang: str) -> None:
    translations = catalog(lang)
    missing = []
    for message in sorted(extracted()):
        entry = translations.get(message)
        strings = (
            (entry.string if isinstance(entry.string, tuple) else (entry.string,)) if entry else ()
        )
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(message)
    assert missing == [], f"{len(missing)} messages lack their {lang} translation: {missing[:10]}"


def test_arabic_has_its_six_plural_forms() -> None:
    arabic = catalog("ar")
    assert arabic.num_plurals == 6
    places = arabic.get(PLURALS["places_left"][0])
    assert places is not None and len(places.string) == 6 and all(places.string)
    assert i18n.ngettext("ar", *PLURALS["places_left"], 2) != i18n.ngettext(
        "ar", *PLURALS["places_left"], 11
    )


def test_the_example_phone_number_reads_left_to_right_and_whole_in_arabic() -> None:
    said = i18n.gettext("ar", "Enter a Moroccan phone number like 06 12 34 56 78")
    assert "\u206606\u00a012\u00a034\u00a056\u00a078\u2069" in said  # isolated, unbroken


def test_french_uses_the_typographic_apostrophe_throughout() -> None:
    straight = [
        message.id
        for message in catalog("fr")
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if "'" in (text or "")
    ]
    assert straight == [], f"“'” instead of “’” in: {straight[:5]}"
