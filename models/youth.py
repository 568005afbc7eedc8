"""Young people (18–35): job seekers and holders of project ideas."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

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
    Title,
    WriteModel,
    dedupe,
)

Seeking = Literal["mentor", "job", "partner", "peer"]
ProjectStage = Literal["idea", "pre_creation", "post_creation"]
Gender = Literal["female", "male", "other"]


class ServiceAxis(StrEnum):
    """The platform's four kinds of help; a youth is followed on one of them."""

    EMPLOYABILITY = "employability"
    ENTREPRENEURSHIP = "entrepreneurship"
    SOCIAL_ECONOMY = "social_economy"  # the social and solidarity economy: cooperatives, products
    ASSOCIATIONS = "associations"


SeekingList = Annotated[list[Seeking], Field(max_length=4), AfterValidator(dedupe)]


class Project(WriteModel):
    """A project idea or young enterprise that the youth carries."""

    title: Title
    description: LongText = ""
    stage: ProjectStage = "idea"


class YouthFields(WriteModel):
    """What a youth profile holds; `birth_year` is checked against the age bounds on write."""

    name: Name
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    bio: LongText = ""
    skills: TermList = []
    interests: TermList = []
    languages: LanguageList = []
    location: Location | None = None
    seeking: SeekingList = []
    project: Project | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None
    gender: Gender | None = None
    axis: ServiceAxis | None = None


class YouthCreate(YouthFields):
    """A new youth profile; the server assigns an id when none is given."""

    id: ExternalId | None = None


class Youth(YouthFields):
    """The full profile, as imported, exported and shown to its owner and to staff."""

    type: Literal["youth"] = "youth"
    id: ExternalId


class YouthUpdate(WriteModel):
    """A partial update: fields left out are kept, fields set to null are cleared."""

    name: Name | None = None
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    bio: LongText | None = None
    skills: TermList | None = None
    interests: TermList | None = None
    languages: LanguageList | None = None
    location: Location | None = None
    seeking: SeekingList | None = None
    project: Project | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None
    gender: Gender | None = None
    axis: ServiceAxis | None = None


class YouthPublic(BaseModel):
    """What anyone else signed in may see: no contact details, birth year or gender."""

    type: Literal["youth"] = "youth"
    id: str
    name: str
    bio: str = ""
    skills: list[str] = []
    interests: list[str] = []
    languages: list[str] = []
    location: Location | None = None
    seeking: list[Seeking] = []
    project: Project | None = None
    # Only for the other side of an accepted introduction (services.introductions).
    contact: Contact | None = None
