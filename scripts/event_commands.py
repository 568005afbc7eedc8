"""`multaqa event create|register|schedule|export`: networking events, acting as the platform."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, cast

import typer
from pydantic import ValidationError
from rich.table import Table

from matcher.reasons import LANGS, Lang
from models.event import EventCreate, EventFormat, RegistrationCreate, ScheduleRequest
from scripts.console import console, fail, open_graph
from services import training
from services.access import SYSTEM
from services.db import Graph
from services.errors import DomainError
from services.events import core as events
from services.events import outputs as event_outputs
from services.events import registration as event_registration
from services.events import schedule as event_schedule

app = typer.Typer(help="Networking events: registration, schedule, agendas.", no_args_is_help=True)


def _ids(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _invalid(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(x) for x in e['loc']) or 'input'}: {e['msg']}" for e in error.errors()
    )


@app.command("create")
def create_command(
    title: Annotated[str, typer.Option(help="Title of the event.")],
    starts_at: Annotated[
        str, typer.Option(help="Start with its UTC offset, e.g. 2025-06-14T09:30:00+01:00.")
    ],
    venue: Annotated[str, typer.Option(help="Where it takes place.")],
    capacity: Annotated[int, typer.Option(help="Places; later registrations are waitlisted.")],
    rounds: Annotated[int, typer.Option(help="Time slots (or rounds of tables).")],
    event_format: Annotated[
        EventFormat, typer.Option("--format", help="one_to_one, speed_networking or tables.")
    ] = EventFormat.ONE_TO_ONE,
    slot_minutes: Annotated[int, typer.Option(help="Length of one slot.")] = 15,
    table_size: Annotated[int | None, typer.Option(help="Seats per table (tables).")] = None,
    tables: Annotated[int | None, typer.Option(help="Tables per round (tables).")] = None,
    max_meetings: Annotated[
        int | None, typer.Option(help="Meetings per person at most (default: rounds).")
    ] = None,
) -> None:
    """Create an event and print its id."""
    try:
        payload = EventCreate(
            title=title,
            starts_at=dt.datetime.fromisoformat(starts_at),
            venue=venue,
            capacity=capacity,
            format=event_format,
            rounds=rounds,
            slot_minutes=slot_minutes,
            table_size=table_size,
            tables=tables,
            max_meetings=max_meetings,
        )
    except ValueError as error:  # ValidationError is a ValueError, as is a bad date
        message = _invalid(error) if isinstance(error, ValidationError) else str(error)
        fail(message, code=2)
    with open_graph() as graph:
        event = events.create(graph, SYSTEM, payload)
    print(event.id)


@app.command("register")
def register_command(
    event_id: Annotated[str, typer.Argument(help="The event.")],
    attendee: Annotated[str, typer.Option(help="Youth, mentor or organisation id.")],
    slots: Annotated[str | None, typer.Option(help="Available slots, e.g. 0,1,2 (all).")] = None,
    must_meet: Annotated[str | None, typer.Option(help="Attendee ids, comma-separated.")] = None,
    no_thanks: Annotated[str | None, typer.Option(help="Attendee ids, comma-separated.")] = None,
) -> None:
    """Register an attendee with availability and marks (waitlisted past capacity)."""
    try:
        payload = RegistrationCreate(
            attendee_id=attendee,
            slots=[int(s) for s in _ids(slots)] if slots else None,
            must_meet=_ids(must_meet),
            no_thanks=_ids(no_thanks),
        )
    except ValueError as error:
        message = _invalid(error) if isinstance(error, ValidationError) else str(error)
        fail(message, code=2)
    with open_graph() as graph:
        try:
            found = event_registration.register(graph, SYSTEM, event_id, payload)
        except DomainError as error:
            fail(str(error), code=2)
    where = f" (waitlist position {found.waitlist_position})" if found.waitlist_position else ""
    console.print(f"{found.attendee_id} {found.status.value}{where} for {event_id}")


@app.command("schedule")
def schedule_command(
    event_id: Annotated[str, typer.Argument(help="The event.")],
    time_limit: Annotated[float, typer.Option(help="Seconds for the optimiser.")] = 20.0,
    avoid_past: Annotated[
        bool, typer.Option(help="Pairs who met at an earlier event do not meet again.")
    ] = False,
    only_checked_in: Annotated[
        bool, typer.Option(help="Schedule only the attendees checked in (on the day).")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the search.")] = 0,
    must_meet_bonus: Annotated[
        float | None, typer.Option(help="Added to a must-meet pair's value (default 1).")
    ] = None,
    fairness_weight: Annotated[
        float | None,
        typer.Option(help="Worth of one more meeting for the least served, per attendee (0.5)."),
    ] = None,
) -> None:
    """Compute (or re-compute, keeping fixed meetings) the schedule and print its figures."""
    try:
        request = ScheduleRequest(
            time_limit_s=time_limit,
            avoid_past=avoid_past,
            only_checked_in=only_checked_in,
            seed=seed,
            must_meet_bonus=must_meet_bonus,
            fairness_weight=fairness_weight,
        )
    except ValidationError as error:
        fail(_invalid(error), code=2)
    with open_graph() as graph:
        try:
            found = event_schedule.compute(
                graph, SYSTEM, event_id, request, rankers=training.active_rankers(graph)
            )
        except DomainError as error:
            fail(str(error), code=2)
    f = found.figures
    assert f is not None  # compute always stores figures
    table = Table(title=f"Schedule of {event_id}")
    table.add_column("")
    table.add_column("optimiser", justify="right")
    table.add_column("greedy", justify="right")
    table.add_row("match value", f"{f.value:.3f}", f"{f.greedy_value:.3f}")
    table.add_row(
        "must-meet pairs met",
        f"{f.must_meet_met}/{f.must_meet_total}",
        f"{f.greedy_must_meet_met}/{f.must_meet_total}",
    )
    table.add_row("fewest meetings", str(f.meetings_min), str(f.greedy_meetings_min))
    console.print(table)
    if f.upper_bound is None:
        bound = "upper bound skipped (large event)"
    else:
        ratio = f"{f.ratio_to_bound:.1%}" if f.ratio_to_bound is not None else "n/a"
        bound = f"value {ratio} of the upper bound {f.upper_bound:.3f}"
    console.print(
        f"{f.meetings} meetings for {f.attendees} attendees ({f.pairs} allowed pairs); "
        f"median {f.meetings_median:g} per attendee, {f.unmet_attendees} without any; "
        f"{bound}; "
        f"kept {f.kept}/{f.kept_possible}, {f.held_fixed} held; "
        f"{f.solver} ({f.status}) in {f.seconds:.1f} s",
        highlight=False,
    )


@app.command("export")
def export_command(
    event_id: Annotated[str, typer.Argument(help="The event.")],
    export_format: Annotated[
        str, typer.Option("--format", help="csv (master schedule), ics or html (agendas).")
    ] = "csv",
    attendee: Annotated[
        str | None, typer.Option(help="Whose agenda (ics, html); none: everyone's, in --output.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="File (or directory for everyone's agendas); stdout.")
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of agendas: ar, fr or en.")] = "fr",
) -> None:
    """Write the master schedule (CSV) or agendas (.ics calendar, printable HTML)."""
    if export_format not in ("csv", "ics", "html"):
        fail(f"unknown format {export_format!r}; use csv, ics or html", code=2)
    if lang not in LANGS:
        fail(f"unknown language {lang!r}; use ar, fr or en", code=2)
    if export_format != "csv" and attendee is None and output is None:
        fail("give --attendee, or --output DIR for everyone's agendas", code=2)
    with open_graph() as graph:
        try:
            if export_format == "csv":
                _write(output, event_outputs.master_csv(graph, SYSTEM, event_id).encode())
                return
            people = [attendee] if attendee else _attendees(graph, event_id)
            for person in people:
                data = _agenda(graph, event_id, person, export_format, cast(Lang, lang))
                if attendee is None and output is not None:
                    _write(output / f"{person}.{export_format}", data)
                else:
                    _write(output, data)
        except DomainError as error:
            fail(str(error), code=2)
    if attendee is None and output is not None:
        console.print(f"{len(people)} agenda(s) written to {output}")


def _attendees(graph: Graph, event_id: str) -> list[str]:
    rows = event_registration.registrations(graph, SYSTEM, event_id)
    return [r.attendee_id for r in rows if r.status.has_place]


def _agenda(graph: Graph, event_id: str, who: str, kind: str, lang: Lang) -> bytes:
    if kind == "ics":
        return event_outputs.agenda_ics(graph, SYSTEM, event_id, who, lang=lang)
    return event_outputs.agenda_html(graph, SYSTEM, event_id, who, lang=lang).encode()


def _write(path: Path | None, data: bytes) -> None:
    if path is None:
        typer.echo(data.decode(), nl=False)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
