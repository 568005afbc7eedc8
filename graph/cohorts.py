"""Cohorts and their draft matches in the graph.

`(:Cohort)` holds the settings; one `(:CohortMatch)` per youth holds the drafted mentor (or
none), whether staff edited it, and whether it was published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph.driver import typed
from models.cohort import CohortMatch, CohortRow, CohortStatus


@dataclass(frozen=True)
class StoredCohort:
    """A cohort's settings as stored; rules and figures stay the JSON the service wrote."""

    id: str
    name: str
    status: CohortStatus
    rules: str
    youth_ids: tuple[str, ...]
    created_at: dt.datetime
    mentor_ids: tuple[str, ...] | None = None  # None: every mentor with a free place
    computed_at: dt.datetime | None = None
    published_at: dt.datetime | None = None
    solver: str | None = None
    figures: str | None = None
    greedy_figures: str | None = None


@dataclass(frozen=True)
class PriorityFacts:
    """What the cohort's fairness rules ask about a youth."""

    id: str
    mentored_before: bool
    commune_kind: str | None


COHORT_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT cohort_id IF NOT EXISTS FOR (n:Cohort) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT cohort_match_id IF NOT EXISTS FOR (n:CohortMatch) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX cohort_match_cohort IF NOT EXISTS FOR (n:CohortMatch) ON (n.cohort_id)",
)

CREATE_COHORT: LiteralString = "CREATE (c:Cohort) SET c = $props"

READ_COHORT: LiteralString = "MATCH (c:Cohort {id: $id}) RETURN c {.*} AS c"

UPDATE_COHORT: LiteralString = "MATCH (c:Cohort {id: $id}) SET c += $props"

# Locks the cohort for the rest of the transaction and tells its status: a draft is changed
# only while it is still a draft, even when staff publish at the same moment.
LOCK_COHORT: LiteralString = """
MATCH (c:Cohort {id: $id}) SET c.lock_seq = coalesce(c.lock_seq, 0) + 1 RETURN c.status AS status
"""

# Replace the draft (matches not yet published) with a new one.
REPLACE_DRAFT: LiteralString = """
MATCH (m:CohortMatch {cohort_id: $id}) WHERE m.state = 'draft' DETACH DELETE m
WITH count(*) AS dropped
UNWIND $rows AS row
MERGE (m:CohortMatch {id: row.id})
ON CREATE SET m = row
"""

MATCHES: LiteralString = """
MATCH (m:CohortMatch {cohort_id: $id})
OPTIONAL MATCH (y:Youth {id: m.youth_id})
OPTIONAL MATCH (t:Mentor {id: m.mentor_id})
RETURN m {.*, mentor_id: m.mentor_id, score: m.score, youth_name: y.name,
          mentor_name: t.name} AS m
ORDER BY m.youth_id
"""

READ_MATCH: LiteralString = """
MATCH (m:CohortMatch {id: $id}) RETURN m {.*} AS m
"""

SET_MATCH: LiteralString = """
MATCH (m:CohortMatch {id: $id}) SET m += $props
"""

# Youths' extra facts for the fairness rules: mentored before? from a rural commune?
PRIORITY_FACTS: LiteralString = """
UNWIND $ids AS id MATCH (y:Youth {id: id})
RETURN y.id AS id,
       EXISTS { (y)<-[:MENTORS]-() }
       OR EXISTS { (i:Introduction {from_id: y.id, kind: 'mentoring'})
                   WHERE i.status IN ['accepted', 'ended', 'withdrawn'] } AS mentored_before,
       [(y)-[:LOCATED_IN]->(p:Place) | p.commune_kind][0] AS commune_kind
"""

# Drafted pairs of published cohorts not made real yet: their task is queued, running, or was
# lost (a worker killed just as Redis handed it the task).
UNFINISHED_PUBLICATIONS: LiteralString = """
MATCH (c:Cohort {status: 'published'})
MATCH (m:CohortMatch {cohort_id: c.id})
WHERE m.state = 'draft' AND m.mentor_id IS NOT NULL
RETURN c.id AS cohort_id, m.youth_id AS youth_id ORDER BY cohort_id, youth_id LIMIT $limit
"""

