"""Networking events: registration, choices, the optimised schedule, agendas and feedback."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from models.common import ExternalId, Title, WriteModel, dedupe

MAX_ROUNDS = 48
MAX_CAPACITY = 5000
MAX_CHOICES = 50  # must-meet or no-thanks marks per attendee
EARLIEST, LATEST = 2000, 2100  # years an event may start in (slot times stay computable)

Slot = Annotated[int, Field(ge=0, lt=MAX_ROUNDS)]  # checked against the event's rounds later


class EventFormat(StrEnum):
    """How people meet: one-to-one in R slots, speed-networking rounds, or thematic tables."""

    ONE_TO_ONE = "one_to_one"
    SPEED_NETWORKING = "speed_networking"
    TABLES = "tables"


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"

    @property
    def has_place(self) -> bool:
        """Holds one of the event's places (and is scheduled)."""
        return self in (RegistrationStatus.REGISTERED, RegistrationStatus.CHECKED_IN)


class MeetingState(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"  # one side cancelled; re-scheduling replaces it


class EventCreate(WriteModel):
    """What staff give to create an event."""

    title: Title
    starts_at: AwareDatetime  # with its UTC offset: agendas and calendars need the real time
    venue: Title
    capacity: int = Field(ge=2, le=MAX_CAPACITY)
    format: EventFormat = EventFormat.ONE_TO_ONE
    rounds: int = Field(ge=1, le=MAX_ROUNDS)
    slot_minutes: int = Field(default=15, ge=3, le=240)
    table_size: int | None = Field(default=None, ge=2, le=30)  # tables format only
    tables: int | None = Field(default=None, ge=1, le=1000)  # tables format: tables per round
    max_meetings: int | None = Field(default=None, ge=1, le=MAX_ROUNDS)  # default: rounds

    @model_validator(mode="after")
    def _format_fields(self) -> EventCreate:
        if not EARLIEST <= self.starts_at.year <= LATEST:
            raise ValueError(f"starts_at must be between {EARLIEST} and {LATEST}")
        if self.format is EventFormat.TABLES and self.table_size is None:
            raise ValueError("table_size is required for the tables format")
        if self.format is not EventFormat.TABLES and (self.table_size or self.tables):
            raise ValueError("table_size and tables are for the tables format only")
        if self.max_meetings is not None and self.max_meetings > self.rounds:
            raise ValueError("max_meetings cannot exceed rounds")
        return self


class ScheduleFigures(BaseModel):
    """How good the stored schedule is, and greedy's figures on the same problem."""

    attendees: int
    pairs: int  # allowed pairs given to the optimiser
    meetings: int
    value: float  # match value: pair values plus must-meet bonuses of the pairs that meet
    must_meet_met: int
    must_meet_total: int
    meetings_min: int
    meetings_median: float
    unmet_attendees: int
    upper_bound: float | None  # None on large events: the bound takes longer than the schedule
    ratio_to_bound: float | None
    greedy_value: float
    greedy_meetings_min: int
    greedy_must_meet_met: int
    kept: int  # meetings of the previous schedule kept in their slot
    kept_possible: int
    held_fixed: int  # meetings already held, never moved
    solver: str
    status: str
    seconds: float


class Event(BaseModel):
    """An event as anyone signed in sees it."""

    id: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    capacity: int
    format: EventFormat
    rounds: int
    slot_minutes: int
    table_size: int | None = None
    tables: int | None = None
    max_meetings: int
    created_at: dt.datetime
    registered: int = 0  # holding a place (registered or checked in)
    waitlisted: int = 0
    checked_in: int = 0
    scheduled_at: dt.datetime | None = None
    figures: ScheduleFigures | None = None
    cancelled_at: dt.datetime | None = None  # staff cancelled the event


def _no_overlap(must_meet: list[str], no_thanks: list[str]) -> None:
    """Refuse marking one person both "must meet" and "no thanks"."""
    both = sorted(set(must_meet) & set(no_thanks))
    if both:
        raise ValueError(f"marked both must meet and no thanks: {', '.join(both)}")


class Choices(WriteModel):
    """An attendee's availability and marks. A field left out keeps its current value (for a
    new registration: every slot, no marks); `[]` clears the marks."""

    slots: list[Slot] | None = Field(default=None, min_length=1, max_length=MAX_ROUNDS)
    must_meet: list[ExternalId] | None = Field(default=None, max_length=MAX_CHOICES)
    no_thanks: list[ExternalId] | None = Field(default=None, max_length=MAX_CHOICES)

    @model_validator(mode="after")
    def _consistent(self) -> Choices:
        if self.must_meet is not None:
            self.must_meet = dedupe(self.must_meet)
        if self.no_thanks is not None:
            self.no_thanks = dedupe(self.no_thanks)
        if self.slots is not None:
            self.slots = sorted(set(self.slots))
        _no_overlap(self.must_meet or [], self.no_thanks or [])
        return self


class RegistrationCreate(Choices):
    """Register a profile or organisation (yours, or anyone's for staff), with its choices."""

    attendee_id: ExternalId


class Registration(BaseModel):
    event_id: str
    attendee_id: str
    name: str
    type: str
    status: RegistrationStatus
    slots: list[int]
    must_meet: list[str] = []
    no_thanks: list[str] = []
    registered_at: dt.datetime
    waitlist_position: int | None = None  # 1 = next to get a place
    checked_in_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None


Mark = Literal["must_meet", "no_thanks"]


class EventForAttendee(BaseModel):
    """An upcoming event as one attendee sees it in the list: with their registration."""

    event: Event
    registration: Registration | None = None


class AttendeeChoice(BaseModel):
    """Another attendee on one's event page: suggested (with reasons), or marked by one."""

    id: str
    name: str
    type: str
    reasons: list[str] = []
    mark: Mark | None = None


class AttendeeView(BaseModel):
    """One event as an attendee sees it: their registration (None before they register),
    then the attendees suggested to them and those they marked."""

    event: Event
    attendee_id: str | None
    registration: Registration | None = None
    others: list[AttendeeChoice] = []


class ScheduleRequest(WriteModel):
    """Options of one (re-)scheduling run."""

    time_limit_s: float = Field(default=20.0, ge=1.0, le=120.0)
    avoid_past: bool = False  # pairs who met at an earlier event do not meet again
    only_checked_in: bool = False  # on the day: schedule only the people who are here
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    # The optimiser's trade-offs (its defaults when left out): what a must-meet pair adds to
    # the pair's value, and what lifting the least-served attendee by one meeting is worth
    # per attendee (matcher.scheduling.evaluate.objective).
    must_meet_bonus: float | None = Field(default=None, ge=0.0, le=10.0)
    fairness_weight: float | None = Field(default=None, ge=0.0, le=10.0)


class EventSuggestion(BaseModel):
    """Another attendee worth meeting, with the recommender's score and reasons."""

    id: str
    name: str
    type: str
    score: float
    reasons: list[str]


class MeetingView(BaseModel):
    """One meeting of the master schedule (for tables: one pair seated together)."""

    id: str
    slot: int
    table: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    a: str
    a_name: str
    b: str
    b_name: str
    state: MeetingState
    must_meet: bool
    value: float


class ScheduleView(BaseModel):
    event_id: str
    figures: ScheduleFigures | None
    meetings: list[MeetingView]


class AgendaPartner(BaseModel):
    meeting_id: str
    id: str
    name: str
    type: str
    must_meet: bool
    state: MeetingState


class AgendaItem(BaseModel):
    """One slot of an attendee's day: where, when, and with whom (several at a table)."""

    slot: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    table: int
    partners: list[AgendaPartner]


class Agenda(BaseModel):
    event_id: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    format: EventFormat
    attendee_id: str
    attendee_name: str
    has_place: bool = True  # registered or checked in, not waitlisted nor cancelled
    items: list[AgendaItem]


class HeldRequest(WriteModel):
    """Several meetings recorded as held at once (staff, after the event)."""

    meeting_ids: list[ExternalId] = Field(min_length=1, max_length=5000)


class FeedbackCreate(WriteModel):
    """A short feedback on one held meeting, from one of its two sides."""

    useful: bool
    follow_up: bool
    # Which side speaks: needed only when the caller speaks for both sides, or for staff.
    attendee_id: ExternalId | None = None


class Feedback(BaseModel):
    meeting_id: str
    attendee_id: str
    other_id: str
    useful: bool
    follow_up: bool
    at: dt.datetime


class EventUpdate(WriteModel):
    """A staff edit of an event: fields left out are kept. The format and the rounds stay (a
    schedule is built on them); the capacity never drops below the places already taken."""

    title: Title | None = None
    starts_at: AwareDatetime | None = None
    venue: Title | None = None
    capacity: int | None = Field(default=None, ge=2, le=MAX_CAPACITY)
    slot_minutes: int | None = Field(default=None, ge=3, le=240)


class MeetingMove(WriteModel):
    """Move one meeting to another slot (one-to-one formats), or cancel it."""

    slot: int | None = Field(default=None, ge=0, le=MAX_ROUNDS)
    cancel: bool = False
