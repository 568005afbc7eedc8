"""Introductions, connections and notifications in the graph.

An `:Introduction` node records a request from one record to another and its state. Accepting
turns it into the relationship the recommender reads (`MENTORS`, `CONNECTED_WITH`,
`PARTNERS_WITH`, `APPLIED_TO`); declining leaves `DECLINED`. Checks and writes that must not
interleave (a mentor's last place, a person's pending limit) take a write lock first by bumping
`lock_seq` on the node concerned: Neo4j then serialises the transactions, and the reads after
the lock see what the other one committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.driver import plain
from models.introduction import IntroductionKind as Kind
from models.mentor import MentorLoad

INTRODUCTION_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX introduction_from_id IF NOT EXISTS FOR (n:Introduction) ON (n.from_id)",
    "CREATE INDEX introduction_to_party IF NOT EXISTS FOR (n:Introduction) ON (n.to_party)",
    "CREATE INDEX introduction_to_id_only IF NOT EXISTS FOR (n:Introduction) ON (n.to_id)",
    "CREATE INDEX introduction_status IF NOT EXISTS FOR (n:Introduction) ON (n.status)",
    "CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX notification_party IF NOT EXISTS FOR (n:Notification) ON (n.party_id)",
)

LOCK: LiteralString = """
MATCH (n:Entity {id: $id}) SET n.lock_seq = coalesce(n.lock_seq, 0) + 1 RETURN n.id AS id
"""

# What a request must know about its two sides, read after the requester is locked.
PAIR_FACTS: LiteralString = """
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
RETURN a.type AS from_type, b.type AS to_type, coalesce(a.name, a.title) AS from_name,
       coalesce(b.name, b.title) AS to_name,
       [(o:Organization)-[:POSTED]->(b) | o.id][0] AS poster,
       COUNT { (i:Introduction {from_id: $from_id, status: 'pending'}) } AS pending,
       COUNT { (i:Introduction {from_id: $from_id}) WHERE i.created_at > $since } AS recent,
       EXISTS { (i:Introduction {from_id: $from_id, to_id: $to_id})
                WHERE i.status IN ['pending', 'accepted'] }
       OR EXISTS { (i:Introduction {from_id: $to_id, to_id: $from_id})
                WHERE i.status IN ['pending', 'accepted'] } AS open,
       EXISTS { (a)-[:DECLINED]-(b) } AS declined,
       EXISTS { (a)-[:MENTORS|CONNECTED_WITH|PARTNERS_WITH|APPLIED_TO]-(b) } AS connected,
       [(a)-[:SPEAKS]->(l:Language) | l.code] AS from_languages,
       [(b)-[:SPEAKS]->(l:Language) | l.code] AS to_languages,
       b.expires_on AS expires_on, b.awaiting_approval IS NOT NULL AS to_awaiting_approval
"""

CONNECTED: LiteralString = """
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
RETURN EXISTS { (a)-[:MENTORS|CONNECTED_WITH|PARTNERS_WITH|APPLIED_TO]-(b) } AS connected,
       EXISTS { (i:Introduction {from_id: $a, to_id: $b})
                WHERE i.status IN ['pending', 'accepted'] }
       OR EXISTS { (i:Introduction {from_id: $b, to_id: $a})
                   WHERE i.status IN ['pending', 'accepted'] } AS open
"""

MENTOR_LOAD: LiteralString = """
MATCH (m:Mentor {id: $id})
RETURN m.id AS id, m.name AS name, coalesce(m.capacity, 0) AS capacity,
       coalesce(m.paused, false) AS paused,
       COUNT { (m)-[:MENTORS]->() } AS active,
       COUNT { (i:Introduction {to_id: m.id, status: 'pending', kind: 'mentoring'}) } AS pending
"""

ALL_MENTOR_LOADS: LiteralString = """
MATCH (m:Mentor)
RETURN m.id AS id, m.name AS name, coalesce(m.capacity, 0) AS capacity,
       coalesce(m.paused, false) AS paused,
       COUNT { (m)-[:MENTORS]->() } AS active,
       COUNT { (i:Introduction {to_id: m.id, status: 'pending', kind: 'mentoring'}) } AS pending
