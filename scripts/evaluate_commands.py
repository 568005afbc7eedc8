"""`multaqa evaluate`: the recommender against three baselines on a labelled ESCO set.

Starts its own embedded Neo4j in a temporary directory (the user's database is never
touched), loads and embeds ESCO, imports the evaluation set built by
`evaluation.sets`, then prints, side by side, nDCG@10, recall@10 and MRR@10 of random,
TF-IDF character n-grams, embedding-only brute force and the full recommender, per task
(jobs, mentors) and language pair; then the encoder's STS17 and job-title figures, and how
long each phase took.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from evaluation import crossval, fit_report
from evaluation import fitting as ranker_fitting
from evaluation import metrics as evaluation
from evaluation import runs as evaluation_runs
from evaluation import tables as evaluate_parts
from evaluation.encoder_cache import CachedEncoder
from evaluation.free_text import PROFILES_PATH, build_free_text_set, read_profiles
from evaluation.melo import read_melo, shared_eval_dir
from evaluation.sets import PAIRS, ArabicSkills, EvaluationSet, Task, build_evaluation_set
from graph import schema
from graph.driver import GraphUnavailable
from matcher.encoders import Encoder, load_encoder
from matcher.kinds import SuggestionKind
from matcher.quality import STS_TRACKS, public_set_scores
from matcher.ranker import MatchRanker
from matcher.weights import PRIORS_PATH, default_rankers, hand_rankers
from scripts.console import console, fail, settings
from services import training
from services.db import Graph, connect, embedded_graph
from services.occupation_links import cache_dir
from services.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EVAL_DATA = shared_eval_dir()
PAIR_ROWS = [f"{a}→{b}" for a, b in PAIRS] + [evaluation.ALL_PAIRS]
VARIANTS: dict[str, tuple[ArabicSkills, ...]] = {"fr": ("fr",), "none": ("none",)}
VARIANTS["both"] = ("fr", "none")
CANDIDATES_DIR = cache_dir()


def evaluate_command(
    occupations: Annotated[
        int, typer.Option("--occupations", min=5, help="ESCO occupations in the set.")
    ] = 120,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the set and of random.")] = 7,
    keep_db: Annotated[
        bool,
        typer.Option(
            "--keep-db/--no-keep-db",
            help="Keep the temporary database directory (printed) after the run.",
        ),
    ] = False,
    arabic_skills: Annotated[
        str,
        typer.Option(
            "--arabic-skills",
            help="Arabic youths' skills: 'fr' (written in French), 'none', or 'both' runs.",
        ),
    ] = "fr",
    eval_data: Annotated[
        Path, typer.Option("--eval-data", help="Folder of STS17 and job-title similarity.")
    ] = EVAL_DATA,
    only: Annotated[
        str,
        typer.Option(
            "--only",
            help="Which parts: a (free-text profiles on the demo data), b (MELO), "
            "c (the ESCO-built set), e.g. 'ab'.",
        ),
    ] = "abc",
    sample: Annotated[
        int | None,
        typer.Option("--sample", min=10, help="MELO: at most N training and N held-out queries."),
    ] = None,
    profiles: Annotated[
        Path, typer.Option("--profiles", help="Hand-written youth profiles of part (a).")
    ] = PROFILES_PATH,
    refit: Annotated[
        bool,
        typer.Option(
            "--refit",
            help="Fit the priors again from the candidates --fit runs kept (no graph), print "
            "the cross-validated figures and ablation and write the weights.",
        ),
    ] = False,
    fit: Annotated[
        bool,
        typer.Option(
            "--fit/--no-fit",
            help="Keep the candidates of the sets run, fit the ranker's prior weights on every "
            "kept set (each weighing the same), print the cross-validated figures and "
            "ablation and write matcher/data/ranker_priors.json.",
        ),
    ] = False,
) -> None:
    """Compare random, TF-IDF, embedding-only and the full recommender on labelled sets."""
    if arabic_skills not in VARIANTS:
        fail("--arabic-skills must be fr, none or both", code=2)
    if not only or set(only) - set("abc"):
        fail("--only takes the letters a, b and c", code=2)
    if refit:
        fit_priors(ranker_fitting.load_candidates(CANDIDATES_DIR), "refit", None)
        return
    config = settings()
    timings = evaluation.Timings()
    with timings.phase("load encoder"):
        cached = CachedEncoder(load_encoder(config.encoder))
    encoder: Encoder = cached
    kept: ranker_fitting.Kept = {}
    if "a" in only:
        kept["a"] = run_part_a(config, encoder, profiles, keep_db, timings).candidates
        cached.save()
    if "b" in only:
        kept["b"] = run_part_b(config, encoder, sample, keep_db, timings).candidates
        cached.save()
    if "c" in only:
        with own_graph(config, keep=keep_db, timings=timings) as (graph, local):
            for n, variant in enumerate(VARIANTS[arabic_skills]):
                found = run_variant(
                    graph,
                    local,
                    encoder,
                    occupations,
                    seed,
                    variant,
                    timings,
                    first=n == 0,
                    collect=fit and n == 0,
                )
                kept.update({"c": found} if found else {})
        cached.save()
        with timings.phase("encoder quality"):
            console.print(encoder_table(encoder, eval_data))
    if fit:
        # The sets run now replace their kept candidates; the others' stay (`--only c --fit`
        # after `--only ab --fit` fits on all three).
        ranker_fitting.save_candidates(kept, CANDIDATES_DIR)
        fit_priors(ranker_fitting.load_candidates(CANDIDATES_DIR), only, sample)
    console.print(timings_table(timings))


def run_part_a(
    config: Settings, encoder: Encoder, path: Path, keep: bool, timings: evaluation.Timings
) -> evaluation_runs.Run:
    """(a): the hand-written profiles against the demo offers and mentors."""
    set_a = build_free_text_set(read_profiles(path))
    console.print(
        f"[bold](a) free text[/]: {len(set_a.queries)} hand-written profiles ({path.name}), "
        f"{sum(r['type'] == 'job_offer' for r in set_a.records)} demo offers, "
        f"{sum(r['type'] == 'mentor' for r in set_a.records)} demo mentors"
    )
    with timings.phase("(a) linking"):
        linking = evaluation_runs.free_text_linking(set_a, encoder)
        console.print(evaluate_parts.free_text_linking_table(linking))
    with own_graph(config, keep=keep, timings=timings) as (graph, local):
        run = evaluation_runs.run_free_text(graph, local, encoder, set_a, timings)
    for table in evaluate_parts.free_text_tables(set_a, run):
        console.print(table)
    return run


def run_part_b(
    config: Settings, encoder: Encoder, sample: int | None, keep: bool, timings: evaluation.Timings
) -> evaluation_runs.Run:
    """(b): MELO French titles, linking then ranking."""
    melo = read_melo()
    with timings.phase("(b) linking"):
        console.print(
            evaluate_parts.melo_linking_table(evaluation_runs.melo_linking(melo, encoder, sample))
        )
    with own_graph(config, keep=keep, timings=timings) as (graph, local):
        run = evaluation_runs.run_melo(graph, local, encoder, melo, timings, sample=sample)
    console.print(evaluate_parts.melo_ranking_table(melo, run))
    return run


def fit_priors(kept: ranker_fitting.Kept, only: str, sample: int | None) -> None:
    """Fit on every kept set, print the cross-validated figures and the ablation, and save the
    weights with how they were fitted."""
    if not kept:
        fail("no kept candidates: run `multaqa evaluate --only abc --fit` first", code=2)
    fitted, tables, figures = fit_report.fit_and_ablate(kept)
    for table in tables:
        console.print(table)
    if only == "refit":
        command = "multaqa evaluate --refit` (the candidates kept by `--fit` runs)"
    else:
        command = f"multaqa evaluate --only {only} --fit" + (
            f" --sample {sample}`" if sample else "`"
        )
    sets = " and ".join(f"({letter})" for letter in sorted(kept))
    ranker_fitting.save_priors(
        fitted,
        description=f"`{command}: every query of {sets}, each set weighing the same; "
        f"figures cross-validated ({crossval.FOLDS} folds stratified by group)",
        held_out=figures,
    )
    console.print(f"Fitted weights written to {PRIORS_PATH}")


def run_variant(
    graph: Graph,
    config: Settings,
    encoder: Encoder,
    occupations: int,
    seed: int,
    variant: ArabicSkills,
    timings: evaluation.Timings,
    *,
    first: bool,
    collect: bool = False,
) -> dict[Task, list[ranker_fitting.QueryCandidates]] | None:
    """Build the set with this choice for Arabic youths' skills, import it, evaluate, print;
    with `collect`, return every query's candidates and features (to fit the priors on)."""
    with timings.phase("build set"):
        evaluation_set = build_evaluation_set(
            occupations=occupations, seed=seed, arabic_skills=variant
        )
    console.print(_summary(evaluation_set, variant))
    # ESCO goes into this graph once, with its first variant (not "once per process": parts
    # (a) and (b) loaded it into graphs of their own, and (c) ran without it).
    if first:
        evaluation.prepare_graph(graph, evaluation_set, config, encoder, timings)
    else:
        evaluation.import_records(graph, evaluation_set, config, encoder, timings)
    systems = _systems(graph, config, encoder, evaluation_set, seed, timings)
    report = evaluation.Report()
    for system in systems:
        with timings.phase(f"rank: {system.name}"):
            single = evaluation.evaluate([system], evaluation_set)
        report.scores.update(single.scores)
        report.rankings.update(single.rankings)
    for task in evaluation.TASKS:
        console.print(results_table(report, task, variant))
    if not collect:
        return None
    return evaluation_runs.esco_set_candidates(graph, config, encoder, evaluation_set, timings)


