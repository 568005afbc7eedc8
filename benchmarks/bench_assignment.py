"""Cohort assignment benchmark: the optimiser against first come, first served, on one cohort.

Reads the demo data from the configured graph (run `make up` first, or point NEO4J_URI at a
graph with embedded profiles), scores every youth's shortlisted mentors with the recommender,
then solves the same instance both ways and prints, in one run: total score, share of youths
matched (overall and among priority youths), mentor load spread, and the time of each step.

    .venv/bin/python benchmarks/bench_assignment.py [--youths 2000] [--order random]
"""

from __future__ import annotations

import random
import time
from typing import Annotated

import typer
from rich.table import Table

from graph import records as graph_records
from matcher import assignment as solver
from matcher.weights import default_rankers
from models.cohort import CohortRules
from models.records import RecordType
from scripts.console import console, fail, open_graph, settings
from services import cohorts, training

TARGET_S = 30.0


def main(
    youths: Annotated[int, typer.Option(help="Cohort size (the first N demo youths).")] = 2000,
    order: Annotated[str, typer.Option(help="Arrival order for greedy: id or random.")] = "random",
    seed: int = 0,
    first_time: Annotated[
        bool, typer.Option(help="Priority to youths never mentored (all of the demo's are).")
    ] = False,
    priors: Annotated[
        bool, typer.Option(help="Score with the prior weights, not the trained ranker versions.")
    ] = True,
) -> None:
    config = settings()
    with open_graph(config) as graph:
        started = time.perf_counter()
        youth_ids = graph.read(graph_records.all_ids, RecordType.YOUTH)[:youths]
        mentor_ids = graph.read(graph_records.all_ids, RecordType.MENTOR)
        if not youth_ids or not mentor_ids:
            fail("no youths or mentors: run `make up` (or `multaqa seed-demo`) first")
        instance = cohorts.build_instance(
            graph,
            youth_ids,
            mentor_ids,
            # Rural youths come first on a tie; every demo youth is a first-timer, so that
            # rule would make everyone a priority and is off unless asked for.
            CohortRules(priority_first_time=first_time),
            rankers=default_rankers() if priors else training.active_rankers(graph),
            settings=config,
        )
        scored = time.perf_counter()
    if not any(p.embedding is not None for p in instance.profiles.values()):
        console.print("[yellow]profiles have no embeddings: run `multaqa embed` first[/]")
    arrival = list(instance.youths)
    if order == "random":
        random.Random(seed).shuffle(arrival)

    t0 = time.perf_counter()
    optimal = solver.optimal_assignment(
        instance.youths, instance.pairs, instance.capacity, instance.rules
    )
    t1 = time.perf_counter()
    greedy = solver.greedy_assignment(arrival, instance.pairs, instance.capacity, instance.rules)
    t2 = time.perf_counter()
    assert not solver.check_assignment(
        optimal, instance.youths, instance.pairs, instance.capacity, instance.rules
    )

    places = sum(instance.capacity.values())
    console.print(
        f"{len(instance.youths)} youths, {len(instance.capacity)} mentors with {places} free "
        f"places, {len(instance.pairs)} allowed scored pairs, "
        f"{len(instance.rules.priority)} priority youths (first-time or rural)"
    )
    table = Table(
        "",
        "total score",
        "matched",
        "priority matched",
        "mean score",
        "load min/max",
        "load std",
        "solve s",
    )
    for label, result, seconds in (
        ("optimiser (min-cost flow)", optimal, t1 - t0),
        (f"first come ({order} order)", greedy, t2 - t1),
    ):
        figures = cohorts.figures(result, instance)
        table.add_row(
            label,
            f"{figures.total_score:.2f}",
            f"{figures.matched_share:.1%}",
            "-"
            if figures.priority_matched_share is None
            else f"{figures.priority_matched_share:.1%}",
            f"{figures.mean_score:.3f}",
            f"{figures.load_min}/{figures.load_max}",
            f"{figures.load_std:.2f}",
            f"{seconds:.2f}",
        )
    console.print(table)
    total = (scored - started) + (t1 - t0)
    console.print(
        f"read + score {scored - started:.1f} s, optimise {t1 - t0:.2f} s: "
        f"total {total:.1f} s (target < {TARGET_S:.0f} s: {'PASS' if total < TARGET_S else 'FAIL'})"
    )
    better = (
        cohorts.figures(optimal, instance).total_score
        >= cohorts.figures(greedy, instance).total_score
    )
    console.print(f"optimiser total score >= first come: {'PASS' if better else 'FAIL'}")


if __name__ == "__main__":
    typer.run(main)
