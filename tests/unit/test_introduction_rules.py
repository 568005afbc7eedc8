"""The decision rules of introductions, without Neo4j: may this person ask, is this mentor
full, which status may come next (the integration tests drive the same rules through the
graph)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from graph.introductions import PairFacts
from matcher.rules import place_free
from models.introduction import IntroductionKind as Kind
from models.introduction import IntroductionStatus as Status
from models.mentor import MentorLoad
from services.errors import Conflict, InvalidInput, LimitReached
from services.introduction_rules import check_may_request, may_move, mentor_has_place

TODAY = dt.date(2026, 6, 1)


def load(*, capacity: int = 2, active: int = 0, paused: bool = False) -> MentorLoad:
    free = max(0, capacity - active)
    return MentorLoad(
        id="m-1",
        name="Karim",
        capacity=capacity,
        active=active,
        pending=0,
        paused=paused,
        free=free,
    )


def facts(**overrides: Any) -> PairFacts:
    data: dict[str, Any] = {
        "from_type": "youth",
        "to_type": "mentor",
        "from_name": "Salma",
        "to_name": "Karim",
        "poster": None,
        "open": False,
        "connected": False,
        "declined": False,
        "pending": 0,
        "recent": 0,
        "expires_on": None,
        "from_languages": ("ar", "fr"),
        "to_languages": ("fr",),
    }
    return PairFacts(**(data | overrides))


def ask(kind: Kind = Kind.MENTORING, mentor: MentorLoad | None = None, **fact: Any) -> None:
    check_may_request(
        facts(**fact),
        kind,
        from_id="y-1",
        to_id="m-1",
        max_pending=5,
        max_per_day=10,
        today=TODAY,
        mentor_load=load() if mentor is None and kind is Kind.MENTORING else mentor,
    )


def test_a_mentor_under_capacity_and_not_paused_has_a_place() -> None:
    assert mentor_has_place(load(capacity=2, active=1))
    assert not mentor_has_place(load(capacity=2, active=2))
    assert not mentor_has_place(load(capacity=2, active=3))  # over-full after a capacity cut
    assert not mentor_has_place(load(capacity=2, active=0, paused=True))
    assert not mentor_has_place(None)  # no such mentor: no place


def test_an_unknown_capacity_means_no_place() -> None:
    assert not place_free(capacity=None, active=0, paused=False)
    assert not place_free(capacity=0, active=0, paused=False)
    assert place_free(capacity=1, active=0, paused=False)


def test_a_fresh_mentoring_request_is_allowed() -> None:
    ask()


@pytest.mark.parametrize(
    ("fact", "error"),
    [
        ({"open": True}, Conflict),
        ({"connected": True}, Conflict),
        ({"declined": True}, Conflict),
        ({"pending": 5}, LimitReached),
        ({"recent": 10}, LimitReached),
        ({"to_languages": ["en"]}, InvalidInput),
    ],
)
def test_requests_the_rules_forbid_are_refused(fact: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        ask(**fact)


def test_one_below_each_limit_is_still_allowed() -> None:
    ask(pending=4, recent=9)


def test_a_full_or_paused_mentor_takes_no_request() -> None:
    with pytest.raises(Conflict, match="takes no new mentee"):
        ask(mentor=load(capacity=1, active=1))
    with pytest.raises(Conflict, match="takes no new mentee"):
        ask(mentor=load(paused=True))


def test_an_application_to_an_expired_offer_is_refused_but_not_one_expiring_today() -> None:
    with pytest.raises(Conflict, match="expired"):
        ask(Kind.APPLICATION, expires_on=TODAY - dt.timedelta(days=1), to_type="job_offer")
    ask(Kind.APPLICATION, expires_on=TODAY, to_type="job_offer")


def test_an_expired_offer_cannot_invite_and_the_refusal_names_that_offer() -> None:
    expired = facts(from_type="job_offer", to_type="youth", expires_on=TODAY - dt.timedelta(1))
    with pytest.raises(Conflict, match="offer j-1 has expired"):
        check_may_request(
            expired,
            Kind.APPLICATION,
            from_id="j-1",
            to_id="y-1",
            max_pending=5,
            max_per_day=10,
            today=TODAY,
        )


def test_darija_and_arabic_are_a_common_language_for_mentoring() -> None:
    ask(Kind.MENTORING, from_languages=["ary"], to_languages=["ar", "fr"])
    with pytest.raises(InvalidInput):
        ask(Kind.MENTORING, from_languages=["ary"], to_languages=["fr"])


def test_only_mentoring_needs_a_common_language() -> None:
    ask(Kind.PEER, to_languages=["en"], to_type="youth")


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        (Status.PENDING, Status.ACCEPTED, True),
        (Status.PENDING, Status.DECLINED, True),
        (Status.PENDING, Status.EXPIRED, True),
        (Status.PENDING, Status.WITHDRAWN, True),
        (Status.ACCEPTED, Status.WITHDRAWN, True),
        (Status.ACCEPTED, Status.ENDED, True),
        (Status.PENDING, Status.ENDED, False),
        (Status.ACCEPTED, Status.ACCEPTED, False),
        (Status.DECLINED, Status.ACCEPTED, False),
        (Status.WITHDRAWN, Status.WITHDRAWN, False),
        (Status.EXPIRED, Status.ACCEPTED, False),
        (Status.ENDED, Status.WITHDRAWN, False),
    ],
)
def test_which_status_may_come_next(current: Status, to: Status, allowed: bool) -> None:
    assert may_move(current, to) is allowed


def test_a_closed_introduction_never_moves_again() -> None:
    closed = (Status.DECLINED, Status.WITHDRAWN, Status.EXPIRED, Status.ENDED)
    assert not any(may_move(current, to) for current in closed for to in Status)
