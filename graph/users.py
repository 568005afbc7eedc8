"""Accounts in the graph: (:User)-[:OWNS]->(profile), (:User)-[:MEMBER_OF]->(:Organization)."""

from __future__ import annotations

import datetime as dt
from typing import Any, LiteralString

from neo4j import ManagedTransaction

CREATE_USER: LiteralString = """
CREATE (u:User {id: $id, email: $email, password_hash: $password_hash, role: $role,
                created_at: datetime()})
SET u.privacy_notice_version = $privacy_version, u.privacy_accepted_at = $privacy_at,
    u.lang = $lang
"""

SET_LANG: LiteralString = "MATCH (u:User {id: $id}) SET u.lang = $lang"

SET_PASSWORD: LiteralString = """
MATCH (u:User {id: $id}) WHERE u.password_hash = $old_hash
SET u.password_hash = $password_hash
RETURN u.id AS id
"""

_USER_VIEW: LiteralString = """
RETURN u.id AS id, u.email AS email, u.role AS role, u.password_hash AS password_hash,
       u.privacy_notice_version AS privacy_notice_version, u.lang AS lang,
       u.suspended_at IS NOT NULL AS suspended,
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
    tx: ManagedTransaction,
    *,
    user_id: str,
    email: str,
    password_hash: str,
    role: str,
    privacy_version: str | None = None,
    privacy_at: dt.datetime | None = None,
    lang: str | None = None,
) -> None:
    """Create an account; the email uniqueness constraint refuses a second one. The privacy
    notice accepted at sign-up (its version and when) is kept on the account, and the
    language its e-mails are written in."""
    tx.run(
        CREATE_USER,
        id=user_id,
        email=email,
        password_hash=password_hash,
        role=role,
        privacy_version=privacy_version,
        privacy_at=privacy_at,
        lang=lang,
    ).consume()


def set_lang(tx: ManagedTransaction, user_id: str, lang: str) -> None:
    """Remember the language an account reads (its e-mails are written in it)."""
    tx.run(SET_LANG, id=user_id, lang=lang).consume()


def set_password(
    tx: ManagedTransaction, *, user_id: str, old_hash: str, password_hash: str
) -> bool:
    """Replace the password hash if it is still `old_hash` (a reset link works once)."""
    return (
        tx.run(SET_PASSWORD, id=user_id, old_hash=old_hash, password_hash=password_hash).single()
        is not None
    )


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
