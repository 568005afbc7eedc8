"""/staff/events (TestClient, real Neo4j): an event created, people registered on their behalf,
its schedule computed as a job and shown as a grid, a meeting moved (refused when it breaks a
rule) and cancelled, check-in at the door, meetings recorded as held; edit and cancel through
the API too."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Literal

import pytest
from fastapi.testclient import TestClient

from matcher.weights import default_rankers
from models.event import EventCreate, RegistrationCreate, ScheduleRequest
from models.user import Role
from services import notifications
from services.access import SYSTEM, Actor
from services.db import Graph
from services.events import core as events
from services.events import registration as event_registration
from services.events import schedule
from tests import factories

pytestmark = pytest.mark.neo4j
FR = {"Accept-Language": "fr"}


def followed(client: TestClient, location: str) -> str:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        page = client.get(location, headers=FR)
        assert page.status_code == 200, page.text
        if "data-poll" not in page.text:
            return page.text
        time.sleep(0.5)
    raise AssertionError("the schedule was not computed")


def assert_tables_scroll_in_named_regions(page: str) -> None:
    """Every table of the page scrolls inside a focusable region named by a visible caption or
    heading (not a bare overflowing box)."""
    tables = page.count("<table")
    regions = re.findall(
        r'<div class="table-wrap" role="region" aria-labelledby="([\w-]+)" tabindex="0">\s*<table',
        page,
    )
    assert tables and len(regions) == tables, (tables, regions)
    for label in regions:
        named = re.search(rf'<(caption|h1|h2) id="{label}"[^>]*>([^<]+)<', page)
        assert named and named.group(2).strip(), label


def count(graph: Graph, query: str) -> int:
    return int(graph.read(lambda tx: tx.run(query).single(strict=True)[0]))


def test_staff_run_an_event_from_creation_to_meetings_held(
    graph: Graph, client: TestClient
) -> None:
    factories.store(
        graph,
        *(factories.youth(f"y-{i}", name=f"Jeune {i}", email=f"y{i}@example.ma") for i in range(4)),
        factories.mentor("m-1", name="Karim Alaoui"),
        factories.mentor("m-2", name="Hind Tazi", email="hind@example.ma"),
    )
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    day = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    form = {
        "csrf_token": token, "title": "Forum", "day": day, "time": "09:30", "venue": "Khouribga",
        "capacity": "5", "slot_minutes": "15", "format": "one_to_one", "rounds": "3",
    }  # fmt: skip
    made = client.post("/staff/events", data=form, follow_redirects=False)
    assert made.status_code == 303, made.text
    event = made.headers["location"]
    for attendee in ("y-0", "y-1", "y-2", "Karim", "m-2", "y-3"):
        answer = client.post(
            f"{event}/registrations", data={"csrf_token": token, "attendee": attendee}
        )
        assert answer.status_code == 200, (attendee, answer.text)
    page = client.get(event, headers=FR)
    assert "En liste d’attente (1)" in page.text  # five places: the sixth waits
    assert_tables_scroll_in_named_regions(page.text)
    unknown = client.post(
        f"{event}/registrations", data={"csrf_token": token, "attendee": "Personne X"}, headers=FR
    )
    assert unknown.status_code == 422 and "Personne n’a ce nom ou cet identifiant" in unknown.text

    computing = client.post(f"{event}/schedule", data={"csrf_token": token}, follow_redirects=False)
    grid = followed(client, computing.headers["location"])
    meetings = re.findall(r'href="(/staff/events/[^/]+/meetings/[^"]+)"', grid)
    assert meetings and "Rencontres par créneau et par table" in grid
    assert_tables_scroll_in_named_regions(grid)
    # What the schedule gives people, not the optimiser's value.
    assert re.search(r"<li>\d+ rencontres</li>", grid)
    assert "au moins" in grid or "n’ont aucune rencontre" in grid or "n’a aucune" in grid
    assert "valeur" not in grid

    # Moving a meeting to a slot where one of its two people already meets someone else is
    # refused by the optimiser's checker, beside the slot.
    stored = graph.read(
        lambda tx: tx.run(
            "MATCH (m:EventMeeting {state: 'scheduled'}) RETURN m.id AS id, m.a AS a, "
            "m.b AS b, m.slot AS slot ORDER BY m.id"
        ).data()
    )
    clash = next(
        (m, other["slot"])
        for m in stored
        for other in stored
        if other["slot"] != m["slot"] and {m["a"], m["b"]} & {other["a"], other["b"]}
    )
    event_id = event.rsplit("/", 1)[1]
    refused = client.post(
        f"/staff/events/{event_id}/meetings/{clash[0]['id']}",
        data={"csrf_token": token, "slot": str(clash[1])},
        headers=FR,
    )
    assert refused.status_code == 422 and 'id="slot-error"' in refused.text
    assert "enfreint une règle du planning" in refused.text
    cancelled = client.post(meetings[-1], data={"csrf_token": token, "cancel": "yes"}, headers=FR)
    assert cancelled.status_code == 200

    door = client.get(f"{event}/check-in", params={"q": "jeune 1"}, headers=FR)
    assert "Enregistrer l’arrivée de Jeune 1" in door.text and "Jeune 2" not in door.text
    search = {"csrf_token": token, "q": "jeune 1&done=y-2"}  # the search is kept, as text
    arrived = client.post(f"{event}/check-in/y-1", data=search, follow_redirects=False)
    assert arrived.headers["location"].endswith("/check-in?done=y-1&q=jeune+1%26done%3Dy-2")
    assert "Jeune 1 est enregistré(e)" in client.get(f"{event}/check-in?done=y-1", headers=FR).text

    agendas = client.get(f"{event}/agendas", headers={"Accept-Language": "ar"})
    assert agendas.status_code == 200 and agendas.text.count('class="agenda-page"') == 6  # 5 + list

    held = client.post(f"{event}/held", data={"csrf_token": token, "all": "yes"}, headers=FR)
    assert held.status_code == 200
    planned = len(meetings) - 1
    assert count(graph, "MATCH ()-[r:MET]->() RETURN count(r)") == planned
    assert count(graph, "MATCH (m:EventMeeting {state: 'held'}) RETURN count(m)") == planned


def test_an_event_is_edited_and_cancelled_through_the_api(graph: Graph, client: TestClient) -> None:
    staff = factories.account(client, graph, "staff@example.ma", Role.STAFF)
    youth = factories.account(client, graph, "youth@example.ma", Role.YOUTH)
    body = {"title": "Forum", "starts_at": "2099-06-14T09:30:00+01:00", "venue": "Khouribga",
            "capacity": 10, "rounds": 3}  # fmt: skip
    event = client.post("/api/v1/events", json=body, headers=staff).json()["id"]
    assert (
        client.patch(f"/api/v1/events/{event}", json={"title": "X"}, headers=youth).status_code
        == 403
    )
    edited = client.patch(
        f"/api/v1/events/{event}", json={"venue": "Oued Zem", "capacity": 12}, headers=staff
    )
    assert edited.status_code == 200 and edited.json()["venue"] == "Oued Zem"
    assert (
        client.patch(f"/api/v1/events/{event}", json={"capacity": 1}, headers=staff).status_code
        == 422
    )
    cancelled = client.post(f"/api/v1/events/{event}/cancel", headers=staff)
    assert cancelled.status_code == 200 and cancelled.json()["cancelled_at"]
    assert (
        client.patch(f"/api/v1/events/{event}", json={"venue": "Y"}, headers=staff).status_code
        == 409
    )


def test_cancelling_an_event_tells_everyone_with_a_place_or_waiting_in_their_language(
    graph: Graph, client: TestClient
) -> None:
    factories.store(
        graph,
        *(factories.youth(f"y-{i}", name=f"Jeune {i}", email=f"y{i}@example.ma") for i in range(4)),
    )
    fields = {"title": "Forum", "starts_at": "2099-06-14T09:30:00+01:00", "venue": "Khouribga",
              "capacity": 2, "rounds": 3}  # fmt: skip
    event_id = events.create(graph, SYSTEM, EventCreate.model_validate(fields)).id
    for attendee in ("y-0", "y-1", "y-2", "y-3"):  # two places, two on the waitlist
        event_registration.register(
            graph, SYSTEM, event_id, RegistrationCreate(attendee_id=attendee)
        )
    event_registration.cancel(graph, SYSTEM, event_id, "y-3")  # gone before: not told
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)

    for _ in range(2):  # cancelling twice tells nobody twice
        answer = client.post(f"/staff/events/{event_id}/cancel", data={"csrf_token": token})
        assert answer.status_code == 200

    def told(who: str, lang: Literal["ar", "fr", "en"]) -> list[str]:
        actor = Actor(user_id=f"u-{who}", role=Role.YOUTH, profile_id=who)
        shown = notifications.list_for(graph, actor, unread=True, lang=lang, limit=10, offset=0)
        return [n.text for n in shown if n.event == "event_cancelled"]

    forum = "\u2068Forum\u2069"  # isolated: an Arabic sentence keeps its order around it
    assert told("y-0", "fr") == [f"L’événement « {forum} » est annulé"]
    assert told("y-1", "ar") == [f"أُلغيت الفعالية «{forum}»"]
    assert told("y-2", "en") == [f"The event “{forum}” is cancelled"]  # waitlisted: told too
    assert told("y-3", "en") == []
    assert notifications.unsent_ids(graph) == []  # and e-mailed, from the outbox


def test_staff_change_an_attendees_slots_and_marks_with_the_attendees_own_checks(
    graph: Graph, client: TestClient
) -> None:
    factories.store(
        graph,
        *(factories.youth(f"y-{i}", name=f"Jeune {i}", email=f"y{i}@example.ma") for i in range(3)),
    )
    fields = {"title": "Forum", "starts_at": "2099-06-14T09:30:00+01:00", "venue": "Khouribga",
              "capacity": 10, "rounds": 3, "slot_minutes": 15}  # fmt: skip
    event_id = events.create(graph, SYSTEM, EventCreate.model_validate(fields)).id
    for attendee in ("y-0", "y-1", "y-2"):
        event_registration.register(
            graph, SYSTEM, event_id, RegistrationCreate(attendee_id=attendee)
        )
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    page = f"/staff/events/{event_id}/registrations/y-0"
    assert f'href="{page}"' in client.get(f"/staff/events/{event_id}", headers=FR).text

    form = client.get(page, headers=FR).text
    assert "09:45–10:00" in form and "Jeune 1" in form and "Jeune 0</bdi></label>" not in form
    saved = client.post(
        page,
        data={"csrf_token": token, "slots": ["0", "2"], "must_meet": "y-1", "no_thanks": "y-2"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    stored = event_registration.registration(graph, SYSTEM, event_id, "y-0")
    assert (stored.slots, stored.must_meet, stored.no_thanks) == ([0, 2], ["y-1"], ["y-2"])

    both = client.post(
        page, data={"csrf_token": token, "slots": "1", "must_meet": "y-1", "no_thanks": "y-1"},
        headers=FR,
    )  # fmt: skip
    assert both.status_code == 422 and 'id="no_thanks-error"' in both.text
    assert "à la fois" in both.text
    no_slot = client.post(page, data={"csrf_token": token}, headers=FR)
    assert no_slot.status_code == 422 and 'id="slots-error"' in no_slot.text
    assert event_registration.registration(graph, SYSTEM, event_id, "y-0").slots == [0, 2]


def test_a_meeting_at_a_thematic_table_says_to_compute_again_instead_of_moving(
    graph: Graph, client: TestClient
) -> None:
    factories.store(graph, *(factories.youth(f"y-{i}", name=f"Jeune {i}") for i in range(4)))
    fields = {"title": "Tables", "starts_at": "2099-06-14T09:30:00+01:00", "venue": "Khouribga",
              "capacity": 10, "rounds": 2, "format": "tables", "table_size": 2}  # fmt: skip
    event_id = events.create(graph, SYSTEM, EventCreate.model_validate(fields)).id
    for attendee in ("y-0", "y-1", "y-2", "y-3"):
        event_registration.register(
            graph, SYSTEM, event_id, RegistrationCreate(attendee_id=attendee)
        )
    request = ScheduleRequest(time_limit_s=1.0)
    schedule.compute(graph, SYSTEM, event_id, request, rankers=default_rankers())
    meeting = schedule.schedule_view(graph, SYSTEM, event_id).meetings[0]
    token = factories.page_session(client, graph, "staff@example.ma", Role.STAFF)
    page = f"/staff/events/{event_id}/meetings/{meeting.id}"

    shown = client.get(page, headers=FR).text
    assert "fait partie d’une table entière" in shown and 'name="slot"' not in shown
    moved = client.post(page, data={"csrf_token": token, "slot": "1"}, headers=FR)
    assert moved.status_code == 422 and 'href="#slot"' in moved.text  # the summary, to the note
    assert "fait partie d’une table entière" in moved.text
