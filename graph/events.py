"""Networking events in the graph: registrations, the schedule, meetings held and feedback.

    (:Event {id, title, starts_at, venue, capacity, format, rounds, ...})
    (:Entity)-[:REGISTERED_FOR {status, slots, must_meet, no_thanks, registered_at, ...}]->(:Event)
    (:EventMeeting {id, event_id, slot, table, a, b, state, value, must_meet})
    (:Entity)-[:MET {event_id, at}]->(:Entity)        one per pair and event, from a to b (a < b)
    (:EventFeedback {id, meeting_id, event_id, attendee_id, other_id, useful, follow_up, at})

Choices are kept on the registration: they belong to one event and go with it. Writes that
must not interleave (the last place, a promotion from the waitlist) bump `lock_seq` on the
event first, so Neo4j serialises them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.driver import typed
from models.event import EventFormat, Feedback, MeetingState, RegistrationStatus


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored, with its registration counts."""

    id: str
    title: str
    starts_at: dt.datetime
    venue: str
    capacity: int
    format: EventFormat
    rounds: int
    slot_minutes: int
    max_meetings: int
    created_at: dt.datetime
    table_size: int | None = None
    tables: int | None = None
    scheduled_at: dt.datetime | None = None
    figures: str | None = None  # the stored schedule's ScheduleFigures, as JSON
    lock_seq: int = 0  # bumped by every change under the event's lock
    registered: int = 0  # holding a place (registered or checked in)
    waitlisted: int = 0
    checked_in: int = 0
    taken: int = 0  # places taken, as read under the lock (`lock`)
    cancelled_at: dt.datetime | None = None  # staff cancelled the event


@dataclass(frozen=True)
class Attendee:
    """A record that may attend: its id, kind and name (or an offer's title)."""

    id: str
    type: str
    name: str | None


@dataclass(frozen=True)
class StoredRegistration:
    """A registration with the attendee's name and kind, and their choices."""

    event_id: str
    attendee_id: str
    type: str
    status: RegistrationStatus
    registered_at: dt.datetime
    name: str | None = None
    slots: tuple[int, ...] = ()
    must_meet: tuple[str, ...] = ()
    no_thanks: tuple[str, ...] = ()
    checked_in_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None


@dataclass(frozen=True)
class StoredMeeting:
    """A meeting of the schedule with both sides' names and kinds."""

    id: str
    event_id: str
    slot: int
    table: int
    a: str
    b: str
    a_name: str
    b_name: str
    state: MeetingState
    a_type: str | None = None  # None: the record was deleted since
    b_type: str | None = None
    must_meet: bool = False
    value: float = 0.0


@dataclass(frozen=True)
class Met:
    """That a pair met at an event, and when it was recorded."""

    event_id: str
    at: dt.datetime


EVENT_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX event_starts IF NOT EXISTS FOR (n:Event) ON (n.starts_at)",
    "CREATE CONSTRAINT event_meeting_id IF NOT EXISTS FOR (n:EventMeeting) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX event_meeting_event IF NOT EXISTS FOR (n:EventMeeting) ON (n.event_id)",
    "CREATE CONSTRAINT event_feedback_id IF NOT EXISTS "
    "FOR (n:EventFeedback) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX event_feedback_event IF NOT EXISTS FOR (n:EventFeedback) ON (n.event_id)",
)

PLACES = ["registered", "checked_in"]

CREATE_EVENT: LiteralString = "CREATE (e:Event) SET e = $props"

_EVENT_VIEW: LiteralString = """
RETURN e {.*,
  registered: COUNT { (:Entity)-[r:REGISTERED_FOR]->(e) WHERE r.status IN $places },
  waitlisted: COUNT { (:Entity)-[r:REGISTERED_FOR]->(e) WHERE r.status = 'waitlisted' },
  checked_in: COUNT { (:Entity)-[r:REGISTERED_FOR]->(e) WHERE r.status = 'checked_in' }
} AS e
"""

READ_EVENT: LiteralString = "MATCH (e:Event {id: $id})" + _EVENT_VIEW

LIST_EVENTS: LiteralString = (
    "MATCH (e:Event) WHERE $since IS NULL OR e.starts_at >= $since "
    "WITH e ORDER BY e.starts_at, e.id SKIP $offset LIMIT $limit" + _EVENT_VIEW
)

COUNT_EVENTS: LiteralString = """
MATCH (e:Event) WHERE $since IS NULL OR e.starts_at >= $since RETURN count(e) AS n
"""

