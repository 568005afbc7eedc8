"""Tables of `multaqa evaluate` for (a) free text, (b) MELO and the ranker fitting."""

from __future__ import annotations

from rich.table import Table

from evaluation import free_text as evaluation_free_text
from evaluation import metrics as evaluation
from evaluation.free_text import FreeTextSet
from evaluation.melo import LinkingScores, MeloSet
from evaluation.runs import LinkingReport, Run

FULL, EMB = evaluation.FullSystem.name, evaluation.EmbeddingSystem.name


def free_text_tables(set_a: FreeTextSet, run: Run) -> list[Table]:
    """Per task: precision@5 (wanted sector) and nDCG@10 per language form, every system (the
    priors are fitted on every query: these are in-sample, `evaluation.crossval` estimates)."""
    tables = []
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
        tables.append(table)
    return tables


def _delta(scores: dict, form: str) -> str:  # type: ignore[type-arg]
    if FULL not in scores or EMB not in scores:
        return ""
    full, emb = scores[FULL][form], scores[EMB][form]
    return f"{100 * (full.precision - emb.precision):+.1f} / {100 * (full.ndcg - emb.ndcg):+.1f}"


def free_text_linking_table(report: dict[str, dict[str, LinkingScores]]) -> Table:
    """Linking the hand-written profiles of (a) to the occupations they want."""
    table = Table(
        title="(a) linking, free text → the wanted ESCO occupations: acc@1 / acc@5 / MRR, ×100"
    )
    systems = list(report)
    for column in ("profiles", *systems):
        table.add_column(column, justify="left" if column == "profiles" else "right")
    for group in report[systems[0]]:
        n = report[systems[0]][group].queries
        cells = [
            f"{100 * s.acc1:.1f} / {100 * s.acc5:.1f} / {100 * s.mrr:.1f}"
            for s in (report[name][group] for name in systems)
        ]
        table.add_row(f"{group} ({n})", *cells)
    return table


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
    """`recommend jobs` with MELO titles as youths and labels as offers: the linker's held-out
    titles, which the priors were fitted on too (their estimate: `--refit`'s cross-validation)."""
    table = Table(
        title="(b) MELO ranking as `recommend jobs`, the linker's held-out titles "
        "(in the priors' fit: cross-validated figures by --refit), ×100"
    )
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