ORDER BY active * 1.0 / CASE WHEN capacity = 0 THEN 1 ELSE capacity END DESC, id
SKIP $offset LIMIT $limit
"""

SET_PAUSED: LiteralString = """
MATCH (m:Mentor {id: $id}) SET m.paused = $paused RETURN m.id AS id
"""

CREATE_INTRODUCTION: LiteralString = """
CREATE (i:Introduction)
SET i = $props
"""

READ_INTRODUCTION: LiteralString = "MATCH (i:Introduction {id: $id}) RETURN i {.*} AS i"

LOCK_INTRODUCTION: LiteralString = """
MATCH (i:Introduction {id: $id}) SET i.lock_seq = coalesce(i.lock_seq, 0) + 1
RETURN i {.*} AS i
"""

SET_STATUS: LiteralString = """
MATCH (i:Introduction {id: $id})
SET i.status = $status, i.reason = $reason, i.answered_at = coalesce($answered_at, i.answered_at),
    i.closed_at = $closed_at
"""

# One indexed lookup per side (an OR across three properties would scan every introduction).
LIST_FOR_PARTIES: LiteralString = """
CALL () {
  MATCH (i:Introduction) WHERE i.from_id IN $parties RETURN i
  UNION
  MATCH (i:Introduction) WHERE i.to_party IN $parties RETURN i
  UNION
  MATCH (i:Introduction) WHERE i.to_id IN $parties RETURN i
}
WITH i WHERE $status IS NULL OR i.status = $status
WITH i ORDER BY i.created_at DESC, i.id
WITH collect(i {.*}) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS page
"""

# Pending mentoring requests to a mentor, oldest first (answered for them when the mentor fills).
PENDING_TO: LiteralString = """
MATCH (i:Introduction {to_id: $to_id, status: 'pending'}) WHERE i.kind = $kind
RETURN i {.*} AS i ORDER BY i.created_at, i.id
"""

DUE_TO_EXPIRE: LiteralString = """
MATCH (i:Introduction {status: 'pending'}) WHERE i.expires_at <= $now
RETURN i.id AS id ORDER BY i.expires_at, id LIMIT $limit
"""

ACCEPTED_BETWEEN: LiteralString = """
RETURN EXISTS {
         MATCH (i:Introduction {from_id: $record_id, status: 'accepted'})
         WHERE i.to_id IN $parties OR i.to_party IN $parties }
       OR EXISTS {
         MATCH (i:Introduction {to_party: $record_id, status: 'accepted'})
         WHERE i.from_id IN $parties }
       OR EXISTS {
         MATCH (i:Introduction {to_id: $record_id, status: 'accepted'})
         WHERE i.from_id IN $parties } AS connected
"""

CONTACT_OF: LiteralString = """
MATCH (n:Entity {id: $id})
RETURN coalesce(n.name, n.title) AS name, n.email AS email, n.phone AS phone
"""

# The relationship an accepted introduction becomes; `$a` is the side the arrow leaves.
CONNECT: dict[Kind, LiteralString] = {
    Kind.MENTORING: """
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MERGE (a)-[r:MENTORS]->(b) ON CREATE SET r.since = $now, r.introduction = $intro
""",
    Kind.PEER: """
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MERGE (a)-[r:CONNECTED_WITH]->(b) ON CREATE SET r.since = $now, r.introduction = $intro
""",
    Kind.PARTNERSHIP: """
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MERGE (a)-[r:PARTNERS_WITH]->(b) ON CREATE SET r.since = $now, r.introduction = $intro
""",
    Kind.APPLICATION: """
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MERGE (a)-[r:APPLIED_TO]->(b) ON CREATE SET r.since = $now, r.introduction = $intro
""",
}
# Only the relationship this introduction made: another one between the pair stays.
DISCONNECT: dict[Kind, LiteralString] = {
    Kind.MENTORING: """
MATCH (:Entity {id: $a})-[r:MENTORS]->(:Entity {id: $b}) WHERE r.introduction = $intro DELETE r
""",
    Kind.PEER: """
MATCH (:Entity {id: $a})-[r:CONNECTED_WITH]->(:Entity {id: $b}) WHERE r.introduction = $intro
DELETE r
""",
    Kind.PARTNERSHIP: """
MATCH (:Entity {id: $a})-[r:PARTNERS_WITH]->(:Entity {id: $b}) WHERE r.introduction = $intro
DELETE r
""",
    Kind.APPLICATION: """
