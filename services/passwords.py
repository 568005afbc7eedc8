"""Passwords: hashing (Argon2id), the strength rules, and reset by a single-use e-mailed link."""

from __future__ import annotations

import hashlib
import logging

from itsdangerous import BadSignature, URLSafeTimedSerializer
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from pydantic import TypeAdapter, ValidationError

from graph import users as graph_users
from graph.users import StoredUser
from matcher import i18n
from matcher.i18n import N_
from models.user import Password
from services import notifications
from services.db import Graph
from services.errors import FieldError, InvalidCredentials, InvalidInput
from services.settings import Settings

log = logging.getLogger("multaqa.accounts")

_HASHER = PasswordHash((Argon2Hasher(),))
# Verifying against a dummy hash when the e-mail is unknown keeps sign-in time the same.
_DUMMY_HASH = _HASHER.hash("multaqa-timing-equaliser")
_PASSWORD = TypeAdapter(Password)

RESET_SALT = "multaqa-password-reset"
RESET_SUBJECT = N_("Multaqa: choose a new password")
RESET_BODY = N_("To choose a new password, open this link (it works once, for one hour): {link}")


def hashed(password: str) -> str:
    """The Argon2id hash of a password."""
    return _HASHER.hash(password)


def matches(password: str, stored: StoredUser | None) -> bool:
    """True when the password is the account's; as slow for an unknown account as for one."""
    if stored is None:
        _HASHER.verify(password, _DUMMY_HASH)
        return False
    return bool(_HASHER.verify(password, stored.password_hash))


def checked(password: str) -> str:
    """The password if it meets the rules (length, variety, not a common one).

    Raises:
        InvalidInput: on the `password` field, with the rule's code.
    """
    try:
        return _PASSWORD.validate_python(password)
    except ValidationError as error:
        problem = error.errors()[0]
        raise InvalidInput([FieldError("password", problem["msg"], problem["type"])]) from error


def _signer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.jwt_secret.get_secret_value(), salt=RESET_SALT)


def _fingerprint(password_hash: str) -> str:
    # The link names the current hash (by a digest): once the password changes, it is dead.
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def request_reset(graph: Graph, settings: Settings, email: str, lang: str = "fr") -> bool:
    """E-mail a single-use, expiring reset link to the account with this e-mail, if any
    (logged, not sent, in development). The caller says the same thing either way."""
    stored = graph.read(graph_users.user_by_email, email.strip().lower())
    if stored is None:
        return False
    token = _signer(settings).dumps({"u": stored.id, "h": _fingerprint(stored.password_hash)})
    link = f"{settings.base_url.rstrip('/')}/password-reset/{token}"
    message = notifications.account_email(
        settings,
        to=stored.email,
        subject=i18n.gettext(lang, RESET_SUBJECT),
        body=i18n.gettext(lang, RESET_BODY).format(link=link),
    )
    notifications.deliver(settings, message)
    if settings.env != "production":  # the "e-mail" of development is this log line
        log.warning("password reset link for account %s: %s", stored.id, link)
    return True


def reset(graph: Graph, settings: Settings, token: str, new_password: str) -> StoredUser:
    """Set a new password from a reset link: once, and before it expires. Every token and
    page session of the account issued before is revoked.

    Raises:
        InvalidInput: the new password breaks a rule.
        InvalidCredentials: the link is forged, expired or already used.
    """
    password = checked(new_password)
    try:
        claims = _signer(settings).loads(token, max_age=settings.password_reset_max_age)
    except BadSignature as error:  # SignatureExpired is one
        raise InvalidCredentials("this reset link is invalid or has expired") from error
    stored = graph.read(graph_users.user_by_id, claims.get("u", ""))
    if stored is None or _fingerprint(stored.password_hash) != claims.get("h"):
        raise InvalidCredentials("this reset link was already used")
    changed = graph.write(
        graph_users.set_password,
        user_id=stored.id,
        old_hash=stored.password_hash,
        password_hash=hashed(password),
    )
    renewed = graph.read(graph_users.user_by_id, stored.id)
    if not changed or renewed is None:
        raise InvalidCredentials("this reset link was already used")
    return renewed
