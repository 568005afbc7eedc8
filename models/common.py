"""Field types shared by every resource: ids, bounded texts, languages, phones, places."""

from __future__ import annotations

import unicodedata
from typing import Annotated

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from models.languages import ISO_639_CODES
from models.places import find_commune

ExternalId = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
    ),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]

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
    str, StringConstraints(strip_whitespace=True, max_length=32), AfterValidator(_moroccan_phone)
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
