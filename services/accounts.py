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
from models.user import SELF_SERVICE_ROLES, Role, Token, UserCreate, UserPublic
from services.access import Actor
from services.db import Graph
from services.errors import Conflict, Forbidden, NotFound
from services.settings import Settings

JWT_ALGORITHM = "HS256"  # pinned: tokens that name another algorithm are refused
_PASSWORDS = PasswordHash((Argon2Hasher(),))
# Verifying against a dummy hash when the email is unknown keeps sign-in time the same.
_DUMMY_HASH = _PASSWORDS.hash("multaqa-timing-equaliser")


class InvalidCredentials(Exception):
    """Wrong email or password, or an unusable token."""


def register(graph: Graph, payload: UserCreate) -> UserPublic:
    """Self-service sign-up, for the youth, mentor and organisation-member roles only."""
    if payload.role not in SELF_SERVICE_ROLES:
        raise Forbidden(f"the {payload.role} role is granted by an admin, not chosen")
    return create_account(graph, email=payload.email, password=payload.password, role=payload.role)


def create_account(
    graph: Graph,
    *,
    email: str,
    password: str,
    role: Role,
    organization_id: str | None = None,
) -> UserPublic:
    """Create an account with any role (admins and the CLI), optionally in an organisation."""
    user_id = f"u-{uuid.uuid4().hex[:12]}"
    password_hash = _PASSWORDS.hash(password)

    def _create(tx: ManagedTransaction) -> None:
        if organization_id and not graph_records.types_of(tx, [organization_id]):
            raise NotFound(f"no organization with id {organization_id}")
        graph_users.create_user(
            tx, user_id=user_id, email=email.lower(), password_hash=password_hash, role=role.value
        )
        if organization_id:
            graph_users.link_member(tx, user_id=user_id, organization_id=organization_id)

    try:
        graph.write(_create)
    except IdInUse as error:
        raise Conflict(f"an account with email {email} already exists") from error
    return current_user(graph, user_id)


def authenticate(graph: Graph, email: str, password: str) -> UserPublic:
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
    return UserPublic.model_validate(stored)


def issue_token(user: UserPublic, settings: Settings, *, now: dt.datetime | None = None) -> Token:
    """A short-lived signed bearer token naming the account."""
    issued = now or dt.datetime.now(dt.UTC)
    lifetime = dt.timedelta(minutes=settings.jwt_expire_minutes)
    claims = {"sub": user.id, "role": user.role.value, "iat": issued, "exp": issued + lifetime}
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=JWT_ALGORITHM)
    return Token(access_token=token, expires_in=int(lifetime.total_seconds()))


def actor_from_token(graph: Graph, token: str, settings: Settings) -> Actor:
    """The actor a bearer token stands for, re-read from the graph (roles may have changed)."""
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[JWT_ALGORITHM],
            options={"require": ["sub", "exp"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidCredentials("invalid or expired token") from error
    stored = graph.read(graph_users.user_by_id, claims["sub"])
    if stored is None:
        raise InvalidCredentials("the account no longer exists")
    return actor_of(UserPublic.model_validate(stored))


def actor_of(user: UserPublic) -> Actor:
    """The access-control view of an account."""
    return Actor(
        user_id=user.id,
        role=user.role,
        profile_id=user.profile_id,
        organization_ids=frozenset(user.organization_ids),
    )


def current_user(graph: Graph, user_id: str) -> UserPublic:
    """An account as shown to its holder."""
    stored = graph.read(graph_users.user_by_id, user_id)
    if stored is None:
        raise NotFound(f"no account {user_id}")
    return UserPublic.model_validate(stored)
