"""The audit log (issue 13, finding 5): reads of contact details and full profiles, staff
changes, imports, erasures, sign-ins. Who, when, what; never a secret or a contact value."""

from __future__ import annotations

import datetime as dt
import uuid

from graph import audit as graph_audit
from graph import users as graph_users
from models.audit import AuditAction, AuditEntry
from models.pages import Page
from services.access import Actor, require_staff
from services.db import Graph


def record(
    graph: Graph,
    actor: Actor | None,
    action: AuditAction,
    *,
    target_type: str | None = None,
    target_id: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one entry (its own transaction: an entry is kept even if what follows fails);
    `actor` None is someone not signed in."""
    graph.write(
        graph_audit.append,
        entry_id=f"a-{uuid.uuid4().hex}",
        at=dt.datetime.now(dt.UTC),
        actor_id=_actor_id(actor),
        actor_role=actor.role.value if actor else None,
        action=action.value,
        target_type=target_type,
        target_id=target_id,
        detail=detail,
    )


def _actor_id(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.user_id or ("system" if actor.is_staff else None)


def read(
    graph: Graph,
    actor: Actor,
    *,
    limit: int,
    offset: int,
    action: AuditAction | None = None,
    target_id: str | None = None,
    actor_id: str | None = None,
) -> Page[AuditEntry]:
    """Entries newest first; staff only."""
    require_staff(actor, "read the audit log")
    total, rows = graph.read(
        graph_audit.read_page,
        limit=limit,
        offset=offset,
        action=action.value if action else None,
        target_id=target_id,
        actor_id=actor_id,
    )
    items = [AuditEntry.model_validate(row.__dict__) for row in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def actors_emails(graph: Graph, actor: Actor, entries: Page[AuditEntry]) -> dict[str, str]:
    """The e-mail of the account behind each entry of a page, as staff know people (the log
    keeps only ids; an account erased since stays an id)."""
    require_staff(actor, "read the audit log")
    ids = sorted({e.actor_id for e in entries.items if e.actor_id})
    return graph.read(graph_users.emails_of, ids) if ids else {}
