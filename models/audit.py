"""Audit log entries: who did what to which record, and when; never a secret or a contact."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, model_validator

from models.common import ExternalId, Title, WriteModel


class AuditAction(StrEnum):
    """What is recorded."""

    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    READ_CONTACT = "read_contact"
    READ_FULL_PROFILE = "read_full_profile"
    LIST_FULL_PROFILES = "list_full_profiles"
    STAFF_CREATE = "staff_create"
    STAFF_UPDATE = "staff_update"
    STAFF_DELETE = "staff_delete"
    CREATE_ACCOUNT = "create_account"
    REVOKE_TOKENS = "revoke_tokens"
    APPROVE_ACCOUNT = "approve_account"
    IMPORT = "import"
    EXPORT_OWN_DATA = "export_own_data"
    ERASURE = "erasure"


class AuditEntry(BaseModel):
    """One entry, as staff read it."""

    id: str
    at: dt.datetime
    actor_id: str | None = None
    actor_role: str | None = None
    action: str
    target_type: str | None = None
    target_id: str | None = None
    detail: str | None = None


class ErasureRequest(WriteModel):
    """Staff erase an account or a record on a person's written request."""

    reference: Title  # where the written request is filed ("letter of 2026-11-30, n° 12")
    user_id: ExternalId | None = None
    record_id: ExternalId | None = None

    @model_validator(mode="after")
    def _one_target(self) -> ErasureRequest:
        if (self.user_id is None) == (self.record_id is None):
            raise ValueError("give either user_id or record_id")
        return self


class ErasureReport(BaseModel):
    """What an erasure removed."""

    records: int
    properties_cleared: int
    redis_keys: int
