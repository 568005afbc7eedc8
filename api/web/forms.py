"""Form data to service input, and field errors in the reader's language.

GOV.UK pattern: every error is shown twice, in a summary at the top linking to the field and
beside the field itself. Messages come from the catalogs by the error's code; the field id is
the form field's name with dots as dashes (`project.title` -> `project-title`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from starlette.datastructures import FormData

from matcher.i18n import N_, gettext
from services.errors import FieldError

# Error codes (pydantic's types, and the platform's rules) -> message ids.
MESSAGES: dict[str, str] = {
    "missing": N_("Enter this information"),
    "string_too_short": N_("Enter this information"),
    "string_too_long": N_("This is too long"),
    "too_long": N_("Too many items"),
    "int_parsing": N_("Enter a whole number"),
    "int_from_float": N_("Enter a whole number"),
    "greater_than_equal": N_("This number is too small"),
    "less_than_equal": N_("This number is too large"),
    "value_error": N_("Check this value"),
    "literal_error": N_("Choose one of the options"),
    "enum": N_("Choose one of the options"),
    "age_bounds": N_("Youth profiles are for people aged 18 to 35"),
    "email": N_("Enter an e-mail address like name@example.ma"),
    "phone": N_("Enter a Moroccan phone number like 06 12 34 56 78"),
    "password_short": N_("Your password needs at least 10 characters"),
    "password_common": N_("This password is one of the most common ones: choose another"),
    "password_repetitive": N_("Your password needs at least 4 different characters"),
    "privacy": N_("Accept the privacy notice to create an account"),
    "credentials": N_("The e-mail address or the password is wrong"),
    "confirm": N_("Tick the box to confirm"),
    "suspended": N_("This account is suspended: contact the youth platform"),
    "reset_link": N_("This link is invalid, expired or already used: ask for a new one"),
}


# The same, saying the bound a number broke when it is known.
WITH_LIMIT: dict[str, str] = {
    "greater_than_equal": N_("Enter a number of %(limit)s or more"),
    "less_than_equal": N_("Enter a number of %(limit)s or less"),
}


@dataclass(frozen=True)
class ShownError:
    field: str  # the form field's id
    message: str


def shown_errors(errors: list[FieldError], lang: str) -> list[ShownError]:
    """Errors as the page shows them: the field's id and a message in `lang`."""
    shown = []
    for error in errors:
        field = error.field.removeprefix("body.").split(".")
        # Errors inside a list item or a nested model point at the field that holds it.
        name = "-".join(part for part in field if not part.isdigit())
        name = "commune" if name.startswith("location") else name
        code = error.code or ""
        if name in ("email", "phone") and code == "value_error":
            code = name
        shown.append(ShownError(field=name, message=_message(code, error.limit, lang)))
    return shown


def in_form_order(errors: list[ShownError], fields: Sequence[str]) -> list[ShownError]:
    """The errors in the order of the fields on the page (GOV.UK's error summary), whatever
    the order the model and the platform's rules found them in; a grouped field ("project")
    holds its parts ("project-title")."""

    def position(error: ShownError) -> int:
        for n, name in enumerate(fields):
            if error.field == name or error.field.startswith(f"{name}-"):
                return n
        return len(fields)

    return sorted(errors, key=position)


def _message(code: str, limit: int | float | None, lang: str) -> str:
    if limit is not None and code in WITH_LIMIT:
        return gettext(lang, WITH_LIMIT[code]) % {"limit": f"{limit:g}"}
    return gettext(lang, MESSAGES.get(code, MESSAGES["value_error"]))


def by_field(errors: list[ShownError]) -> dict[str, str]:
    """The first message of each field, for the message shown beside it."""
    found: dict[str, str] = {}
    for error in errors:
        found.setdefault(error.field, error.message)
    return found


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def local_path(path: str | None, fallback: str) -> str:
    """`path` when it is a path of this site, else `fallback`: a form's or a link's "go back
    to" never sends anyone to another site ("//evil.example" and "/\\evil.example" are
    other hosts to a browser)."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return fallback


def terms(form: FormData, name: str) -> list[str]:
    """A list field typed as text: items separated by commas (Arabic ، too) or new lines."""
    raw = text(form, name).replace("،", ",").replace("\n", ",")
    return [item.strip() for item in raw.split(",") if item.strip()]


def choices(form: FormData, name: str) -> list[str]:
    """The ticked boxes of a checkbox group."""
    return [value for value in form.getlist(name) if isinstance(value, str) and value]
