"""Accounts: sign-up, sign-in, bearer tokens, and the actor behind a token."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from email.message import EmailMessage

import jwt
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from graph import records as graph_records
from graph import users as graph_users
from graph.driver import IdInUse, ManagedTransaction
from matcher import i18n
from matcher.i18n import N_, Lang
from models.user import SELF_SERVICE_ROLES, Role, Token, UserCreate, UserPublic
from services import notifications as notifications_mail
from services.access import Actor
from services.db import Graph
from services.errors import Conflict, Forbidden, NotFound
from services.settings import Settings

log = logging.getLogger("multaqa.accounts")

JWT_ALGORITHM = "HS256"  # pinned: tokens that name another algorithm are refused
_PASSWORDS = PasswordHash((Argon2Hasher(),))
# Verifying against a dummy hash when the email is unknown keeps sign-in time the same.
_DUMMY_HASH = _PASSWORDS.hash("multaqa-timing-equaliser")


class InvalidCredentials(Exception):
    """Wrong email or password, or an unusable token."""


class AccountSuspended(InvalidCredentials):
    """Staff suspended the account: it signs in neither on the pages nor with a token."""


def register(graph: Graph, payload: UserCreate, *, now: dt.datetime | None = None) -> UserPublic:
    """Self-service sign-up, for the youth, mentor and organisation-member roles only; the
    privacy notice version accepted (if given) is recorded with the time."""
    if payload.role not in SELF_SERVICE_ROLES:
        raise Forbidden(f"the {payload.role} role is granted by an admin, not chosen")
    return create_account(
        graph,
        email=payload.email,
        password=payload.password,
        role=payload.role,
        privacy_version=payload.privacy_notice_version,
        privacy_at=(now or dt.datetime.now(dt.UTC)) if payload.privacy_notice_version else None,
        lang=payload.lang,
    )


def create_account(
    graph: Graph,
    *,
    email: str,
    password: str,
    role: Role,
    organization_id: str | None = None,
    privacy_version: str | None = None,
    privacy_at: dt.datetime | None = None,
    lang: Lang | None = None,
) -> UserPublic:
    """Create an account with any role (admins and the CLI), optionally in an organisation;
    `lang` is the language its e-mails are written in (else the default language)."""
    user_id = f"u-{uuid.uuid4().hex[:12]}"
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
    if stored.get("suspended"):
        raise AccountSuspended("this account is suspended")
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
    if stored.get("suspended"):
        raise AccountSuspended("this account is suspended")
    return actor_of(UserPublic.model_validate(stored))


def actor_of(user: UserPublic) -> Actor:
    """The access-control view of an account."""
    return Actor(
        user_id=user.id,
        role=user.role,
        profile_id=user.profile_id,
        organization_ids=frozenset(user.organization_ids),
    )


def set_language(graph: Graph, actor: Actor, lang: Lang) -> None:
    """Remember the language the signed-in person chose: their e-mails are written in it."""
    if actor.user_id is not None:
        graph.write(graph_users.set_lang, actor.user_id, lang)


def current_user(graph: Graph, user_id: str) -> UserPublic:
    """An account as shown to its holder."""
    stored = graph.read(graph_users.user_by_id, user_id)
    if stored is None:
        raise NotFound(f"no account {user_id}")
    return UserPublic.model_validate(stored)


RESET_SALT = "multaqa-password-reset"


def _reset_signer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.jwt_secret.get_secret_value(), salt=RESET_SALT)


def _fingerprint(password_hash: str) -> str:
    # The link names the current hash (by a digest): once the password changes, it is dead.
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


RESET_SUBJECT = N_("Multaqa: choose a new password")
RESET_BODY = N_("To choose a new password, open this link (it works once, for one hour): {link}")


def request_password_reset(graph: Graph, settings: Settings, email: str, lang: str = "fr") -> bool:
    """E-mail a single-use, expiring reset link to the account with this e-mail, if any
    (logged, not sent, in development). The caller says the same thing either way."""
    stored = graph.read(graph_users.user_by_email, email.strip().lower())
    if stored is None:
        return False
    token = _reset_signer(settings).dumps(
        {"u": stored["id"], "h": _fingerprint(stored["password_hash"])}
    )
    link = f"{settings.base_url.rstrip('/')}/password-reset/{token}"
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = stored["email"]
    message["Subject"] = i18n.gettext(lang, RESET_SUBJECT)
    message.set_content(i18n.gettext(lang, RESET_BODY).format(link=link) + "\n\n— Multaqa")
    notifications_mail.deliver(settings, message)
    if settings.env != "production":  # the "e-mail" of development is this log line
        log.warning("password reset link for account %s: %s", stored["id"], link)
    return True


def reset_password(graph: Graph, settings: Settings, token: str, new_password: str) -> UserPublic:
    """Set a new password from a reset link: once, and before it expires.

    Raises:
        InvalidCredentials: the link is forged, expired or already used.
    """
    try:
        claims = _reset_signer(settings).loads(token, max_age=settings.password_reset_max_age)
    except BadSignature as error:  # SignatureExpired is one
        raise InvalidCredentials("this reset link is invalid or has expired") from error
    stored = graph.read(graph_users.user_by_id, claims.get("u", ""))
    if stored is None or _fingerprint(stored["password_hash"]) != claims.get("h"):
        raise InvalidCredentials("this reset link was already used")
    changed = graph.write(
        graph_users.set_password,
        user_id=stored["id"],
        old_hash=stored["password_hash"],
        password_hash=_PASSWORDS.hash(new_password),
    )
    if not changed:
        raise InvalidCredentials("this reset link was already used")
    return UserPublic.model_validate(stored)