def _systems(
    graph: Graph,
    config: Settings,
    encoder: Encoder,
    evaluation_set: EvaluationSet,
    seed: int,
    timings: evaluation.Timings,
) -> list[evaluation.System]:
    k = evaluation.catalogue_k(evaluation_set)
    with timings.phase("fit baselines"):
        systems: list[evaluation.System] = [
            evaluation.RandomSystem(seed),
            evaluation.TfidfSystem(evaluation_set),
            evaluation.EmbeddingSystem(evaluation_set, encoder),
            evaluation.FullSystem(graph, config, encoder, default_rankers(), k=k),
        ]
        if PRIORS_PATH.is_file():  # what fitting the priors changed, side by side
            systems.append(
                evaluation.FullSystem(
                    graph, config, encoder, hand_rankers(), k=k, name=evaluation_runs.HAND_NAME
                )
            )
    # The platform's own graph (not this private one) holds the trained ranker versions.
    trained, versions = trained_rankers(settings())
    if versions:
        name = "full, trained " + ", ".join(f"{kind} v{v}" for kind, v in versions.items())
        systems.append(evaluation.FullSystem(graph, config, encoder, trained, k=k, name=name))
    return systems


def trained_rankers(
    config: Settings,
) -> tuple[Mapping[SuggestionKind, MatchRanker], dict[str, int]]:
    """The ranker versions in use in the platform's graph (learned from its outcomes), to be
    evaluated beside the prior weights; none when that graph is down or has none."""
    try:
        graph = connect(config)
    except GraphUnavailable:
        return {}, {}
    try:
        rankers = training.active_rankers(graph)
    finally:
        graph.close()
    versions = {
        kind.value: ranker.version_
        for kind, ranker in rankers.items()
        if kind in (SuggestionKind.JOBS, SuggestionKind.MENTORS) and hasattr(ranker, "version_")
    }
    return rankers, versions


