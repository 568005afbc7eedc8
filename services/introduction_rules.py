"""The decision rules of introductions, as pure functions: who may ask whom, and which status
may follow which. The moves in `services.introductions` read the facts in their transaction and
ask these rules, so the rules are tested without a database (tests/unit/test_introduction_rules)
and the same rule answers for the API, the pages, the CLI and the tasks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from graph.introductions import PairFacts
from matcher.languages import talk_in
from models.introduction import IntroductionKind as Kind
from models.introduction import IntroductionStatus as Status
from models.mentor import MentorLoad
from services.errors import Conflict, FieldError, InvalidInput, LimitReached

# The status a move leads to -> the statuses it may start from.
MOVES_FROM: Mapping[Status, tuple[Status, ...]] = {
    Status.ACCEPTED: (Status.PENDING,),
    Status.DECLINED: (Status.PENDING,),
    Status.EXPIRED: (Status.PENDING,),
    Status.WITHDRAWN: (Status.PENDING, Status.ACCEPTED),
    Status.ENDED: (Status.ACCEPTED,),
}


def may_move(current: Status, to: Status) -> bool:
    """Whether an introduction in `current` may become `to` (closed ones never move again)."""
    return current in MOVES_FROM.get(to, ())


def mentor_has_place(load: MentorLoad | None) -> bool:
    """A mentor takes a new mentee only when known, not paused and under capacity."""
    return load is not None and load.has_place


def check_may_request(
    facts: PairFacts,
    kind: Kind,
    *,
    from_id: str,
    to_id: str,
    max_pending: int,
    max_per_day: int,
    today: dt.date,
    mentor_load: MentorLoad | None = None,
) -> None:
    """Refuse a request the rules forbid; return quietly when it may be made.

    Args:
        facts: what the graph knows of the pair (`graph.introductions.pair_facts`): open,
            connected, declined, pending (the requesting party's), recent (in the last day),
            expires_on (the offer's, either side), from_languages, to_languages, to_type,
            to_awaiting_approval.
        kind: what the introduction is for.
        from_id: the requester (an offer, when its organisation invites a youth to apply).
        to_id: the one asked.
        max_pending: requests a person may have waiting at once.
        max_per_day: new requests a person may make per day.
        today: the date offers expire against.
        mentor_load: for mentoring, the mentor's load (None: no such mentor).

    Raises:
        Conflict: the one asked awaits staff approval, already open or connected, declined
            before, an expired offer, a full or paused mentor.
        LimitReached: too many requests waiting, or made today.
        InvalidInput: a mentor and a mentee without a common language.
    """
    if facts.to_awaiting_approval:  # safeguarding: nobody unvetted is introduced
        raise Conflict(f"{to_id} cannot be asked yet: its account awaits approval by the staff")
    if facts.open or facts.connected:
        raise Conflict(f"{from_id} and {to_id} already have an introduction")
    if facts.declined:
        raise Conflict("an earlier introduction between these two was declined")
    if facts.pending >= max_pending:
        raise LimitReached(
            f"{from_id} has {facts.pending} requests waiting for an answer "
            f"(at most {max_pending}); withdraw one or wait"
        )
    if facts.recent >= max_per_day:
        raise LimitReached(f"at most {max_per_day} new requests per day")
    expires_on = facts.expires_on
    if kind is Kind.APPLICATION and expires_on is not None and expires_on < today:
        offer = from_id if facts.from_type == "job_offer" else to_id  # applied to, or inviting
        raise Conflict(f"offer {offer} has expired")
    if kind is Kind.MENTORING:
        if not talk_in(facts.from_languages, facts.to_languages):
            raise InvalidInput([FieldError("to_id", "a mentor and a mentee must share a language")])
        if not mentor_has_place(mentor_load):
            raise Conflict(
                f"mentor {mentor_of(facts, from_id, to_id)} takes no new mentee at the moment"
            )


def mentor_of(facts: PairFacts, from_id: str, to_id: str) -> str:
    """The mentor of a mentoring request (either side may ask)."""
    return to_id if facts.to_type == "mentor" else from_id
