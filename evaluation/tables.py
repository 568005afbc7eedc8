"""Tables of `multaqa evaluate` for (a) free text, (b) MELO and the ranker fitting."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rich.table import Table

from evaluation import fitting as ranker_fitting
from evaluation import free_text as evaluation_free_text
from evaluation import metrics as evaluation
from evaluation.free_text import FreeTextSet
from evaluation.melo import MeloSet
from evaluation.runs import LinkingReport, Run, held_out_only
from matcher.features import FEATURES

FULL, EMB = evaluation.FullSystem.name, evaluation.EmbeddingSystem.name


def free_text_tables(set_a: FreeTextSet, run: Run) -> list[Table]:
    """Per task: precision@5 (wanted sector) and nDCG@10 per language form, every system."""
    tables = []
    subsets = {"all": None, "held-out": run.held_out}
    for task in evaluation_free_text.TASKS:
        table = Table(title=f"(a) free text → demo {task}: P@5 sector / nDCG@10 occupation, ×100")
        systems = list(run.rankings)
        for column in ("form (queries)", *systems, "full − emb"):
            table.add_column(column, justify="left" if column.startswith("form") else "right")
        scores = {}
        for name in systems:
            scores[name] = evaluation_free_text.score_rankings(set_a, run.rankings[name])[task]
        for form in (*evaluation_free_text.FORMS, "all"):
            if form not in scores[systems[0]]:
                continue
            n = scores[systems[0]][form].queries
            cells = [
                f"{100 * scores[s][form].precision:.1f} / {100 * scores[s][form].ndcg:.1f}"
                for s in systems
            ]
            table.add_row(f"{form} ({n})", *cells, _delta(scores, form))
        for label, ids in subsets.items():
            if ids is None:
                continue
            kept = FreeTextSet(
                records=set_a.records,
                queries=[q for q in set_a.queries if q.youth_id in ids],
                item_sectors=set_a.item_sectors,
                item_occupations=set_a.item_occupations,
            )
            sub = {
                name: evaluation_free_text.score_rankings(kept, run.rankings[name])[task]
                for name in systems
            }
            cells = [
                f"{100 * sub[s]['all'].precision:.1f} / {100 * sub[s]['all'].ndcg:.1f}"
                for s in systems
            ]
            table.add_row(f"{label} ({sub[systems[0]]['all'].queries})", *cells, _delta(sub, "all"))
        tables.append(table)
    return tables


def _delta(scores: dict, form: str) -> str:  # type: ignore[type-arg]
    if FULL not in scores or EMB not in scores:
        return ""
    full, emb = scores[FULL][form], scores[EMB][form]
    return f"{100 * (full.precision - emb.precision):+.1f} / {100 * (full.ndcg - emb.ndcg):+.1f}"


def melo_linking_table(report: LinkingReport) -> Table:
    """Linking accuracy on MELO's held-out queries."""
    table = Table(
        title="(b) MELO linking, French title → ESCO occupation, held-out queries, ×100 "
        f"(dense weight fitted on {report.train_queries} training queries: "
        f"{report.fitted_dense_weight:.2f})"
    )
    for column in ("system", "acc@1", "acc@5", "MRR"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, s in report.rows.items():
        table.add_row(
            f"{name} ({s.queries})",
            f"{100 * s.acc1:.1f}",
            f"{100 * s.acc5:.1f}",
            f"{100 * s.mrr:.1f}",
        )
    return table


def melo_ranking_table(melo: MeloSet, run: Run) -> Table:
    """`recommend jobs` with MELO titles as youths and labels as offers: held-out queries."""
    table = Table(title="(b) MELO ranking as `recommend jobs`, held-out queries, ×100")
    for column in ("system", "nDCG@10", "R@10", "MRR@10"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for name, by_task in run.rankings.items():
        rows = [
            (ranked, melo.grades(youth[len("melo-") :]))
            for youth, ranked in by_task["jobs"].items()
        ]
        s = evaluation.mean_scores(rows)
        table.add_row(
            f"{name} ({s.queries})",
            f"{100 * s.ndcg:.1f}",
            f"{100 * s.recall:.1f}",
            f"{100 * s.mrr:.1f}",
        )
    return table


def fit_and_ablate(
    runs: Sequence[Run],
) -> tuple[dict[str, tuple[np.ndarray, float]], list[Table], dict[str, dict[str, float]]]:
    """Fit jobs on (a)+(b) and mentors on (a) training queries; ablate on held-out ones."""
    fitted: dict[str, tuple[np.ndarray, float]] = {}
    tables, held_figures = [], {}
    for task in ("jobs", "mentors"):
        train: list[ranker_fitting.QueryCandidates] = []
        held: list[ranker_fitting.QueryCandidates] = []
        for run in runs:
            t, h = held_out_only(run, task)  # type: ignore[arg-type]
            train += t
            held += h
        if not train:
            continue
        coef, bias = ranker_fitting.fit(train)
        fitted[task] = (coef, bias)
        groups = sorted({q.group[:1] for q in held})
        table = Table(title=f"Ranker {task}: held-out ablation (offline, same candidates), ×100")
        table.add_column("weights")
        for group in groups:
            metrics = ("p5", "ndcg", "mrr") if group == "a" else ("ndcg", "mrr")
            for metric in metrics:
                table.add_column(f"({group}) {metric}", justify="right")
        rows: dict[str, ranker_fitting.Scorer] = {
            "semantic feature alone": ranker_fitting.semantic_only,
            "fitted, all features": _scorer(coef, bias),
        }
        for feature in FEATURES:
            c2, b2 = ranker_fitting.fit(train, drop=feature)
            rows[f"without {feature}"] = _scorer(c2, b2)
        for label, scorer in rows.items():
            cells = []
            for group in groups:
                subset = [q for q in held if q.group.startswith(group)]
                means = ranker_fitting.mean_metrics(subset, scorer)
                metrics = ("p5", "ndcg", "mrr") if group == "a" else ("ndcg", "mrr")
                cells += [f"{100 * means.get(m, 0.0):.1f}" for m in metrics]
                if label == "fitted, all features":
                    held_figures[f"{task} ({group})"] = {m: round(means[m], 4) for m in means}
            table.add_row(label, *cells)
        tables.append(_per_group(task, held, _scorer(coef, bias), "held-out"))
        # Training queries too: in-sample for the fit, but the only figure per language form
        # on all 30 profiles (the held-out part has 9 per form).
        tables.append(_per_group(task, train + held, _scorer(coef, bias), "all queries"))
        weights = Table(title=f"Ranker {task}: fitted weights (bias {bias:+.2f})")
        for name in FEATURES:
            weights.add_column(name, justify="right")
        weights.add_row(*(f"{w:+.2f}" for w in coef))
        tables += [table, weights]
    return fitted, tables, held_figures


def _scorer(coef: np.ndarray, bias: float) -> ranker_fitting.Scorer:
    def score(query: ranker_fitting.QueryCandidates) -> np.ndarray:
        return ranker_fitting.scores_of(query, coef, bias)

    return score


def _per_group(
    task: str,
    queries: Sequence[ranker_fitting.QueryCandidates],
    fitted: ranker_fitting.Scorer,
    label: str,
) -> Table:
    """Per language form (and MELO): the ranker against its own semantic feature, which it
    must never fall below."""
    table = Table(title=f"Ranker {task}: {label} per group, semantic feature alone → fitted, ×100")
    for column in ("group (queries)", "P@5", "nDCG@10", "MRR@10"):
        table.add_column(column, justify="left" if column.startswith("group") else "right")
    for group in sorted({q.group for q in queries}):
        subset = [q for q in queries if q.group == group]
        alone = ranker_fitting.mean_metrics(subset, ranker_fitting.semantic_only)
        mixed = ranker_fitting.mean_metrics(subset, fitted)
        cells = [
            f"{100 * alone[m]:.1f} → {100 * mixed[m]:.1f} ({100 * (mixed[m] - alone[m]):+.1f})"
            if m in mixed
            else ""
            for m in ("p5", "ndcg", "mrr")
        ]
        table.add_row(f"{group} ({len(subset)})", *cells)
    return table
