"""The demo's networking event, so that a newcomer finds one to register to.

One upcoming event on the first Saturday at least two weeks after the day `multaqa up` runs,
at 10:00 in Khouribga, with a dozen people of the demo data already registered (so that the
event page suggests people to meet). The demo accounts themselves are not registered: that is
theirs to try. Idempotent: while an upcoming demo event exists, nothing changes.
"""

from __future__ import annotations

import datetime as dt

from models.event import Event, EventCreate, EventFormat, RegistrationCreate
from models.records import RecordType
from services import profiles
from services.access import SYSTEM
from services.db import Graph
from services.events import core as events
from services.events import registration as event_registration

PREFIX = "ev-demo-"
MOROCCO = dt.timezone(dt.timedelta(hours=1))
ATTENDEES = {RecordType.YOUTH: 6, RecordType.MENTOR: 5, RecordType.ORGANIZATION: 2}


def demo_event_day(today: dt.date) -> dt.date:
    """The first Saturday at least 14 days after `today`."""
    day = today + dt.timedelta(days=14)
    return day + dt.timedelta(days=(5 - day.weekday()) % 7)


def ensure_demo_event(graph: Graph, *, today: dt.date | None = None) -> Event:
    """The upcoming demo event, created (with its first attendees) when there is none."""
    today = today or dt.date.today()
    now = dt.datetime.combine(today, dt.time(0), MOROCCO)
    upcoming = events.list_events(graph, upcoming=True, limit=100, offset=0, now=now).items
    for event in upcoming:
        if event.id.startswith(PREFIX) and event.starts_at.date() >= today:
            return event
    day = demo_event_day(today)
    payload = EventCreate(
        title="ملتقى الشباب والمقاولة — Forum jeunes, mentors et entreprises",
        starts_at=dt.datetime.combine(day, dt.time(10), MOROCCO),
        venue="دار الشباب، خريبكة — Maison des jeunes, Khouribga",
        capacity=40,
        format=EventFormat.ONE_TO_ONE,
        rounds=6,
        slot_minutes=15,
    )
    event = events.create(graph, SYSTEM, payload, event_id=f"{PREFIX}{day.isoformat()}")
    for kind, count in ATTENDEES.items():
        page = profiles.list_views(graph, SYSTEM, kind, limit=count, offset=0, commune="Khouribga")
        for record in page.items:
            event_registration.register(
                graph, SYSTEM, event.id, RegistrationCreate(attendee_id=record.id)
            )
    return events.get(graph, event.id)
