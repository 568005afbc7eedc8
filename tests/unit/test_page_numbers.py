"""Counts in the pages' sentences are written as the page writes its other numbers."""

from __future__ import annotations

from babel.numbers import format_decimal

from api.web.rendering import FORMAT_LOCALES, translators


def test_a_count_in_a_plural_sentence_is_grouped_as_the_pages_numbers() -> None:
    for lang in ("ar", "fr", "en"):
        ngettext = translators(lang)["ngettext"]
        said = ngettext("%(num)s person found", "%(num)s people found", 2353)
        assert format_decimal(2353, locale=FORMAT_LOCALES[lang]) in said
    assert translators("en")["ngettext"]("%(num)s person found", "%(num)s people found", 1) == (
        "1 person found"
    )
    arabic = translators("ar")["ngettext"]("%(num)s person found", "%(num)s people found", 2353)
    assert arabic == "عُثر على 2.353 شخصًا"  # the plural form of 53, the number grouped
