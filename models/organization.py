"""Organisations: associations, cooperatives, companies and public bodies."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from models.common import (
    Contact,
    Email,
    ExternalId,
    LanguageList,
    Location,
    LongText,
    Name,
    PhoneNumber,
    TermList,
    WriteModel,
)

OrganizationKind = Literal["association", "cooperative", "company", "public_body"]


class OrganizationFields(WriteModel):
    """What an organisation profile holds; `needs` and `offers` make partners complementary."""

    name: Name
    kind: OrganizationKind
    description: LongText = ""
    sectors: TermList = []
    needs: TermList = []
    offers: TermList = []
    languages: LanguageList = []
    location: Location | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None


class OrganizationCreate(OrganizationFields):
    """A new organisation; the server assigns an id when none is given."""

    id: ExternalId | None = None


class Organization(OrganizationFields):
    """The full profile, as imported, exported and shown to its members and to staff."""

    type: Literal["organization"] = "organization"
    id: ExternalId


class OrganizationUpdate(WriteModel):
    """A partial update: fields left out are kept, fields set to null are cleared."""

    name: Name | None = None
    kind: OrganizationKind | None = None
    description: LongText | None = None
    sectors: TermList | None = None
    needs: TermList | None = None
    offers: TermList | None = None
    languages: LanguageList | None = None
    location: Location | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None


class OrganizationPublic(BaseModel):
    """What anyone else signed in may see: no contact details."""

    type: Literal["organization"] = "organization"
    id: str
    name: str
    kind: OrganizationKind
    description: str = ""
    sectors: list[str] = []
    needs: list[str] = []
    offers: list[str] = []
    languages: list[str] = []
    location: Location | None = None
    # Only for the other side of an accepted introduction (services.introductions).
    contact: Contact | None = None
