"""Accounts: who may sign in, with which role, owning which profile."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from matcher.i18n import Lang
from models.common import Email, ExternalId, WriteModel


class Role(StrEnum):
    """What an account may do; staff and admin see and edit every profile."""

    YOUTH = "youth"
    MENTOR = "mentor"
    ORGANIZATION_MEMBER = "organization_member"
    STAFF = "staff"
    ADMIN = "admin"

    @property
    def is_staff(self) -> bool:
        return self in (Role.STAFF, Role.ADMIN)


SELF_SERVICE_ROLES = (Role.YOUTH, Role.MENTOR, Role.ORGANIZATION_MEMBER)
# Safeguarding: these roles, when people sign up themselves, wait for staff approval.
NEEDS_APPROVAL = (Role.MENTOR, Role.ORGANIZATION_MEMBER)
MIN_PASSWORD_LENGTH = 10


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of passwords too common to accept (models/data/common_passwords.txt)."""
    text = resources.files("models").joinpath("data/common_passwords.txt").read_text("utf-8")
    return frozenset(
        _password_key(line) for line in text.splitlines() if line and not line.startswith("#")
    )


def _password_key(password: str) -> str:
    return "".join(password.split()).casefold()


def _strong_enough(password: str) -> str:
    # Own error types, so that a page can say each in the reader's language.
    key = _password_key(password)
    if len(set(key)) < 4:
        raise PydanticCustomError(
            "password_repetitive", "a password needs at least 4 different characters"
        )
    if key in common_passwords() or key.rstrip("!.?0123456789") in common_passwords():
        raise PydanticCustomError(
            "password_common", "this password is one of the most common ones: choose another"
        )
    return password


Password = Annotated[
    str,
    Field(min_length=MIN_PASSWORD_LENGTH, max_length=128),
    AfterValidator(_strong_enough),
]


class AccountFields(WriteModel):
    """What every new account gives: its e-mail, password and role."""

    email: Email
    password: Password
    role: Role = Role.YOUTH
    # The language the person reads: their notification e-mails are written in it.
    lang: Lang | None = None


class UserCreate(AccountFields):
    """Sign-up: people choose their own role among the self-service ones only, and accept the
    privacy notice in force (its version, `GET /auth/privacy-notice`), kept with the time."""

    privacy_notice_version: str = Field(min_length=1, max_length=20)


class StaffUserCreate(AccountFields):
    """Account creation by an admin, who may grant any role."""

    organization_id: ExternalId | None = None


class PrivacyNotice(BaseModel):
    """The privacy notice in force: sign-up sends its version back to accept it."""

    version: str
    page: str  # where people read it


class UserPublic(BaseModel):
    """An account as shown to its holder: never the password hash."""

    id: str
    email: Email
    role: Role
    profile_id: str | None = None
    organization_ids: list[str] = []
    approved: bool = True  # mentor and organisation accounts: once staff approved them
    lang: Lang | None = None
    suspended: bool = False  # by staff: the account cannot sign in (page or token)


class Token(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int
