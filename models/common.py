"""Field types shared by every resource: ids, bounded texts, languages, phones, places."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    model_validator,
)

from models.languages import ISO_639_CODES
from models.places import find_commune

# Text hygiene (finding 8 of issue 13): every string a client sends is normalised to NFC; lone
# surrogates and control characters (but tab and line breaks) are refused.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# In names, also the bidirectional overrides, embeddings and isolates (a name that reverses the
# text after it); and characters that are invisible and carry nothing in a name are removed.
_REFUSED_IN_NAMES = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u180e\u00ad]")
_VISIBLE_CATEGORIES = ("L", "N", "P", "S")


def clean_text(value: str) -> str:
    """The text in NFC; ValueError naming a refused character (control, lone surrogate)."""
    bad = _REFUSED.search(value)
    if bad:
        raise ValueError(f"the character U+{ord(bad.group()):04X} is not allowed in text")
    return unicodedata.normalize("NFC", value)


def clean_name(value: str) -> str:
    """A name without invisible characters; refused when nothing visible is left."""
    bad = _REFUSED_IN_NAMES.search(value)
    if bad:
        raise ValueError(f"the character U+{ord(bad.group()):04X} is not allowed in a name")
    kept = _INVISIBLE.sub("", value).strip()
    if not any(unicodedata.category(c)[0] in _VISIBLE_CATEGORIES for c in kept):
        raise ValueError("a name needs at least one visible letter or digit")
    return kept


def _clean_input(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


Clean = BeforeValidator(_clean_input)
Email = Annotated[EmailStr, Clean]


# `Clean` comes after the constraints so that it runs first (a before-validator wraps what
# precedes it) while the constraints stay on the string itself (their own error types).
ExternalId = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
    ),
    Clean,
]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    Clean,
    AfterValidator(clean_name),
]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    Clean,
    AfterValidator(clean_name),
]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000), Clean]
Label = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), Clean
]

MAX_LIST_ITEMS = 30


class Contact(BaseModel):
    """How to reach someone: shown only to the other side of an accepted introduction."""

    name: str
    email: str | None = None
    phone: str | None = None


def term_key(text: str) -> str:
    """The key under which equal free-text terms ("Soudure", " soudure ") share one node."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split()).strip(" .,;:!?-_/")


def _dedupe_terms(items: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = term_key(item)
        if key and key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


TermList = Annotated[
    list[Label],
    Field(max_length=MAX_LIST_ITEMS),
    AfterValidator(_dedupe_terms),
]


def _language_code(code: str) -> str:
    normalised = code.strip().lower()
    if normalised not in ISO_639_CODES:
        raise ValueError(f"'{code}' is not an ISO 639 language code (e.g. ar, fr, en, zgh)")
    return normalised


def dedupe(items: list[str]) -> list[str]:
    """The items in their first order, each once."""
    return list(dict.fromkeys(items))


LanguageCode = Annotated[str, AfterValidator(_language_code)]
LanguageList = Annotated[list[LanguageCode], Field(max_length=20), AfterValidator(dedupe)]


def _moroccan_phone(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw, "MA")
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"'{raw}' is not a phone number") from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"'{raw}' is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


PhoneNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=32),
    Clean,
    AfterValidator(_moroccan_phone),
]


class WriteModel(BaseModel):
    """Base of every model that accepts input: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Location(WriteModel):
    """Where someone or something is: a commune of the province, or any place with coordinates.

    A commune of Khouribga province needs only its name (the reference coordinates are used);
    any other place needs `lat` and `lon`.
    """

    commune: Name
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)

    @model_validator(mode="after")
    def _resolve(self) -> Location:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        reference = find_commune(self.commune)
        if reference is not None:
            # One canonical spelling and position per reference commune keeps one graph node.
            self.commune, self.lat, self.lon = reference.name_fr, None, None
        elif self.lat is None:
            raise ValueError(
                f"'{self.commune}' is not a commune of Khouribga province: give lat and lon"
            )
        return self
