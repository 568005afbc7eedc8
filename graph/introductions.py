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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.driver import typed
from models.common import Contact
from models.introduction import Introduction
from models.introduction import IntroductionKind as Kind
from models.mentor import MentorLoad


@dataclass(frozen=True)
class PairFacts:
    """What a request must know about its two sides (`services.introduction_rules`)."""

    from_type: str
    to_type: str
    from_name: str | None
    to_name: str | None
    poster: str | None  # the organisation that posted an offer asked
    pending: int  # the requesting party's requests waiting for an answer
    recent: int  # the requesting party's requests since `since`
    open: bool  # an introduction between the two is pending or accepted
    declined: bool
    connected: bool
    from_languages: tuple[str, ...]
    to_languages: tuple[str, ...]
    expires_on: dt.date | None  # the offer's, on either side
    to_awaiting_approval: bool = False  # its account awaits the staff's approval (safeguarding)


@dataclass(frozen=True)
class PairState:
    connected: bool  # already connected (mentoring, peers, partners, applied)
    open: bool  # an introduction between the two is pending or accepted


@dataclass(frozen=True)
class Recipient:
    """Where a notification about a record is e-mailed, and in which language (its account's
    choice; None: the default)."""

    name: str | None
    email: str | None
    lang: str | None = None


@dataclass(frozen=True)
class StoredNotification:
    """A notification as written by a move (the text is made when it is shown)."""

    id: str
    party_id: str
    event: str
    created_at: dt.datetime
    introduction_id: str | None = None
    kind: str | None = None
    about_id: str | None = None
    about_name: str | None = None
    offer_id: str | None = None  # an application's offer, which its texts name
    invitation: bool = False  # of an offer inviting a youth to apply (its own texts)
    read_at: dt.datetime | None = None
    emailed_at: dt.datetime | None = None


INTRODUCTION_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX introduction_from_id IF NOT EXISTS FOR (n:Introduction) ON (n.from_id)",
    "CREATE INDEX introduction_from_party IF NOT EXISTS FOR (n:Introduction) ON (n.from_party)",
    "CREATE INDEX introduction_to_party IF NOT EXISTS FOR (n:Introduction) ON (n.to_party)",
    "CREATE INDEX introduction_to_id_only IF NOT EXISTS FOR (n:Introduction) ON (n.to_id)",
    "CREATE INDEX introduction_status IF NOT EXISTS FOR (n:Introduction) ON (n.status)",
    "CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX notification_party IF NOT EXISTS FOR (n:Notification) ON (n.party_id)",
)

LOCK: LiteralString = """
MATCH (n:Entity {id: $id}) SET n.lock_seq = coalesce(n.lock_seq, 0) + 1 RETURN n.id AS id
"""

# Who asks for a record: itself, or for an offer the organisation that posted it (None: an
# offer nobody posted). No row: no such record.
ASKING_PARTY: LiteralString = """
MATCH (a:Entity {id: $id})
RETURN CASE WHEN a.type = 'job_offer' THEN [(o:Organization)-[:POSTED]->(a) | o.id][0]
            ELSE a.id END AS party
"""

# What a request must know about its two sides, read after both and the asking party are
# locked. The party's requests are those it made for itself (stored before `from_party`
# existed, or with it equal to `from_id`) and those it made for its offers.
PAIR_FACTS: LiteralString = """
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
RETURN a.type AS from_type, b.type AS to_type, coalesce(a.name, a.title) AS from_name,
       coalesce(b.name, b.title) AS to_name,
       [(o:Organization)-[:POSTED]->(b) | o.id][0] AS poster,
       COUNT { (i:Introduction {from_id: $party, status: 'pending'})
               WHERE coalesce(i.from_party, i.from_id) = $party }
       + COUNT { (i:Introduction {from_party: $party, status: 'pending'})
                 WHERE i.from_id <> $party } AS pending,
       COUNT { (i:Introduction {from_id: $party})
               WHERE coalesce(i.from_party, i.from_id) = $party AND i.created_at > $since }
       + COUNT { (i:Introduction {from_party: $party})
                 WHERE i.from_id <> $party AND i.created_at > $since } AS recent,
       EXISTS { (i:Introduction {from_id: $from_id, to_id: $to_id})
                WHERE i.status IN ['pending', 'accepted'] }
       OR EXISTS { (i:Introduction {from_id: $to_id, to_id: $from_id})
                WHERE i.status IN ['pending', 'accepted'] } AS open,
       EXISTS { (a)-[:DECLINED]-(b) } AS declined,
       EXISTS { (a)-[:MENTORS|CONNECTED_WITH|PARTNERS_WITH|APPLIED_TO]-(b) } AS connected,
       [(a)-[:SPEAKS]->(l:Language) | l.code] AS from_languages,
       [(b)-[:SPEAKS]->(l:Language) | l.code] AS to_languages,
       CASE WHEN a.type = 'job_offer' THEN a.expires_on ELSE b.expires_on END AS expires_on,
       b.awaiting_approval IS NOT NULL AS to_awaiting_approval
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
  MATCH (i:Introduction) WHERE i.from_party IN $parties RETURN i
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
         MATCH (i:Introduction {from_party: $record_id, status: 'accepted'})
         WHERE i.to_id IN $parties OR i.to_party IN $parties }
       OR EXISTS {
         MATCH (i:Introduction {to_party: $record_id, status: 'accepted'})
         WHERE i.from_id IN $parties OR i.from_party IN $parties }
       OR EXISTS {
         MATCH (i:Introduction {to_id: $record_id, status: 'accepted'})
         WHERE i.from_id IN $parties OR i.from_party IN $parties } AS connected
"""

