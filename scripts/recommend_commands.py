"""`multaqa recommend` and `multaqa embed`: suggestions and the vectors behind them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from matcher.encoders import load_encoder
from matcher.kinds import SuggestionKind
from matcher.reasons import LANGS
from matcher.weights import default_rankers
from scripts.console import console, fail, open_graph, settings
from services import recommendations, refresh
from services.access import SYSTEM
from services.errors import InvalidInput, NotFound


def embed_command() -> None:
    """Embed every record that is new or changed since it was last embedded."""
    config = settings()
    encoder = load_encoder(config.encoder)
    with (
        open_graph(config) as graph,
        Progress(
            TextColumn("Embedding"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress,
    ):
        task = progress.add_task("embed", total=None)
        done = refresh.refresh_derived(
            graph,
            encoder,
            on_total=lambda n: progress.update(task, total=n),
            on_progress=lambda n: progress.advance(task, n),
        )
    console.print(
        f"Embedded {done.embedded} record(s) with {encoder.name}; linked {done.terms} written "
        f"skill(s) and {done.offers} offer(s) to ESCO."
    )


def recommend_command(
    kind: Annotated[
        str, typer.Argument(help="mentors, jobs, partners, peers, mentees, candidates")
    ],
    for_ids: Annotated[
        list[str] | None, typer.Option("--for", help="A record id (repeatable).")
    ] = None,
    for_file: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="A file with one id per line.")
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    lang: Annotated[str, typer.Option(help="Language of the reasons: ar, fr or en.")] = "fr",
) -> None:
    """Suggestions of one kind for one or more records, with their reasons."""
    try:
        suggestion_kind = SuggestionKind(kind)
    except ValueError:
        fail(
            f"unknown kind {kind!r}; the kinds are " + ", ".join(x.value for x in SuggestionKind),
            code=2,
        )
    if lang not in LANGS:
        fail(f"unknown language {lang!r}; use ar, fr or en", code=2)
    ids = list(for_ids or [])
    if for_file is not None:
        ids += [line.strip() for line in for_file.read_text("utf-8").splitlines() if line.strip()]
    if not ids:
        fail("give at least one --for ID or a --for-file", code=2)
    config = settings()
    encoder, rankers = load_encoder(config.encoder), default_rankers()
    with open_graph(config) as graph:
        for record_id in ids:
            try:
                result = recommendations.recommend(
                    graph,
                    SYSTEM,
                    suggestion_kind,
                    record_id,
                    rankers=rankers,
                    settings=config,
                    encoder=encoder,
                    k=k,
                    lang=lang,  # type: ignore[arg-type]
                )
            except (NotFound, InvalidInput) as error:
                fail(str(error), code=2)
            _print(result.model_dump(mode="json", by_alias=True), as_json)


def _print(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return
    console.print(f"[bold]{result['kind']} for {result['for']}[/]")
    for rank, item in enumerate(result["items"], start=1):
        console.print(f"{rank:>2}. {item['id']}  {item['score']:.3f}")
        for reason in item["reasons"]:
            console.print(f"      - {reason}", highlight=False)