LOCK_EVENT: LiteralString = """
MATCH (e:Event {id: $id}) SET e.lock_seq = coalesce(e.lock_seq, 0) + 1
RETURN e {.*, taken: COUNT { (:Entity)-[r:REGISTERED_FOR]->(e) WHERE r.status IN $places }} AS e
"""

UPDATE_EVENT: LiteralString = "MATCH (e:Event {id: $id}) SET e += $props"

ENTITY: LiteralString = """
MATCH (p:Entity {id: $id}) RETURN p.id AS id, p.type AS type, coalesce(p.name, p.title) AS name
"""

_REGISTRATION_VIEW: LiteralString = """
RETURN r {.*, event_id: e.id, attendee_id: p.id, name: coalesce(p.name, p.title), type: p.type}
    AS r
"""

REGISTRATION: LiteralString = (
    "MATCH (p:Entity {id: $attendee})-[r:REGISTERED_FOR]->(e:Event {id: $event})"
    + _REGISTRATION_VIEW
)

REGISTRATIONS: LiteralString = (
    "MATCH (p:Entity)-[r:REGISTERED_FOR]->(e:Event {id: $event}) "
    "WHERE $statuses IS NULL OR r.status IN $statuses "
    "WITH p, r, e ORDER BY r.registered_at, p.id" + _REGISTRATION_VIEW
)

REGISTRATIONS_OF: LiteralString = (
    "MATCH (p:Entity {id: $attendee})-[r:REGISTERED_FOR]->(e:Event) WHERE e.id IN $events"
    + _REGISTRATION_VIEW
)

UPSERT_REGISTRATION: LiteralString = """
MATCH (p:Entity {id: $attendee}), (e:Event {id: $event})
MERGE (p)-[r:REGISTERED_FOR]->(e)
SET r += $props
"""

SET_REGISTRATION: LiteralString = """
MATCH (:Entity {id: $attendee})-[r:REGISTERED_FOR]->(:Event {id: $event})
SET r += $props
"""

# First come, first served: the earliest registration on the waitlist gets the next place.
FIRST_WAITLISTED: LiteralString = """
MATCH (p:Entity)-[r:REGISTERED_FOR {status: 'waitlisted'}]->(:Event {id: $event})
RETURN p.id AS id ORDER BY r.registered_at, p.id LIMIT $n
"""

WAITLIST_POSITION: LiteralString = """
MATCH (:Entity {id: $attendee})-[mine:REGISTERED_FOR {status: 'waitlisted'}]->(e:Event {id: $event})
RETURN COUNT { (p:Entity)-[r:REGISTERED_FOR {status: 'waitlisted'}]->(e)
               WHERE r.registered_at < mine.registered_at
                  OR (r.registered_at = mine.registered_at AND p.id < $attendee) } + 1 AS position
"""

_MEETING_VIEW: LiteralString = """
OPTIONAL MATCH (x:Entity {id: m.a})
OPTIONAL MATCH (y:Entity {id: m.b})
RETURN m {.*, a_name: coalesce(x.name, x.title, m.a), a_type: x.type,
              b_name: coalesce(y.name, y.title, m.b), b_type: y.type} AS m
ORDER BY m.slot, m.table, m.a, m.b
"""

MEETINGS: LiteralString = (
    "MATCH (m:EventMeeting {event_id: $event}) "
    "WHERE ($attendee IS NULL OR m.a = $attendee OR m.b = $attendee) "
    "AND ($states IS NULL OR m.state IN $states) "
    "WITH m" + _MEETING_VIEW
)

READ_MEETING: LiteralString = (
    "MATCH (m:EventMeeting {id: $id, event_id: $event}) WITH m" + _MEETING_VIEW
)

CANCEL_MEETINGS_OF: LiteralString = """
MATCH (m:EventMeeting {event_id: $event}) WHERE (m.a = $attendee OR m.b = $attendee)
  AND m.state = 'scheduled'
SET m.state = 'cancelled', m.cancelled_at = $now
"""

CANCEL_MEETINGS: LiteralString = """
MATCH (m:EventMeeting {event_id: $event}) WHERE m.id IN $ids AND m.state = 'scheduled'
SET m.state = 'cancelled', m.cancelled_at = $now
"""

# A new schedule: meetings held stay; the others not in it go; kept ones keep their node.
REPLACE_SCHEDULE: LiteralString = """
MATCH (m:EventMeeting {event_id: $event}) WHERE m.state <> 'held' AND NOT m.id IN $ids
DETACH DELETE m
WITH count(*) AS dropped
UNWIND $rows AS row
MERGE (m:EventMeeting {id: row.id})
ON CREATE SET m = row
ON MATCH SET m.table = row.table, m.value = row.value, m.must_meet = row.must_meet,
             m.state = CASE m.state WHEN 'held' THEN 'held' ELSE row.state END
"""