MATCH (:Entity {id: $a})-[r:APPLIED_TO]->(:Entity {id: $b}) WHERE r.introduction = $intro
DELETE r
""",
}

MARK_DECLINED: LiteralString = """
MATCH (a:Entity {id: $by}), (b:Entity {id: $other})
MERGE (a)-[r:DECLINED]->(b) ON CREATE SET r.at = $now
"""

# Notifications: deterministic ids make writing one twice (a retried task) a no-op.
# New notifications carry :Unsent until e-mailed: the sender finds them by label, not by
# scanning every notification ever written.
MERGE_NOTIFICATION: LiteralString = """
MERGE (n:Notification {id: $props.id})
ON CREATE SET n = $props, n:Unsent
"""

LIST_NOTIFICATIONS: LiteralString = """
MATCH (n:Notification) WHERE n.party_id IN $parties AND ($unread = false OR n.read_at IS NULL)
RETURN n {.*} AS n ORDER BY n.created_at DESC, n.id SKIP $offset LIMIT $limit
"""

COUNT_UNREAD: LiteralString = """
MATCH (n:Notification) WHERE n.party_id IN $parties AND n.read_at IS NULL RETURN count(n) AS c
"""

MARK_ALL_READ: LiteralString = """
MATCH (n:Notification) WHERE n.party_id IN $parties AND n.read_at IS NULL SET n.read_at = $now
"""

READ_NOTIFICATION: LiteralString = "MATCH (n:Notification {id: $id}) RETURN n {.*} AS n"

MARK_READ: LiteralString = """
MATCH (n:Notification {id: $id}) WHERE n.party_id IN $parties
SET n.read_at = coalesce(n.read_at, $now) RETURN n.id AS id
"""

MARK_EMAILED: LiteralString = """
MATCH (n:Notification {id: $id}) SET n.emailed_at = coalesce(n.emailed_at, $now) REMOVE n:Unsent
"""

# Claiming a notification before sending it: two workers never both send it. A claim older
# than $stale (its worker died mid-send) can be taken over.
CLAIM_SENDING: LiteralString = """
MATCH (n:Notification:Unsent {id: $id})
WHERE n.sending_at IS NULL OR n.sending_at < $stale
SET n.sending_at = $now
RETURN n {.*} AS n
"""

RELEASE_SENDING: LiteralString = "MATCH (n:Notification {id: $id}) REMOVE n.sending_at"

UNSENT_NOTIFICATIONS: LiteralString = """
MATCH (n:Unsent) RETURN n.id AS id ORDER BY n.created_at, id LIMIT $limit
"""

EMAIL_OF: LiteralString = """
MATCH (p:Entity {id: $id})
RETURN coalesce(p.name, p.title) AS name, p.email AS email
"""


def lock(tx: ManagedTransaction, record_id: str) -> bool:
    """Take the write lock of a record for the rest of the transaction; False if absent."""
    return tx.run(LOCK, id=record_id).single() is not None


def pair_facts(
    tx: ManagedTransaction, from_id: str, to_id: str, since: dt.datetime
) -> dict[str, Any] | None:
    row = tx.run(PAIR_FACTS, from_id=from_id, to_id=to_id, since=since).single()
    return row.data() if row else None


def mentor_load(tx: ManagedTransaction, mentor_id: str) -> MentorLoad | None:
    """A mentor's capacity, mentees and waiting requests; None when there is no such mentor."""
    row = tx.run(MENTOR_LOAD, id=mentor_id).single()
    return _load(row.data()) if row else None


def mentor_loads(tx: ManagedTransaction, *, limit: int, offset: int) -> list[MentorLoad]:
    return [_load(row.data()) for row in tx.run(ALL_MENTOR_LOADS, limit=limit, offset=offset)]


def _load(row: dict[str, Any]) -> MentorLoad:
    return MentorLoad(**row, free=max(0, row["capacity"] - row["active"]))


def set_paused(tx: ManagedTransaction, mentor_id: str, paused: bool) -> bool:
    return tx.run(SET_PAUSED, id=mentor_id, paused=paused).single() is not None


