"""Staff's search of profiles and the accounts behind them (suspend, restore)."""

from __future__ import annotations

import datetime as dt
from typing import LiteralString

from graph.driver import ManagedTransaction, native
from models.people import Account, PeoplePage, PersonRow
from models.user import Role

SEARCH: LiteralString = """
MATCH (n:Entity) WHERE n.type IN $types
  AND ($name IS NULL OR toLower(n.name) CONTAINS $name OR n.id = $raw_name)
  AND ($commune IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:Place {key: $commune}) })
  AND ($skill IS NULL OR EXISTS { (n)-[:HAS_SKILL|OFFERS_SKILL]->(:Skill {key: $skill}) })
  AND ($sector IS NULL
       OR EXISTS { (n)-[:INTERESTED_IN|ACTIVE_IN|EXPERT_IN]->(:Sector {key: $sector}) })
  AND ($language IS NULL OR EXISTS { (n)-[:SPEAKS]->(:Language {code: $language}) })
  AND ($axis IS NULL OR n.axis = $axis)
WITH n ORDER BY toLower(n.name), n.id
WITH collect(n) AS found
RETURN size(found) AS total,
       [n IN found[$offset..$offset + $limit] | {
          id: n.id, type: n.type, name: n.name,
          commune: [(n)-[:LOCATED_IN]->(p:Place) | p.name][0],
          suspended: EXISTS { (u:User)-[:OWNS|MEMBER_OF]->(n) WHERE u.suspended_at IS NOT NULL }
       }] AS page
"""

ACCOUNTS_OF: LiteralString = """
MATCH (u:User)-[:OWNS|MEMBER_OF]->(:Entity {id: $id})
RETURN u.id AS id, u.email AS email, u.role AS role, u.created_at AS created_at,
       u.suspended_at AS suspended_at
ORDER BY u.email
"""

ACCOUNT: LiteralString = """
MATCH (u:User {id: $id})
RETURN u.id AS id, u.email AS email, u.role AS role, u.created_at AS created_at,
       u.suspended_at AS suspended_at
"""

SUSPEND: LiteralString = """
MATCH (u:User {id: $id})
SET u.suspended_at = coalesce(u.suspended_at, $now), u.suspended_by = $by
"""

RESTORE: LiteralString = """
MATCH (u:User {id: $id}) REMOVE u.suspended_at, u.suspended_by
"""

REGISTRATIONS_OF: LiteralString = """
RETURN COUNT { (:Entity {id: $id})-[:REGISTERED_FOR]->(:Event) } AS n
"""


def search(
    tx: ManagedTransaction,
    *,
    types: list[str],
    name: str | None,
    commune: str | None,
    skill: str | None,
    sector: str | None,
    language: str | None,
    axis: str | None,
    offset: int,
    limit: int,
) -> PeoplePage:
    """Profiles matching every given filter, by name, one page of them and the total."""
    row = tx.run(
        SEARCH,
        types=types,
        name=name.lower() if name else None,
        raw_name=name,
        commune=commune,
        skill=skill,
        sector=sector,
        language=language,
        axis=axis,
        offset=offset,
        limit=limit,
    ).single(strict=True)
    rows = [PersonRow(**found) for found in row["page"]]
    return PeoplePage(total=row["total"], offset=offset, rows=rows)


def accounts_of(tx: ManagedTransaction, record_id: str) -> list[Account]:
    return [_account(row) for row in tx.run(ACCOUNTS_OF, id=record_id)]


def account(tx: ManagedTransaction, user_id: str) -> Account | None:
    row = tx.run(ACCOUNT, id=user_id).single()
    return _account(row) if row else None


def set_suspended(
    tx: ManagedTransaction, user_id: str, *, suspended: bool, by: str | None, now: dt.datetime
) -> None:
    if suspended:
        tx.run(SUSPEND, id=user_id, by=by, now=now).consume()
    else:
        tx.run(RESTORE, id=user_id).consume()


def registrations_of(tx: ManagedTransaction, record_id: str) -> int:
    return int(tx.run(REGISTRATIONS_OF, id=record_id).single(strict=True)["n"])


def _account(row: object) -> Account:
    data = row.data()  # type: ignore[attr-defined]
    return Account(
        id=data["id"],
        email=data["email"],
        role=Role(data["role"]),
        created_at=native(data["created_at"]),
        suspended_at=native(data["suspended_at"]),
    )
