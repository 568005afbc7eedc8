"""Networking events against the real Neo4j: registration and waitlist, choices, the optimised
schedule and re-scheduling, agendas (.ics, printable page), the master CSV, check-in, meetings
held with their MET relationships and outcomes, access, the CLI, and the whole flow by API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from typer.testing import CliRunner

from graph import events as graph_events
from graph.events import StoredMeeting
from matcher import scheduling
from matcher.kinds import SuggestionKind
from matcher.weights import default_rankers
from models.event import (
    Choices,
    EventCreate,
    EventFormat,
    FeedbackCreate,
    MeetingMove,
    RegistrationCreate,
    ScheduleRequest,
)
from models.user import Role
from scripts.cli import app as cli_app
from services import accounts, notifications, outcomes
from services.access import SYSTEM, Actor
from services.db import Graph
from services.errors import Conflict, Forbidden, InvalidInput
from services.events import attendance
from services.events import core as events
from services.events import followup as event_followup
from services.events import manage as manage_events
from services.events import outputs as event_outputs
from services.events import registration as event_registration
from services.events import schedule as event_schedule
from services.settings import Settings, get_settings
from tests import factories

pytestmark = pytest.mark.neo4j

RANKERS = default_rankers()
CASABLANCA = dt.timezone(dt.timedelta(hours=1))
STARTS = dt.datetime(2031, 5, 17, 9, 0, tzinfo=CASABLANCA)
FAST = ScheduleRequest(time_limit_s=2.0)
PASSWORD = "events password 1"


def youth_actor(pid: str) -> Actor:
    return Actor(user_id=f"u-{pid}", role=Role.YOUTH, profile_id=pid)


def people(graph: Graph, youths: int, mentors: int = 0, orgs: int = 0) -> list[str]:
    """Store youths, mentors and organisations with distinct names; their ids in order."""
    records = [
        factories.youth(f"y-{i:02d}", name=f"Youth {i:02d}", email=f"y{i}@example.ma")
        for i in range(youths)
    ]
    records += [
        factories.mentor(f"m-{i:02d}", name=f"Mentor {i:02d}", email=f"m{i}@example.ma")
        for i in range(mentors)
    ]
    records += [factories.organization(f"o-{i:02d}", name=f"Org {i:02d}") for i in range(orgs)]
    factories.store(graph, *records)
    return [r["id"] for r in records]


def new_event(graph: Graph, **overrides: object) -> str:
    fields = {
        "title": "Forum de l'emploi de Khouribga",
        "starts_at": STARTS,
        "venue": "Maison des jeunes, Khouribga",
        "capacity": 50,
        "rounds": 4,
        "slot_minutes": 12,
    } | overrides
    return events.create(graph, SYSTEM, EventCreate(**fields)).id  # type: ignore[arg-type]


def register(graph: Graph, event_id: str, pid: str, **choices: object):
    payload = RegistrationCreate(attendee_id=pid, **choices)  # type: ignore[arg-type]
    return event_registration.register(graph, SYSTEM, event_id, payload)


def compute(graph: Graph, event_id: str, request: ScheduleRequest = FAST):
    return event_schedule.compute(graph, SYSTEM, event_id, request, rankers=RANKERS)


def stored(graph: Graph, event_id: str, states: tuple[str, ...] = ("scheduled",)):
    return graph.read(graph_events.meetings, event_id, states=list(states))


def pairs_of(meetings: list[StoredMeeting]) -> set[frozenset[str]]:
    return {frozenset((m.a, m.b)) for m in meetings}


def assert_valid(graph: Graph, event_id: str) -> None:
    """The stored schedule breaks no rule of the problem the graph describes now."""
    inst = event_schedule.instance(graph, event_id, FAST, rankers=RANKERS)
    meetings = stored(graph, event_id)
    if inst.problem.is_tables:
        seats = {(who, m.slot, m.table - 1) for m in meetings for who in (m.a, m.b)}
        found = scheduling.Schedule(meetings=(), seats=tuple(scheduling.Seat(*s) for s in seats))
    else:
        found = scheduling.Schedule(
            meetings=tuple(scheduling.Meeting(m.a, m.b, m.slot) for m in meetings)
        )
    assert scheduling.violations(inst.problem, found) == []


# --- registration ---------------------------------------------------------------------------


def test_past_capacity_registrations_wait_and_the_first_waiting_is_promoted_on_cancellation(
    graph: Graph,
) -> None:
    ids = people(graph, 5)
    event_id = new_event(graph, capacity=3)
    statuses = [register(graph, event_id, pid).status.value for pid in ids]
    assert statuses == ["registered"] * 3 + ["waitlisted"] * 2
    assert event_registration.registration(graph, SYSTEM, event_id, "y-04").waitlist_position == 2
    again = register(graph, event_id, "y-03")  # a retry keeps the waitlist position
    assert again.status.value == "waitlisted" and again.waitlist_position == 1
    with pytest.raises(Conflict):
        event_registration.check_in(graph, SYSTEM, event_id, "y-03")
    event_registration.cancel(graph, youth_actor("y-01"), event_id, "y-01")
    event_registration.cancel(graph, youth_actor("y-01"), event_id, "y-01")  # twice: nothing more
    assert (
        event_registration.registration(graph, SYSTEM, event_id, "y-03").status.value
        == "registered"
    )
    assert event_registration.registration(graph, SYSTEM, event_id, "y-04").waitlist_position == 1
    event = events.get(graph, event_id)
    assert (event.registered, event.waitlisted) == (3, 1)
    told = notifications.list_for(
        graph, youth_actor("y-03"), unread=True, lang="en", limit=10, offset=0
    )
    assert [n.event for n in told] == ["event_place"] and event.title in told[0].text


def test_concurrent_registrations_never_exceed_capacity(graph: Graph) -> None:
    ids = people(graph, 12)
    event_id = new_event(graph, capacity=5)
    with ThreadPoolExecutor(max_workers=6) as pool:
        found = list(pool.map(lambda pid: register(graph, event_id, pid), ids))
    assert Counter(r.status.value for r in found) == {"registered": 5, "waitlisted": 7}


def test_choices_name_other_attendees_and_slots_of_the_event_only(graph: Graph) -> None:
    people(graph, 4)
    event_id = new_event(graph)
    register(graph, event_id, "y-00")
    register(graph, event_id, "y-01")
    with pytest.raises(InvalidInput) as error:
        register(graph, event_id, "y-02", must_meet=["y-03"], no_thanks=["y-02"], slots=[0, 7])
    assert {e.field for e in error.value.errors} == {"slots", "must_meet", "no_thanks"}
    me = youth_actor("y-00")
    changed = event_registration.set_choices(
        graph, me, event_id, "y-00", Choices(slots=[1, 2], must_meet=["y-01"])
    )
    assert (changed.slots, changed.must_meet) == ([1, 2], ["y-01"])
    kept = event_registration.set_choices(graph, me, event_id, "y-00", Choices(no_thanks=[]))
    assert (kept.slots, kept.must_meet) == ([1, 2], ["y-01"])  # what is left out stays
    with pytest.raises(InvalidInput) as both:
        event_registration.set_choices(graph, me, event_id, "y-00", Choices(no_thanks=["y-01"]))
    assert both.value.errors[0].field == "no_thanks"
    with pytest.raises(Forbidden):
        event_registration.set_choices(graph, me, event_id, "y-01", Choices())
    with pytest.raises(InvalidInput):  # job offers do not attend
        factories.store(graph, factories.organization("o-1"), factories.job_offer("j-1"))
        register(graph, event_id, "j-1")


def test_marks_given_at_the_same_moment_all_count(graph: Graph) -> None:
    ids = people(graph, 7)
    event_id = new_event(graph)
    for pid in ids:
        register(graph, event_id, pid)
    me, others = youth_actor(ids[0]), ids[1:]
    with ThreadPoolExecutor(max_workers=len(others)) as pool:  # six tabs, one tap each
        list(pool.map(lambda o: attendance.mark(graph, me, event_id, o, "no_thanks"), others))
    kept = event_registration.registration(graph, me, event_id, ids[0])
    assert sorted(kept.no_thanks) == others


# --- schedule -------------------------------------------------------------------------------


def test_the_schedule_breaks_no_rule_meets_the_must_meets_and_never_pairs_a_no_thanks(
    graph: Graph,
) -> None:
    ids = people(graph, 8, mentors=3, orgs=2)
    event_id = new_event(graph, rounds=4)
    for pid in ids:
        register(graph, event_id, pid, slots=[0, 1, 2] if pid == "y-07" else None)
    refused = {("y-00", "m-00"), ("m-01", "y-01"), ("o-00", "y-02")}
    for a, b in refused:
        event_registration.set_choices(graph, SYSTEM, event_id, a, Choices(no_thanks=[b]))
    # y-03 wants m-00, but m-00 said no thanks to y-03: "no thanks" wins.
    event_registration.set_choices(
        graph, SYSTEM, event_id, "y-03", Choices(must_meet=["m-00", "o-01"])
    )
    event_registration.set_choices(graph, SYSTEM, event_id, "m-00", Choices(no_thanks=["y-03"]))
    view = compute(graph, event_id)
    met = pairs_of(stored(graph, event_id))
    assert not met & {frozenset(p) for p in refused | {("y-03", "m-00")}}
    assert frozenset(("y-03", "o-01")) in met
    assert all(m.slot != 3 for m in view.meetings if "y-07" in (m.a, m.b))
    figures = view.figures
    assert figures is not None and figures.must_meet_met == figures.must_meet_total == 1
    assert figures.value >= figures.greedy_value - 1e-9
    assert figures.upper_bound is not None and figures.value <= figures.upper_bound + 1e-6
    assert figures.meetings == len(view.meetings) > 0
    slots = Counter((who, m.slot) for m in view.meetings for who in (m.a, m.b))
    assert max(slots.values()) == 1  # nobody double-booked
    spots = Counter((m.slot, m.table) for m in view.meetings)
    assert max(spots.values()) == 1  # one meeting per spot and slot
    assert_valid(graph, event_id)


def test_pairs_who_met_at_an_earlier_event_meet_again_only_when_not_asked_to_avoid_it(
    graph: Graph,
) -> None:
    ids = people(graph, 4)
    first = new_event(graph, rounds=3)
    for pid in ids:
        register(graph, first, pid)
    compute(graph, first)
    held = stored(graph, first)
    event_followup.mark_held(graph, SYSTEM, first, [m.id for m in held])
    before = pairs_of(held)
    assert len(before) == 6  # four people, three rounds: everybody met everybody
    second = new_event(graph, rounds=3)
    for pid in ids:
        register(graph, second, pid)
    compute(graph, second)
    assert pairs_of(stored(graph, second))  # repeats allowed unless asked
    view = compute(graph, second, ScheduleRequest(time_limit_s=1.0, avoid_past=True))
    assert view.meetings == [] and view.figures is not None and view.figures.pairs == 0


def test_rescheduling_after_a_late_cancellation_keeps_the_other_meetings(graph: Graph) -> None:
    ids = people(graph, 10, mentors=4)
    event_id = new_event(graph, rounds=4)
    for pid in ids:
        register(graph, event_id, pid)
    compute(graph, event_id)
    before = {m.id: m for m in stored(graph, event_id)}
    event_registration.cancel(graph, SYSTEM, event_id, "y-00")
    cancelled = stored(graph, event_id, ("cancelled",))
    assert cancelled and all("y-00" in (m.a, m.b) for m in cancelled)
    untouched = {i: m for i, m in before.items() if "y-00" not in (m.a, m.b)}
    view = compute(graph, event_id)
    after = {m.id: m for m in view.meetings}
    assert all("y-00" not in (m.a, m.b) for m in view.meetings)
    kept = [i for i in untouched if i in after]
    assert len(kept) == len(untouched)  # every meeting still possible stays in its slot
    assert all(after[i].table == untouched[i].table for i in kept)  # and at its spot
    figures = view.figures
    assert figures is not None and figures.kept == figures.kept_possible == len(untouched)
    assert_valid(graph, event_id)


def test_meetings_held_stay_put_when_rescheduling(graph: Graph) -> None:
    ids = people(graph, 6, mentors=2)
    event_id = new_event(graph, rounds=3)
    for pid in ids:
        register(graph, event_id, pid)
    compute(graph, event_id)
    first_slot = [m for m in stored(graph, event_id) if m.slot == 0]
    event_followup.mark_held(graph, SYSTEM, event_id, [m.id for m in first_slot])
    view = compute(graph, event_id)
    held = [m for m in view.meetings if m.state.value == "held"]
    assert {m.id for m in held} == {m.id for m in first_slot}
    assert view.figures is not None and view.figures.held_fixed == len(first_slot)
    again = Counter(frozenset((m.a, m.b)) for m in view.meetings)
    assert max(again.values()) == 1  # a pair that met is not scheduled again
    busy = Counter((who, m.slot) for m in view.meetings for who in (m.a, m.b))
    assert max(busy.values()) == 1


def test_thematic_tables_seat_allowed_people_together_within_table_size(graph: Graph) -> None:
    ids = people(graph, 9, mentors=3)
    event_id = new_event(graph, format=EventFormat.TABLES, table_size=4, rounds=3)
    for pid in ids:
        register(graph, event_id, pid)
    event_registration.set_choices(graph, SYSTEM, event_id, "y-00", Choices(no_thanks=["m-00"]))
    compute(graph, event_id)
    meetings = stored(graph, event_id)
    assert frozenset(("y-00", "m-00")) not in pairs_of(meetings)
    tables: dict[tuple[int, int], set[str]] = {}
    for m in meetings:
        tables.setdefault((m.slot, m.table), set()).update((m.a, m.b))
    assert tables and max(len(t) for t in tables.values()) <= 4
    assert_valid(graph, event_id)
    mine = event_outputs.agenda(graph, SYSTEM, event_id, "y-01")
    assert all(1 <= len(item.partners) <= 3 for item in mine.items)
    # A meeting at a table is part of the table's seating: it is not moved alone.
    move = MeetingMove(slot=(meetings[0].slot + 1) % 3)
    with pytest.raises(InvalidInput) as refused:
        manage_events.change_meeting(graph, SYSTEM, event_id, meetings[0].id, move, rankers=RANKERS)
    assert refused.value.errors[0].code == "tables_recompute"
    ics = Calendar.from_ical(event_outputs.agenda_ics(graph, SYSTEM, event_id, "y-01"))
    assert len(ics.walk("VEVENT")) == 1 + len(mine.items)  # the event, then each table


def test_a_no_thanks_or_a_slot_given_up_after_scheduling_cancels_those_meetings_at_once(
    graph: Graph,
) -> None:
    ids = people(graph, 6)
    event_id = new_event(graph, rounds=3)
    for pid in ids:
        register(graph, event_id, pid)
    compute(graph, event_id)
    mine = [m for m in stored(graph, event_id) if "y-00" in (m.a, m.b)]
    first, second = mine[0], mine[1]
    other = first.b if first.a == "y-00" else first.a
    keep_slots = [s for s in range(3) if s != second.slot]
    event_registration.set_choices(
        graph, SYSTEM, event_id, "y-00", Choices(no_thanks=[other], slots=keep_slots)
    )
    states = {m.id: m.state for m in stored(graph, event_id, ("scheduled", "cancelled"))}
    cancelled = sorted(i for i, state in states.items() if state == "cancelled")
    assert cancelled == sorted([first.id, second.id])  # those two, and only those
    view = compute(graph, event_id)
    assert frozenset(("y-00", other)) not in {frozenset((m.a, m.b)) for m in view.meetings}


# --- outputs --------------------------------------------------------------------------------


@pytest.fixture
def scheduled(graph: Graph) -> str:
    ids = people(graph, 8, mentors=3, orgs=1)
    event_id = new_event(graph, rounds=4, slot_minutes=12)
    for pid in ids:
        register(graph, event_id, pid)
    event_registration.set_choices(graph, SYSTEM, event_id, "y-00", Choices(must_meet=["m-00"]))
    compute(graph, event_id)
    return event_id


def test_the_calendar_file_has_one_event_per_meeting_at_its_slot(
    graph: Graph, scheduled: str
) -> None:
    mine = [m for m in stored(graph, scheduled) if "y-00" in (m.a, m.b)]
    cal = Calendar.from_ical(event_outputs.agenda_ics(graph, SYSTEM, scheduled, "y-00"))
    vevents = cal.walk("VEVENT")
    assert len(vevents) == 1 + len(mine) > 1
    by_uid = {str(v["uid"]): v for v in vevents}
    whole = by_uid.pop(event_outputs.event_uid(scheduled, "y-00"))  # the event itself
    assert whole.decoded("dtstart") == STARTS and whole.decoded("dtend") > STARTS
    for m in mine:
        v = by_uid[f"{m.id}@multaqa"]
        start = STARTS + dt.timedelta(minutes=12 * m.slot)
        assert v.decoded("dtstart") == start and v.decoded("dtend") == start + dt.timedelta(
            minutes=12
        )
        other = m.b_name if m.a == "y-00" else m.a_name
        assert other in str(v["summary"])
        assert "Maison des jeunes" in str(v["location"]) and str(m.table) in str(v["location"])


def test_the_master_schedule_csv_has_one_row_per_meeting(graph: Graph, scheduled: str) -> None:
    rows = list(csv.DictReader(io.StringIO(event_outputs.master_csv(graph, SYSTEM, scheduled))))
    meetings = stored(graph, scheduled)
    assert len(rows) == len(meetings)
    assert {r["meeting_id"] for r in rows} == {m.id for m in meetings}
    first = rows[0]
    assert first["starts_at"].startswith("2031-05-17T09:") and first["a_status"] == "registered"
    assert any(r["must_meet"] == "yes" for r in rows)


def test_the_printable_agenda_is_right_to_left_in_arabic_and_escapes_names(
    graph: Graph, scheduled: str
) -> None:
    page = event_outputs.agenda_html(graph, SYSTEM, scheduled, "y-00", lang="ar")
    assert '<html lang="ar" dir="rtl">' in page and "برنامج اللقاءات" in page
    assert "<script" not in page and "http" not in page  # self-contained
    french = event_outputs.agenda_html(graph, SYSTEM, scheduled, "y-00", lang="fr")
    assert 'dir="ltr"' in french and "Youth 00" in french
    factories.store(graph, factories.youth("y-x", name="<b>Evil</b> & co"))
    register(graph, scheduled, "y-x")
    compute(graph, scheduled)
    page = event_outputs.agenda_html(graph, SYSTEM, scheduled, "y-x", lang="en")
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; co" in page and "<b>Evil" not in page


# --- follow-up ------------------------------------------------------------------------------


def test_held_meetings_leave_met_relationships_and_outcomes_and_feedback_can_turn_them(
    graph: Graph, scheduled: str
) -> None:
    meeting = next(m for m in stored(graph, scheduled) if {m.a, m.b} == {"y-00", "m-00"})
    with pytest.raises(Conflict):  # not held yet
        event_followup.give_feedback(
            graph,
            youth_actor("y-00"),
            scheduled,
            meeting.id,
            FeedbackCreate(useful=True, follow_up=True),
        )
    for _ in range(2):  # twice: the same as once
        event_followup.mark_held(graph, SYSTEM, scheduled, [meeting.id])
    met = graph.read(graph_events.met_between, "y-00", "m-00")
    assert [r.event_id for r in met] == [scheduled]
    x, y, _ = outcomes.labelled_rows(graph, SuggestionKind.MENTORS)
    assert y.tolist() == [1] and x.shape[1] > 0
    assert outcomes.labelled_rows(graph, SuggestionKind.MENTEES)[1].tolist() == [1]
    mentor = Actor(user_id="u-m", role=Role.MENTOR, profile_id="m-00")
    event_followup.give_feedback(
        graph, mentor, scheduled, meeting.id, FeedbackCreate(useful=False, follow_up=False)
    )
    assert outcomes.labelled_rows(graph, SuggestionKind.MENTEES)[1].tolist() == [0]
    assert outcomes.labelled_rows(graph, SuggestionKind.MENTORS)[1].tolist() == [1]
    event_followup.give_feedback(
        graph, mentor, scheduled, meeting.id, FeedbackCreate(useful=True, follow_up=True)
    )
    assert outcomes.labelled_rows(graph, SuggestionKind.MENTEES)[1].tolist() == [1]
    given = event_followup.feedback(graph, SYSTEM, scheduled)
    assert [(f.attendee_id, f.useful, f.follow_up) for f in given] == [("m-00", True, True)]
    with pytest.raises(Forbidden):
        event_followup.give_feedback(
            graph,
            youth_actor("y-05"),
            scheduled,
            meeting.id,
            FeedbackCreate(useful=True, follow_up=False),
        )
    agenda = event_outputs.agenda(graph, youth_actor("y-00"), scheduled, "y-00")
    assert any(p.state.value == "held" for item in agenda.items for p in item.partners)


def test_check_in_then_schedule_only_those_present(graph: Graph) -> None:
    ids = people(graph, 6)
    event_id = new_event(graph, rounds=3)
    for pid in ids:
        register(graph, event_id, pid)
    for pid in ids[:4]:
        checked = event_registration.check_in(graph, youth_actor(pid), event_id, pid)
        assert checked.status.value == "checked_in" and checked.checked_in_at is not None
    assert event_registration.check_in(graph, SYSTEM, event_id, "y-00").status.value == "checked_in"
    view = compute(graph, event_id, ScheduleRequest(time_limit_s=1.0, only_checked_in=True))
    assert {who for m in view.meetings for who in (m.a, m.b)} == set(ids[:4])
    assert events.get(graph, event_id).checked_in == 4


# --- the API --------------------------------------------------------------------------------


def account(
    client: TestClient, graph: Graph, settings: Settings, email: str, role: Role
) -> dict[str, str]:
    """An account and its bearer token (issued directly: a login per attendee would spend
    most of the test hashing passwords; the staff login goes through /auth/token)."""
    user = accounts.create_account(graph, email=email, password=PASSWORD, role=role)
    if role is Role.STAFF:
        return factories.sign_in(client, email, PASSWORD)
    return {"Authorization": f"Bearer {accounts.token_for(graph, user.id, settings).access_token}"}


def test_attendees_see_only_their_own_agenda_and_only_staff_schedule(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    staff = account(client, graph, settings, "staff@example.ma", Role.STAFF)
    mine = account(client, graph, settings, "salma@example.ma", Role.YOUTH)
    me = factories.create_own(client, "youths", factories.youth(name="Salma"), mine)
    people(graph, 3)
    created = client.post(
        "/api/v1/events",
        json={
            "title": "Speed networking",
            "starts_at": STARTS.isoformat(),
            "venue": "Oued Zem",
            "capacity": 10,
            "rounds": 3,
            "format": "speed_networking",
        },
        headers=staff,
    )
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    refused = client.post(
        "/api/v1/events",
        json={
            "title": "x",
            "starts_at": STARTS.isoformat(),
            "venue": "x",
            "capacity": 2,
            "rounds": 1,
        },
        headers=mine,
    )
    assert refused.status_code == 403
    base = f"/api/v1/events/{event_id}"
    listed = client.get("/api/v1/events", headers=mine).json()
    assert [e["id"] for e in listed["items"]] == [event_id] and listed["total"] == 1
    seen = client.get(base, headers=mine).json()
    assert seen["ends_at"].startswith("2031-05-17T09:45") and seen["format"] == "speed_networking"
    for pid in ("y-00", "y-01", "y-02"):
        r = client.post(f"{base}/registrations", json={"attendee_id": pid}, headers=staff)
        assert r.status_code == 201
    assert (
        client.post(f"{base}/registrations", json={"attendee_id": "y-00"}, headers=mine).status_code
        == 403
    )  # not theirs
    r = client.post(
        f"{base}/registrations",
        json={"attendee_id": me, "must_meet": ["y-09"], "slots": [0, 1]},
        headers=mine,
    )
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "must_meet"]
    r = client.post(
        f"{base}/registrations", json={"attendee_id": me, "no_thanks": ["y-01"]}, headers=mine
    )
    assert r.status_code == 201 and r.json()["status"] == "registered"
    assert (
        client.post(f"{base}/schedule", json={"time_limit_s": 1}, headers=mine).status_code == 403
    )
    assert (
        client.post(f"{base}/schedule", json={"time_limit_s": 1}, headers=staff).status_code == 200
    )
    for suffix in ("", ".ics", ".html"):
        assert client.get(f"{base}/agenda/{me}{suffix}", headers=mine).status_code == 200
        assert client.get(f"{base}/agenda/y-00{suffix}", headers=mine).status_code in (403, 404)
    assert client.get(f"{base}/schedule", headers=mine).status_code == 403
    assert client.get(f"{base}/schedule.csv", headers=mine).status_code == 403
    assert client.get(f"{base}/registrations", headers=mine).status_code == 403
    assert client.post(f"{base}/check-in/y-00", headers=mine).status_code == 403
    assert client.post(f"{base}/check-in/{me}", headers=mine).status_code == 200
    suggested = client.get(f"{base}/suggestions", params={"for": me}, headers=mine)
    assert suggested.status_code == 200
    assert "y-01" not in {s["id"] for s in suggested.json()}  # marked no thanks
    meeting = client.get(f"{base}/schedule", headers=staff).json()["meetings"][0]
    held = client.post(f"{base}/meetings/{meeting['id']}/held", headers=mine)
    assert held.status_code == 403
    assert client.delete(f"{base}/registrations/y-00", headers=mine).status_code == 403


def test_fifty_attendees_register_with_choices_get_a_schedule_agendas_and_calendars(
    client: TestClient, graph: Graph, settings: Settings
) -> None:
    """The "done when" flow, by API, as staff and fifty attendees would do it."""
    staff = account(client, graph, settings, "staff@example.ma", Role.STAFF)
    kinds = ["youth"] * 30 + ["mentor"] * 12 + ["organization"] * 8
    heads: dict[str, dict[str, str]] = {}
    part_time: set[str] = set()  # every tenth attendee, from the eighth, has 4 slots of 6
    for n, kind in enumerate(kinds):
        role = {"youth": Role.YOUTH, "mentor": Role.MENTOR}.get(kind, Role.ORGANIZATION_MEMBER)
        head = account(client, graph, settings, f"a{n}@example.ma", role)
        maker = {"youth": factories.youth, "mentor": factories.mentor}.get(
            kind, factories.organization
        )
        path = {"youth": "youths", "mentor": "mentors"}.get(kind, "organizations")
        pid = factories.create_own(client, path, maker(name=f"Attendee {n:02d}"), head)
        heads[pid] = head
        if n % 10 == 7:
            part_time.add(pid)
    created = client.post(
        "/api/v1/events",
        json={
            "title": "Forum Multaqa",
            "starts_at": STARTS.isoformat(),
            "venue": "OCP Skills",
            "capacity": 50,
            "rounds": 6,
            "slot_minutes": 10,
        },
        headers=staff,
    )
    base = f"/api/v1/events/{created.json()['id']}"
    ids = list(heads)
    for pid in ids:
        slots = [0, 1, 2, 3] if pid in part_time else None
        r = client.post(
            f"{base}/registrations", json={"attendee_id": pid, "slots": slots}, headers=heads[pid]
        )
        assert r.status_code == 201 and r.json()["status"] == "registered"
    for n, pid in enumerate(ids):
        top = client.get(f"{base}/suggestions", params={"for": pid, "k": 5}, headers=heads[pid])
        assert top.status_code == 200 and len(top.json()) == 5
        choices = {"must_meet": [top.json()[0]["id"]], "no_thanks": [ids[(n + 25) % 50]]}
        if choices["no_thanks"][0] in choices["must_meet"]:
            choices["no_thanks"] = []
        r = client.put(f"{base}/registrations/{pid}/choices", json=choices, headers=heads[pid])
        assert r.status_code == 200, r.text
        assert len(r.json()["slots"]) == (4 if pid in part_time else 6)  # availability kept
    began = time.perf_counter()
    r = client.post(f"{base}/schedule", json={"time_limit_s": 10}, headers=staff)
    seconds = time.perf_counter() - began
    assert r.status_code == 200, r.text
    view = r.json()
    figures = view["figures"]
    print(f"\n50 attendees x 6 slots by API: {seconds:.1f} s; figures {figures}")
    assert figures["attendees"] == 50 and figures["unmet_attendees"] == 0
    assert figures["value"] >= figures["greedy_value"] - 1e-9
    limited = [m for m in view["meetings"] if {m["a"], m["b"]} & part_time]
    assert limited and all(m["slot"] < 4 for m in limited)
    refused = {
        frozenset((pid, other))
        for pid in ids
        for other in client.get(f"{base}/registrations/{pid}", headers=heads[pid]).json()[
            "no_thanks"
        ]
    }
    assert not refused & {frozenset((m["a"], m["b"])) for m in view["meetings"]}
    for pid in ids:
        agenda = client.get(f"{base}/agenda/{pid}", headers=heads[pid])
        assert agenda.status_code == 200 and agenda.json()["items"]
        ics = client.get(f"{base}/agenda/{pid}.ics", headers=heads[pid])
        assert ics.headers["content-type"].startswith("text/calendar")
        vevents = Calendar.from_ical(ics.content).walk("VEVENT")
        assert len(vevents) == 1 + len(agenda.json()["items"])  # the event, then each meeting
        page = client.get(f"{base}/agenda/{pid}.html", params={"lang": "ar"}, headers=heads[pid])
        assert page.status_code == 200 and 'dir="rtl"' in page.text
    rows = list(csv.DictReader(io.StringIO(client.get(f"{base}/schedule.csv", headers=staff).text)))
    assert len(rows) == len(view["meetings"])
    ids_held = [m["id"] for m in view["meetings"]]
    held = client.post(f"{base}/meetings/held", json={"meeting_ids": ids_held}, headers=staff)
    assert held.status_code == 200 and {m["state"] for m in held.json()} == {"held"}
    first = view["meetings"][0]
    r = client.post(
        f"{base}/meetings/{first['id']}/feedback",
        json={"useful": True, "follow_up": True},
        headers=heads[first["a"]],
    )
    assert r.status_code == 201 and r.json()["attendee_id"] == first["a"]
    met, _, _ = graph.driver.execute_query(
        "MATCH ()-[r:MET]->() RETURN count(r) AS n", database_=graph.database
    )
    assert met[0]["n"] == len(ids_held)


# --- the CLI --------------------------------------------------------------------------------


def test_the_cli_creates_registers_schedules_and_exports(
    graph: Graph, settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEO4J_URI", settings.bolt_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        ids = people(graph, 5, mentors=2)
        made = runner.invoke(
            cli_app,
            [
                "event",
                "create",
                "--title",
                "Tables rondes",
                "--starts-at",
                "2031-05-17T09:00:00+01:00",
                "--venue",
                "Khouribga",
                "--capacity",
                "6",
                "--rounds",
                "3",
            ],
        )
        assert made.exit_code == 0, made.output
        event_id = made.output.strip()
        for pid in ids:
            r = runner.invoke(cli_app, ["event", "register", event_id, "--attendee", pid])
            assert r.exit_code == 0, r.output
        assert "waitlist position 1" in r.output
        bad = runner.invoke(
            cli_app, ["event", "register", event_id, "--attendee", "y-00", "--must-meet", "zz"]
        )
        assert bad.exit_code == 2 and "must_meet" in bad.output
        r = runner.invoke(
            cli_app,
            [
                "event",
                "register",
                event_id,
                "--attendee",
                "y-00",
                "--slots",
                "0,1",
                "--must-meet",
                "m-00",
                "--no-thanks",
                "y-01",
            ],
        )
        assert r.exit_code == 0, r.output
        r = runner.invoke(
            cli_app,
            ["event", "schedule", event_id, "--time-limit", "2", "--must-meet-bonus", "2"],
        )
        assert r.exit_code == 0, r.output
        assert "must-meet pairs met" in r.output and "greedy" in r.output
        r = runner.invoke(cli_app, ["event", "export", event_id])
        assert r.exit_code == 0 and r.output.startswith("meeting_id,")
        out = tmp_path / "agendas"
        r = runner.invoke(
            cli_app, ["event", "export", event_id, "--format", "ics", "--output", str(out)]
        )
        assert r.exit_code == 0, r.output
        assert len(list(out.glob("*.ics"))) == 6
        r = runner.invoke(
            cli_app,
            ["event", "export", event_id, "--format", "html", "--attendee", "y-00", "--lang", "ar"],
        )
        assert r.exit_code == 0 and 'dir="rtl"' in r.output
        missing = runner.invoke(cli_app, ["event", "schedule", "ev-nope"])
        assert missing.exit_code == 2 and "no event" in missing.output
    finally:
        get_settings.cache_clear()
