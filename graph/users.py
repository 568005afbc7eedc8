"""Accounts in the graph: (:User)-[:OWNS]->(profile), (:User)-[:MEMBER_OF]->(:Organization)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import LiteralString

from neo4j import ManagedTransaction, Record

from graph.driver import native
from matcher.i18n import LANGS, Lang
from models.user import Role


@dataclass(frozen=True)
class StoredUser:
    """An account as stored, password hash included (services never show it)."""

    id: str
    email: str
    role: Role
    password_hash: str
    # Every token and page session names the version it was issued under; bumping it (sign
    # out, staff revocation, a new password) revokes them all.
    token_version: int
    # Self-registered mentors and organisation members wait for staff approval.
    approved: bool
    privacy_notice_version: str | None
    privacy_accepted_at: dt.datetime | None
    lang: Lang | None  # the language the person reads: their e-mails are written in it
    suspended: bool  # by staff: the account signs in neither on the pages nor by token
    profile_id: str | None
    organization_ids: tuple[str, ...]


# One profile per account and one account per profile, enforced by the graph: of two
# concurrent creations of an account's profile, the second commit fails on the constraint.
# OWNS relationships written before the constraint existed get their keys first.
USER_SCHEMA: tuple[LiteralString, ...] = (
    "MATCH (u:User)-[r:OWNS]->(p:Entity) WHERE r.owner IS NULL "
    "SET r.owner = u.id, r.profile = p.id",
    "CREATE CONSTRAINT owns_one_profile IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE r.owner IS UNIQUE",
    "CREATE CONSTRAINT owned_by_one IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE r.profile IS UNIQUE",
)

CREATE_USER: LiteralString = """
CREATE (u:User {id: $id, email: $email, password_hash: $password_hash, role: $role,
                approved: $approved, token_version: 0, created_at: datetime()})
SET u.privacy_notice_version = $privacy_version, u.privacy_accepted_at = $privacy_at,
    u.lang = $lang
"""

SET_LANG: LiteralString = "MATCH (u:User {id: $id}) SET u.lang = $lang"

# A new password revokes every token and session issued before it.
SET_PASSWORD: LiteralString = """
MATCH (u:User {id: $id}) WHERE u.password_hash = $old_hash
SET u.password_hash = $password_hash, u.token_version = coalesce(u.token_version, 0) + 1
RETURN u.id AS id
"""

_USER_VIEW: LiteralString = """
RETURN u.id AS id, u.email AS email, u.role AS role, u.password_hash AS password_hash,
       coalesce(u.token_version, 0) AS token_version, coalesce(u.approved, true) AS approved,
       u.privacy_notice_version AS privacy_notice_version,
       u.privacy_accepted_at AS privacy_accepted_at, u.lang AS lang,
       u.suspended_at IS NOT NULL AS suspended,
       [(u)-[:OWNS]->(p:Entity) | p.id][0] AS profile_id,
       [(u)-[:MEMBER_OF]->(o:Organization) | o.id] AS organization_ids
"""

USER_BY_EMAIL: LiteralString = "MATCH (u:User {email: $email}) " + _USER_VIEW
USER_BY_ID: LiteralString = "MATCH (u:User {id: $id}) " + _USER_VIEW
AWAITING_APPROVAL: LiteralString = (
    "MATCH (u:User) WHERE u.approved = false WITH u ORDER BY u.created_at, u.id " + _USER_VIEW
)

# Staff approve a mentor or organisation account (safeguarding): until then its records (its
# profile, its organisation and the organisation's offers) carry `awaiting_approval`, which
# keeps them out of suggestions (graph.recommend).
APPROVE: LiteralString = """
MATCH (u:User {id: $id}) SET u.approved = true
WITH u
CALL (u) {
  MATCH (u)-[:OWNS|MEMBER_OF]->(p:Entity) REMOVE p.awaiting_approval
  WITH p MATCH (p)-[:POSTED]->(offer:JobOffer) REMOVE offer.awaiting_approval
}
RETURN u.id AS id
"""

BUMP_TOKEN_VERSION: LiteralString = """
MATCH (u:User {id: $id}) SET u.token_version = coalesce(u.token_version, 0) + 1
RETURN u.token_version AS version
"""

LINK_OWNER: LiteralString = """
MATCH (u:User {id: $user_id}), (p:Entity {id: $profile_id})
MERGE (u)-[r:OWNS]->(p)
SET r.owner = $user_id, r.profile = $profile_id
"""

LINK_MEMBER: LiteralString = """
MATCH (u:User {id: $user_id}), (o:Organization {id: $organization_id})
MERGE (u)-[:MEMBER_OF]->(o)
"""

OWNER_OF: LiteralString = """
MATCH (u:User)-[:OWNS]->(:Entity {id: $profile_id}) RETURN u.id AS id
"""

# Records an account created or owns: an import may not overwrite them (finding 1).
OWNED_IDS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.self_service OR EXISTS { (:User)-[:OWNS]->(n) }
RETURN n.id AS id
"""


def create_user(
    tx: ManagedTransaction,
    *,
    user_id: str,
    email: str,
    password_hash: str,
    role: str,
    approved: bool = True,
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
        approved=approved,
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


def _stored(row: Record | None) -> StoredUser | None:
    if row is None:
        return None
    return StoredUser(
        id=row["id"],
        email=row["email"],
        role=Role(row["role"]),
        password_hash=row["password_hash"],
        token_version=row["token_version"],
        approved=row["approved"],
        privacy_notice_version=row["privacy_notice_version"],
        privacy_accepted_at=native(row["privacy_accepted_at"]),
        lang=next((lang for lang in LANGS if lang == row["lang"]), None),
        suspended=row["suspended"],
        profile_id=row["profile_id"],
        organization_ids=tuple(row["organization_ids"]),
    )


def user_by_email(tx: ManagedTransaction, email: str) -> StoredUser | None:
    """The stored account with this email, or None."""
    return _stored(tx.run(USER_BY_EMAIL, email=email).single())


EMAILS_OF: LiteralString = """
UNWIND $ids AS id MATCH (u:User {id: id}) RETURN u.id AS id, u.email AS email
"""


def emails_of(tx: ManagedTransaction, user_ids: list[str]) -> dict[str, str]:
    """The e-mail address of each account among `user_ids` that still exists."""
    return {row["id"]: row["email"] for row in tx.run(EMAILS_OF, ids=user_ids)}


def user_by_id(tx: ManagedTransaction, user_id: str) -> StoredUser | None:
    """The stored account with this id, or None."""
    return _stored(tx.run(USER_BY_ID, id=user_id).single())


def awaiting_approval(tx: ManagedTransaction) -> list[StoredUser]:
    """Accounts that staff have not approved yet, oldest first."""
    return [user for row in tx.run(AWAITING_APPROVAL) if (user := _stored(row)) is not None]


def approve(tx: ManagedTransaction, user_id: str) -> bool:
    """Approve an account: its records may be suggested and it may ask; False if unknown."""
    return tx.run(APPROVE, id=user_id).single() is not None


def bump_token_version(tx: ManagedTransaction, user_id: str) -> int | None:
    """Revoke every token and session of an account; the new version, or None if unknown."""
    row = tx.run(BUMP_TOKEN_VERSION, id=user_id).single()
    return int(row["version"]) if row else None


def link_owner(tx: ManagedTransaction, *, user_id: str, profile_id: str) -> None:
    """Make an account the owner of a youth or mentor profile (one each way: constraints)."""
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
