"""`multaqa neo4j start|stop|status`: the embedded Neo4j server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph import embedded_server
from scripts.console import console, fail, settings
from services.settings import Settings

app = typer.Typer(help="Run the embedded Neo4j server (not needed when NEO4J_URI is set).")

DataDirOption = Annotated[Path | None, typer.Option("--data-dir", help="Where the database lives.")]


def ensure_started(
    config: Settings, data_dir: Path | None = None, bolt_port: int | None = None
) -> embedded_server.ServerInfo:
    """Start the embedded server unless it already runs on this data directory."""
    directory = data_dir or config.data_dir
    running = embedded_server.status(directory)
    if running is not None:
        return running
    password = config.neo4j_password.get_secret_value() if config.neo4j_password else None
    console.print(f"Starting Neo4j in {directory} (first start builds it with Maven)...")
    try:
        return embedded_server.start(
            directory,
            bolt_port=bolt_port or config.bolt_port,
            heap=config.neo4j_heap,
            pagecache=config.neo4j_pagecache,
            password=password,
        )
    except embedded_server.EmbeddedNeo4jError as error:
        fail(str(error))


@app.command()
def start(
    data_dir: DataDirOption = None,
    bolt_port: Annotated[int | None, typer.Option(help="Bolt port on 127.0.0.1.")] = None,
) -> None:
    """Start the server in the background and return once it accepts connections."""
    config = settings()
    directory = data_dir or config.data_dir
    running = embedded_server.status(directory)
    if running is not None:
        fail(
            f"Neo4j is already running on {directory} (pid {running.pid}, {running.uri}); "
            f"stop it with `multaqa neo4j stop --data-dir {directory}`"
        )
    info = ensure_started(config, directory, bolt_port)
    console.print(f"Neo4j ready at {info.uri} (pid {info.pid}, data in {info.data_dir})")


@app.command()
def stop(data_dir: DataDirOption = None) -> None:
    """Stop the server cleanly (SIGTERM; nothing written is lost)."""
    directory = data_dir or settings().data_dir
    try:
        stopped = embedded_server.stop(directory)
    except embedded_server.EmbeddedNeo4jError as error:
        fail(str(error))
    console.print("Neo4j stopped." if stopped else f"Neo4j was not running on {directory}.")


@app.command()
def status(data_dir: DataDirOption = None) -> None:
    """Say whether the server runs, with its pid and address; exit 1 when it does not."""
    directory = data_dir or settings().data_dir
    info = embedded_server.status(directory)
    if info is None:
        console.print(f"Neo4j is not running on {directory}.")
        raise typer.Exit(1)
    console.print(f"Neo4j is running: {info.uri}, pid {info.pid}, data in {info.data_dir}")
