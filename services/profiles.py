"""Use cases on youths, mentors, organisations and offers: create, read, update, delete, list.

Every entry point (API, CLI, workers, pages) calls these functions, so the rules on validation,
ownership and contact details live here once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, ValidationError

from graph import records as graph_records
from graph import users as graph_users
from graph.driver import IdInUse, ManagedTransaction
from models.audit import AuditAction
from models.common import Contact, term_key
from models.job_offer import JobOffer
from models.pages import Page
from models.places import find_commune
from models.records import Record, RecordType, poster_of
from models.user import Role
from services import audit, followups, introductions, privacy
from services.access import Actor, may_create, may_edit
from services.db import Graph
from services.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from services.policy import policy_errors, submitted_policy_errors
from services.settings import Settings


def get_view(graph: Graph, actor: Actor, kind: RecordType, record_id: str) -> BaseModel:
    """One record as the actor may see it: the full record if they may edit it, else public,
    with the contact details when the actor has an accepted introduction with it."""
    record = _get(graph, kind, record_id)
    editable = may_edit(actor, record)
    connected = not editable and introductions.contact_visible(graph, actor, record_id)
    if actor.user_id is not None and (connected or (editable and _not_theirs(actor, record))):
        action = AuditAction.READ_CONTACT if connected else AuditAction.READ_FULL_PROFILE
        audit.record(graph, actor, action, target_type=kind.value, target_id=record_id)
    return view_of(actor, record, connected=connected)


def _not_theirs(actor: Actor, record: Record) -> bool:
    """A record the actor may edit as staff, not as its owner or member."""
    return (
        actor.is_staff and record.id != actor.profile_id and record.id not in actor.organization_ids
    )


def view_of(actor: Actor, record: Record, *, connected: bool = False) -> BaseModel:
    """The full record for its editors, the public view (no contact details) for others;
    `connected` adds the contact details (an accepted introduction)."""
    if may_edit(actor, record):
        return record
    public = RecordType(record.type).public_model
    view = public.model_validate(record.model_dump(include=set(public.model_fields)))
    if connected and "contact" in public.model_fields:
        contact = Contact(
            name=getattr(record, "name", record.id),
            email=getattr(record, "email", None),
            phone=getattr(record, "phone", None),
        )
        view = view.model_copy(update={"contact": contact})
    return view


def create(
    graph: Graph,
    actor: Actor,
    kind: RecordType,
    payload: BaseModel,
    settings: Settings,
    *,
    record_id: str | None = None,
) -> Record:
    """Create a record from a `...Create` model; the creator becomes its owner or member.

    Staff may give the id; for anyone else the server chooses it (`record_id` is for the
    server's own callers, such as the demo's fixed ids): a guessed id (y-900001) would squat a
    record that staff import later, and hand its contacts over (finding 1 of issue 13).

    A worker then embeds it and links it to ESCO (`services.refresh`), so that it is found by
    meaning (at once, in this process, when there is no Redis).
    """
    data = payload.model_dump(exclude_unset=True)
    if data.get("id") and not actor.is_staff:
        raise InvalidInput([FieldError("id", "the id of a record you create is chosen for you")])
    data["id"] = record_id or data.get("id") or f"{kind.id_prefix}{uuid.uuid4().hex}"
    record = _validated(kind, data, settings)
    if not may_create(actor, record):
        raise Forbidden(f"you may not create this {kind.value}")
    try:
        graph.write(_create_tx, actor, record)
    except IdInUse as error:  # a concurrent create of the same account's profile
        raise Conflict(f"you already have a {kind.value} profile") from error
    _audit_staff_change(graph, actor, AuditAction.STAFF_CREATE, record)
    followups.refresh_record(record.id)
    return record


def update(
    graph: Graph,
    actor: Actor,
    kind: RecordType,
    record_id: str,
    patch: BaseModel,
    settings: Settings,
) -> Record:
    """Apply a partial update; fields left out are kept, fields sent as null are cleared; the
    record's derived data is then refreshed, as after `create`."""
    current = _get(graph, kind, record_id)
    if not may_edit(actor, current):
        raise Forbidden(f"you may not change {kind.value} {record_id}")
    merged = current.model_dump() | patch.model_dump(exclude_unset=True)
    record = _validated(kind, merged, settings)
    if not may_edit(actor, record):  # e.g. an offer moved to an organisation not theirs
        raise Forbidden(f"you may not move {kind.value} {record_id} there")
    graph.write(_write_checked, record)
    _audit_staff_change(graph, actor, AuditAction.STAFF_UPDATE, record)
    followups.refresh_record(record.id)
    return record


