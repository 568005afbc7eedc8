"""Accounts in the graph: (:User)-[:OWNS]->(profile), (:User)-[:MEMBER_OF]->(:Organization)."""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import ManagedTransaction

CREATE_USER: LiteralString = """
CREATE (u:User {id: $id, email: $email, password_hash: $password_hash, role: $role,
                created_at: datetime()})
"""

_USER_VIEW: LiteralString = """
RETURN u.id AS id, u.email AS email, u.role AS role, u.password_hash AS password_hash,
       [(u)-[:OWNS]->(p:Entity) | p.id][0] AS profile_id,
       [(u)-[:MEMBER_OF]->(o:Organization) | o.id] AS organization_ids
"""

USER_BY_EMAIL: LiteralString = "MATCH (u:User {email: $email}) " + _USER_VIEW
USER_BY_ID: LiteralString = "MATCH (u:User {id: $id}) " + _USER_VIEW

LINK_OWNER: LiteralString = """
MATCH (u:User {id: $user_id}), (p:Entity {id: $profile_id})
MERGE (u)-[:OWNS]->(p)
"""

LINK_MEMBER: LiteralString = """
MATCH (u:User {id: $user_id}), (o:Organization {id: $organization_id})
MERGE (u)-[:MEMBER_OF]->(o)
"""

OWNER_OF: LiteralString = """
MATCH (u:User)-[:OWNS]->(:Entity {id: $profile_id}) RETURN u.id AS id
"""


def create_user(
    tx: ManagedTransaction, *, user_id: str, email: str, password_hash: str, role: str
) -> None:
    """Create an account; the email uniqueness constraint refuses a second one."""
    tx.run(CREATE_USER, id=user_id, email=email, password_hash=password_hash, role=role).consume()


def user_by_email(tx: ManagedTransaction, email: str) -> dict[str, Any] | None:
    """The stored account with this email, password hash included, or None."""
    row = tx.run(USER_BY_EMAIL, email=email).single()
    return row.data() if row else None


def user_by_id(tx: ManagedTransaction, user_id: str) -> dict[str, Any] | None:
    """The stored account with this id, password hash included, or None."""
    row = tx.run(USER_BY_ID, id=user_id).single()
    return row.data() if row else None


def link_owner(tx: ManagedTransaction, *, user_id: str, profile_id: str) -> None:
    """Make an account the owner of a youth or mentor profile."""
    tx.run(LINK_OWNER, user_id=user_id, profile_id=profile_id).consume()


def link_member(tx: ManagedTransaction, *, user_id: str, organization_id: str) -> None:
    """Make an account a member of an organisation (who may edit it and its offers)."""
    tx.run(LINK_MEMBER, user_id=user_id, organization_id=organization_id).consume()


def owner_of(tx: ManagedTransaction, profile_id: str) -> str | None:
    """The id of the account that owns a profile, if any."""
    row = tx.run(OWNER_OF, profile_id=profile_id).single()
    return row["id"] if row else None
