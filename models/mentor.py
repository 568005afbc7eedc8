"""Mentors: professionals and entrepreneurs who coach young people."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from matcher.rules import place_free
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

MAX_CAPACITY = 50


class MentorFields(WriteModel):
    """What a mentor profile holds; `capacity` is how many mentees they take at once."""

    name: Name
    bio: LongText = ""
    skills: TermList = []
    sectors: TermList = []
    languages: LanguageList = []
    location: Location | None = None
    capacity: int = Field(default=2, ge=0, le=MAX_CAPACITY)
    email: Email | None = None
    phone: PhoneNumber | None = None


class MentorCreate(MentorFields):
    """A new mentor profile; the server assigns an id when none is given."""

    id: ExternalId | None = None


class Mentor(MentorFields):
    """The full profile, as imported, exported and shown to its owner and to staff."""

    type: Literal["mentor"] = "mentor"
    id: ExternalId


class MentorUpdate(WriteModel):
    """A partial update: fields left out are kept, fields set to null are cleared."""

    name: Name | None = None
    bio: LongText | None = None
    skills: TermList | None = None
    sectors: TermList | None = None
    languages: LanguageList | None = None
    location: Location | None = None
    capacity: int | None = Field(default=None, ge=0, le=MAX_CAPACITY)
    email: Email | None = None
    phone: PhoneNumber | None = None


class MentorPublic(BaseModel):
    """What anyone else signed in may see: no contact details."""

    type: Literal["mentor"] = "mentor"
    id: str
    name: str
    bio: str = ""
    skills: list[str] = []
    sectors: list[str] = []
    languages: list[str] = []
    location: Location | None = None
    capacity: int = 2
    # Only for the other side of an accepted introduction (services.introductions).
    contact: Contact | None = None


class MentorLoad(BaseModel):
    """How busy a mentor is: mentees now, requests waiting, places left."""

    id: str
    name: str
    capacity: int
    active: int
    pending: int
    paused: bool
    free: int

    @property
    def has_place(self) -> bool:
        """Whether the mentor takes a new mentee now (`matcher.rules.place_free`)."""
        return place_free(capacity=self.capacity, active=self.active, paused=self.paused)
