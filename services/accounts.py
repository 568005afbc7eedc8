"""Accounts: sign-up, sign-in, bearer tokens, and the actor behind a token."""

from __future__ import annotations

import datetime as dt
import uuid

import jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from graph import records as graph_records
from graph import users as graph_users
from graph.driver import IdInUse, ManagedTransaction
from models.audit import AuditAction
from models.user import (
    NEEDS_APPROVAL,
    SELF_SERVICE_ROLES,
    Role,
    StaffUserCreate,
    Token,
    UserCreate,
    UserInDb,
    UserPublic,
)
from services import audit, notifications
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import Conflict, Forbidden, NotFound
from services.settings import Settings

JWT_ALGORITHM = "HS256"  # pinned: tokens that name another algorithm are refused
_PASSWORDS = PasswordHash((Argon2Hasher(),))
# Verifying against a dummy hash when the email is unknown keeps sign-in time the same.
_DUMMY_HASH = _PASSWORDS.hash("multaqa-timing-equaliser")


class InvalidCredentials(Exception):
    """Wrong email or password, or an unusable token."""


def register(graph: Graph, payload: UserCreate, settings: Settings) -> UserPublic:
    """Self-service sign-up, for the youth, mentor and organisation-member roles only.

    An e-mail that already has an account gets the same answer as a new one (so sign-up does
    not tell who has an account); the owner of the address is told by e-mail instead.
    """
    if payload.role not in SELF_SERVICE_ROLES:
        raise Forbidden(f"the {payload.role} role is granted by an admin, not chosen")
    try:
        return create_account(
            graph,
            email=payload.email,
            password=payload.password,
            role=payload.role,
            approved=payload.role not in NEEDS_APPROVAL,
        )
    except Conflict:
        notifications.deliver(
            settings,
            notifications.account_message(
                settings,
                payload.email,
                "someone tried to create an account with your e-mail address. If it was you, "
                "sign in, or ask for a new password.",
            ),
        )
        return UserPublic(id=new_user_id(), email=payload.email.lower(), role=payload.role)


def new_user_id() -> str:
    """A fresh account id (random, never a sequence)."""
    return f"u-{uuid.uuid4().hex}"


def create_account(
    graph: Graph,
    *,
    email: str,
    password: str,
    role: Role,
    organization_id: str | None = None,
    approved: bool = True,
) -> UserPublic:
    """Create an account with any role (admins and the CLI), optionally in an organisation;
    accounts that staff create are approved, self-registered mentors and members are not."""
    user_id = new_user_id()
    password_hash = _PASSWORDS.hash(password)

    def _create(tx: ManagedTransaction) -> None:
        if organization_id and not graph_records.types_of(tx, [organization_id]):
            raise NotFound(f"no organization with id {organization_id}")
        graph_users.create_user(
            tx,
            user_id=user_id,
            email=email.lower(),
            password_hash=password_hash,
            role=role.value,
            approved=approved,
        )
        if organization_id:
            graph_users.link_member(tx, user_id=user_id, organization_id=organization_id)

    try:
        graph.write(_create)
    except IdInUse as error:
        raise Conflict(f"an account with email {email} already exists") from error
    return current_user(graph, user_id)


def authenticate(graph: Graph, email: str, password: str) -> UserInDb:
    """The account for these credentials.

    Raises:
        InvalidCredentials: unknown email or wrong password (the same error for both).
    """
    stored = graph.read(graph_users.user_by_email, email.lower())
    if stored is None:
        _PASSWORDS.verify(password, _DUMMY_HASH)
        raise InvalidCredentials("wrong email or password")
    if not _PASSWORDS.verify(password, stored["password_hash"]):
        raise InvalidCredentials("wrong email or password")
    return UserInDb.model_validate(stored)