def create(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(CREATE_INTRODUCTION, props=props).consume()


def read(tx: ManagedTransaction, intro_id: str, *, for_update: bool = False) -> dict[str, Any]:
    """The introduction's properties ({} when absent); `for_update` locks it first."""
    row = tx.run(LOCK_INTRODUCTION if for_update else READ_INTRODUCTION, id=intro_id).single()
    return plain(row["i"]) if row else {}


def set_status(
    tx: ManagedTransaction,
    intro_id: str,
    status: str,
    *,
    reason: str | None,
    answered_at: dt.datetime | None,
    closed_at: dt.datetime | None,
) -> None:
    tx.run(
        SET_STATUS,
        id=intro_id,
        status=status,
        reason=reason,
        answered_at=answered_at,
        closed_at=closed_at,
    ).consume()


def list_for(
    tx: ManagedTransaction,
    parties: Sequence[str],
    *,
    status: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    """(how many in all, one page of them newest first)."""
    row = tx.run(
        LIST_FOR_PARTIES, parties=list(parties), status=status, limit=limit, offset=offset
    ).single(strict=True)
    return row["total"], [dict(i) for i in row["page"]]


def pending_to(tx: ManagedTransaction, to_id: str, kind: Kind) -> list[dict[str, Any]]:
    return [dict(row["i"]) for row in tx.run(PENDING_TO, to_id=to_id, kind=kind.value)]


def due_to_expire(tx: ManagedTransaction, now: dt.datetime, limit: int) -> list[str]:
    return [row["id"] for row in tx.run(DUE_TO_EXPIRE, now=now, limit=limit)]


def accepted_between(tx: ManagedTransaction, parties: Sequence[str], record_id: str) -> bool:
    row = tx.run(ACCEPTED_BETWEEN, parties=list(parties), record_id=record_id).single()
    return bool(row and row["connected"])


def contact_of(tx: ManagedTransaction, record_id: str) -> dict[str, Any] | None:
    row = tx.run(CONTACT_OF, id=record_id).single()
    return row.data() if row else None


def connect(
    tx: ManagedTransaction, kind: Kind, a: str, b: str, *, intro_id: str, now: dt.datetime
) -> None:
    tx.run(CONNECT[kind], a=a, b=b, intro=intro_id, now=now).consume()


def disconnect(tx: ManagedTransaction, kind: Kind, a: str, b: str, *, intro_id: str) -> None:
    tx.run(DISCONNECT[kind], a=a, b=b, intro=intro_id).consume()


def pair_state(tx: ManagedTransaction, a: str, b: str) -> dict[str, bool]:
    """Whether two records are connected already, and whether an introduction is open."""
    row = tx.run(CONNECTED, a=a, b=b).single()
    return {"connected": bool(row and row["connected"]), "open": bool(row and row["open"])}


def lock_pair(tx: ManagedTransaction, a: str, b: str) -> None:
    """Lock both records of a pair, always in the same (sorted) order: two transactions on
    overlapping pairs then wait for each other instead of deadlocking."""
    for record_id in sorted({a, b}):
        lock(tx, record_id)


def mark_declined(tx: ManagedTransaction, by: str, other: str, now: dt.datetime) -> None:
    tx.run(MARK_DECLINED, by=by, other=other, now=now).consume()


def merge_notification(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(MERGE_NOTIFICATION, props=props).consume()


def list_notifications(
    tx: ManagedTransaction, parties: Sequence[str], *, unread: bool, limit: int, offset: int
) -> list[dict[str, Any]]:
    result = tx.run(
        LIST_NOTIFICATIONS, parties=list(parties), unread=unread, limit=limit, offset=offset
    )
    return [dict(row["n"]) for row in result]


def count_unread(tx: ManagedTransaction, parties: Sequence[str]) -> int:
    row = tx.run(COUNT_UNREAD, parties=list(parties)).single()
    return int(row["c"]) if row else 0


def mark_all_read(tx: ManagedTransaction, parties: Sequence[str], now: dt.datetime) -> None:
    tx.run(MARK_ALL_READ, parties=list(parties), now=now).consume()


def read_notification(tx: ManagedTransaction, notification_id: str) -> dict[str, Any] | None:
    row = tx.run(READ_NOTIFICATION, id=notification_id).single()
    return dict(row["n"]) if row else None


def mark_read(
    tx: ManagedTransaction, notification_id: str, parties: Sequence[str], now: dt.datetime
) -> bool:
    row = tx.run(MARK_READ, id=notification_id, parties=list(parties), now=now).single()
    return row is not None


def mark_emailed(tx: ManagedTransaction, notification_id: str, now: dt.datetime) -> None:
    tx.run(MARK_EMAILED, id=notification_id, now=now).consume()


def email_of(tx: ManagedTransaction, party_id: str) -> dict[str, Any] | None:
    row = tx.run(EMAIL_OF, id=party_id).single()
    return row.data() if row else None


def unsent_notifications(tx: ManagedTransaction, limit: int) -> list[str]:
    return [row["id"] for row in tx.run(UNSENT_NOTIFICATIONS, limit=limit)]


def claim_sending(
    tx: ManagedTransaction, notification_id: str, now: dt.datetime, stale: dt.datetime
) -> dict[str, Any] | None:
    """The notification, now claimed for sending; None if sent or being sent elsewhere."""
    row = tx.run(CLAIM_SENDING, id=notification_id, now=now, stale=stale).single()
    return dict(row["n"]) if row else None


def release_sending(tx: ManagedTransaction, notification_id: str) -> None:
    tx.run(RELEASE_SENDING, id=notification_id).consume()