# Held: the meeting's state, and the pair's memory of it (one MET per pair and event).
MARK_HELD: LiteralString = """
MATCH (m:EventMeeting {id: $id, event_id: $event}) WHERE m.state = 'scheduled'
MATCH (a:Entity {id: m.a}), (b:Entity {id: m.b})
SET m.state = 'held', m.held_at = $now
MERGE (a)-[r:MET {event_id: m.event_id}]->(b) ON CREATE SET r.at = $now
RETURN m.id AS id
"""

# Pairs among the attendees that must not meet: they declined each other before, or (when
# asked) they met at another event.
BANNED_PAIRS: LiteralString = """
MATCH (a:Entity)-[r:MET|DECLINED]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
  AND (type(r) = 'DECLINED' OR ($avoid_past AND r.event_id <> $event))
RETURN DISTINCT a.id AS a, b.id AS b
"""

MET_BETWEEN: LiteralString = """
MATCH (a:Entity {id: $a})-[r:MET]-(b:Entity {id: $b}) RETURN r.event_id AS event_id, r.at AS at
"""

MERGE_FEEDBACK: LiteralString = """
MERGE (f:EventFeedback {id: $props.id}) SET f += $props
"""

FEEDBACK: LiteralString = """
MATCH (f:EventFeedback {event_id: $event}) RETURN f {.*} AS f ORDER BY f.meeting_id, f.attendee_id
"""

# An outcome recorded by this event (and only by it) is taken back when the feedback changes.
DROP_MATCH_EVENT: LiteralString = """
MATCH (e:MatchEvent {id: $id}) WHERE e.source = $source DETACH DELETE e
"""


