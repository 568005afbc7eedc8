"""Accounts: who may sign in, with which role, owning which profile."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

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
    key = _password_key(password)
    if len(set(key)) < 4:
        raise ValueError("a password needs at least 4 different characters")
    if key in common_passwords() or key.rstrip("!.?0123456789") in common_passwords():
        raise ValueError("this password is one of the most common ones: choose another")
    return password


Password = Annotated[
    str,
    Field(min_length=MIN_PASSWORD_LENGTH, max_length=128),
    AfterValidator(_strong_enough),
]


class UserCreate(WriteModel):
    """Sign-up: people choose their own role among the self-service ones only."""

    email: Email
    password: Password
    role: Role = Role.YOUTH


class StaffUserCreate(UserCreate):
    """Account creation by an admin, who may grant any role."""

    organization_id: ExternalId | None = None


class UserPublic(BaseModel):
    """An account as shown to its holder: never the password hash."""

    id: str
    email: Email
    role: Role
    profile_id: str | None = None
    organization_ids: list[str] = []
    approved: bool = True  # mentor and organisation accounts: once staff approved them


class UserInDb(UserPublic):
    """An account as stored."""

    password_hash: str
    token_version: int = 0


class Token(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int
