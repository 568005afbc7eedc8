"""`multaqa intro`, `mentors`, `cohort`, `retrain`, `worker`, `beat`: connections and the
background work, acting as the platform (staff rights)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from models.cohort import CohortCreate, CohortRules, Solver
from models.introduction import Answer, Introduction, IntroductionRequest, IntroductionStatus
from scripts.console import console, fail, open_graph, settings
from services import cohorts, introductions, mentors, training
from services.access import SYSTEM
from services.errors import DomainError
from workers import runtime
from workers.app import use_settings

intro_app = typer.Typer(help="Introductions (double opt-in).", no_args_is_help=True)
mentors_app = typer.Typer(help="Mentor capacity and availability.", no_args_is_help=True)
cohort_app = typer.Typer(help="Assign a cohort of youths to mentors.", no_args_is_help=True)


def _show(intro: Introduction) -> None:
    contact = f"  contact: {intro.contact.model_dump_json()}" if intro.contact else ""
    console.print(
        f"{intro.id}  {intro.kind}  {intro.from_id} -> {intro.to_id}  [bold]{intro.status}[/]"
        f"{'  (' + intro.reason + ')' if intro.reason else ''}{contact}"
    )


@intro_app.command("request")
def intro_request(
    from_id: Annotated[
        str, typer.Option("--from", help="Who asks (youth, organisation; an offer invites).")
    ],
    to_id: Annotated[str, typer.Option("--to", help="Mentor, peer, organisation, offer or youth.")],
    message: Annotated[str | None, typer.Option(help="A short note to the other side.")] = None,
) -> None:
    """Ask for an introduction (or apply to a job offer)."""
    with open_graph() as graph:
        try:
            payload = IntroductionRequest(from_id=from_id, to_id=to_id, message=message)
            _show(introductions.request(graph, SYSTEM, payload, settings()))
        except DomainError as error:
            fail(str(error), code=2)


def _move(intro_id: str, action: str) -> None:
    with open_graph() as graph:
        try:
            if action in ("accept", "decline"):
                intro = introductions.answer(graph, SYSTEM, intro_id, Answer(action))
            elif action == "withdraw":
                intro = introductions.withdraw(graph, SYSTEM, intro_id)
            else:
                intro = introductions.end(graph, SYSTEM, intro_id)
        except DomainError as error:
            fail(str(error), code=2)
    _show(intro)


@intro_app.command("accept")
def intro_accept(intro_id: str) -> None:
    """Accept on behalf of the person asked: contacts become visible to both."""
    _move(intro_id, "accept")


@intro_app.command("decline")
def intro_decline(intro_id: str) -> None:
    _move(intro_id, "decline")


@intro_app.command("withdraw")
def intro_withdraw(intro_id: str) -> None:
    _move(intro_id, "withdraw")


@intro_app.command("end")
def intro_end(intro_id: str) -> None:
    _move(intro_id, "end")


@intro_app.command("list")
def intro_list(
    party: Annotated[str, typer.Option(help="A profile or organisation id.")],
    status: Annotated[IntroductionStatus | None, typer.Option()] = None,
    limit: int = 50,
) -> None:
    """The introductions a profile or organisation takes part in."""
    with open_graph() as graph:
        page = introductions.list_mine(
            graph, SYSTEM, status=status, limit=limit, offset=0, party=party
        )
    for intro in page.items:
        _show(intro)


@intro_app.command("expire")
def intro_expire() -> None:
    """Close every pending request past its expiry date (also a periodic job)."""
    with open_graph() as graph:
        console.print(f"Expired {introductions.expire_due(graph)} request(s).")


@mentors_app.command("load")
def mentors_load(limit: int = 30) -> None:
    """Each mentor's mentees, waiting requests and free places, fullest first."""
    with open_graph() as graph:
        rows = mentors.loads(graph, SYSTEM, limit=limit, offset=0)
    table = Table("mentor", "name", "active", "capacity", "pending", "paused")
    for row in rows:
        table.add_row(
            row.id,
            row.name,
            str(row.active),
            str(row.capacity),
            str(row.pending),
            "yes" if row.paused else "",
        )
    console.print(table)


@mentors_app.command("pause")
def mentors_pause(mentor_id: str) -> None:
    with open_graph() as graph:
        try:
            console.print(mentors.set_paused(graph, SYSTEM, mentor_id, paused=True))
        except DomainError as error:
            fail(str(error), code=2)


@mentors_app.command("resume")
def mentors_resume(mentor_id: str) -> None:
    with open_graph() as graph:
        try:
            console.print(mentors.set_paused(graph, SYSTEM, mentor_id, paused=False))
        except DomainError as error:
            fail(str(error), code=2)


