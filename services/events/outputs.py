"""What people take away from an event's schedule: agendas (JSON, printable page, .ics) and the
staff master schedule (CSV).

The printable page is one self-contained HTML document (its own CSS, no script, no external
file), right-to-left in Arabic. Calendar times are written in UTC, which every calendar
application reads without a time-zone definition.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections import defaultdict
from typing import Any

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from graph import events as graph_events
from graph.events import StoredEvent, StoredMeeting
from matcher.i18n import N_, gettext
from matcher.reasons import Lang
from models.event import Agenda, AgendaItem, AgendaPartner, EventFormat, MeetingState
from services.access import Actor, require_staff
from services.db import Graph
from services.errors import NotFound
from services.events import core as events

ACTIVE = (MeetingState.SCHEDULED, MeetingState.HELD)

# The words of the agenda and of the calendar file: gettext message ids (matcher/locale).
AGENDA = N_("Meeting agenda")
TIME = N_("Time")
TABLE = N_("Table")
WITH = N_("With")
MUST_MEET = N_("must meet")
HELD = N_("held")
NONE_YET = N_("No meetings scheduled yet.")
MEETING_WITH = N_("Meeting with {names}")
KINDS: dict[str, str] = {
    "youth": N_("young person"),
    "mentor": N_("mentor"),
    "organization": N_("organisation"),
}
CSV_COLUMNS = (
    "meeting_id",
    "slot",
    "starts_at",
    "ends_at",
    "table",
    "a_id",
    "a_name",
    "a_type",
    "a_status",
    "b_id",
    "b_name",
    "b_type",
    "b_status",
    "must_meet",
    "value",
    "state",
)


def agenda(graph: Graph, actor: Actor, event_id: str, attendee_id: str) -> Agenda:
    """One attendee's agenda, slot by slot (the attendee or staff).

    Raises:
        Forbidden: the actor does not speak for the attendee.
        NotFound: no such event, or the attendee is not registered.
    """
    events.require_speaks_for(actor, attendee_id)
    event = events.read_event(graph, event_id)
    me = graph.read(graph_events.registration, event_id, attendee_id)
    if me is None:
        raise NotFound(f"{attendee_id} is not registered for event {event_id}")
    slots: dict[tuple[int, int], list[AgendaPartner]] = defaultdict(list)
    for m in graph.read(graph_events.meetings, event_id, attendee_id=attendee_id):
        mine_is_a = m.a == attendee_id
        slots[m.slot, m.table].append(
            AgendaPartner(
                meeting_id=m.id,
                id=m.b if mine_is_a else m.a,
                name=m.b_name if mine_is_a else m.a_name,
                type=(m.b_type if mine_is_a else m.a_type) or "",
                must_meet=m.must_meet,
                state=m.state,
            )
        )
    items = []
    for (slot, table), partners in sorted(slots.items()):
        starts, ends = events.slot_times(event, slot)
        items.append(
            AgendaItem(slot=slot, starts_at=starts, ends_at=ends, table=table, partners=partners)
        )
    return Agenda(
        event_id=event_id,
        title=event.title,
        starts_at=event.starts_at,
        ends_at=events.slot_times(event, event.rounds)[0],
        has_place=me.status.has_place and event.cancelled_at is None,
        venue=event.venue,
        format=event.format,
        attendee_id=attendee_id,
        attendee_name=me.name or attendee_id,
        items=items,
    )


def agenda_ics(
    graph: Graph, actor: Actor, event_id: str, attendee_id: str, *, lang: Lang = "fr"
) -> bytes:
    """The agenda as an iCalendar file: the event itself for one who holds a place (so that
    a registration is in the calendar before any meeting is scheduled), then one VEVENT per
    meeting (per table and round
    for the tables format), each with a UID that stays the same while the meeting does."""
    found = agenda(graph, actor, event_id, attendee_id)
    cal = Calendar()
    cal.add("prodid", "-//Multaqa//Networking events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", found.title)
    stamp = events.now_utc()
    if found.has_place:  # not for a waitlisted or cancelled registration
        cal.add_component(_event_entry(found, stamp))
    for item in found.items:
        partners = [p for p in item.partners if p.state in ACTIVE]
        if not partners:
            continue
        vevent = CalendarEvent()
        one_to_one = found.format is not EventFormat.TABLES
        uid = partners[0].meeting_id if one_to_one else _seat_uid(found, item)
        vevent.add("uid", f"{uid}@multaqa")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", item.starts_at.astimezone(dt.UTC))
        vevent.add("dtend", item.ends_at.astimezone(dt.UTC))
        names = ", ".join(p.name for p in partners)
        vevent.add("summary", gettext(lang, MEETING_WITH).format(names=names))
        vevent.add("location", f"{found.venue} — {gettext(lang, TABLE)} {item.table}")
        vevent.add("description", _description(found, partners, lang))
        cal.add_component(vevent)
    return bytes(cal.to_ical())


def _event_entry(found: Agenda, stamp: dt.datetime) -> CalendarEvent:
    """The event as a whole, one entry per attendee (`event_uid`)."""
    vevent = CalendarEvent()
    vevent.add("uid", event_uid(found.event_id, found.attendee_id))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", found.starts_at.astimezone(dt.UTC))
    vevent.add("dtend", found.ends_at.astimezone(dt.UTC))
    vevent.add("summary", found.title)
    vevent.add("location", found.venue)
    return vevent


def event_uid(event_id: str, attendee_id: str) -> str:
    """The UID of the event's own entry in an attendee's calendar file."""
    return f"{event_id}-{attendee_id}@multaqa"


def _seat_uid(found: Agenda, item: AgendaItem) -> str:
    """One seat per attendee and round: a new table after re-scheduling updates the entry."""
    return f"{found.event_id}-{item.slot}-{found.attendee_id}"


def _description(found: Agenda, partners: list[AgendaPartner], lang: Lang) -> str:
    lines = [found.title]
    for p in partners:
        kind = gettext(lang, KINDS[p.type]) if p.type in KINDS else p.type
        mark = f" ({gettext(lang, MUST_MEET)})" if p.must_meet else ""
        lines.append(f"{p.name} — {kind}{mark}")
    return "\n".join(lines)


def agenda_html(
    graph: Graph, actor: Actor, event_id: str, attendee_id: str, *, lang: Lang = "fr"
) -> str:
    """The agenda as a printable, self-contained HTML page (right-to-left in Arabic)."""
    found = agenda(graph, actor, event_id, attendee_id)
    esc = html.escape
    rows = []
    for item in found.items:
        partners = [p for p in item.partners if p.state in ACTIVE]
        if not partners:
            continue
        who = "<br>".join(_partner_html(p, lang) for p in partners)
        rows.append(
            f"<tr><td class=time>{item.starts_at:%H:%M}–{item.ends_at:%H:%M}</td>"
            f"<td class=table>{item.table}</td><td>{who}</td></tr>"
        )
    body = (
        "<table><thead><tr>"
        f"<th>{esc(gettext(lang, TIME))}</th><th>{esc(gettext(lang, TABLE))}</th>"
        f"<th>{esc(gettext(lang, WITH))}</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        if rows
        else f"<p>{esc(gettext(lang, NONE_YET))}</p>"
    )
    when = f"{found.starts_at:%Y-%m-%d %H:%M}"
    return _PAGE.format(
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        title=esc(f"{found.title} — {found.attendee_name}"),
        heading=esc(found.title),
        agenda=esc(gettext(lang, AGENDA)),
        name=esc(found.attendee_name),
        venue=esc(found.venue),
        when=esc(when),
        body=body,
    )


def _partner_html(p: AgendaPartner, lang: Lang) -> str:
    kind = gettext(lang, KINDS[p.type]) if p.type in KINDS else p.type
    marks = []
    if p.must_meet:
        marks.append(f"<span class=mark>★ {html.escape(gettext(lang, MUST_MEET))}</span>")
    if p.state is MeetingState.HELD:
        marks.append(f"<span class=mark>✓ {html.escape(gettext(lang, HELD))}</span>")
    return (
        f"<strong>{html.escape(p.name)}</strong> <span class=kind>{html.escape(kind)}</span> "
        + " ".join(marks)
    )


_PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "Noto Sans", "Noto Naskh Arabic", Arial, sans-serif; margin: 2rem;
       color: #111; }}
h1 {{ font-size: 1.5rem; margin: 0 0 .25rem; }}
h2 {{ font-size: 1.15rem; margin: 1.5rem 0 .5rem; }}
.meta {{ color: #444; margin: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #999; padding: .45rem .6rem; text-align: start;
         vertical-align: top; }}
th {{ background: #eee; }}
td.time, td.table {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
.kind {{ color: #555; font-size: .9em; }}
.mark {{ font-size: .85em; margin-inline-start: .4rem; }}
@media print {{ body {{ margin: 1cm; }} th {{ background: none; }} }}
</style>
</head>
<body>
<h1>{heading}</h1>
<p class=meta>{venue} · {when}</p>
<h2>{agenda} — {name}</h2>
{body}
</body>
</html>
"""