def create(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(CREATE_EVENT, props=props).consume()


def read(tx: ManagedTransaction, event_id: str) -> StoredEvent | None:
    row = tx.run(READ_EVENT, id=event_id, places=PLACES).single()
    return typed(StoredEvent, row["e"]) if row else None


def list_events(
    tx: ManagedTransaction, *, since: dt.datetime | None, limit: int, offset: int
) -> tuple[list[StoredEvent], int]:
    rows = tx.run(LIST_EVENTS, since=since, limit=limit, offset=offset, places=PLACES)
    found = [typed(StoredEvent, row["e"]) for row in rows]
    total = tx.run(COUNT_EVENTS, since=since).single(strict=True)["n"]
    return found, int(total)


def lock(tx: ManagedTransaction, event_id: str) -> StoredEvent | None:
    """Take the event's write lock for the rest of the transaction; the event with its places
    taken, or None when there is no such event."""
    row = tx.run(LOCK_EVENT, id=event_id, places=PLACES).single()
    return typed(StoredEvent, row["e"]) if row else None


def update(tx: ManagedTransaction, event_id: str, props: dict[str, Any]) -> None:
    tx.run(UPDATE_EVENT, id=event_id, props=props).consume()


def entity(tx: ManagedTransaction, record_id: str) -> Attendee | None:
    row = tx.run(ENTITY, id=record_id).single()
    return typed(Attendee, row.data()) if row else None


def registration(
    tx: ManagedTransaction, event_id: str, attendee_id: str
) -> StoredRegistration | None:
    row = tx.run(REGISTRATION, event=event_id, attendee=attendee_id).single()
    return typed(StoredRegistration, row["r"]) if row else None


def registrations(
    tx: ManagedTransaction, event_id: str, statuses: Sequence[str] | None = None
) -> list[StoredRegistration]:
    """Registrations of the event in registration order, optionally of some statuses only."""
    rows = tx.run(REGISTRATIONS, event=event_id, statuses=list(statuses) if statuses else None)
    return [typed(StoredRegistration, row["r"]) for row in rows]


def registrations_of(
    tx: ManagedTransaction, attendee_id: str, event_ids: Sequence[str]
) -> list[StoredRegistration]:
    """One attendee's registrations to some events (cancelled ones included)."""
    rows = tx.run(REGISTRATIONS_OF, attendee=attendee_id, events=list(event_ids))
    return [typed(StoredRegistration, row["r"]) for row in rows]


def upsert_registration(
    tx: ManagedTransaction, event_id: str, attendee_id: str, props: dict[str, Any]
) -> None:
    tx.run(UPSERT_REGISTRATION, event=event_id, attendee=attendee_id, props=props).consume()


def set_registration(
    tx: ManagedTransaction, event_id: str, attendee_id: str, props: dict[str, Any]
) -> None:
    tx.run(SET_REGISTRATION, event=event_id, attendee=attendee_id, props=props).consume()


def first_waitlisted(tx: ManagedTransaction, event_id: str, n: int) -> list[str]:
    return [row["id"] for row in tx.run(FIRST_WAITLISTED, event=event_id, n=n)]


def waitlist_position(tx: ManagedTransaction, event_id: str, attendee_id: str) -> int | None:
    row = tx.run(WAITLIST_POSITION, event=event_id, attendee=attendee_id).single()
    return int(row["position"]) if row else None


def meetings(
    tx: ManagedTransaction,
    event_id: str,
    *,
    attendee_id: str | None = None,
    states: Sequence[str] | None = None,
) -> list[StoredMeeting]:
    """Meetings of the event (or of one attendee), by slot and table, with both names."""
    rows = tx.run(
        MEETINGS,
        event=event_id,
        attendee=attendee_id,
        states=list(states) if states else None,
    )
    return [typed(StoredMeeting, row["m"]) for row in rows]


def read_meeting(tx: ManagedTransaction, event_id: str, meeting_id: str) -> StoredMeeting | None:
    row = tx.run(READ_MEETING, event=event_id, id=meeting_id).single()
    return typed(StoredMeeting, row["m"]) if row else None


def cancel_meetings_of(
    tx: ManagedTransaction, event_id: str, attendee_id: str, now: dt.datetime
) -> None:
    tx.run(CANCEL_MEETINGS_OF, event=event_id, attendee=attendee_id, now=now).consume()


def cancel_meetings(
    tx: ManagedTransaction, event_id: str, meeting_ids: Sequence[str], now: dt.datetime
) -> None:
    tx.run(CANCEL_MEETINGS, event=event_id, ids=list(meeting_ids), now=now).consume()


def replace_schedule(tx: ManagedTransaction, event_id: str, rows: Sequence[dict[str, Any]]) -> None:
    ids = [row["id"] for row in rows]
    tx.run(REPLACE_SCHEDULE, event=event_id, ids=ids, rows=list(rows)).consume()


def mark_held(tx: ManagedTransaction, event_id: str, meeting_id: str, now: dt.datetime) -> bool:
    """Scheduled -> held, with the pair's MET; False when nothing changed (not scheduled, or a
    side's record was deleted since)."""
    return tx.run(MARK_HELD, event=event_id, id=meeting_id, now=now).single() is not None


def banned_pairs(
    tx: ManagedTransaction, event_id: str, ids: Sequence[str], *, avoid_past: bool
) -> list[tuple[str, str]]:
    rows = tx.run(BANNED_PAIRS, event=event_id, ids=list(ids), avoid_past=avoid_past)
    return [(row["a"], row["b"]) for row in rows]


def met_between(tx: ManagedTransaction, a: str, b: str) -> list[Met]:
    return [typed(Met, row.data()) for row in tx.run(MET_BETWEEN, a=a, b=b)]


def merge_feedback(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(MERGE_FEEDBACK, props=props).consume()


def feedback(tx: ManagedTransaction, event_id: str) -> list[Feedback]:
    return [typed(Feedback, row["f"]) for row in tx.run(FEEDBACK, event=event_id)]


def drop_match_event(tx: ManagedTransaction, event_row_id: str, source: str) -> None:
    tx.run(DROP_MATCH_EVENT, id=event_row_id, source=source).consume()


UPDATE_MEETING: LiteralString = """
MATCH (m:EventMeeting {id: $id, event_id: $event}) SET m += $props
"""

CANCEL_FUTURE_MEETINGS: LiteralString = """
MATCH (m:EventMeeting {event_id: $event}) WHERE m.state = 'scheduled'
SET m.state = 'cancelled', m.cancelled_at = $now
"""


def update_meeting(
    tx: ManagedTransaction, event_id: str, meeting_id: str, props: dict[str, Any]
) -> None:
    """Change one meeting (its slot and spot, or its state)."""
    tx.run(UPDATE_MEETING, event=event_id, id=meeting_id, props=props).consume()


def cancel_future_meetings(tx: ManagedTransaction, event_id: str, now: dt.datetime) -> None:
    """Cancel every meeting of the event not held yet (the event is cancelled)."""
    tx.run(CANCEL_FUTURE_MEETINGS, event=event_id, now=now).consume()
