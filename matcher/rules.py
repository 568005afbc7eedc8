"""Hard rules: pairs that are never suggested, whatever their score."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from matcher.kinds import SuggestionKind as K
from matcher.languages import talk_in
from matcher.profiles import Profile


@dataclass(frozen=True)
class AgeBounds:
    """The ages a youth profile may have (platform setting, 18–35 by default)."""

    low: int = 18
    high: int = 35

    def admits(self, profile: Profile, today: dt.date) -> bool:
        if profile.kind != "youth" or profile.birth_year is None:
            return True
        return self.low <= today.year - profile.birth_year <= self.high


def viewer_may_receive(viewer: Profile, kind: K, today: dt.date, ages: AgeBounds) -> bool:
    """False when the asker itself rules out every suggestion (a full mentor, a closed offer)."""
    if not ages.admits(viewer, today):
        return False
    if kind is K.MENTEES:
        return has_place(viewer)
    if kind is K.CANDIDATES:
        return is_open(viewer, today)
    return True


def allowed(viewer: Profile, candidate: Profile, kind: K, today: dt.date, ages: AgeBounds) -> bool:
    """Whether the pair may be suggested at all."""
    if candidate.id == viewer.id or candidate.kind != kind.target_type:
        return False
    if candidate.id in viewer.excluded or viewer.id in candidate.excluded:
        return False  # already connected, or one of them declined
    if not ages.admits(candidate, today):
        return False
    if kind is K.MENTORS and not has_place(candidate):
        return False
    if kind is K.JOBS and not is_open(candidate, today):
        return False
    if kind in (K.MENTORS, K.MENTEES) and not talk_in(viewer.languages, candidate.languages):
        return False  # a mentor and a mentee must share a language
    return True


def has_place(mentor: Profile) -> bool:
    """A mentor who is not paused and has fewer mentees than their capacity."""
    return place_free(capacity=mentor.capacity, active=mentor.active_mentees, paused=mentor.paused)


def place_free(*, capacity: int | None, active: int, paused: bool) -> bool:
    """The one "is this mentor full" rule: a mentor takes a new mentee only when not paused and
    with fewer mentees than their capacity (no capacity known = no place)."""
    return not paused and active < (capacity or 0)


def is_open(offer: Profile, today: dt.date) -> bool:
    """An offer that has not expired."""
    return offer.expires_on is None or offer.expires_on >= today
