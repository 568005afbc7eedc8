"""The `multaqa` command line: one entry point, each command calling one use case."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from demo.accounts import DEMO_PASSWORD
from graph import schema
from models.user import Role
from scripts import (
    connection_commands,
    data_commands,
    esco_commands,
    evaluate_commands,
    event_commands,
    neo4j_commands,
    recommend_commands,
)
from scripts.console import console, fail, open_graph, settings
from services import accounts
from services import esco as esco_service
from services import status as status_service
from services.errors import Conflict

app = typer.Typer(
    help="Multaqa: networking and matchmaking for youth platforms.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(neo4j_commands.app, name="neo4j")
app.add_typer(esco_commands.app, name="esco")
app.command("import")(data_commands.import_command)
app.command("export")(data_commands.export_command)
app.command("seed-demo")(data_commands.seed_demo_command)
app.command("embed")(recommend_commands.embed_command)
app.command("recommend")(recommend_commands.recommend_command)
app.command("evaluate")(evaluate_commands.evaluate_command)
app.add_typer(connection_commands.intro_app, name="intro")
app.add_typer(connection_commands.mentors_app, name="mentors")
app.add_typer(connection_commands.cohort_app, name="cohort")
app.add_typer(event_commands.app, name="event")
app.command("retrain")(connection_commands.retrain_command)
app.command("worker")(connection_commands.worker_command)
app.command("beat")(connection_commands.beat_command)


def esco_loaded() -> bool:
    """Whether this version of ESCO is already in the graph."""
    with open_graph() as graph:
        return esco_service.is_loaded(graph)


@app.command()
def migrate() -> None:
    """Apply constraints, indexes and reference places (idempotent)."""
    with open_graph() as graph:
        version = schema.migrate(graph.driver, database=graph.database)
    console.print(f"Schema at version {version}.")


@app.command()
def status() -> None:
    """Neo4j connectivity, schema version and record counts."""
    with open_graph() as graph:
        report = status_service.health(graph, with_counts=True)
    console.print_json(data=report)
    if report["neo4j"] != "up":
        raise typer.Exit(1)


@app.command("create-admin")
def create_admin(
    email: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[
        str,
        typer.Option(
            prompt=True, hide_input=True, confirmation_prompt=True, envvar="MULTAQA_ADMIN_PASSWORD"
        ),
    ],
) -> None:
    """Create an admin account (password prompted, or from MULTAQA_ADMIN_PASSWORD)."""
    if len(password) < 10:
        fail("the password needs at least 10 characters", code=2)
    with open_graph() as graph:
        try:
            user = accounts.create_account(graph, email=email, password=password, role=Role.ADMIN)
        except Conflict as error:
            fail(str(error))
    console.print(f"Admin {user.email} created ({user.id}).")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Defaults to MULTAQA_API_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Defaults to MULTAQA_API_PORT.")] = None,
) -> None:
    """Serve the API (docs at /docs)."""
    config = settings()
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host or config.api_host,
        port=port or config.api_port,
        server_header=False,  # no "Server: uvicorn" telling which software answers
        date_header=True,
    )


@app.command()
def up(
    scale: Annotated[float, typer.Option(help="Size of the demo data.")] = 1.0,
    serve_api: Annotated[bool, typer.Option("--serve/--no-serve")] = True,
) -> None:
    """The main job: start Neo4j (embedded unless NEO4J_URI), migrate, load demo data, serve."""
    config = settings()
    if config.uses_embedded_neo4j:
        neo4j_commands.ensure_started(config)
    migrate()
    if not esco_loaded():
        esco_commands.load_command()
    data_commands.seed_demo_command(scale=scale, seed=0, output=None)
    demo = data_commands.demo_accounts_command()
    event = data_commands.demo_event_command()
    recommend_commands.embed_command()
    url = f"http://{config.api_host}:{config.api_port}/"
    if serve_api:
        console.print(f"\n[bold]Multaqa is on {url}[/bold]  (API docs: {url}docs)")
    else:
        console.print(f"\nReady: `multaqa serve` serves it on {url}")
    console.print(f"Demo accounts, password [bold]{DEMO_PASSWORD}[/bold]:")
    for account in demo:
        console.print(f"  {account.email:28} {account.what}")
    console.print(f"Upcoming event to register to: {event.title} ({url}events/{event.id})")
    if serve_api:
        console.print("Ctrl-C stops the server; `multaqa neo4j stop` stops Neo4j.")
        serve(host=None, port=None)


if __name__ == "__main__":
    app()
