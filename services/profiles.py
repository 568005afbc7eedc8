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
from graph.driver import ManagedTransaction
from models.common import Contact, term_key
from models.pages import Page
from models.places import find_commune
from models.records import Record, RecordType, poster_of
from models.user import Role
from services import followups, introductions
from services.access import Actor, may_create, may_edit
from services.db import Graph
from services.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from services.policy import policy_errors
from services.settings import Settings


def get_view(graph: Graph, actor: Actor, kind: RecordType, record_id: str) -> BaseModel:
    """One record as the actor may see it: the full record if they may edit it, else public,
    with the contact details when the actor has an accepted introduction with it."""
    record = _get(graph, kind, record_id)
    connected = not may_edit(actor, record) and introductions.contact_visible(
        graph, actor, record_id
    )
    return view_of(actor, record, connected=connected)


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
) -> Record:
    """Create a record from a `...Create` model; the creator becomes its owner or member.

    A worker then embeds it and links it to ESCO (`services.refresh`), so that it is found by
    meaning (at once, in this process, when there is no Redis).
    """
    data = payload.model_dump(exclude_unset=True)
    data["id"] = data.get("id") or f"{kind.id_prefix}{uuid.uuid4().hex[:12]}"
    record = _validated(kind, data, settings)
    if not may_create(actor, record):
        raise Forbidden(f"you may not create this {kind.value}")
    graph.write(_create_tx, actor, record)
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
    followups.refresh_record(record.id)
    return record


def delete(graph: Graph, actor: Actor, kind: RecordType, record_id: str) -> None:
    """Delete a record and every relationship it has."""
    current = _get(graph, kind, record_id)
    if not may_edit(actor, current):
        raise Forbidden(f"you may not delete {kind.value} {record_id}")
    graph.write(graph_records.delete_record, kind, record_id)


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
    """One page of records of a kind, filtered by commune, sector and skill, each as visible."""
    total, ids = graph.read(
        graph_records.list_ids,
        kind,
        limit=limit,
        offset=offset,
        commune=_place_filter(commune),
        sector=term_key(sector) if sector else None,
        skill=term_key(skill) if skill else None,
    )
    records = graph.read(graph_records.read_records, ids)
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
        raise InvalidInput(field_errors(error)) from error
    problems = policy_errors(record, settings)
    if problems:
        raise InvalidInput(problems)
    return record


def field_errors(error: ValidationError) -> list[FieldError]:
    """Pydantic's errors as (dotted field, message) pairs."""
    return [
        FieldError(".".join(str(part) for part in e["loc"]) or "record", e["msg"], e["type"])
        for e in error.errors()
    ]


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
    record_id = own_record_id(actor, kind)
    model = kind.create_model if record_id is None else kind.update_model
    try:
        payload = model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(field_errors(error)) from error
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
    kind = RecordType.JOB_OFFER
    model = kind.create_model if offer_id is None else kind.update_model
    try:
        payload = model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(field_errors(error)) from error
    if offer_id is None:
        return create(graph, actor, kind, payload, settings)
    return update(graph, actor, kind, offer_id, payload, settings)


def close_offer(
    graph: Graph, actor: Actor, offer_id: str, settings: Settings, *, today: dt.date | None = None
) -> Record:
    """Close an offer: it expires today, so it is no longer suggested (kept for the record)."""
    today = today or dt.date.today()
    patch: dict[str, Any] = {"expires_on": today}
    current = _get(graph, RecordType.JOB_OFFER, offer_id)
    published = getattr(current, "published_on", None)
    if published is not None and published > today:
        patch["published_on"] = today
    update_model = RecordType.JOB_OFFER.update_model
    return update(graph, actor, RecordType.JOB_OFFER, offer_id, update_model(**patch), settings)
