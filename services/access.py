"""Who may see and change what: the one place that decides object-level access."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.records import Record, RecordType, poster_of
from models.user import Role
from services.errors import Forbidden


@dataclass(frozen=True)
class Actor:
    """Who is calling: an account, or the system itself (CLI, workers) with staff rights."""

    user_id: str | None
    role: Role
    profile_id: str | None = None
    organization_ids: frozenset[str] = field(default_factory=frozenset)
    # Mentor and organisation accounts signed up by themselves wait for staff approval.
    approved: bool = True

    @property
    def is_staff(self) -> bool:
        return self.role.is_staff


SYSTEM = Actor(user_id=None, role=Role.ADMIN)

# Which role may own which kind of profile by creating it.
_OWNING_ROLE = {RecordType.YOUTH: Role.YOUTH, RecordType.MENTOR: Role.MENTOR}


def require_staff(actor: Actor, what: str) -> None:
    """Refuse anyone but platform staff, saying what they may not do."""
    if not actor.is_staff:
        raise Forbidden(f"only platform staff {what}")


def may_edit(actor: Actor, record: Record) -> bool:
    """True for staff, the owner of a profile, and members of an organisation or its poster."""
    return may_edit_id(actor, record.type, record.id, poster=poster_of(record))


def may_edit_id(actor: Actor, record_type: str, record_id: str, *, poster: str | None) -> bool:
    """`may_edit` from what a record is (its type, its id, and the organisation that posted
    it, for an offer) when the record itself is not read."""
    if actor.is_staff:
        return True
    kind = RecordType(record_type)
    if kind in _OWNING_ROLE:
        return actor.profile_id == record_id
    if kind is RecordType.ORGANIZATION:
        return record_id in actor.organization_ids
    return poster in actor.organization_ids


def may_create(actor: Actor, record: Record) -> bool:
    """Staff create anything; a person creates their one profile; a member, their org's offers."""
    if actor.is_staff:
        return True
    kind = RecordType(record.type)
    if kind in _OWNING_ROLE:
        return actor.role is _OWNING_ROLE[kind] and actor.profile_id is None
    if kind is RecordType.ORGANIZATION:
        return actor.role is Role.ORGANIZATION_MEMBER
    return poster_of(record) in actor.organization_ids