def master_csv(graph: Graph, actor: Actor, event_id: str) -> str:
    """The staff master schedule: one row per meeting, by slot and table.

    Raises:
        Forbidden: the actor is not staff.
        NotFound: no such event.
    """
    require_staff(actor, "download the master schedule")
    event = events.read_event(graph, event_id)
    status = {
        r.attendee_id: r.status.value for r in graph.read(graph_events.registrations, event_id)
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for m in graph.read(graph_events.meetings, event_id):
        writer.writerow(_csv_row(event, m, status))
    return out.getvalue()


def _csv_row(event: StoredEvent, m: StoredMeeting, status: dict[str, str]) -> dict[str, Any]:
    starts, ends = events.slot_times(event, m.slot)
    return {
        "meeting_id": m.id,
        "slot": m.slot,
        "starts_at": starts.isoformat(),
        "ends_at": ends.isoformat(),
        "table": m.table,
        "a_id": m.a,
        "a_name": _cell(m.a_name),
        "a_type": m.a_type,
        "a_status": status.get(m.a, ""),
        "b_id": m.b,
        "b_name": _cell(m.b_name),
        "b_type": m.b_type,
        "b_status": status.get(m.b, ""),
        "must_meet": "yes" if m.must_meet else "no",
        "value": f"{m.value:.4f}",
        "state": m.state.value,
    }


def _cell(text: str) -> str:
    """A name as a spreadsheet shows it, never as a formula (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
