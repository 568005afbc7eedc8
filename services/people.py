"""Staff find people, see everything about one, and suspend or restore an account."""

from __future__ import annotations

import datetime as dt

from graph import people as graph_people
from graph import records as graph_records
from models.common import term_key
from models.people import PEOPLE_PAGE, PEOPLE_TYPES, Account, PeopleFilters, PeoplePage, PersonView
from models.places import find_commune
from models.records import RecordType
from services import introductions, profiles
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import Forbidden, NotFound


def search(graph: Graph, actor: Actor, filters: PeopleFilters) -> PeoplePage:
    """Youths, mentors and organisations matching the filters, by name (staff only)."""
    require_staff(actor, "search people")
    commune = find_commune(filters.commune) if filters.commune else None
    commune_key = commune.key if commune else (term_key(filters.commune or "") or None)
    return graph.read(
        graph_people.search,
        types=[filters.type] if filters.type else list(PEOPLE_TYPES),
        name=filters.name.strip() if filters.name else None,
        commune=commune_key,
        skill=term_key(filters.skill) if filters.skill else None,
        sector=term_key(filters.sector) if filters.sector else None,
        language=term_key(filters.language) if filters.language else None,
        axis=filters.axis.value if filters.axis else None,
        offset=filters.offset,
        limit=PEOPLE_PAGE,
    )


def person(graph: Graph, actor: Actor, record_id: str) -> PersonView:
    """One profile in full with its accounts, introductions and events (staff only)."""
    require_staff(actor, "see a person's full record")
    found = graph.read(graph_records.types_of, [record_id]).get(record_id)
    if found not in PEOPLE_TYPES:
        raise NotFound(f"no person {record_id}")
    kind = RecordType(found)
    record = profiles.get_view(graph, actor, kind, record_id)
    intros = introductions.list_mine(graph, actor, status=None, limit=20, offset=0, party=record_id)
    return PersonView(
        record=record,  # type: ignore[arg-type]  # staff see the full record
        accounts=graph.read(graph_people.accounts_of, record_id),
        introductions=list(intros.items),
        introductions_total=intros.total,
        registered_events=graph.read(graph_people.registrations_of, record_id),
    )


def set_suspended(
    graph: Graph, actor: Actor, user_id: str, *, suspended: bool, now: dt.datetime | None = None
) -> Account:
    """Suspend an account (it can no longer sign in, by page or token) or restore it.

    Raises:
        Forbidden: not staff, or the account is staff's or an admin's (admins manage those).
    """
    require_staff(actor, "suspend or restore accounts")
    found = graph.read(graph_people.account, user_id)
    if found is None:
        raise NotFound(f"no account {user_id}")
    if found.role.is_staff:
        raise Forbidden("staff and admin accounts are not suspended from the console")
    graph.write(
        graph_people.set_suspended,
        user_id,
        suspended=suspended,
        by=actor.user_id,
        now=now or dt.datetime.now(dt.UTC),
    )
    updated = graph.read(graph_people.account, user_id)
    assert updated is not None
    return updated