CONTACT_OF: LiteralString = """
MATCH (n:Entity {id: $id})
RETURN coalesce(n.name, n.title) AS name, n.email AS email, n.phone AS phone
"""

# The relationship an accepted introduction becomes; `$a` is the side the arrow leaves. One
# fixed query per type, made at import time from these fixed names (Cypher takes no
# relationship type as a parameter).
RELATIONSHIP: dict[Kind, LiteralString] = {
    Kind.MENTORING: "MENTORS",
    Kind.PEER: "CONNECTED_WITH",
    Kind.PARTNERSHIP: "PARTNERS_WITH",
    Kind.APPLICATION: "APPLIED_TO",
}


def _connect(rel: LiteralString) -> LiteralString:
    return (
        "MATCH (a:Entity {id: $a}), (b:Entity {id: $b})\n"
        "MERGE (a)-[r:" + rel + "]->(b) ON CREATE SET r.since = $now, r.introduction = $intro"
    )


# Only the relationship this introduction made: another one between the pair stays.
def _disconnect(rel: LiteralString) -> LiteralString:
    return (
        "MATCH (:Entity {id: $a})-[r:" + rel + "]->(:Entity {id: $b})\n"
        "WHERE r.introduction = $intro DELETE r"
    )


CONNECT: dict[Kind, LiteralString] = {kind: _connect(rel) for kind, rel in RELATIONSHIP.items()}
DISCONNECT: dict[Kind, LiteralString] = {
    kind: _disconnect(rel) for kind, rel in RELATIONSHIP.items()
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

# Where a record's notifications go: its own e-mail, else its account's (a profile made on
# the pages has none of its own); in the language that account chose (an organisation: its
# first member's).
EMAIL_OF: LiteralString = """
MATCH (p:Entity {id: $id})
OPTIONAL MATCH (u:User)-[:OWNS|MEMBER_OF]->(p)
WITH p, u ORDER BY u.created_at, u.id
WITH p, collect(u) AS users
RETURN coalesce(p.name, p.title) AS name,
       coalesce(p.email, [x IN users WHERE x.email IS NOT NULL | x.email][0]) AS email,
       [x IN users WHERE x.lang IS NOT NULL | x.lang][0] AS lang
"""


def lock(tx: ManagedTransaction, record_id: str) -> bool:
    """Take the write lock of a record for the rest of the transaction; False if absent."""
    return tx.run(LOCK, id=record_id).single() is not None


def asking_party(tx: ManagedTransaction, record_id: str) -> tuple[bool, str | None]:
    """(whether the record exists, who asks for it: itself or its offer's organisation)."""
    row = tx.run(ASKING_PARTY, id=record_id).single()
    return (row is not None, row["party"] if row else None)


def pair_facts(
    tx: ManagedTransaction, from_id: str, to_id: str, *, party: str, since: dt.datetime
) -> PairFacts | None:
    """The two sides' facts, with the limits of `party` (who asks); None when either record
    does not exist."""
    row = tx.run(PAIR_FACTS, from_id=from_id, to_id=to_id, party=party, since=since).single()
    return typed(PairFacts, row.data()) if row else None


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


def create(tx: ManagedTransaction, intro: Introduction) -> None:
    """Store a new introduction (its contact, a view of the other side, is not stored)."""
    props = intro.model_dump(exclude={"contact"}, exclude_none=True)
    props = {key: v.value if isinstance(v, Enum) else v for key, v in props.items()}
    tx.run(CREATE_INTRODUCTION, props=props).consume()


def read(tx: ManagedTransaction, intro_id: str, *, for_update: bool = False) -> Introduction | None:
    """The introduction, or None when absent; `for_update` locks it first."""
    row = tx.run(LOCK_INTRODUCTION if for_update else READ_INTRODUCTION, id=intro_id).single()
    return _introduction(row["i"]) if row else None


def _introduction(props: Mapping[str, Any]) -> Introduction:
    return typed(Introduction, props)


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
) -> tuple[int, list[Introduction]]:
    """(how many in all, one page of them newest first)."""
    row = tx.run(
        LIST_FOR_PARTIES, parties=list(parties), status=status, limit=limit, offset=offset
    ).single(strict=True)
    return row["total"], [_introduction(i) for i in row["page"]]


