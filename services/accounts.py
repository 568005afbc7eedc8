"""Accounts: sign-up, sign-in, bearer tokens and page sessions, revocation, approval, and the
actor behind a token or a session."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import jwt

from graph import records as graph_records
from graph import users as graph_users
from graph.driver import IdInUse, ManagedTransaction
from graph.users import StoredUser
from matcher import i18n
from matcher.i18n import N_, Lang
from models.audit import AuditAction
from models.user import (
    NEEDS_APPROVAL,
    SELF_SERVICE_ROLES,
    PrivacyNotice,
    Role,
    StaffUserCreate,
    Token,
    UserCreate,
    UserPublic,
)
from services import audit, notifications, passwords
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import (
    AccountSuspended,
    Conflict,
    FieldError,
    Forbidden,
    InvalidCredentials,
    InvalidInput,
    NotFound,
)
from services.settings import Settings

JWT_ALGORITHM = "HS256"  # pinned: tokens that name another algorithm are refused
TAKEN_SUBJECT = N_("Multaqa: someone tried to create an account with your address")
TAKEN_BODY = N_(
    "Someone tried to create a Multaqa account with this e-mail address, which already has "
    "one. If it was you, sign in, or ask for a new password on the sign-in page. If it was "
    "not you, there is nothing to do."
)


@dataclass(frozen=True)
class Registration:
    """What sign-up answers (`user`, the same shape whether or not the e-mail had an account)
    and, for the page that signs the new account in, whether one was created."""

    user: UserPublic
    created: bool


def privacy_notice(settings: Settings) -> PrivacyNotice:
    """The privacy notice in force, whose version sign-up must send back."""
    return PrivacyNotice(version=settings.privacy_notice_version, page="/signup#privacy")


def register(
    graph: Graph,
    payload: UserCreate,
    settings: Settings,
    *,
    lang: str | None = None,
    now: dt.datetime | None = None,
) -> Registration:
    """Self-service sign-up (youth, mentor, organisation member), accepting the privacy notice
    in force, whose version is kept with the time. Mentors and members wait for staff approval.

    An e-mail that already has an account gets the same answer as a new one, so that sign-up
    does not tell who has an account; the owner of the address is told by e-mail instead.
    """
    if payload.role not in SELF_SERVICE_ROLES:
        raise Forbidden(f"the {payload.role} role is granted by an admin, not chosen")
    if payload.privacy_notice_version != settings.privacy_notice_version:
        message = f"accept the privacy notice in force, version {settings.privacy_notice_version}"
        raise InvalidInput([FieldError("privacy_notice_version", message, "privacy")])
    approved = payload.role not in NEEDS_APPROVAL
    try:
        user = create_account(
            graph,
            email=payload.email,
            password=payload.password,
            role=payload.role,
            approved=approved,
            privacy_version=payload.privacy_notice_version,
            privacy_at=now or dt.datetime.now(dt.UTC),
            lang=payload.lang,
        )
        return Registration(user, created=True)
    except Conflict:
        language = lang or settings.default_lang
        email = notifications.account_email(
            settings,
            to=payload.email,
            subject=i18n.gettext(language, TAKEN_SUBJECT),
            body=i18n.gettext(language, TAKEN_BODY),
        )
        notifications.deliver(settings, email)
        stand_in = UserPublic(
            id=new_user_id(), email=payload.email.lower(), role=payload.role, approved=approved
        )
        return Registration(stand_in, created=False)


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
    privacy_version: str | None = None,
    privacy_at: dt.datetime | None = None,
    lang: Lang | None = None,
) -> UserPublic:
    """Create an account with any role (admins, the CLI, sign-up), optionally in an
    organisation; accounts that staff create are approved. `lang` is the language its e-mails
    are written in (else the default language).

    Raises:
        Conflict: the e-mail already has an account.
    """
    user_id = new_user_id()
    password_hash = passwords.hashed(password)

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
            privacy_version=privacy_version,
            privacy_at=privacy_at,
            lang=lang,
        )
        if organization_id:
            graph_users.link_member(tx, user_id=user_id, organization_id=organization_id)

    try:
        graph.write(_create)
    except IdInUse as error:
        raise Conflict(f"an account with email {email} already exists") from error
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


def authenticate(graph: Graph, email: str, password: str) -> StoredUser:
    """The account for these credentials; every attempt is in the audit log, naming the
    account when there is one (never the e-mail typed, never the password).

    Raises:
        InvalidCredentials: unknown email or wrong password (the same error for both).
    """
    stored = graph.read(graph_users.user_by_email, email.strip().lower())
    if stored is None or not passwords.matches(password, stored):
        audit.record(graph, None, AuditAction.SIGN_IN_FAILED, target_type="account",
                     target_id=stored.id if stored else None)  # fmt: skip
        raise InvalidCredentials("wrong email or password")
    if stored.suspended:
        raise AccountSuspended("this account is suspended")
    audit.record(graph, actor_of(stored), AuditAction.SIGN_IN, target_type="account",
                 target_id=stored.id)  # fmt: skip
    return stored


def sign_in(graph: Graph, email: str, password: str, settings: Settings) -> Token:
    """Check the credentials and issue a bearer token.

    Raises:
        InvalidCredentials: unknown email or wrong password (the same error for both).
    """
    return issue_token(authenticate(graph, email, password), settings)


def issue_token(user: StoredUser, settings: Settings, *, now: dt.datetime | None = None) -> Token:
    """A short-lived signed bearer token naming the account and its token version."""
    issued = now or dt.datetime.now(dt.UTC)
    lifetime = dt.timedelta(minutes=settings.jwt_expire_minutes)
    claims = {
        "sub": user.id,
        "role": user.role.value,
        "ver": user.token_version,
        "iat": issued,
        "exp": issued + lifetime,
    }
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=JWT_ALGORITHM)
    return Token(access_token=token, expires_in=int(lifetime.total_seconds()))


def token_for(graph: Graph, user_id: str, settings: Settings) -> Token:
    """A token for an account, without its password (the CLI and tests act for accounts)."""
    stored = graph.read(graph_users.user_by_id, user_id)
    if stored is None:
        raise NotFound(f"no account {user_id}")
    return issue_token(stored, settings)


def actor_from_token(graph: Graph, token: str, settings: Settings) -> Actor:
    """The actor a bearer token stands for, re-read from the graph (roles may have changed).

    Raises:
        InvalidCredentials: forged, expired or revoked token, or an account that is gone.
    """
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[JWT_ALGORITHM],
            options={"require": ["sub", "exp", "ver"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidCredentials("invalid or expired token") from error
    return session_actor(graph, str(claims["sub"]), claims["ver"])


def session_actor(graph: Graph, user_id: str, token_version: object) -> Actor:
    """The actor of a token or page session issued under `token_version`.

    Raises:
        InvalidCredentials: the account is gone, or signed out (or revoked) since.
    """
    stored = graph.read(graph_users.user_by_id, user_id)
    if stored is None:
        raise InvalidCredentials("the account no longer exists")
    if stored.suspended:
        raise AccountSuspended("this account is suspended")
    if token_version != stored.token_version:
        raise InvalidCredentials("this token was revoked: sign in again")
    return actor_of(stored)


def sign_out(graph: Graph, actor: Actor) -> None:
    """Revoke every token and page session of the actor's account (every device)."""
    if actor.user_id is not None:
        graph.write(graph_users.bump_token_version, actor.user_id)


