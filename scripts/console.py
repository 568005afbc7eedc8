"""What every CLI command shares: the console, opening the graph, failing with a message."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.driver import GraphUnavailable
from services.db import Graph, connect
from services.settings import Settings, get_settings

# Piped or in CI, Rich would wrap tables at 80 columns: give them room.
console = Console(width=None if sys.stdout.isatty() else 160)
errors = Console(stderr=True)


def progress_bar() -> Progress:
    """The progress bar every long command shows: what, bar, done/total, time."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def fail(message: str, *, code: int = 1) -> NoReturn:
    """Print an error to stderr and exit with `code`."""
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def settings() -> Settings:
    try:
        return get_settings()
    except ValueError as error:
        fail(f"invalid configuration: {error}")


@contextmanager
def open_graph(config: Settings | None = None) -> Iterator[Graph]:
    """The graph, or a clear exit when Neo4j is not reachable."""
    config = config or settings()
    try:
        graph = connect(config)
    except GraphUnavailable as error:
        hint = (
            "start the embedded server with `multaqa neo4j start`"
            if config.uses_embedded_neo4j
            else "check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD"
        )
        fail(f"{error}\n{hint}")
    try:
        yield graph
    finally:
        graph.close()