@cohort_app.command("create")
def cohort_create(
    name: Annotated[str, typer.Option(help="The cohort's name.")],
    youths_file: Annotated[
        Path | None, typer.Option(help="A file with one youth id per line.", exists=True)
    ] = None,
    youths: Annotated[str | None, typer.Option(help="Youth ids, comma-separated.")] = None,
    cohort_cap: Annotated[int | None, typer.Option(help="At most this many per mentor.")] = None,
) -> None:
    """Register a cohort; every mentor with a free place is a candidate."""
    ids = [i.strip() for i in (youths or "").split(",") if i.strip()]
    if youths_file:
        ids += [line.strip() for line in youths_file.read_text().splitlines() if line.strip()]
    with open_graph() as graph:
        try:
            payload = CohortCreate(
                name=name, youth_ids=ids, rules=CohortRules(cohort_cap=cohort_cap)
            )
            cohort = cohorts.create(graph, SYSTEM, payload)
        except (DomainError, ValueError) as error:
            fail(str(error), code=2)
    console.print(f"Cohort {cohort.id}: {cohort.youth_count} youths.")


@cohort_app.command("compute")
def cohort_compute(
    cohort_id: str, solver: Annotated[Solver, typer.Option()] = Solver.OPTIMAL
) -> None:
    """Compute the draft and compare it with first-come-first-served."""
    with open_graph() as graph:
        try:
            cohort = cohorts.compute_draft(
                graph,
                cohort_id,
                rankers=training.active_rankers(graph),
                settings=settings(),
                use=solver,
            )
        except DomainError as error:
            fail(str(error), code=2)
    table = Table("", "total score", "matched", "priority matched", "load min/max", "load std")
    for label, f in ((solver.value, cohort.figures), ("first come", cohort.greedy_figures)):
        if f:
            table.add_row(
                label,
                f"{f.total_score:.2f}",
                f"{f.matched_share:.1%}",
                "-" if f.priority_matched_share is None else f"{f.priority_matched_share:.1%}",
                f"{f.load_min}/{f.load_max}",
                f"{f.load_std:.2f}",
            )
    console.print(table)


@cohort_app.command("show")
def cohort_show(cohort_id: str) -> None:
    with open_graph() as graph:
        try:
            console.print_json(cohorts.get(graph, SYSTEM, cohort_id).model_dump_json())
        except DomainError as error:
            fail(str(error), code=2)


@cohort_app.command("assign")
def cohort_assign(cohort_id: str, youth_id: str, mentor_id: str) -> None:
    """Change the draft: give YOUTH_ID the mentor MENTOR_ID (or `none`)."""
    with open_graph() as graph:
        try:
            cohorts.change(
                graph,
                SYSTEM,
                cohort_id,
                youth_id,
                None if mentor_id == "none" else mentor_id,
                settings=settings(),
            )
        except DomainError as error:
            fail(str(error), code=2)
    console.print(f"{youth_id} -> {mentor_id}")


@cohort_app.command("publish")
def cohort_publish(cohort_id: str) -> None:
    """Publish: one background task per youth (run here when no Redis is configured)."""
    config = settings()
    use_settings(config)
    with open_graph(config) as graph:
        runtime.configure(config, graph)
        try:
            _, queued = cohorts.publish_and_queue(graph, SYSTEM, cohort_id)
        except DomainError as error:
            fail(str(error), code=2)
    where = "queued on Redis" if config.redis_url else "done"
    console.print(f"Published {queued} match(es): {where}.")


def retrain_command() -> None:
    """Retrain the rankers from recorded outcomes now; promote the versions not worse."""
    with open_graph() as graph:
        reports = training.retrain(graph)
        history = training.model_history(graph, SYSTEM, 50)
    table = Table("kind", "rows", "positives", "version", "AUC new", "AUC current", "result")
    for r in reports:
        table.add_row(
            r.kind,
            str(r.rows),
            str(r.positives),
            str(r.version or "-"),
            "-" if r.auc_new is None else f"{r.auc_new:.3f}",
            "-" if r.auc_current is None else f"{r.auc_current:.3f}",
            r.note,
        )
    console.print(table)
    console.print(f"{len(history)} stored ranker version(s).")


def worker_command(
    concurrency: Annotated[int, typer.Option(help="Worker processes.")] = 2,
) -> None:
    """Run a Celery worker (needs REDIS_URL)."""
    if not settings().redis_url:
        fail("set REDIS_URL (e.g. redis://127.0.0.1:6379/0): without it tasks run in-process")
    command = [sys.executable, "-m", "celery", "-A", "workers.app", "worker"]
    raise typer.Exit(subprocess.call([*command, "-c", str(concurrency), "-l", "INFO"]))


def beat_command() -> None:
    """Run Celery beat, which queues the periodic jobs (needs REDIS_URL)."""
    if not settings().redis_url:
        fail("set REDIS_URL: without it `multaqa serve` runs the periodic jobs itself")
    raise typer.Exit(
        subprocess.call([sys.executable, "-m", "celery", "-A", "workers.app", "beat", "-l", "INFO"])
    )
