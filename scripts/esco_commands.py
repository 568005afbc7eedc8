"""`multaqa esco load`: the ESCO taxonomy into the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    TaskID,
)
from rich.table import Table

from graph import esco as graph_esco
from graph import schema
from matcher.encoders import load_encoder
from scripts.console import console, fail, open_graph, progress_bar, settings
from services import esco, refresh, skill_links
from services.db import Graph

app = typer.Typer(
    help="The ESCO skills and occupations taxonomy (ESCO © European Union).", no_args_is_help=True
)

PHASES = ("skills", "occupations", "relations")


@app.command("load")
def load_command(
    data_dir: Annotated[
        Path, typer.Option("--data-dir", help="Folder of the ESCO product data.")
    ] = esco.DATA_DIR,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per transaction.")] = 2000,
    occupation_limit: Annotated[
        int | None,
        typer.Option("--occupations", min=1, help="Load only this many occupations (for trials)."),
    ] = None,
) -> None:
    """Apply the schema, then load ESCO skills, occupations and their links (idempotent)."""
    if not (data_dir / esco.SKILLS_FILE).is_file():
        fail(f"no ESCO data in {data_dir} (build it with `python benchmarks/build_esco_data.py`)")
    with open_graph() as graph:
        schema.migrate(graph.driver, database=graph.database)
        with progress_bar() as progress:
            tasks: dict[str, TaskID] = {}

            def advance(phase: str, done: int, total: int) -> None:
                if phase not in tasks:
                    tasks[phase] = progress.add_task(phase.capitalize(), total=total)
                progress.update(tasks[phase], completed=done)

            counts = esco.load_esco(
                graph,
                data_dir=data_dir,
                batch_size=batch_size,
                on_progress=advance,
                occupation_limit=occupation_limit,
            )
        console.print(_counts_table(counts))
        link_taxonomy(graph)


def link_taxonomy(graph: Graph) -> None:
    """Embed the taxonomy with the configured encoder, then link skills and offers to it."""
    encoder = load_encoder(settings().encoder)
    with progress_bar() as progress:
        task = progress.add_task("Embedding ESCO", total=None)
        embedded = skill_links.embed_taxonomy(
            graph, encoder, on_progress=lambda _, n: progress.advance(task, n)
        )
    terms, offers = refresh.link_to_esco(graph, encoder)
    console.print(
        f"Embedded {embedded} ESCO concept(s); linked {terms} written skill(s) and "
        f"{offers} offer(s) to ESCO."
    )


def _counts_table(counts: dict[str, int]) -> Table:
    table = Table(title=f"ESCO v{graph_esco.ESCO_VERSION}")
    table.add_column("kind")
    table.add_column("in data", justify="right")
    table.add_column("created or changed", justify="right")
    for phase in PHASES:
        table.add_row(phase, f"{counts[phase]:,}", f"{counts[f'{phase}_written']:,}")
    return table