AVAILABLE_MENTORS: LiteralString = """
MATCH (m:Mentor) WHERE NOT coalesce(m.paused, false)
  AND COUNT { (m)-[:MENTORS]->() } < coalesce(m.capacity, 0)
RETURN m.id AS id ORDER BY id
"""


def create(tx: ManagedTransaction, props: dict[str, Any]) -> None:
    tx.run(CREATE_COHORT, props=props).consume()


def read(tx: ManagedTransaction, cohort_id: str) -> StoredCohort | None:
    row = tx.run(READ_COHORT, id=cohort_id).single()
    return typed(StoredCohort, row["c"]) if row else None


def lock(tx: ManagedTransaction, cohort_id: str) -> str | None:
    """Lock the cohort; its status, or None when there is no such cohort."""
    row = tx.run(LOCK_COHORT, id=cohort_id).single()
    return row["status"] if row else None


def update(tx: ManagedTransaction, cohort_id: str, props: dict[str, Any]) -> None:
    tx.run(UPDATE_COHORT, id=cohort_id, props=props).consume()


def replace_draft(tx: ManagedTransaction, cohort_id: str, rows: Sequence[dict[str, Any]]) -> None:
    tx.run(REPLACE_DRAFT, id=cohort_id, rows=list(rows)).consume()


def matches(tx: ManagedTransaction, cohort_id: str) -> list[CohortMatch]:
    """The cohort's matches by youth id, with both names."""
    return [typed(CohortMatch, row["m"]) for row in tx.run(MATCHES, id=cohort_id)]


def read_match(tx: ManagedTransaction, match_id: str) -> CohortMatch | None:
    """One match (`{cohort id}|{youth id}`), without the names."""
    row = tx.run(READ_MATCH, id=match_id).single()
    return typed(CohortMatch, row["m"]) if row else None


def set_match(tx: ManagedTransaction, match_id: str, props: dict[str, Any]) -> None:
    tx.run(SET_MATCH, id=match_id, props=props).consume()


def priority_facts(tx: ManagedTransaction, ids: Sequence[str]) -> list[PriorityFacts]:
    return [typed(PriorityFacts, row.data()) for row in tx.run(PRIORITY_FACTS, ids=list(ids))]


def unfinished_publications(tx: ManagedTransaction, limit: int) -> list[tuple[str, str]]:
    return [
        (row["cohort_id"], row["youth_id"]) for row in tx.run(UNFINISHED_PUBLICATIONS, limit=limit)
    ]


def available_mentors(tx: ManagedTransaction) -> list[str]:
    return [row["id"] for row in tx.run(AVAILABLE_MENTORS)]


LIST_COHORTS: LiteralString = """
MATCH (c:Cohort)
RETURN c.id AS id, c.name AS name, c.status AS status, size(c.youth_ids) AS youths,
       c.created_at AS created_at, c.computed_at AS computed_at
ORDER BY c.created_at DESC LIMIT $limit
"""

MENTOR_NAMES: LiteralString = """
UNWIND $ids AS id MATCH (m:Mentor {id: id}) RETURN m.id AS id, m.name AS name ORDER BY name
"""


def list_cohorts(tx: ManagedTransaction, limit: int = 50) -> list[CohortRow]:
    """The newest cohorts first, for the staff console."""
    return [typed(CohortRow, row.data()) for row in tx.run(LIST_COHORTS, limit=limit)]


def mentor_names(tx: ManagedTransaction, ids: Sequence[str]) -> list[tuple[str, str]]:
    """(id, name) of these mentors, by name."""
    return [(row["id"], row["name"] or row["id"]) for row in tx.run(MENTOR_NAMES, ids=list(ids))]
