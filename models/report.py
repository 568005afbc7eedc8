"""The report platform staff send to their funder (INDH) and partners: filters and figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from pydantic import model_validator

from models.common import WriteModel
from models.youth import Gender, ServiceAxis

CommuneKind = Literal["urban", "rural"]


class AgeBand(StrEnum):
    """The age bands funders report on (youths are 18 to 35)."""

    A18_24 = "18-24"
    A25_29 = "25-29"
    A30_35 = "30-35"

    @property
    def ages(self) -> tuple[int, int]:
        low, high = self.value.split("-")
        return int(low), int(high)


# The funnel from a suggestion to its outcome, in the order people go through it.
FUNNEL_STAGES = ("shown", "requested", "accepted", "met", "hired", "funded", "active_90d")


class ReportFilters(WriteModel):
    """Which youths and which period the report covers; every filter is optional.

    Dates are inclusive days (UTC). Youth filters (gender, age band, service axis, commune kind)
    select the youths counted and the pairs of the funnel that involve one of them; the commune
    kind also selects the mentors and organisations counted.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    commune_kind: CommuneKind | None = None
    gender: Gender | None = None
    age_band: AgeBand | None = None
    axis: ServiceAxis | None = None

    @model_validator(mode="after")
    def _period_in_order(self) -> ReportFilters:
        if self.start and self.end and self.start > self.end:
            raise ValueError("start must be on or before end")
        return self


@dataclass(frozen=True)
class Registered:
    """Records created in the period."""

    youths: int
    mentors: int
    organizations: int
    job_offers: int


@dataclass(frozen=True)
class MentorLoad:
    """Mentors today (whatever the period): their places and how many are taken."""

    mentors: int
    capacity: int
    active_mentees: int
    full: int
    paused: int


@dataclass(frozen=True)
class EventFigures:
    """Networking events that took place in the period."""

    held: int
    attendees: int
    meetings_held: int


@dataclass(frozen=True)
class FunderReport:
    """Every figure of the report, with the filters it was computed for."""

    filters: ReportFilters
    registered: Registered
    funnel: dict[str, int]  # stage -> distinct pairs (introductions for requested/accepted)
    funnel_by_month: dict[str, dict[str, int]]  # "2026-05" -> stage -> count
    mentor_load: MentorLoad
    events: EventFigures
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def months(self) -> list[str]:
        return sorted(self.funnel_by_month)
