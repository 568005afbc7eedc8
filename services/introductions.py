"""Use cases of introductions: request, accept or decline, withdraw, end, expire.

The state machine (the only moves allowed):

    pending --accept--> accepted --withdraw/end--> withdrawn / ended
    pending --decline--> declined       pending --withdraw--> withdrawn
    pending --(expiry date passed)--> expired
    pending --(the mentor filled up: first acceptance wins)--> declined, reason mentor_full

Contact details follow the state: they are visible to the two sides only while accepted.
Every move writes its notifications in the same transaction (an outbox that
`services.notifications` sends from), so a move is never announced without happening.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec

from graph import introductions as graph_intro
from graph import records as graph_records
from graph.driver import ManagedTransaction
from graph.introductions import PairFacts
from models.introduction import (
    Answer,
    Introduction,
    IntroductionKind,
    IntroductionRequest,
    IntroductionStatus,
)
from models.pages import Page
from models.records import Record
from services import followups, outcomes
from services import introduction_rules as rules
from services.access import Actor
from services.db import Graph
from services.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from services.recommendations import summary_line
from services.settings import Settings

Status = IntroductionStatus
Kind = IntroductionKind

# (requester type, recipient type) -> what the introduction is for.
KIND_OF_PAIR: dict[tuple[str, str], Kind] = {
    ("youth", "mentor"): Kind.MENTORING,
    ("organization", "mentor"): Kind.MENTORING,
    ("mentor", "youth"): Kind.MENTORING,
    ("mentor", "organization"): Kind.MENTORING,
    ("youth", "youth"): Kind.PEER,
    ("youth", "organization"): Kind.PARTNERSHIP,
    ("organization", "organization"): Kind.PARTNERSHIP,
    ("youth", "job_offer"): Kind.APPLICATION,
    # An offer invites a youth to apply: asked by the organisation that posted it.
    ("job_offer", "youth"): Kind.APPLICATION,
}
# The suggestion kind an introduction answers, whose ranker learns from what happens to it.
SUGGESTION_OF_PAIR: dict[tuple[str, str], str] = {
    ("youth", "mentor"): "mentors",
    ("mentor", "youth"): "mentees",
    ("youth", "youth"): "peers",
    ("youth", "organization"): "partners",
    ("organization", "organization"): "partners",
    ("youth", "job_offer"): "jobs",
    ("job_offer", "youth"): "candidates",
}

P = ParamSpec("P")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parties_of(actor: Actor) -> list[str]:
    """The records an account speaks for: its profile and its organisations."""
    return sorted({*actor.organization_ids, *([actor.profile_id] if actor.profile_id else [])})


def request(
    graph: Graph,
    actor: Actor,
    payload: IntroductionRequest,
    settings: Settings,
    *,
    now: dt.datetime | None = None,
) -> Introduction:
    """Ask for an introduction on behalf of `payload.from_id`: one's profile or organisation,
    or an offer one's organisation posted (inviting a youth to apply).

    Raises:
        NotFound: either record does not exist.
        Forbidden: the actor does not speak for `from_id` (for an offer: its organisation).
        InvalidInput: this pair cannot be introduced (e.g. an offer asking a mentor).
        Conflict: already open or connected, declined before, an expired offer, or the mentor
            is full or paused.
        LimitReached: too many pending requests, or too many new ones today.
    """
    now = now or now_utc()
    if not actor.approved:
        raise Forbidden("your account awaits approval by the platform staff")
    if payload.from_id == payload.to_id:
        raise InvalidInput([FieldError("to_id", "a record cannot be introduced to itself")])
    speaks_for = None if actor.is_staff else frozenset(parties_of(actor))
    intro = graph.write(_request_tx, payload, settings, now, speaks_for)
    return _view(graph, actor, intro)


def _asking_party(tx: ManagedTransaction, from_id: str, speaks_for: frozenset[str] | None) -> str:
    """Who asks for `from_id` (itself, or the organisation that posted the offer), checked
    against the records the account speaks for (None: staff, for anyone)."""
    exists, party = graph_intro.asking_party(tx, from_id)
    if speaks_for is not None and (party or from_id) not in speaks_for:
        raise Forbidden(f"you may not ask on behalf of {from_id}")
    if not exists:
        raise NotFound(f"no record with id {from_id}")
    if party is None:
        raise Conflict(f"offer {from_id} has no organisation to ask for it")
    return party


def _request_tx(
    tx: ManagedTransaction,
    payload: IntroductionRequest,
    settings: Settings,
    now: dt.datetime,
    speaks_for: frozenset[str] | None,
) -> Introduction:
    from_party = _asking_party(tx, payload.from_id, speaks_for)
    # Both sides and the asking party locked: its limits hold, A->B and B->A cannot both
    # open, and a mentor's capacity is read as the last acceptance left it.
    graph_intro.lock_pair(tx, payload.from_id, payload.to_id, from_party)
    since = now - dt.timedelta(days=1)
    facts = graph_intro.pair_facts(
        tx, payload.from_id, payload.to_id, party=from_party, since=since
    )
    if facts is None:
        raise NotFound(f"no record with id {payload.to_id}")
    kind = KIND_OF_PAIR.get((facts.from_type, facts.to_type))
    if kind is None:
        raise InvalidInput(
            [FieldError("to_id", f"a {facts.from_type} cannot ask a {facts.to_type}")]
        )
    _check_may_request(tx, payload, facts, kind, settings)
    to_party = facts.poster if facts.to_type == "job_offer" else payload.to_id
    if to_party is None:
        raise Conflict(f"offer {payload.to_id} has no organisation to answer it")
    intro = Introduction(
        id=f"i-{uuid.uuid4().hex[:16]}",
        kind=kind,
        status=Status.PENDING,
        from_id=payload.from_id,
        to_id=payload.to_id,
        from_party=from_party,
        to_party=to_party,
        message=payload.message,
        source="request",
        suggestion=SUGGESTION_OF_PAIR.get((facts.from_type, facts.to_type)),
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.intro_expiry_days),
    )
    graph_intro.create(tx, intro)
    _notify(tx, intro, "requested", to=to_party, about=from_party, now=now)
    outcomes.record_in(tx, intro, "requested", now)
    return intro


def _check_may_request(
    tx: ManagedTransaction,
    payload: IntroductionRequest,
    facts: PairFacts,
    kind: Kind,
    settings: Settings,
) -> None:
    mentor = rules.mentor_of(facts, payload.from_id, payload.to_id)
    rules.check_may_request(
        facts,
        kind,
        from_id=payload.from_id,
        to_id=payload.to_id,
        max_pending=settings.intro_max_pending,
        max_per_day=settings.intro_max_per_day,
        today=dt.date.today(),
        mentor_load=graph_intro.mentor_load(tx, mentor) if kind is Kind.MENTORING else None,
    )


def answer(
    graph: Graph,
    actor: Actor,
    intro_id: str,
    choice: Answer,
    *,
    now: dt.datetime | None = None,
) -> Introduction:
    """The recipient accepts or declines a pending request.

    Raises:
        NotFound, Forbidden: unknown introduction, or the actor does not answer for it.
        Conflict: not pending any more (expired, withdrawn, answered), or the mentor is full.
    """
    now = now or now_utc()
    intro = _readable(graph, actor, intro_id)
    if not actor.is_staff and intro.to_party not in parties_of(actor):
        raise Forbidden("only the person asked may answer")
    work = _accept_tx if choice is Answer.ACCEPT else _decline_tx
    return _view(graph, actor, graph.write(work, intro_id, now))


def _accept_tx(tx: ManagedTransaction, intro_id: str, now: dt.datetime) -> Introduction:
    # The pair's locks (the mentor's among them) make "count, then add" atomic: the first
    # acceptance of a mentor's last place wins.
    intro = _pending_for_update(tx, intro_id, now)
    kind = intro.kind
    mentor, other = _arrow(tx, intro)
    if graph_intro.pair_state(tx, intro.from_id, intro.to_id).connected:
        raise Conflict("these two are already connected")
    if kind is Kind.MENTORING:
        if not _has_place(tx, mentor):
            raise Conflict(f"mentor {mentor} has no free place")
    graph_intro.connect(tx, kind, mentor, other, intro_id=intro_id, now=now)
    graph_intro.set_status(
        tx, intro_id, Status.ACCEPTED.value, reason=None, answered_at=now, closed_at=None
    )
    _notify(tx, intro, "accepted", to=intro.from_party, about=intro.to_party, now=now)
    outcomes.record_in(tx, intro, "accepted", now)
    if kind is Kind.MENTORING:
        _answer_others_if_full(tx, mentor, now)
    return intro.model_copy(update={"status": Status.ACCEPTED, "answered_at": now})


def _has_place(tx: ManagedTransaction, mentor: str) -> bool:
    """The one "mentor is full" check of every move: no such mentor = no place."""
    return rules.mentor_has_place(graph_intro.mentor_load(tx, mentor))


def _answer_others_if_full(tx: ManagedTransaction, mentor: str, now: dt.datetime) -> None:
    """Once a mentor is full, the requests still waiting for them are closed, with a notice."""
    if _has_place(tx, mentor):  # accepting succeeded, so the mentor is not paused
        return
    for other in graph_intro.pending_to(tx, mentor, Kind.MENTORING):
        graph_intro.set_status(
            tx,
            other.id,
            Status.DECLINED.value,
            reason="mentor_full",
            answered_at=now,
            closed_at=now,
        )
        _notify(tx, other, "mentor_full", to=other.from_party, about=mentor, now=now)


def _decline_tx(tx: ManagedTransaction, intro_id: str, now: dt.datetime) -> Introduction:
    intro = _pending_for_update(tx, intro_id, now)
    graph_intro.set_status(
        tx, intro_id, Status.DECLINED.value, reason="declined", answered_at=now, closed_at=now
    )
    # Remembered so that neither side is suggested to the other again.
    graph_intro.mark_declined(tx, intro.to_id, intro.from_id, now)
    _notify(tx, intro, "declined", to=intro.from_party, about=intro.to_party, now=now)
    outcomes.record_in(tx, intro, "declined", now)
    return intro.model_copy(update={"status": Status.DECLINED, "answered_at": now})


def withdraw(
    graph: Graph, actor: Actor, intro_id: str, *, now: dt.datetime | None = None
) -> Introduction:
    """The requester takes back a pending or accepted introduction; contacts are hidden again."""
    now = now or now_utc()
    intro = _readable(graph, actor, intro_id)
    if not actor.is_staff and intro.from_party not in parties_of(actor):
        raise Forbidden("only the requester may withdraw")
    return _view(graph, actor, graph.write(_close_tx, intro_id, Status.WITHDRAWN, "from", now))


def end(
    graph: Graph, actor: Actor, intro_id: str, *, now: dt.datetime | None = None
) -> Introduction:
    """Either side ends an accepted connection: the relationship and contacts go away."""
    now = now or now_utc()
    intro = _readable(graph, actor, intro_id)
    mine = set(parties_of(actor))
    if not actor.is_staff and not mine & {intro.from_party, intro.to_party}:
        raise Forbidden("only the two sides may end a connection")
    side = "from" if intro.from_party in mine else "to"
    return _view(graph, actor, graph.write(_close_tx, intro_id, Status.ENDED, side, now))


def _close_tx(
    tx: ManagedTransaction, intro_id: str, status: Status, side: str, now: dt.datetime
) -> Introduction:
    intro = _locked(tx, intro_id)
    if not rules.may_move(intro.status, status):
        raise Conflict(f"introduction {intro_id} is {intro.status.value}")
    if intro.status is Status.ACCEPTED:
        mentor, other = _arrow(tx, intro)
        graph_intro.disconnect(tx, intro.kind, mentor, other, intro_id=intro_id)
    graph_intro.set_status(
        tx, intro_id, status.value, reason=status.value, answered_at=None, closed_at=now
    )
    to, about = (
        (intro.to_party, intro.from_party) if side == "from" else (intro.from_party, intro.to_party)
    )
    _notify(tx, intro, status.value, to=to, about=about, now=now)
    return intro.model_copy(update={"status": status, "closed_at": now})


def expire_due(graph: Graph, *, now: dt.datetime | None = None, batch: int = 500) -> int:
    """Close every pending request past its expiry date; returns how many were closed."""
    now = now or now_utc()
    closed = 0
    while ids := graph.read(graph_intro.due_to_expire, now, batch):
        closed += sum(graph.write(_expire_tx, intro_id, now) for intro_id in ids)
    return closed


def _expire_tx(tx: ManagedTransaction, intro_id: str, now: dt.datetime) -> bool:
    intro = _locked(tx, intro_id)
    if intro.status is not Status.PENDING or intro.expires_at > now:
        return False  # answered in the meantime: nothing to do (the task may run twice)
    graph_intro.set_status(
        tx, intro_id, Status.EXPIRED.value, reason="expired", answered_at=None, closed_at=now
    )
    _notify(tx, intro, "expired", to=intro.from_party, about=intro.to_party, now=now)
    return True


def connect_directly(
    tx: ManagedTransaction, *, intro_id: str, mentor_id: str, mentee_id: str, now: dt.datetime
) -> bool:
    """An accepted mentoring introduction made by staff (a published cohort), idempotently.

    Returns False, writing nothing, when it exists already or the mentor has no place left.
    """
    graph_intro.lock_pair(tx, mentor_id, mentee_id)
    if graph_intro.read(tx, intro_id) is not None:
        return False  # made already (a re-delivered task)
    state = graph_intro.pair_state(tx, mentee_id, mentor_id)
    if state.connected or state.open:
        return False  # they are connected, or one asked the other: that introduction rules
    if not _has_place(tx, mentor_id):
        return False
    intro = Introduction(
        id=intro_id,
        kind=Kind.MENTORING,
        status=Status.ACCEPTED,
        from_id=mentee_id,
        to_id=mentor_id,
        to_party=mentor_id,
        source="cohort",
        suggestion="mentors",
        created_at=now,
        expires_at=now,
        answered_at=now,
    )
    graph_intro.create(tx, intro)
    graph_intro.connect(tx, Kind.MENTORING, mentor_id, mentee_id, intro_id=intro_id, now=now)
    for party, about in ((mentee_id, mentor_id), (mentor_id, mentee_id)):
        _notify(tx, intro, "matched", to=party, about=about, now=now)
    return True


def has_introduction(tx: ManagedTransaction, intro_id: str) -> bool:
    return graph_intro.read(tx, intro_id) is not None


def get(graph: Graph, actor: Actor, intro_id: str) -> Introduction:
    return _view(graph, actor, _readable(graph, actor, intro_id))


def list_mine(
    graph: Graph,
    actor: Actor,
    *,
    status: IntroductionStatus | None,
    limit: int,
    offset: int,
    party: str | None = None,
) -> Page[Introduction]:
    """The introductions the actor's profile or organisations take part in, newest first."""
    parties = [party] if party else parties_of(actor)
    if party and not actor.is_staff and party not in parties_of(actor):
        raise Forbidden(f"you do not speak for {party}")
    total, rows = graph.read(
        graph_intro.list_for,
        parties,
        status=status.value if status else None,
        limit=limit,
        offset=offset,
    )
    items = [_view(graph, actor, row) for row in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def contact_visible(graph: Graph, actor: Actor, record_id: str) -> bool:
    """True when one of the actor's records has an accepted introduction with `record_id`."""
    parties = parties_of(actor)
    return bool(parties) and graph.read(graph_intro.accepted_between, parties, record_id)


def _readable(graph: Graph, actor: Actor, intro_id: str) -> Introduction:
    intro = graph.read(graph_intro.read, intro_id)
    sides = {intro.from_id, intro.from_party, intro.to_id, intro.to_party} if intro else set()
    if intro is None or not (actor.is_staff or sides & set(parties_of(actor))):
        raise NotFound(f"no introduction {intro_id}")  # others may not learn that it exists
    return intro


def _locked(tx: ManagedTransaction, intro_id: str) -> Introduction:
    """The introduction, read again after locking its pair's records and then itself (the
    order every move follows, so that moves never deadlock)."""
    first = graph_intro.read(tx, intro_id)
    if first is not None:
        graph_intro.lock_pair(tx, first.from_id, first.to_id)
        locked = graph_intro.read(tx, intro_id, for_update=True)
        if locked is not None:
            return locked
    raise NotFound(f"no introduction {intro_id}")


def _pending_for_update(tx: ManagedTransaction, intro_id: str, now: dt.datetime) -> Introduction:
    intro = _locked(tx, intro_id)
    if intro.status is not Status.PENDING:
        raise Conflict(f"introduction {intro_id} is {intro.status.value}, not pending")
    if intro.expires_at <= now:
        raise Conflict(f"introduction {intro_id} expired on {intro.expires_at.isoformat()}")
    return intro


def _arrow(tx: ManagedTransaction, intro: Introduction) -> tuple[str, str]:
    """The (start, end) of the relationship: for mentoring, the mentor is the start; for an
    application, the youth (whichever side asked)."""
    if intro.kind is Kind.MENTORING:
        load = graph_intro.mentor_load(tx, intro.to_id)
        return (intro.to_id, intro.from_id) if load else (intro.from_id, intro.to_id)
    if intro.kind is Kind.APPLICATION and intro.invitation:
        return intro.to_id, intro.from_id
    return intro.from_id, intro.to_id


def _notify(
    tx: ManagedTransaction,
    intro: Introduction,
    event: str,
    *,
    to: str,
    about: str,
    now: dt.datetime,
) -> None:
    graph_intro.merge_notification(
        tx,
        {
            # One notice per introduction, event and recipient: writing it twice is a no-op.
            "id": f"{intro.id}:{event}:{to}",
            "party_id": to,
            "event": event,
            "introduction_id": intro.id,
            "kind": intro.kind.value,
            "about_id": about,
            "offer_id": intro.offer_id,
            "invitation": True if intro.invitation else None,
            "created_at": now,
        },
    )


def _view(graph: Graph, actor: Actor, intro: Introduction) -> Introduction:
    """The introduction as the actor sees it: the other side's contact only when accepted."""
    contact = None
    if intro.status is Status.ACCEPTED:
        mine = set(parties_of(actor))
        other = intro.to_party if intro.from_party in mine else None
        other = intro.from_party if intro.to_party in mine or intro.to_id in mine else other
        if other is not None:
            contact = graph.read(graph_intro.contact_of, other)
    return intro.model_copy(update={"contact": contact})


# --- the entry points' use cases: each move, then its notifications e-mailed ----------------


def _then_notify(move: Callable[P, Introduction]) -> Callable[P, Introduction]:
    """The move as the API and the pages run it: committed, then the outbox queued for e-mail
    (the CLI and the tests call the move alone)."""

    @functools.wraps(move)
    def use_case(*args: P.args, **kwargs: P.kwargs) -> Introduction:
        intro = move(*args, **kwargs)
        followups.send_notifications()
        return intro

    return use_case


request_and_notify = _then_notify(request)
answer_and_notify = _then_notify(answer)
withdraw_and_notify = _then_notify(withdraw)
end_and_notify = _then_notify(end)


@dataclass(frozen=True)
class IntroductionCard:
    """An introduction as the page lists it: the other side's name, and whether the actor
    received it (may accept or decline) or sent it (may withdraw); the offer, for an
    application the organisation received and an invitation to apply (sent or received)."""

    intro: Introduction
    other_id: str
    other_name: str
    received: bool
    offer_id: str | None = None
    offer_title: str | None = None
    # Who the other side is, before an answer shares contact details: what they wrote of
    # themselves (cut to a line) and their skills.
    other_summary: str = ""
    other_skills: tuple[str, ...] = ()


def list_cards(graph: Graph, actor: Actor, *, limit: int = 50) -> list[IntroductionCard]:
    """The actor's introductions, newest first, each with the other side's name (and the
    offer, when that name does not say it)."""
    page = list_mine(graph, actor, status=None, limit=limit, offset=0)
    mine = set(parties_of(actor))
    received = {i.id: i.from_party not in mine for i in page.items}
    # Received: who asked (an organisation, for an invitation from its offer); sent: whom.
    others = {i.id: i.from_party if received[i.id] else i.to_id for i in page.items}
    offers = {i.id: o for i in page.items if (o := i.offer_id) and o != others[i.id]}
    ids = sorted(set(others.values()) | set(offers.values()))
    records = {r.id: r for r in graph.read(graph_records.read_records, ids)}
    names = {
        rid: str(getattr(r, "name", None) or getattr(r, "title", rid)) for rid, r in records.items()
    }
    return [
        IntroductionCard(
            intro=i,
            other_id=others[i.id],
            other_name=names.get(others[i.id], others[i.id]),
            received=received[i.id],
            offer_id=offers.get(i.id),
            offer_title=names.get(offers[i.id], offers[i.id]) if i.id in offers else None,
            other_summary=_summary(records.get(others[i.id])),
            other_skills=_skills(records.get(others[i.id])),
        )
        for i in page.items
    ]


CARD_SKILLS = 6


def _summary(record: Record | None) -> str:
    text = getattr(record, "bio", None) or getattr(record, "description", None) or ""
    return summary_line(str(text))


def _skills(record: Record | None) -> tuple[str, ...]:
    found = getattr(record, "skills", None) or getattr(record, "required_skills", None) or []
    return tuple(str(skill) for skill in found[:CARD_SKILLS])
