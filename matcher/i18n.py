"""Gettext catalogs (Babel) for every string a person reads: pages, reasons, notifications.

The catalogs live in `matcher/locale/<lang>/LC_MESSAGES/messages.po`; their `.mo` files are
compiled by `scripts/bootstrap.sh` (`pybabel compile`), or here on first use when missing or
older than their `.po`, so a fresh clone works either way.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

Lang = Literal["ar", "fr", "en"]
LANGS: tuple[Lang, ...] = ("ar", "fr", "en")
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a message for extraction without translating it now."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a message with a plural form for extraction (`-k NP_:1,2`)."""
    return singular, plural


def isolate(text: str) -> str:
    """A name or title of unknown direction inside a sentence of another language, isolated
    with Unicode's FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, so that plain text (a
    notification, an e-mail) keeps the sentence's order: "طلب تعارف من Salma Demo"."""
    return f"\u2068{text}\u2069"


def compile_catalogs(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every `.po` whose `.mo` is missing or older; returns the files written."""
    written = []
    for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with mo.open("wb") as target:
            write_mo(target, catalog)
        written.append(mo)
    return written


@cache
def translations(lang: str) -> Translations:
    """The compiled catalog of a language (English for an unknown one)."""
    code = lang if lang in LANGS else "en"
    compile_catalogs()
    found = Translations.load(str(LOCALE_DIR), [code], DOMAIN)
    if not isinstance(found, Translations):
        raise FileNotFoundError(f"no compiled catalog for {code} under {LOCALE_DIR}")
    return found


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    return translations(lang).ngettext(singular, plural, n)
