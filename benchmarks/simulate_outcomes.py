"""Simulated outcomes on the demo data, to exercise learning from outcomes end to end.

The demo platform has no real history, so this script plays its users: for a sample of
youths it asks the real recommender for mentors and jobs (recording what was shown, with the
features, as the API does), then draws what each youth and mentor would have done from a
*hidden* preference that differs from the prior weights — here people care much more about
distance and shared languages than the priors assume. The outcomes are recorded with dates
spread over the past 60 days. Then the ranker is retrained — through a Celery worker when
`--via-worker` and REDIS_URL are given — and the new version is compared with the priors.

Everything this writes is marked simulated (`simulated: true` on its events); it is a
demonstration of the mechanism, not evidence about real people.

    .venv/bin/python benchmarks/simulate_outcomes.py --youths 300 [--via-worker]
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import numpy as np
import typer
from rich.table import Table

from graph import outcomes as graph_outcomes
from graph import records as graph_records
from matcher.features import FEATURES
from matcher.kinds import SuggestionKind
from matcher.weights import default_rankers
from models.records import RecordType
from scripts.console import console, fail, open_graph, progress_bar, settings
from services import outcomes, recommendations, training
from services.access import SYSTEM
from workers.app import make_celery

HIDDEN = {"semantic": 3.0, "proximity": 5.0, "shared_language": 2.0, "skill_coverage": 1.0}


def main(
    youths: Annotated[int, typer.Option(help="How many demo youths to play.")] = 300,
    seed: int = 0,
    via_worker: Annotated[
        bool, typer.Option(help="Retrain on a Celery worker (REDIS_URL).")
    ] = False,
    reset: Annotated[
        bool, typer.Option(help="First delete every recorded event and trained ranker.")
    ] = False,
) -> None:
    config = settings()
    rng = np.random.default_rng(seed)
    hidden = np.array([HIDDEN.get(name, 0.0) for name in FEATURES])
    now = dt.datetime.now(dt.UTC)
    rankers = default_rankers()
    counts = {"shown": 0, "accepted": 0, "declined": 0}
    with open_graph(config) as graph:
        ids = graph.read(graph_records.all_ids, RecordType.YOUTH)
        if not ids:
            fail("no youths: run `make up` first")
        if reset:
            graph.write(graph_outcomes.forget_everything)
        sample = rng.choice(ids, size=min(youths, len(ids)), replace=False)
        with progress_bar() as bar:
            task = bar.add_task("Playing youths", total=len(sample))
            for youth_id in sample:
                at = now - dt.timedelta(days=float(rng.uniform(15, 60)))
                for kind in (SuggestionKind.MENTORS, SuggestionKind.JOBS):
                    _play(graph, config, rankers, kind, str(youth_id), at, hidden, rng, counts)
                bar.advance(task)
        console.print(
            f"Simulated {counts['shown']} shown suggestions: {counts['accepted']} accepted, "
            f"{counts['declined']} declined, the rest ignored."
        )
        if via_worker:
            if not config.redis_url:
                fail("--via-worker needs REDIS_URL and a running `multaqa worker`")
            app = make_celery(config)
            reports = app.send_task("multaqa.retrain_ranker").get(timeout=600)
        else:
            reports = [vars(r) for r in training.retrain(graph)]
        _print(reports)
        console.print(f"{len(training.model_history(graph, SYSTEM, 100))} stored version(s).")


def _play(graph, config, rankers, kind, youth_id, at, hidden, rng, counts) -> None:  # type: ignore[no-untyped-def]
    """One youth looks at one list: records it as shown, then what happened to each item."""
    recommendations.recommend(
        graph,
        SYSTEM,
        kind,
        youth_id,
        rankers=rankers,
        settings=config,
        k=5,
        record_shown=True,
        shown_at=at,
    )
    shown = graph.read(graph_outcomes.shown_features, youth_id, kind.value)
    for target, values in shown.items():
        features = np.asarray(values)
        counts["shown"] += 1
        # The same hidden taste decides whether the youth asks and whether the answer is yes.
        p = 1 / (1 + np.exp(-3 * (features @ hidden / hidden.sum() - 0.45)))
        if rng.random() > p:
            continue  # not requested: ignored
        event = "accepted" if rng.random() < p else "declined"
        counts[event] += 1
        props = outcomes.event_props(youth_id, target, kind.value, event, at + dt.timedelta(days=2))
        graph.write(graph_outcomes.record_event, props | {"simulated": True})


def _print(reports: list[dict]) -> None:  # type: ignore[type-arg]
    table = Table(
        "kind", "labelled pairs", "positives", "version", "AUC new", "AUC priors/current", "result"
    )
    for r in reports:
        table.add_row(
            r["kind"],
            str(r["rows"]),
            str(r["positives"]),
            str(r["version"] or "-"),
            "-" if r["auc_new"] is None else f"{r['auc_new']:.3f}",
            "-" if r["auc_current"] is None else f"{r['auc_current']:.3f}",
            r["note"],
        )
    console.print(table)


if __name__ == "__main__":
    typer.run(main)
