"""Accounts: who may sign in, with which role, owning which profile."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, EmailStr, Field

from matcher.i18n import Lang
from models.common import ExternalId, WriteModel


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


class UserCreate(WriteModel):
    """Sign-up: people choose their own role among the self-service ones only."""

    email: EmailStr
    password: str = Field(min_length=10, max_length=128)
    role: Role = Role.YOUTH
    # The version of the privacy notice the person accepted (the sign-up page requires it).
    privacy_notice_version: str | None = Field(default=None, min_length=1, max_length=20)
    # The language the person reads: their notification e-mails are written in it.
    lang: Lang | None = None


class StaffUserCreate(UserCreate):
    """Account creation by an admin, who may grant any role."""

    organization_id: ExternalId | None = None


class UserPublic(BaseModel):
    """An account as shown to its holder: never the password hash."""

    id: str
    email: EmailStr
    role: Role
    profile_id: str | None = None
    organization_ids: list[str] = []
    lang: Lang | None = None
    suspended: bool = False  # by staff: the account cannot sign in (page or token)


class UserInDb(UserPublic):
    """An account as stored."""

    password_hash: str


class Token(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int
