"""Running evaluations (a) free text and (b) MELO against a graph of their own.

Each run imports its set into the (empty, migrated) graph it is given, ranks every query with
random, TF-IDF, encoder alone and the full recommender, and collects, for every query, the
candidates the recommender scores with their features (to fit and ablate the ranker's
weights, evaluation.fitting).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from evaluation import fitting as ranker_fitting
from evaluation import free_text as evaluation_free_text
from evaluation import melo as evaluation_melo
from evaluation import metrics as evaluation
from evaluation.free_text import FreeTextSet
from evaluation.melo import LinkingScores, MeloSet
from evaluation.sets import EvaluationSet, Task
from matcher.encoders import Encoder
from matcher.kinds import SuggestionKind
from matcher.weights import PRIORS_PATH, default_rankers, hand_rankers
from services import esco
from services.db import Graph
from services.occupation_links import linker_for, record_fields
from services.settings import Settings

K_FREE_TEXT = 20  # the recommender asked for 20: some may fall outside a pool (expired)
K_MELO = 10
HAND_NAME = "full, hand-set priors"
Rankings = dict[str, dict[Task, dict[str, list[str]]]]  # system -> task -> youth -> ids


@dataclass
class Run:
    """Rankings of every system, candidates per kind, and the train / held-out youths."""

    rankings: Rankings = field(default_factory=dict)
    candidates: dict[Task, list[ranker_fitting.QueryCandidates]] = field(default_factory=dict)
    train: set[str] = field(default_factory=set)
    held_out: set[str] = field(default_factory=set)


def _baselines(records: EvaluationSet, encoder: Encoder, seed: int) -> list[evaluation.System]:
    return [
        evaluation.RandomSystem(seed),
        evaluation.TfidfSystem(records),
        evaluation.EmbeddingSystem(records, encoder),
    ]


def _full_systems(
    graph: Graph, settings: Settings, encoder: Encoder, *, k: int, today: dt.date | None
) -> list[evaluation.System]:
    """The recommender with the priors in use, and with the hand-set ones beside it once
    fitted priors are shipped (so that a run shows what fitting changed)."""
    systems: list[evaluation.System] = [
        evaluation.FullSystem(graph, settings, encoder, default_rankers(), k=k, today=today)
    ]
    if PRIORS_PATH.is_file():
        systems.append(
            evaluation.FullSystem(
                graph, settings, encoder, hand_rankers(), k=k, today=today, name=HAND_NAME
            )
        )
    return systems


def run_free_text(
    graph: Graph,
    settings: Settings,
    encoder: Encoder,
    set_a: FreeTextSet,
    timings: evaluation.Timings,
    *,
    seed: int = 7,
) -> Run:
    """Import set (a) with ESCO, rank every youth's jobs and mentors with every system."""
    records = set_a.as_evaluation_set()
    evaluation.prepare_graph(graph, records, settings, encoder, timings)
    today = evaluation_free_text.DEMO_TODAY
    with timings.phase("(a) fit baselines"):
        systems = _baselines(records, encoder, seed)
    systems += _full_systems(graph, settings, encoder, k=K_FREE_TEXT, today=today)
    run = Run()
    for system in systems:
        with timings.phase(f"(a) rank: {system.name}"):
            run.rankings[system.name] = {
                task: {q.youth_id: system.rank(q, task, q.pools[task])[:10] for q in set_a.queries}
                for task in evaluation_free_text.TASKS
            }
    with timings.phase("(a) candidates and features"):
        for task in evaluation_free_text.TASKS:
            queries = [
                (
                    q.youth_id,
                    f"a:{q.form}",
                    q.relevant[task],
                    frozenset(i for i in q.pools[task] if set(set_a.item_sectors[i]) & q.sectors),
                )
                for q in set_a.queries
            ]
            run.candidates[task] = ranker_fitting.collect(
                graph, settings, encoder, evaluation.KIND[task], queries, k=K_FREE_TEXT, today=today
            )
    return run


@dataclass(frozen=True)
class _MeloQuery:
    youth_id: str


def melo_queries(melo: MeloSet, sample: int | None) -> tuple[list[str], list[str]]:
    """(train, held-out) MELO query ids, each sampled to at most `sample`."""
    train, held_out = evaluation_melo.split(sorted(melo.gold))
    return evaluation_melo.sample(train, sample), evaluation_melo.sample(held_out, sample)


def run_melo(
    graph: Graph,
    settings: Settings,
    encoder: Encoder,
    melo: MeloSet,
    timings: evaluation.Timings,
    *,
    sample: int | None,
    seed: int = 7,
) -> Run:
    """Import MELO (titles as youths' bios, corpus elements as offers), rank with every system."""
    train, held_out = melo_queries(melo, sample)
    records = EvaluationSet(records=melo.records(train + held_out))
    with timings.phase("(b) load ESCO"):
        esco.load_esco(graph)
    evaluation.import_records(graph, records, settings, encoder, timings)
    run = Run(train={evaluation_melo.ID_PREFIX + q for q in train})
    run.held_out = {evaluation_melo.ID_PREFIX + q for q in held_out}
    pool = [evaluation_melo.ID_PREFIX + c for c in melo.corpus]
    with timings.phase("(b) fit baselines"):
        systems = _baselines(records, encoder, seed)
    systems += _full_systems(graph, settings, encoder, k=K_MELO, today=None)
    asked = [_MeloQuery(evaluation_melo.ID_PREFIX + q) for q in held_out]
    for system in systems:
        with timings.phase(f"(b) rank: {system.name}"):
            run.rankings[system.name] = {
                "jobs": {q.youth_id: system.rank(q, "jobs", pool)[:10] for q in asked}
            }
    with timings.phase("(b) candidates and features"):
        queries = [
            (evaluation_melo.ID_PREFIX + q, "b", melo.grades(q), frozenset[str]())
            for q in train + held_out
        ]
        run.candidates["jobs"] = ranker_fitting.collect(
            graph, settings, encoder, SuggestionKind.JOBS, queries, k=K_MELO, today=None
        )
    return run


