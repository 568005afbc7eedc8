"""/events (TestClient, real Neo4j): register or join the waitlist, must-meet / no thanks among
the suggested attendees, the agenda as a page and as a calendar file, cancel."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from demo.events import ensure_demo_event
from models.event import EventCreate, RegistrationCreate, ScheduleRequest
from services.access import SYSTEM
from services.db import Graph
from services.events import core as events
from services.events import registration as event_registration
from services.events import schedule as event_schedule
from services.training import active_rankers
from tests import factories
from tests.integration.test_pages import csrf, sign_up

pytestmark = pytest.mark.neo4j
MOROCCO = dt.timezone(dt.timedelta(hours=1))
FRENCH = {"Accept-Language": "fr"}


def an_event(graph: Graph, capacity: int, *others: str) -> str:
    """An upcoming event with these attendees already registered."""
    factories.store(
        graph,
        factories.mentor("m-1", name="Karim Alaoui"),
        factories.youth("y-2", name="Hamza", email="hamza@example.ma"),
    )
    starts = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(10), MOROCCO)
    payload = EventCreate(
        title="Forum de Khouribga",
        starts_at=starts,
        venue="Maison des jeunes",
        capacity=capacity,
        rounds=3,
        slot_minutes=15,
    )
    event_id = events.create(graph, SYSTEM, payload).id
    for other in others:
        event_registration.register(graph, SYSTEM, event_id, RegistrationCreate(attendee_id=other))
    return event_id


def a_youth_with_a_profile(client: TestClient) -> str:
    sign_up(client, "salma@example.ma")
    token = csrf(client, "/me/about")
    form = {"csrf_token": token, "name": "Salma", "bio": "couture", "languages": ["ar", "fr"]}
    assert client.post("/me/about", data=form, follow_redirects=False).status_code == 303
    return token


def test_a_youth_registers_marks_a_must_meet_and_takes_the_agenda_away(
    client: TestClient, graph: Graph
) -> None:
    event_id = an_event(graph, 10, "m-1", "y-2")
    token = a_youth_with_a_profile(client)
    listed = client.get("/events", headers=FRENCH).text
    assert "Forum de Khouribga" in listed and "8 places restantes sur 10" in listed

    client.post(f"/events/{event_id}/register", data={"csrf_token": token})
    page = client.get(f"/events/{event_id}", headers=FRENCH).text
    assert "Vous êtes inscrit(e)" in page and "À rencontrer : Karim Alaoui" in page
    client.post(
        f"/events/{event_id}/marks",
        data={"csrf_token": token, "attendee_id": "m-1", "mark": "must_meet"},
    )
    client.post(
        f"/events/{event_id}/marks",
        data={"csrf_token": token, "attendee_id": "y-2", "mark": "no_thanks"},
    )
    youth_id = graph.read(
        lambda tx: tx.run("MATCH (:User)-[:OWNS]->(p:Youth) RETURN p.id AS id").single()["id"]
    )
    mine = event_registration.registration(graph, SYSTEM, event_id, youth_id)
    assert (mine.must_meet, mine.no_thanks) == (["m-1"], ["y-2"])
    page = client.get(f"/events/{event_id}", headers=FRENCH).text
    assert "Annuler mon choix : Hamza" in page  # a "no thanks" can be taken back

    # Registered, nothing scheduled yet: her calendar file holds the event itself.
    ics = client.get(f"/events/{event_id}/agenda.ics", headers=FRENCH)
    entries = Calendar.from_ical(ics.content).walk("VEVENT")
    assert [str(e["summary"]) for e in entries] == ["Forum de Khouribga"]

    event_schedule.compute(
        graph, SYSTEM, event_id, ScheduleRequest(time_limit_s=2), rankers=active_rankers(graph)
    )
    agenda = client.get(f"/events/{event_id}/agenda", headers={"Accept-Language": "ar"})
    assert (
        agenda.status_code == 200 and "Karim Alaoui" in agenda.text and "Hamza" not in agenda.text
    )
    assert "برنامجي" in agenda.text and "لقاء مطلوب" in agenda.text
    ics = client.get(f"/events/{event_id}/agenda.ics", headers=FRENCH)
    assert ics.headers["content-type"].startswith("text/calendar")
    entries = Calendar.from_ical(ics.content).walk("VEVENT")
    assert [str(m["summary"]) for m in entries[1:]] == ["Rencontre avec Karim Alaoui"]

    client.post(f"/events/{event_id}/cancel", data={"csrf_token": token})
    mine = event_registration.registration(graph, SYSTEM, event_id, youth_id)
    assert mine.status.value == "cancelled"
    ics = client.get(f"/events/{event_id}/agenda.ics", headers=FRENCH)
    entries = Calendar.from_ical(ics.content).walk("VEVENT")
    assert "Forum de Khouribga" not in [str(e["summary"]) for e in entries]  # no place now
    assert "Vous avez annulé votre inscription" in client.get(f"/events/{event_id}").text


def test_past_capacity_a_youth_waits_with_their_place_in_the_queue_and_moves_up(
    client: TestClient, graph: Graph
) -> None:
    event_id = an_event(graph, 2, "m-1", "y-2")
    token = a_youth_with_a_profile(client)
    assert "Complet" in client.get("/events", headers=FRENCH).text
    client.post(f"/events/{event_id}/register", data={"csrf_token": token})
    page = client.get(f"/events/{event_id}", headers=FRENCH).text
    assert "Vous êtes sur la liste d’attente" in page
    assert "Votre rang sur la liste d’attente : 1." in page
    event_registration.cancel(graph, SYSTEM, event_id, "y-2")
    assert "Vous êtes inscrit(e)" in client.get(f"/events/{event_id}", headers=FRENCH).text


def test_event_pages_need_a_profile_and_refuse_someone_elses_agenda(
    client: TestClient, graph: Graph
) -> None:
    event_id = an_event(graph, 10, "m-1")
    sign_up(client, "salma@example.ma")
    token = csrf(client, "/events")
    answer = client.post(
        f"/events/{event_id}/register", data={"csrf_token": token}, follow_redirects=False
    )
    assert answer.headers["location"] == "/me"  # no profile to register with yet
    assert client.get(f"/events/{event_id}/agenda").status_code == 403
    assert client.get("/events/ev-nope", headers=FRENCH).status_code == 404


def test_the_demo_has_one_upcoming_event_with_people_to_meet_and_stays_one(graph: Graph) -> None:
    factories.store(
        graph,
        factories.youth("y-1", location={"commune": "Khouribga"}),
        factories.mentor("m-1", location={"commune": "Khouribga"}),
        factories.mentor("m-2", location={"commune": "Oued Zem"}),
    )
    monday = dt.date(2026, 12, 7)
    event = ensure_demo_event(graph, today=monday)
    assert event.id == "ev-demo-2026-12-26" and event.starts_at.weekday() == 5  # a Saturday
    assert event.registered == 2  # the Khouribga demo people; the demo accounts register
    assert ensure_demo_event(graph, today=monday + dt.timedelta(days=3)).id == event.id
    later = dt.datetime.combine(monday + dt.timedelta(days=3), dt.time(12), MOROCCO)
    assert events.list_events(graph, upcoming=True, limit=10, offset=0, now=later).total == 1