@contextmanager
def own_graph(
    config: Settings, *, keep: bool, timings: evaluation.Timings
) -> Iterator[tuple[Graph, Settings]]:
    """An embedded Neo4j of our own in a temporary directory, migrated, stopped at the end."""
    directory = Path(tempfile.mkdtemp(prefix="multaqa-evaluate-"))
    try:
        with ExitStack() as stack:
            with timings.phase("start Neo4j"):
                graph, local = stack.enter_context(embedded_graph(config, directory))
            schema.migrate(graph.driver, database=graph.database)
            yield graph, local
    finally:
        _dispose(directory, keep)


def _dispose(directory: Path, keep: bool) -> None:
    if keep:
        console.print(
            f"Database kept in {directory} "
            f"(`multaqa neo4j start --data-dir {directory}` to look at it)."
        )
        return
    import shutil

    shutil.rmtree(directory, ignore_errors=True)


def _summary(evaluation_set: EvaluationSet, variant: ArabicSkills) -> str:
    counts: dict[str, int] = {}
    for record in evaluation_set.records:
        counts[record["type"]] = counts.get(record["type"], 0) + 1
    graded = sum(len(q.relevant["jobs"]) for q in evaluation_set.queries)
    return (
        f"[bold]Evaluation set[/] (Arabic youths' skills: {variant}): "
        f"{len(evaluation_set.occupations)} ESCO occupations, "
        + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        + f"; {len(evaluation_set.queries)} queries per task, "
        f"{graded / max(1, len(evaluation_set.queries)):.2f} relevant offers per query"
    )