def esco_set_candidates(
    graph: Graph,
    settings: Settings,
    encoder: Encoder,
    evaluation_set: EvaluationSet,
    timings: evaluation.Timings,
) -> dict[Task, list[ranker_fitting.QueryCandidates]]:
    """(c): every query's candidates and features, kept to those of its item language (the
    pool it is scored on), grouped by language pair ("c:ar→fr")."""
    k = evaluation.catalogue_k(evaluation_set)
    found: dict[Task, list[ranker_fitting.QueryCandidates]] = {}
    with timings.phase("(c) candidates and features"):
        for task in evaluation.TASKS:
            queries = [
                (q.youth_id, f"c:{q.pair}", q.relevant[task], frozenset[str]())
                for q in evaluation_set.queries
            ]
            collected = ranker_fitting.collect(
                graph, settings, encoder, evaluation.KIND[task], queries, k=k, today=None
            )
            pools = {
                q.youth_id: set(evaluation_set.pools[task][q.item_lang])
                for q in evaluation_set.queries
            }
            found[task] = [ranker_fitting.within(q, pools[q.youth_id]) for q in collected]
    return found


@dataclass(frozen=True)
class LinkingReport:
    """Linking on MELO's held-out queries: encoder alone, dense, lexical, the fitted mix."""

    rows: dict[str, evaluation_melo.LinkingScores]
    fitted_dense_weight: float
    train_queries: int


def free_text_linking(set_a: FreeTextSet, encoder: Encoder) -> dict[str, dict[str, LinkingScores]]:
    """Linking the hand-written youths of (a) to the occupations they want, per language form
    and for each half of the profiles (odd and even numbers, for choices made on one half):
    the linker, and the encoder alone (cosine of the whole text with each occupation's best
    label, the linker's dense part on the whole text only). A query counts its best-ranked
    wanted occupation."""
    linker = linker_for(encoder)
    ids = linker.occupation_ids
    youths = {r["id"]: r for r in set_a.records if r["type"] == "youth"}
    fields = [record_fields(youths[q.youth_id]) for q in set_a.queries]
    dense, _ = linker.components([f[0] if f else "" for f in fields], encoder)
    systems = {
        "encoder alone": evaluation_melo.top_columns(dense, ids),
        "linker": evaluation_melo.top_columns(linker.scores(fields, encoder), ids),
    }
    groups: dict[str, list[int]] = {form: [] for form in evaluation_free_text.FORMS}
    groups |= {"half: odd": [], "half: even": [], "all": []}
    for n, query in enumerate(set_a.queries):
        half = "odd" if int(query.youth_id.rsplit("-", 1)[-1]) % 2 else "even"
        for group in (query.form, f"half: {half}", "all"):
            groups.setdefault(group, []).append(n)
    return {
        name: {
            group: evaluation_melo.wanted_linking_scores(
                [ranked[n] for n in members], [set_a.queries[n].occupations for n in members]
            )
            for group, members in groups.items()
            if members
        }
        for name, ranked in systems.items()
    }


def melo_linking(melo: MeloSet, encoder: Encoder, sample: int | None) -> LinkingReport:
    """Accuracy@1/@5 and MRR of linking titles to ESCO occupations, held-out part."""
    train, held_out = melo_queries(melo, sample)
    linker = linker_for(encoder)
    ids = linker.occupation_ids
    dense_t, lexical_t = evaluation_melo.linker_components(melo, train, linker, encoder)
    weight, _ = evaluation_melo.fit_linker_weights(
        dense_t, lexical_t, ids, [melo.gold[q] for q in train]
    )
    dense, lexical = evaluation_melo.linker_components(melo, held_out, linker, encoder)
    gold = [melo.gold[q] for q in held_out]
    mixed = linker.dense_weight * dense + linker.lexical_weight * lexical
    rows = {
        "encoder alone (English labels)": evaluation_melo.linking_scores(
            evaluation_melo.encoder_linking(melo, held_out, encoder), gold
        ),
        "linker, dense part only": evaluation_melo.linking_scores(
            evaluation_melo.top_columns(dense, ids), gold
        ),
        "linker, lexical part only": evaluation_melo.linking_scores(
            evaluation_melo.top_columns(lexical, ids), gold
        ),
        "linker (product weights)": evaluation_melo.linking_scores(
            evaluation_melo.top_columns(mixed, ids), gold
        ),
    }
    return LinkingReport(rows=rows, fitted_dense_weight=weight, train_queries=len(train))
