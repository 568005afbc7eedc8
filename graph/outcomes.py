"""What happened to each suggestion, as `:MatchEvent` nodes, and the ranker versions trained on it.

A pair (viewer, target, kind) gets one event node per event type: `shown` keeps the features
the ranker saw the last time it was shown; the others (requested, accepted, declined, met,
hired, funded, active_90d) keep when they first happened. Deterministic ids make each write
idempotent, so a retried task or a repeated click never counts twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.driver import typed
from models.ranker import RankerVersion


@dataclass(frozen=True)
class ShownPair:
    """A pair shown as a suggestion: the features the ranker saw, when, and what followed."""

    at: dt.datetime
    features: tuple[float, ...] = ()
    events: tuple[str, ...] = ()  # every later event of the pair (requested, accepted, ...)


@dataclass(frozen=True)
class EventCount:
    kind: str
    event: str
    count: int


OUTCOME_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT match_event_id IF NOT EXISTS FOR (n:MatchEvent) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX match_event_pair IF NOT EXISTS FOR (n:MatchEvent) ON (n.pair)",
    "CREATE INDEX match_event_kind IF NOT EXISTS FOR (n:MatchEvent) ON (n.kind, n.event)",
    "CREATE INDEX match_event_viewer IF NOT EXISTS FOR (n:MatchEvent) ON (n.viewer_id)",
    # A candidate's state reads its dismissals with every request (graph.recommend); without
    # this, every pair it was ever shown is read too.
    "CREATE INDEX match_event_viewer_event IF NOT EXISTS "
    "FOR (n:MatchEvent) ON (n.viewer_id, n.event)",
    "CREATE CONSTRAINT ranker_model_id IF NOT EXISTS FOR (n:RankerModel) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT ranker_lock_kind IF NOT EXISTS FOR (n:RankerLock) REQUIRE n.kind IS UNIQUE",
    "CREATE CONSTRAINT suggestion_digest_id IF NOT EXISTS "
    "FOR (n:SuggestionDigest) REQUIRE n.id IS UNIQUE",
)

RECORD_EVENT: LiteralString = """
MERGE (e:MatchEvent {id: $props.id}) ON CREATE SET e = $props
"""

# Taking back one event of a pair ("not for me" undone): only the viewer's own event id.
DROP_EVENT: LiteralString = """
MATCH (e:MatchEvent {id: $id}) DETACH DELETE e
"""

RECORD_SHOWN: LiteralString = """
UNWIND $rows AS row
MERGE (e:MatchEvent {id: row.id})
ON CREATE SET e.pair = row.pair, e.viewer_id = row.viewer_id, e.target_id = row.target_id,
              e.kind = row.kind, e.event = 'shown', e.first_at = $now, e.times = 0
SET e.at = $now, e.features = row.features, e.times = e.times + 1
"""

# One row per pair that was shown: its features, when, and every later event of the pair.
TRAINING_ROWS: LiteralString = """
MATCH (s:MatchEvent {kind: $kind, event: 'shown'})
RETURN s.features AS features, s.at AS at,
       COLLECT { MATCH (e:MatchEvent {pair: s.pair}) WHERE e.event <> 'shown' RETURN e.event }
           AS events
ORDER BY s.at, s.id
"""

# Mentoring that has lasted 90 days is an outcome of its own.
LONG_MENTORING: LiteralString = """
MATCH (m:Mentor)-[r:MENTORS]->(y:Youth) WHERE r.since <= $before
RETURN y.id AS viewer_id, m.id AS target_id
"""

# Whether two records have really dealt with each other: an accepted (or since ended)
# introduction, or a meeting held at an event.
LINKED: LiteralString = """
RETURN EXISTS { MATCH (i:Introduction {from_id: $a, to_id: $b})
                WHERE i.status IN ['accepted', 'ended'] }
    OR EXISTS { MATCH (i:Introduction {from_id: $b, to_id: $a})
                WHERE i.status IN ['accepted', 'ended'] }
    OR EXISTS { MATCH (:Entity {id: $a})-[:MET]-(:Entity {id: $b}) } AS linked
