"""The audit log: `(:AuditEntry)` nodes, created and read, never changed by the application.

There is no query here that updates or deletes an entry: append-only by construction. The one
exception is an erasure (graph.privacy), which replaces the erased person's id in entries with
"[erased]", as the law on personal data requires.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import LiteralString

from neo4j import ManagedTransaction

from graph.driver import native

AUDIT_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX audit_entry_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at)",
)

APPEND: LiteralString = """
CREATE (a:AuditEntry {id: $id, at: $at, actor_id: $actor_id, actor_role: $actor_role,
                      action: $action, target_type: $target_type, target_id: $target_id,
                      detail: $detail})
"""

READ_PAGE: LiteralString = """
MATCH (a:AuditEntry)
WHERE ($action IS NULL OR a.action = $action)
  AND ($target_id IS NULL OR a.target_id = $target_id)
  AND ($actor_id IS NULL OR a.actor_id = $actor_id)
WITH a ORDER BY a.at DESC, a.id
WITH collect(a) AS entries
RETURN size(entries) AS total, [a IN entries[$offset..$offset + $limit] | a {.*}] AS page
"""


@dataclass(frozen=True)
class AuditRow:
    """One stored entry."""

    id: str
    at: dt.datetime
    actor_id: str | None
    actor_role: str | None
    action: str
    target_type: str | None
    target_id: str | None
    detail: str | None


def append(
    tx: ManagedTransaction,
    *,
    entry_id: str,
    at: dt.datetime,
    actor_id: str | None,
    actor_role: str | None,
    action: str,
    target_type: str | None,
    target_id: str | None,
    detail: str | None,
) -> None:
    """Add one entry."""
    tx.run(
        APPEND,
        id=entry_id,
        at=at,
        actor_id=actor_id,
        actor_role=actor_role,
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail,
    ).consume()


def read_page(
    tx: ManagedTransaction,
    *,
    limit: int,
    offset: int,
    action: str | None = None,
    target_id: str | None = None,
    actor_id: str | None = None,
) -> tuple[int, list[AuditRow]]:
    """Entries newest first, filtered, with the total that match."""
    row = tx.run(
        READ_PAGE,
        limit=limit,
        offset=offset,
        action=action,
        target_id=target_id,
        actor_id=actor_id,
    ).single(strict=True)
    entries = [
        AuditRow(**{field: native(entry.get(field)) for field in AuditRow.__dataclass_fields__})
        for entry in row["page"]
    ]
    return row["total"], entries
