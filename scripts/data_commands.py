"""`multaqa import`, `export` and `seed-demo`: records in and out of the graph."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from demo.accounts import DemoAccount, ensure_demo_accounts
from demo.data import generate_demo
from demo.events import ensure_demo_event
from matcher.encoders import load_encoder
from models.event import Event
from scripts.console import console, errors, fail, open_graph, progress_bar, settings
from services import exporter, importer
from services.db import Graph
from services.record_files import Encoding, RawLine, json_line, read_records
from services.settings import Settings

MAX_ERRORS_SHOWN = 50


def _print_errors(line_errors: list[importer.LineError]) -> None:
    for error in line_errors[:MAX_ERRORS_SHOWN]:
        errors.print(str(error), highlight=False, markup=False)
    if len(line_errors) > MAX_ERRORS_SHOWN:
        errors.print(f"... and {len(line_errors) - MAX_ERRORS_SHOWN} more")


def _print_report(report: importer.ImportReport) -> None:
    table = Table(title="Import")
    for column in ("type", "created", "updated", "unchanged"):
        table.add_column(column, justify="right" if column != "type" else "left")
    for kind in importer.WRITE_ORDER:
        name = kind.value
        table.add_row(
            name, *(str(c[name]) for c in (report.created, report.updated, report.unchanged))
        )
    console.print(table)
    console.print(
        f"{report.embedded} record(s) embedded and linked to ESCO: ready for suggestions."
    )
    if report.errors:
        console.print(f"{len(report.errors)} invalid line(s) skipped.")


def run_import(
    graph: Graph, lines: Iterable[RawLine], config: Settings, *, skip_invalid: bool
) -> importer.ImportReport:
    """Validate, write and embed with progress bars; exit 1 listing the errors when rejected."""
    encoder = load_encoder(config.encoder)  # before the bars: loading takes a few seconds
    with progress_bar() as progress:
        writing = progress.add_task("Writing", total=None)
        embedding = progress.add_task("Embedding", total=None, visible=False)

        def embed_total(total: int) -> None:
            progress.update(embedding, total=total, visible=True)

        steps = importer.ImportProgress(
            on_validated=lambda n: progress.update(writing, total=n),
            on_written=lambda n: progress.advance(writing, n),
            on_embed_total=embed_total,
            on_embedded=lambda n: progress.advance(embedding, n),
        )
        try:
            report = importer.import_lines(
                graph, lines, config, encoder=encoder, skip_invalid=skip_invalid, progress=steps
            )
        except importer.ImportRejected as rejected:
            progress.stop()
            _print_errors(rejected.errors)
            fail(
                f"{len(rejected.errors)} invalid line(s); nothing was written "
                "(fix them, or pass --skip-invalid to import the valid lines)"
            )
    if report.errors:
        _print_errors(report.errors)
    return report


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            exists=True, dir_okay=False, readable=True, help="JSON Lines, CSV or Excel files."
        ),
    ],
    skip_invalid: Annotated[bool, typer.Option(help="Import the valid lines anyway.")] = False,
    encoding: Annotated[
        str, typer.Option(help="CSV encoding: auto (UTF-8, else Windows-1256), utf-8, cp1256.")
    ] = "auto",
) -> None:
    """Import records (youth, mentor, organization, job_offer) from JSON Lines, CSV or .xlsx."""
    if encoding not in ("auto", "utf-8", "cp1256"):
        fail(f"--encoding must be auto, utf-8 or cp1256, not {encoding}")
    chosen: Encoding = encoding  # type: ignore[assignment]
    config = settings()
    lines = (raw for path in files for raw in read_records(path, encoding=chosen))
    with open_graph(config) as graph:
        _print_report(run_import(graph, lines, config, skip_invalid=skip_invalid))


def export_command(
    target: Annotated[Path, typer.Argument(help="A .jsonl file, or a directory for CSV.")],
    csv_format: Annotated[bool, typer.Option("--csv", help="One CSV file per type.")] = False,
) -> None:
    """Export every record in the import format."""
    with open_graph() as graph:
        if csv_format:
            counts = exporter.export_csv(graph, target)
        else:
            counts = exporter.export_jsonl(graph, target)
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    console.print(f"Exported {summary} to {target}")


def seed_demo_command(
    scale: Annotated[
        float, typer.Option(min=0.001, max=1000, help="Multiplies every count.")
    ] = 1.0,
    seed: Annotated[int, typer.Option(help="Same seed, same data.")] = 0,
    output: Annotated[Path | None, typer.Option(help="Write JSON Lines here instead.")] = None,
) -> None:
    """Generate the Khouribga demo dataset and import it (or write it to a file)."""
    records = generate_demo(scale=scale, seed=seed)
    if output is not None:
        with output.open("w", encoding="utf-8") as handle:
            count = sum(handle.write(json_line(r) + "\n") > 0 for r in records)
        console.print(f"Wrote {count} demo records to {output}")
        return
    config = settings()
    lines = (RawLine("demo", n, data) for n, data in enumerate(records, start=1))
    with open_graph(config) as graph:
        _print_report(run_import(graph, lines, config, skip_invalid=False))


def demo_accounts_command() -> list[DemoAccount]:
    """Create the demo accounts (youth, mentor, organisation member, staff) when missing."""
    config = settings()
    with open_graph(config) as graph:
        return ensure_demo_accounts(graph, config)


def demo_event_command() -> Event:
    """Create the demo's upcoming networking event when there is none."""
    config = settings()
    with open_graph(config) as graph:
        return ensure_demo_event(graph)