def _audit_staff_change(graph: Graph, actor: Actor, action: AuditAction, record: Record) -> None:
    if actor.is_staff and actor.user_id is not None:
        audit.record(graph, actor, action, target_type=record.type, target_id=record.id)


def delete(graph: Graph, actor: Actor, kind: RecordType, record_id: str) -> None:
    """Delete a record and every relationship it has."""
    current = _get(graph, kind, record_id)
    if not may_edit(actor, current):
        raise Forbidden(f"you may not delete {kind.value} {record_id}")
    graph.write(graph_records.delete_record, kind, record_id)
    # Its id leaves every list that held it too: cohorts, digests, event choices.
    privacy.forget_id(graph, record_id)
    _audit_staff_change(graph, actor, AuditAction.STAFF_DELETE, current)


def list_views(
    graph: Graph,
    actor: Actor,
    kind: RecordType,
    *,
    limit: int,
    offset: int,
    commune: str | None = None,
    sector: str | None = None,
    skill: str | None = None,
) -> Page[Any]:
    """One page of records of a kind, filtered by commune, sector and skill, each as visible.

    Mentors, organisations and offers are a directory every account may browse; youths are
    listed in full to staff only, and to others only those they are connected to or in an
    open introduction with (they find the others through their suggestions).
    """
    parties = None
    if kind is RecordType.YOUTH and not actor.is_staff:
        parties = introductions.parties_of(actor)
    total, ids = graph.read(
        graph_records.list_ids,
        kind,
        limit=limit,
        offset=offset,
        commune=_place_filter(commune),
        sector=term_key(sector) if sector else None,
        skill=term_key(skill) if skill else None,
        parties=parties,
    )
    records = graph.read(graph_records.read_records, ids)
    if actor.is_staff and actor.user_id is not None and kind is not RecordType.JOB_OFFER and ids:
        audit.record(graph, actor, AuditAction.LIST_FULL_PROFILES, target_type=kind.value,
                     detail=f"{len(ids)} record(s), offset {offset}")  # fmt: skip
    return Page(items=[view_of(actor, r) for r in records], total=total, limit=limit, offset=offset)


def _place_filter(commune: str | None) -> str | None:
    if not commune:
        return None
    reference = find_commune(commune)
    return reference.key if reference else term_key(commune)


def _get(graph: Graph, kind: RecordType, record_id: str) -> Record:
    found = graph.read(graph_records.read_records, [record_id])
    if not found or found[0].type != kind.value:
        raise NotFound(f"no {kind.value} with id {record_id}")
    return found[0]


def _validated(kind: RecordType, data: dict[str, Any], settings: Settings) -> Record:
    data["type"] = kind.value
    try:
        record = kind.full_model.model_validate(data)
    except ValidationError as error:
        errors = field_errors(error)
        invalid = {e.field for e in errors}
        errors += submitted_policy_errors(kind.value, data, settings, invalid=invalid)
        raise InvalidInput(errors) from error
    problems = policy_errors(record, settings)
    if problems:
        raise InvalidInput(problems)
    return record


def field_errors(error: ValidationError) -> list[FieldError]:
    """Pydantic's errors as (dotted field, message) pairs, with the bound a number broke."""
    return [
        FieldError(
            ".".join(str(part) for part in e["loc"]) or "record",
            e["msg"],
            e["type"],
            _bound(e.get("ctx") or {}),
        )
        for e in error.errors()
    ]


def _bound(context: dict[str, Any]) -> int | float | None:
    found = context.get("ge", context.get("le"))
    return found if isinstance(found, int | float) else None


KIND_OF_ROLE = {
    Role.YOUTH: RecordType.YOUTH,
    Role.MENTOR: RecordType.MENTOR,
    Role.ORGANIZATION_MEMBER: RecordType.ORGANIZATION,
}


def kind_of_role(role: Role) -> RecordType | None:
    """The kind of record an account of this role holds as its own (staff: none)."""
    return KIND_OF_ROLE.get(role)


def own_record_id(actor: Actor, kind: RecordType) -> str | None:
    """The id of the actor's own profile (youth, mentor) or first organisation, if any."""
    if kind is RecordType.ORGANIZATION:
        return min(actor.organization_ids) if actor.organization_ids else None
    return actor.profile_id


def get_own(graph: Graph, actor: Actor, kind: RecordType) -> Record | None:
    """The actor's own profile or organisation in full, or None before they create it."""
    record_id = own_record_id(actor, kind)
    return _get(graph, kind, record_id) if record_id else None


