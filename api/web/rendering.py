"""Templates: Jinja2 with autoescape and the i18n extension, the page's language and direction.

The language is the `lang` cookie (set by the switch), else the browser's Accept-Language,
else the `default_lang` setting. Gettext callables are given per render (not installed on the
shared environment), so concurrent requests in different languages never mix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton, get_datetime_format
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from api.web import bidi
from matcher import i18n
from matcher.i18n import LANGS, Lang
from services import notifications

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"
LANG_COOKIE = "lang"
RTL = frozenset({"ar"})
LANGUAGE_LABELS: dict[Lang, str] = {"ar": "العربية", "fr": "Français", "en": "English"}
# Dates, times and numbers as people read them in Morocco: Moroccan Arabic month names (ماي,
# يوليوز), the 24-hour clock, and every time shown in the province's time zone.
FORMAT_LOCALES: dict[Lang, str] = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}
TIME_ZONE = ZoneInfo("Africa/Casablanca")  # the system tz database (pytz's is out of date)


def page_lang(request: Request, default: Lang) -> Lang:
    """The cookie's language, else the first of Accept-Language we have, else `default`."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen  # type: ignore[return-value]
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code  # type: ignore[return-value]
    return default


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.globals["static"] = static_url
    return env


@cache
def _digest(name: str) -> str:
    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]


def static_url(name: str) -> str:
    """The URL of a static file, with its content hash: cached for a year, changed on edit."""
    return f"/static/{_digest(name)}/{name}"


def static_file(digest: str, name: str) -> Path | None:
    """The file behind a static URL, or None (unknown name, or an old hash)."""
    path = (STATIC_DIR / name).resolve()
    if STATIC_DIR.resolve() not in path.parents or not path.is_file():
        return None
    return path if _digest(name) == digest else None


def translators(lang: Lang) -> dict[str, Any]:
    """gettext/ngettext for templates (newstyle: named placeholders, escaped values)."""
    catalog = i18n.translations(lang)

    def gettext(message: str, **variables: Any) -> str:
        text = Markup(catalog.gettext(message))
        return text % variables if variables else text

    def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
        # The count written as the page writes numbers ("2.353" in Arabic, "2 353" in French).
        variables.setdefault("num", format_decimal(n, locale=FORMAT_LOCALES[lang]))
        return Markup(catalog.ngettext(singular, plural, n)) % variables

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext}


def formatters(lang: Lang) -> dict[str, Any]:
    """Babel's formatting of numbers, dates and times in the page's language, for templates.

    A moment (`format_datetime`, `format_date`: when something was sent, created...) is shown
    in the province's time zone; an event's day and clock time (`format_day`, `format_time`)
    as the event states them, in its own UTC offset (the one staff gave, as the staff pages,
    agendas and calendar files do)."""
    locale = FORMAT_LOCALES[lang]
    return {
        "format_number": lambda n: format_decimal(n, locale=locale),
        "format_percent": lambda x: format_percent(x, locale=locale),
        "format_date": lambda d: format_date(_local(d), "long", locale=locale),
        "format_day": lambda d: format_date(d, "full", locale=locale),
        "format_time": lambda d: format_skeleton("Hm", d, locale=locale),
        "format_datetime": lambda d: _date_and_time(_local(d), locale),
        "format_list": lambda items: format_list(list(items), locale=locale) if items else "",
        # People's terms (an offer's skills) listed in the page's language, each isolated so
        # that "couture" and "broderie" keep their order around an Arabic "و". CLDR's list
        # patterns are plain text: the result stays safe markup.
        "format_terms": lambda items: (
            Markup(format_list([bdi(i) for i in items], locale=locale)) if items else ""
        ),
        "bdi": bdi,
    }


def bdi(text: Any) -> Markup:
    """User text of unknown direction (a name, a title) isolated inside a sentence of the
    page's language, so that an Arabic sentence with a Latin name (or the reverse) keeps its
    order and punctuation. Escaped like any value."""
    return Markup('<bdi dir="auto">{}</bdi>').format(text)


def _local(value: Any) -> Any:
    """A datetime in the province's time zone (its day may differ from UTC's); a date as is."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(TIME_ZONE)
    return value


def _date_and_time(value: dt.datetime, locale: str) -> str:
    """ "16 juil. 2026, 09:30": the date and the time without seconds, joined as the locale
    joins them."""
    date = format_skeleton("yMMMd", value, locale=locale)
    time = format_skeleton("Hm", value, locale=locale)
    return str(get_datetime_format("medium", locale=locale)).replace("'", "").format(time, date)


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use; the session cookie is signed)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def render(
    request: Request, template: str, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render a page in the request's language, with the layout's shared context."""
    settings = request.app.state.settings
    lang = page_lang(request, settings.default_lang)
    page_dir: bidi.Direction = "rtl" if lang in RTL else "ltr"
    base = {
        "request": request,
        "lang": lang,
        "dir": page_dir,
        # People's own text (a bio, a message): its direction, sentence by sentence.
        "text_dir": lambda text: bidi.text_dir(text, page_dir),
        "sentences": lambda text: bidi.sentences(text, page_dir),
        # A sentence of the page's language with people's terms in it (a reason).
        "foreign_runs": lambda text: bidi.foreign_runs(text, page_dir),
        "languages": LANGUAGE_LABELS,
        "csrf_token": csrf_token(request),
        "path": request.url.path,
        **formatters(lang),
        **translators(lang),
    }
    errors = context.get("errors") or []
    base["field_errors"] = {}
    for error in errors:
        base["field_errors"].setdefault(error.field, error.message)
    actor = context.get("actor")
    base["unread"] = notifications.unread_count(request.app.state.graph, actor) if actor else 0
    html = environment().get_template(template).render(base | context)
    return HTMLResponse(html, status_code=status_code)