def pending_to(tx: ManagedTransaction, to_id: str, kind: Kind) -> list[Introduction]:
    return [_introduction(row["i"]) for row in tx.run(PENDING_TO, to_id=to_id, kind=kind.value)]


def due_to_expire(tx: ManagedTransaction, now: dt.datetime, limit: int) -> list[str]:
    return [row["id"] for row in tx.run(DUE_TO_EXPIRE, now=now, limit=limit)]


def accepted_between(tx: ManagedTransaction, parties: Sequence[str], record_id: str) -> bool:
    row = tx.run(ACCEPTED_BETWEEN, parties=list(parties), record_id=record_id).single()
    return bool(row and row["connected"])


def contact_of(tx: ManagedTransaction, record_id: str) -> Contact | None:
    """A record's name, e-mail and phone; None when there is no such record."""
    row = tx.run(CONTACT_OF, id=record_id).single()
    if row is None:
        return None
    return Contact(name=row["name"] or record_id, email=row["email"], phone=row["phone"])


def connect(
    tx: ManagedTransaction, kind: Kind, a: str, b: str, *, intro_id: str, now: dt.datetime
) -> None:
    tx.run(CONNECT[kind], a=a, b=b, intro=intro_id, now=now).consume()


def disconnect(tx: ManagedTransaction, kind: Kind, a: str, b: str, *, intro_id: str) -> None:
    tx.run(DISCONNECT[kind], a=a, b=b, intro=intro_id).consume()


def pair_state(tx: ManagedTransaction, a: str, b: str) -> PairState:
    """Whether two records are connected already, and whether an introduction is open."""
    row = tx.run(CONNECTED, a=a, b=b).single()
    return PairState(connected=bool(row and row["connected"]), open=bool(row and row["open"]))


def lock_pair(tx: ManagedTransaction, a: str, b: str, *also: str) -> None:
    """Lock both records of a pair (and `also`, the party asking for one), always in the same
    (sorted) order: two transactions on overlapping pairs then wait for each other instead of
    deadlocking."""
    for record_id in sorted({a, b, *also}):
        lock(tx, record_id)


def mark_declined(tx: ManagedTransaction, by: str, other: str, now: dt.datetime) -> None:
    tx.run(MARK_DECLINED, by=by, other=other, now=now).consume()


def merge_notification(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(MERGE_NOTIFICATION, props=props).consume()


def list_notifications(
    tx: ManagedTransaction, parties: Sequence[str], *, unread: bool, limit: int, offset: int
) -> list[StoredNotification]:
    result = tx.run(
        LIST_NOTIFICATIONS, parties=list(parties), unread=unread, limit=limit, offset=offset
    )
    return [_notification(row["n"]) for row in result]


def count_unread(tx: ManagedTransaction, parties: Sequence[str]) -> int:
    row = tx.run(COUNT_UNREAD, parties=list(parties)).single()
    return int(row["c"]) if row else 0


def mark_all_read(tx: ManagedTransaction, parties: Sequence[str], now: dt.datetime) -> None:
    tx.run(MARK_ALL_READ, parties=list(parties), now=now).consume()


def _notification(props: Mapping[str, Any]) -> StoredNotification:
    return typed(StoredNotification, props)


def mark_read(
    tx: ManagedTransaction, notification_id: str, parties: Sequence[str], now: dt.datetime
) -> bool:
    row = tx.run(MARK_READ, id=notification_id, parties=list(parties), now=now).single()
    return row is not None


def mark_emailed(tx: ManagedTransaction, notification_id: str, now: dt.datetime) -> None:
    tx.run(MARK_EMAILED, id=notification_id, now=now).consume()


def email_of(tx: ManagedTransaction, party_id: str) -> Recipient | None:
    row = tx.run(EMAIL_OF, id=party_id).single()
    return typed(Recipient, row.data()) if row else None


def unsent_notifications(tx: ManagedTransaction, limit: int) -> list[str]:
    return [row["id"] for row in tx.run(UNSENT_NOTIFICATIONS, limit=limit)]


def claim_sending(
    tx: ManagedTransaction, notification_id: str, now: dt.datetime, stale: dt.datetime
) -> StoredNotification | None:
    """The notification, now claimed for sending; None if sent or being sent elsewhere."""
    row = tx.run(CLAIM_SENDING, id=notification_id, now=now, stale=stale).single()
    return _notification(row["n"]) if row else None


def release_sending(tx: ManagedTransaction, notification_id: str) -> None:
    tx.run(RELEASE_SENDING, id=notification_id).consume()
