"""Fitting the priors on every kept set, with cross-validated figures and an ablation.

For each kind (jobs, mentors), the weights are fitted once on every query of every kept set
(what is shipped) and, to estimate them, by `evaluation.crossval` (each query ranked by
weights fitted without its fold). The tables put, per group and per set, the ranker's own
semantic feature alone (the bar it must clear) beside the cross-validated figures and the
in-sample ones; the ablation removes each feature in turn, cross-validated too.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.table import Table

from evaluation import crossval
from evaluation import fitting as ranker_fitting
from evaluation.fitting import Kept, QueryCandidates
from evaluation.sets import Task
from matcher.features import FEATURES

TASKS: tuple[Task, ...] = ("jobs", "mentors")
METRICS = {"P@5": "p5", "nDCG@10": "ndcg", "MRR@10": "mrr"}
Fitted = tuple[np.ndarray, float]


def scorer(coef: np.ndarray, bias: float) -> ranker_fitting.Scorer:
    """The recommender's scores with these weights."""

    def score(query: QueryCandidates) -> np.ndarray:
        return ranker_fitting.scores_of(query, coef, bias)

    return score


def fitter(drop: str | None = None) -> crossval.Fitter:
    """Fits the weights (without `drop`) and returns their scorer."""

    def fit(train: Sequence[QueryCandidates]) -> ranker_fitting.Scorer:
        return scorer(*ranker_fitting.fit(train, drop=drop))

    return fit


def task_queries(kept: Kept, task: Task) -> list[QueryCandidates]:
    """Every kept query of one task, all sets together."""
    return [q for letter in sorted(kept) for q in kept[letter].get(task, [])]


def fit_and_ablate(
    kept: Kept,
) -> tuple[dict[str, Fitted], list[Table], dict[str, dict[str, dict[str, float]]]]:
    """Weights fitted on everything, the tables, and the cross-validated figures per set."""
    fitted: dict[str, Fitted] = {}
    tables: list[Table] = []
    figures: dict[str, dict[str, dict[str, float]]] = {}
    for task in TASKS:
        queries = task_queries(kept, task)
        if not queries:
            continue
        fitted[task] = ranker_fitting.fit(queries)
        alone = crossval.scored(queries, ranker_fitting.semantic_only)
        cv = crossval.held_out(queries, fitter())
        inside = crossval.scored(queries, scorer(*fitted[task]))
        tables.append(per_group_table(task, queries, alone, cv, inside))
        figures[task] = crossval.means(queries, cv, crossval.by_set)
        tables.append(ablation_table(task, queries, alone, cv, fitted[task][0]))
        tables.append(weights_table(task, *fitted[task]))
    return fitted, tables, figures


def per_group_table(
    task: str,
    queries: Sequence[QueryCandidates],
    alone: crossval.PerQuery,
    cv: crossval.PerQuery,
    inside: crossval.PerQuery,
) -> Table:
    """Per group, then per set: semantic feature alone → cross-validated (difference), and the
    in-sample figure of the weights fitted on everything."""
    table = Table(
        title=f"Ranker {task}: semantic feature alone → cross-validated ({crossval.FOLDS} folds) "
        "(difference) \\[in-sample], ×100"
    )
    table.add_column("group (queries)")
    for name in METRICS:
        table.add_column(name, justify="right")
    for key in (crossval.by_group, crossval.by_set):
        a, c, i = (crossval.means(queries, found, key) for found in (alone, cv, inside))
        for group in sorted(a):
            cells = [
                f"{100 * a[group][m]:.1f} → {100 * c[group][m]:.1f} "
                f"({100 * (c[group][m] - a[group][m]):+.1f}) \\[{100 * i[group][m]:.1f}]"
                if m in a[group]
                else ""
                for m in METRICS.values()
            ]
            table.add_row(f"{group} ({int(a[group]['queries'])})", *cells)
        table.add_section()
    return table


def ablation_table(
    task: str,
    queries: Sequence[QueryCandidates],
    alone: crossval.PerQuery,
    cv: crossval.PerQuery,
    coef: np.ndarray,
) -> Table:
    """Each feature removed and the weights fitted again, cross-validated, per set. Features
    the fit on everything gives no weight are not refitted without (it would change nothing
    there; the five folds take minutes per feature): they are named in one row."""
    sets = sorted({q.group[:1] for q in queries})
    table = Table(title=f"Ranker {task}: ablation, cross-validated, ×100")
    table.add_column("weights")
    columns = [(s, m) for s in sets for m in METRICS.values() if m != "p5" or s == "a"]
    for s, m in columns:
        table.add_column(f"({s}) {m}", justify="right")
    rows = {"semantic feature alone": alone, "fitted, all features": cv}
    for feature, weight in zip(FEATURES, coef, strict=True):
        if weight > 0:
            rows[f"without {feature}"] = crossval.held_out(queries, fitter(drop=feature))
    for label, found in rows.items():
        per_set = crossval.means(queries, found, crossval.by_set)
        table.add_row(label, *(f"{100 * per_set[s].get(m, 0.0):.1f}" for s, m in columns))
    unused = [f for f, w in zip(FEATURES, coef, strict=True) if w <= 0]
    if unused:
        table.add_row(f"weight 0 (not refitted): {', '.join(unused)}", *([""] * len(columns)))
    return table


def weights_table(task: str, coef: np.ndarray, bias: float) -> Table:
    """The weights fitted on everything (shipped)."""
    table = Table(title=f"Ranker {task}: weights fitted on every query (bias {bias:+.2f})")
    for name in FEATURES:
        table.add_column(name, justify="right")
    table.add_row(*(f"{w:+.2f}" for w in coef))
    return table