def save_own(
    graph: Graph,
    actor: Actor,
    kind: RecordType,
    data: dict[str, Any],
    settings: Settings,
) -> Record:
    """Create the actor's profile (or organisation) from plain form data, or replace its
    fields with `data`; errors name the field.

    Raises:
        InvalidInput: a field is missing or wrong (each error names its field and code).
        Forbidden: the actor's role does not own this kind of record.
    """
    return _create_or_update(graph, actor, kind, data, settings, own_record_id(actor, kind))


def _create_or_update(
    graph: Graph,
    actor: Actor,
    kind: RecordType,
    data: dict[str, Any],
    settings: Settings,
    record_id: str | None,
) -> Record:
    """Plain form data validated as a `...Create` (no record yet) or `...Update` model, then
    written by `create` or `update`."""
    model = kind.create_model if record_id is None else kind.update_model
    try:
        payload = model.model_validate(data)
    except ValidationError as error:
        errors = field_errors(error)
        invalid = {e.field for e in errors}
        errors += submitted_policy_errors(kind.value, data, settings, invalid=invalid)
        raise InvalidInput(errors) from error
    if record_id is None:
        return create(graph, actor, kind, payload, settings)
    return update(graph, actor, kind, record_id, payload, settings)


def _create_tx(tx: ManagedTransaction, actor: Actor, record: Record) -> None:
    if graph_records.types_of(tx, [record.id]):
        raise Conflict(f"id {record.id} is already used")
    _write_checked(tx, record)
    kind = RecordType(record.type)
    if actor.user_id is None or actor.is_staff:
        return
    graph_records.mark_self_service(tx, record.id, awaiting=not actor.approved)
    if kind is RecordType.ORGANIZATION:
        graph_users.link_member(tx, user_id=actor.user_id, organization_id=record.id)
    elif kind in (RecordType.YOUTH, RecordType.MENTOR):
        graph_users.link_owner(tx, user_id=actor.user_id, profile_id=record.id)


def _write_checked(tx: ManagedTransaction, record: Record) -> None:
    organization_id = poster_of(record)
    if (
        organization_id
        and graph_records.types_of(tx, [organization_id]).get(organization_id)
        != RecordType.ORGANIZATION.value
    ):
        raise InvalidInput([FieldError("organization_id", f"no organization {organization_id}")])
    graph_records.write_rows(tx, [graph_records.to_row(record)])


def own_offers(graph: Graph, actor: Actor) -> list[Record]:
    """The offers of the actor's organisation (an organisation member), in full."""
    organization_id = own_record_id(actor, RecordType.ORGANIZATION)
    if organization_id is None:
        return []
    return graph.read(
        graph_records.read_records, graph.read(graph_records.offers_of, organization_id)
    )


def own_offer(graph: Graph, actor: Actor, offer_id: str) -> JobOffer | None:
    """One offer of the actor's organisation (None for any other id)."""
    found = next((o for o in own_offers(graph, actor) if o.id == offer_id), None)
    return found if isinstance(found, JobOffer) else None


def save_offer(
    graph: Graph, actor: Actor, data: dict[str, Any], settings: Settings, *, offer_id: str | None
) -> Record:
    """Post a new offer for the actor's organisation, or change one of its offers.

    Raises:
        InvalidInput: a field is missing or wrong. Forbidden: not a member of the organisation.
    """
    organization_id = own_record_id(actor, RecordType.ORGANIZATION)
    if organization_id is None:
        raise Forbidden("only a member of an organisation posts offers")
    data = data | {"organization_id": organization_id}
    if offer_id is None:  # published on the day it is posted, unless told otherwise
        data.setdefault("published_on", dt.date.today())
    return _create_or_update(graph, actor, RecordType.JOB_OFFER, data, settings, offer_id)


def close_offer(
    graph: Graph, actor: Actor, offer_id: str, settings: Settings, *, today: dt.date | None = None
) -> Record:
    """Close an offer now: no longer suggested, applied to nor invited from (kept for the
    record). An offer is open through its closing day, so its last day is yesterday (the day
    before its publication, for one published today); an offer closed already stays as it
    is."""
    today = today or dt.date.today()
    current = _get(graph, RecordType.JOB_OFFER, offer_id)
    expires = getattr(current, "expires_on", None)
    if expires is not None and expires < today:
        return current
    patch: dict[str, Any] = {"expires_on": today - dt.timedelta(days=1)}
    published = getattr(current, "published_on", None)
    if published is not None and published > today:  # never published: it never will be
        patch["published_on"] = today
    update_model = RecordType.JOB_OFFER.update_model
    return update(graph, actor, RecordType.JOB_OFFER, offer_id, update_model(**patch), settings)
