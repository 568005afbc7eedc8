"""Staff's view of people: search filters, rows of results, one person in full."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from models.introduction import Introduction
from models.records import Record
from models.user import Role
from models.youth import ServiceAxis

PEOPLE_PAGE = 25
PEOPLE_TYPES = ("youth", "mentor", "organization")


class PeopleFilters(BaseModel):
    """What staff search profiles by; every filter is optional."""

    name: str | None = Field(default=None, max_length=120)  # part of the name, or the id
    type: str | None = Field(default=None, pattern="^(youth|mentor|organization)$")
    commune: str | None = Field(default=None, max_length=120)
    skill: str | None = Field(default=None, max_length=100)
    sector: str | None = Field(default=None, max_length=100)
    language: str | None = Field(default=None, max_length=10)
    axis: ServiceAxis | None = None
    offset: int = Field(default=0, ge=0, le=1_000_000)


@dataclass(frozen=True)
class PersonRow:
    """One profile found by a search."""

    id: str
    type: str
    name: str
    commune: str | None
    suspended: bool  # an account of theirs is suspended


@dataclass(frozen=True)
class PeoplePage:
    total: int
    offset: int
    rows: list[PersonRow]


@dataclass(frozen=True)
class Account:
    """An account that owns a profile (or is a member of an organisation)."""

    id: str
    email: str
    role: Role
    created_at: dt.datetime | None
    suspended_at: dt.datetime | None

    @property
    def suspended(self) -> bool:
        return self.suspended_at is not None


@dataclass(frozen=True)
class PersonView:
    """Everything the platform holds about one profile, for staff."""

    record: Record
    accounts: list[Account]
    introductions: list[Introduction]
    introductions_total: int
    registered_events: int
    facts: dict[str, int] = field(default_factory=dict)  # mentees, places, ...