def sign_in(graph: Graph, email: str, password: str, settings: Settings) -> Token:
    """Check the credentials and issue a token.

    Raises:
        InvalidCredentials: unknown email or wrong password (the same error for both).
    """
    try:
        user = authenticate(graph, email, password)
    except InvalidCredentials:
        known = graph.read(graph_users.user_by_email, email.strip().lower())
        # The entry names the account when there is one, never the e-mail that was typed.
        audit.record(graph, Actor(user_id=None, role=Role.YOUTH), AuditAction.SIGN_IN_FAILED,
                     target_type="account", target_id=known["id"] if known else None)  # fmt: skip
        raise
    audit.record(graph, actor_of(user), AuditAction.SIGN_IN, target_type="account",
                 target_id=user.id)  # fmt: skip
    return issue_token(user, settings)


def issue_token(user: UserPublic, settings: Settings, *, now: dt.datetime | None = None) -> Token:
    """A short-lived signed bearer token naming the account and its token version."""
    issued = now or dt.datetime.now(dt.UTC)
    lifetime = dt.timedelta(minutes=settings.jwt_expire_minutes)
    version = user.token_version if isinstance(user, UserInDb) else 0
    claims = {
        "sub": user.id,
        "role": user.role.value,
        "ver": version,
        "iat": issued,
        "exp": issued + lifetime,
    }
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=JWT_ALGORITHM)
    return Token(access_token=token, expires_in=int(lifetime.total_seconds()))


def actor_from_token(graph: Graph, token: str, settings: Settings) -> Actor:
    """The actor a bearer token stands for, re-read from the graph (roles may have changed)."""
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[JWT_ALGORITHM],
            options={"require": ["sub", "exp", "ver"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidCredentials("invalid or expired token") from error
    stored = graph.read(graph_users.user_by_id, claims["sub"])
    if stored is None:
        raise InvalidCredentials("the account no longer exists")
    if claims["ver"] != stored["token_version"]:
        raise InvalidCredentials("this token was revoked: sign in again")
    return actor_of(UserPublic.model_validate(stored))


def sign_out(graph: Graph, actor: Actor) -> None:
    """Revoke every token of the actor's account (sign-out on every device)."""
    if actor.user_id is not None:
        graph.write(graph_users.bump_token_version, actor.user_id)


def revoke_tokens(graph: Graph, actor: Actor, user_id: str) -> None:
    """Staff revoke every token of an account (a lost phone, a suspected theft)."""
    require_staff(actor, "revoke another account's tokens")
    if graph.write(graph_users.bump_token_version, user_id) is None:
        raise NotFound(f"no account {user_id}")
    audit.record(graph, actor, AuditAction.REVOKE_TOKENS, target_type="account",
                 target_id=user_id)  # fmt: skip


def approve(graph: Graph, actor: Actor, user_id: str) -> UserPublic:
    """Staff approve a mentor or organisation account: its records may now be suggested and
    it may ask for introductions (safeguarding)."""
    require_staff(actor, "approve accounts")
    if not graph.write(graph_users.approve, user_id):
        raise NotFound(f"no account {user_id}")
    audit.record(graph, actor, AuditAction.APPROVE_ACCOUNT, target_type="account",
                 target_id=user_id)  # fmt: skip
    return current_user(graph, user_id)


def create_for_staff(graph: Graph, actor: Actor, payload: StaffUserCreate) -> UserPublic:
    """An admin creates an account of any role (approved), optionally in an organisation."""
    if actor.role is not Role.ADMIN:
        raise Forbidden("only an admin creates accounts for others")
    user = create_account(
        graph,
        email=payload.email,
        password=payload.password,
        role=payload.role,
        organization_id=payload.organization_id,
    )
    audit.record(graph, actor, AuditAction.CREATE_ACCOUNT, target_type="account",
                 target_id=user.id, detail=f"role {user.role.value}")  # fmt: skip
    return user


def actor_of(user: UserPublic) -> Actor:
    """The access-control view of an account."""
    return Actor(
        user_id=user.id,
        role=user.role,
        profile_id=user.profile_id,
        organization_ids=frozenset(user.organization_ids),
        approved=user.approved,
    )


def current_user(graph: Graph, user_id: str) -> UserPublic:
    """An account as shown to its holder."""
    stored = graph.read(graph_users.user_by_id, user_id)
    if stored is None:
        raise NotFound(f"no account {user_id}")
    return UserPublic.model_validate(stored)