"""

SHOWN_FEATURES: LiteralString = """
MATCH (e:MatchEvent {viewer_id: $viewer_id, kind: $kind, event: 'shown'})
RETURN e.target_id AS target_id, e.features AS features
"""

EVENT_COUNTS: LiteralString = """
MATCH (e:MatchEvent) RETURN e.kind AS kind, e.event AS event, count(*) AS count
ORDER BY kind, event
"""

SAVE_MODEL: LiteralString = """
CREATE (m:RankerModel) SET m = $props
WITH m WHERE m.active
MATCH (old:RankerModel {kind: m.kind, active: true}) WHERE old.id <> m.id
SET old.active = false
"""

# Serialises the retrainings of one kind: two at once cannot take the same version number
# or leave two active models.
LOCK_KIND: LiteralString = """
MERGE (l:RankerLock {kind: $kind}) SET l.seq = coalesce(l.seq, 0) + 1
"""

NEXT_VERSION: LiteralString = """
OPTIONAL MATCH (m:RankerModel {kind: $kind}) RETURN coalesce(max(m.version), 0) + 1 AS version
"""

SAME_DATA: LiteralString = """
MATCH (m:RankerModel {kind: $kind, fingerprint: $fingerprint}) RETURN m.version AS version
ORDER BY version DESC LIMIT 1
"""

ANNOUNCED: LiteralString = """
OPTIONAL MATCH (d:SuggestionDigest {id: $id}) RETURN coalesce(d.announced, []) AS announced
"""

REMEMBER_ANNOUNCED: LiteralString = """
MERGE (d:SuggestionDigest {id: $id}) SET d.announced = $announced, d.at = $now
"""

ACTIVE_MODELS: LiteralString = """
MATCH (m:RankerModel {active: true}) RETURN m {.*} AS m ORDER BY m.kind
"""

MODEL_HISTORY: LiteralString = """
MATCH (m:RankerModel) RETURN m {.*} AS m ORDER BY m.kind, m.version DESC LIMIT $limit
"""


def record_event(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(RECORD_EVENT, props=props).consume()


def drop_event(tx: ManagedTransaction, event_id: str) -> None:
    tx.run(DROP_EVENT, id=event_id).consume()


def record_shown(tx: ManagedTransaction, rows: Sequence[dict[str, Any]], now: dt.datetime) -> None:
    tx.run(RECORD_SHOWN, rows=list(rows), now=now).consume()


def training_rows(tx: ManagedTransaction, kind: str) -> list[ShownPair]:
    """Every pair of this suggestion kind that was shown, oldest first."""
    return [typed(ShownPair, row.data()) for row in tx.run(TRAINING_ROWS, kind=kind)]


def long_mentoring(tx: ManagedTransaction, before: dt.datetime) -> list[tuple[str, str]]:
    """(mentee, mentor) of every mentoring that began before `before`."""
    rows = tx.run(LONG_MENTORING, before=before)
    return [(row["viewer_id"], row["target_id"]) for row in rows]


def event_counts(tx: ManagedTransaction) -> list[EventCount]:
    return [typed(EventCount, row.data()) for row in tx.run(EVENT_COUNTS)]


def lock_kind(tx: ManagedTransaction, kind: str) -> None:
    tx.run(LOCK_KIND, kind=kind).consume()


def next_version(tx: ManagedTransaction, kind: str) -> int:
    return int(tx.run(NEXT_VERSION, kind=kind).single(strict=True)["version"])


def version_with_data(tx: ManagedTransaction, kind: str, fingerprint: str) -> int | None:
    """The version already trained on exactly this data, if any."""
    row = tx.run(SAME_DATA, kind=kind, fingerprint=fingerprint).single()
    return row["version"] if row else None


def announced(tx: ManagedTransaction, record_id: str) -> set[str]:
    """The suggestions already announced to a record."""
    return set(tx.run(ANNOUNCED, id=record_id).single(strict=True)["announced"])


def remember_announced(
    tx: ManagedTransaction, record_id: str, ids: list[str], now: dt.datetime
) -> None:
    tx.run(REMEMBER_ANNOUNCED, id=record_id, announced=ids, now=now).consume()


def save_model(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(SAVE_MODEL, props=props).consume()


def active_models(tx: ManagedTransaction) -> list[RankerVersion]:
    """The version in use of each kind that has one, by kind."""
    return [typed(RankerVersion, row["m"]) for row in tx.run(ACTIVE_MODELS)]


def model_history(tx: ManagedTransaction, limit: int) -> list[RankerVersion]:
    """Trained versions, newest first per kind."""
    return [typed(RankerVersion, row["m"]) for row in tx.run(MODEL_HISTORY, limit=limit)]


def shown_features(tx: ManagedTransaction, viewer_id: str, kind: str) -> dict[str, list[float]]:
    """The features last shown to a viewer, by target id."""
    rows = tx.run(SHOWN_FEATURES, viewer_id=viewer_id, kind=kind)
    return {row["target_id"]: row["features"] for row in rows}


FORGET_EVERYTHING: LiteralString = """
MATCH (n) WHERE n:MatchEvent OR n:RankerModel DETACH DELETE n
"""


def forget_everything(tx: ManagedTransaction) -> None:
    """Delete every recorded event and trained ranker (demo resets only)."""
    tx.run(FORGET_EVERYTHING).consume()


def linked(tx: ManagedTransaction, a: str, b: str) -> bool:
    return bool(tx.run(LINKED, a=a, b=b).single(strict=True)["linked"])
