"""Introductions: one side asks, the other accepts or declines (double opt-in)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.common import Clean, Contact, ExternalId

MAX_MESSAGE = 1000  # characters of a request's message (the pages' textarea says so too)


class IntroductionKind(StrEnum):
    """What an accepted introduction becomes in the graph."""

    MENTORING = "mentoring"  # (mentor)-[:MENTORS]->(mentee)
    PEER = "peer"  # (youth)-[:CONNECTED_WITH]->(youth)
    PARTNERSHIP = "partnership"  # (requester)-[:PARTNERS_WITH]->(organization)
    APPLICATION = "application"  # (youth)-[:APPLIED_TO]->(job offer), either side asking


class IntroductionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    ENDED = "ended"

    @property
    def is_open(self) -> bool:
        """Pending or accepted: the pair may not ask again while it is open."""
        return self in (IntroductionStatus.PENDING, IntroductionStatus.ACCEPTED)


class IntroductionRequest(BaseModel):
    """A request from one record (`from_id`, on whose behalf the caller acts) to another."""

    model_config = ConfigDict(extra="forbid")

    from_id: ExternalId
    to_id: ExternalId
    message: Annotated[str, Clean] | None = Field(default=None, max_length=MAX_MESSAGE)


class Answer(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"


class Introduction(BaseModel):
    """One introduction as its two sides see it."""

    id: str
    kind: IntroductionKind
    status: IntroductionStatus
    from_id: str
    to_id: str
    # Who asks for `from_id` (may withdraw it, is told the answer, whose limits count): the
    # record itself, or the organisation that posted an offer inviting a youth to apply.
    # Introductions stored before it existed read as `from_id`.
    from_party: str = ""
    # Who answers for `to_id`: the record itself, or the organisation that posted an offer.
    to_party: str
    message: str | None = None
    reason: str | None = None  # why it closed: mentor_full, expired, ...
    source: str = "request"  # request | cohort
    suggestion: str | None = None  # the suggestion kind it answers (mentors, jobs, ...)
    created_at: dt.datetime
    expires_at: dt.datetime
    answered_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    # The other side's contact details, present only for an accepted introduction.
    contact: Contact | None = None

    @model_validator(mode="after")
    def _asked_by_itself_unless_told(self) -> Introduction:
        if not self.from_party:
            self.from_party = self.from_id
        return self

    @property
    def invitation(self) -> bool:
        """An offer inviting a youth to apply (its organisation asks for it)."""
        return self.from_party != self.from_id

    @property
    def offer_id(self) -> str | None:
        """The job offer of an application (or of an invitation to apply), else None."""
        if self.kind is not IntroductionKind.APPLICATION:
            return None
        return self.from_id if self.invitation else self.to_id