def results_table(report: evaluation.Report, task: str, variant: str) -> Table:
    """Systems side by side, ×100: nDCG@10, recall@10 and MRR@10 per language pair, plus the
    difference full recommender − embedding only."""
    systems = list(report.scores)
    table = Table(title=f"{task}: youth → item language, ×100 (Arabic youths' skills: {variant})")
    for column in ("pair", "metric", *systems, "full − emb"):
        table.add_column(column, justify="left" if column in ("pair", "metric") else "right")
    for pair in PAIR_ROWS:
        queries = report.scores[systems[0]][task][pair].queries  # type: ignore[index]
        for n, metric in enumerate(METRICS):
            label = f"{pair} ({queries})" if n == 0 else ""
            table.add_row(label, metric, *_cells(report, systems, task, pair, metric))
        table.add_section()
    return table


METRICS = {"nDCG@10": "ndcg", "R@10": "recall", "MRR@10": "mrr"}


def _cells(
    report: evaluation.Report, systems: Sequence[str], task: str, pair: str, metric: str
) -> list[str]:
    values = {
        name: 100 * getattr(report.scores[name][task][pair], METRICS[metric])  # type: ignore[index]
        for name in systems
    }
    cells = [f"{values[name]:.1f}" for name in systems]
    full, emb = evaluation.FullSystem.name, evaluation.EmbeddingSystem.name
    if full in values and emb in values:
        delta = values[full] - values[emb]
        cells.append(f"[{'green' if delta > 0 else 'red'}]{delta:+.1f}[/]")
    else:
        cells.append("")
    return cells


def encoder_table(encoder: Encoder, data: Path) -> Table:
    """STS17 Spearman ×100 and job-title nDCG@10 ×100 of the encoder."""
    table = Table(title=f"Encoder {encoder.name}: public sets ({data})")
    for column in (*STS_TRACKS, "job titles fr", "job titles en"):
        table.add_column(column, justify="right")
    if not data.is_dir():
        table.add_row(*["n/a"] * 5)
        return table
    row = public_set_scores(encoder, data)
    table.add_row(*(f"{value:.1f}" for value in row))
    return table


def timings_table(timings: evaluation.Timings) -> Table:
    """Seconds per phase, in the order they ran (indicative: the machine is shared)."""
    table = Table(title="Phases")
    table.add_column("phase")
    table.add_column("seconds", justify="right")
    for name, seconds in timings.seconds.items():
        table.add_row(name, f"{seconds:.1f}")
    table.add_row("[bold]total[/]", f"{sum(timings.seconds.values()):.1f}")
    return table