def revoke_tokens(graph: Graph, actor: Actor, user_id: str) -> None:
    """Staff revoke every token and session of an account (a lost phone, a suspected theft)."""
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


def awaiting_approval(graph: Graph, actor: Actor) -> list[UserPublic]:
    """The self-registered mentor and organisation accounts staff have not approved yet."""
    require_staff(actor, "see the accounts awaiting approval")
    return [_public(user) for user in graph.read(graph_users.awaiting_approval)]


def actor_of(user: StoredUser | UserPublic) -> Actor:
    """The access-control view of an account."""
    return Actor(
        user_id=user.id,
        role=user.role,
        profile_id=user.profile_id,
        organization_ids=frozenset(user.organization_ids),
        approved=user.approved,
    )


def set_language(graph: Graph, actor: Actor, lang: Lang) -> None:
    """Remember the language the signed-in person chose: their e-mails are written in it."""
    if actor.user_id is not None:
        graph.write(graph_users.set_lang, actor.user_id, lang)


def current_user(graph: Graph, user_id: str) -> UserPublic:
    """An account as shown to its holder (never its password hash)."""
    stored = graph.read(graph_users.user_by_id, user_id)
    if stored is None:
        raise NotFound(f"no account {user_id}")
    return _public(stored)


def _public(stored: StoredUser) -> UserPublic:
    return UserPublic(
        id=stored.id,
        email=stored.email,
        role=stored.role,
        profile_id=stored.profile_id,
        organization_ids=list(stored.organization_ids),
        approved=stored.approved,
        lang=stored.lang,
        suspended=stored.suspended,
    )
