"""Accounts in the graph: (:User)-[:OWNS]->(profile), (:User)-[:MEMBER_OF]->(:Organization)."""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import ManagedTransaction

CREATE_USER: LiteralString = """
CREATE (u:User {id: $id, email: $email, password_hash: $password_hash, role: $role,
                approved: $approved, created_at: datetime()})
"""

_USER_VIEW: LiteralString = """
RETURN u.id AS id, u.email AS email, u.role AS role, u.password_hash AS password_hash,
       coalesce(u.token_version, 0) AS token_version, coalesce(u.approved, true) AS approved,
       [(u)-[:OWNS]->(p:Entity) | p.id][0] AS profile_id,
       [(u)-[:MEMBER_OF]->(o:Organization) | o.id] AS organization_ids
"""

USER_BY_EMAIL: LiteralString = "MATCH (u:User {email: $email}) " + _USER_VIEW
USER_BY_ID: LiteralString = "MATCH (u:User {id: $id}) " + _USER_VIEW

# Staff approve a mentor or organisation account (safeguarding): until then its records carry
# `awaiting_approval`, which keeps them out of suggestions (graph.recommend).
APPROVE: LiteralString = """
MATCH (u:User {id: $id}) SET u.approved = true
WITH u
CALL (u) { MATCH (u)-[:OWNS|MEMBER_OF]->(p:Entity) REMOVE p.awaiting_approval }
RETURN u.id AS id
"""

# Every token names the version it was issued under; bumping it revokes them all.
BUMP_TOKEN_VERSION: LiteralString = """
MATCH (u:User {id: $id}) SET u.token_version = coalesce(u.token_version, 0) + 1
RETURN u.token_version AS version
"""

# One profile per account and one account per profile, enforced by the graph (USER_SCHEMA):
# of two concurrent sign-ups' profiles, the second commit fails on the constraint.
USER_SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT owns_one_profile IF NOT EXISTS "
    "FOR ()-[r:OWNS]-() REQUIRE r.owner IS UNIQUE",
    "CREATE CONSTRAINT owned_by_one IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE r.profile IS UNIQUE",
)

LINK_OWNER: LiteralString = """
MATCH (u:User {id: $user_id}), (p:Entity {id: $profile_id})
MERGE (u)-[r:OWNS]->(p)
SET r.owner = $user_id, r.profile = $profile_id
"""

# Records that an account created or owns: an import may not overwrite them (finding 1).
OWNED_IDS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.self_service OR EXISTS { (:User)-[:OWNS]->(n) }
RETURN n.id AS id
"""

LINK_MEMBER: LiteralString = """
MATCH (u:User {id: $user_id}), (o:Organization {id: $organization_id})
MERGE (u)-[:MEMBER_OF]->(o)
"""

OWNER_OF: LiteralString = """
MATCH (u:User)-[:OWNS]->(:Entity {id: $profile_id}) RETURN u.id AS id
"""


def create_user(
    tx: ManagedTransaction,
    *,
    user_id: str,
    email: str,
    password_hash: str,
    role: str,
    approved: bool = True,
) -> None:
    """Create an account; the email uniqueness constraint refuses a second one."""
    tx.run(
        CREATE_USER,
        id=user_id,
        email=email,
        password_hash=password_hash,
        role=role,
        approved=approved,
    ).consume()


def approve(tx: ManagedTransaction, user_id: str) -> bool:
    """Approve an account: its records may be suggested and it may ask; False if unknown."""
    row = tx.run(APPROVE, id=user_id).single()
    return row is not None


def user_by_email(tx: ManagedTransaction, email: str) -> dict[str, Any] | None:
    """The stored account with this email, password hash included, or None."""
    row = tx.run(USER_BY_EMAIL, email=email).single()
    return row.data() if row else None


def user_by_id(tx: ManagedTransaction, user_id: str) -> dict[str, Any] | None:
    """The stored account with this id, password hash included, or None."""
    row = tx.run(USER_BY_ID, id=user_id).single()
    return row.data() if row else None


def bump_token_version(tx: ManagedTransaction, user_id: str) -> int | None:
    """Revoke every token of an account; the new version, or None for an unknown account."""
    row = tx.run(BUMP_TOKEN_VERSION, id=user_id).single()
    return row["version"] if row else None


def link_owner(tx: ManagedTransaction, *, user_id: str, profile_id: str) -> None:
    """Make an account the owner of a youth or mentor profile."""
    tx.run(LINK_OWNER, user_id=user_id, profile_id=profile_id).consume()


def link_member(tx: ManagedTransaction, *, user_id: str, organization_id: str) -> None:
    """Make an account a member of an organisation (who may edit it and its offers)."""
    tx.run(LINK_MEMBER, user_id=user_id, organization_id=organization_id).consume()


def owned_ids(tx: ManagedTransaction, ids: list[str]) -> set[str]:
    """Which of these ids are records created or owned by an account."""
    return {row["id"] for row in tx.run(OWNED_IDS, ids=ids)}


def owner_of(tx: ManagedTransaction, profile_id: str) -> str | None:
    """The id of the account that owns a profile, if any."""
    row = tx.run(OWNER_OF, profile_id=profile_id).single()
    return row["id"] if row else None
