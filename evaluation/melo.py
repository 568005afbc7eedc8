"""Evaluation (b): MELO, French job titles linked to English ESCO occupation names.

`../shared/data/eval/melo/fra_q_fr_c_en/` (Avature/melo-benchmark, MIT): 1,435 French ROME
titles, each with one relevant ESCO concept; the corpus holds every English label of 2,942
occupations and 619 ISCO groups (33,580 elements; a concept's labels are all relevant).

Two measures:

- linking: each title's ESCO occupations ranked by `matcher.occupation_linker` against the
  same ranked by the encoder alone (cosine of the title with the concept's English labels, best
  label); accuracy@1, accuracy@5 and MRR of the gold occupation;
- ranking, as `recommend jobs` sees it: each title is a youth's bio, each corpus element an
  offer's title; nDCG@10, recall@10 and MRR@10 of full recommender, encoder alone, TF-IDF and
  random (evaluation.metrics' systems).

Queries are split once, by a seeded shuffle, into a training part (70%, used to fit the linker's
mix and the ranker's weights) and a held-out part (30%): figures are given for the held-out part.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from matcher.encoders import Encoder
from matcher.occupation_linker import OccupationLinker

ROOT = Path(__file__).resolve().parents[1]


def shared_eval_dir() -> Path:
    """The public evaluation sets: `shared/data/eval` beside the repository (the main clone,
    ../shared) or beside the folder of work trees (a work tree, ../../shared)."""
    candidates = [parent / "shared" / "data" / "eval" for parent in ROOT.parents[:2]]
    return next((c for c in candidates if c.is_dir()), candidates[0])


MELO_DIR = shared_eval_dir() / "melo" / "fra_q_fr_c_en"
OCCUPATION_URI = "http://data.europa.eu/esco/occupation/"
TRAIN_SHARE = 0.7
SPLIT_SEED = 11
ID_PREFIX = "melo-"


@dataclass
class MeloSet:
    """Queries, corpus elements, relevance, and the ESCO occupation behind each concept."""

    queries: dict[str, str] = field(default_factory=dict)
    corpus: dict[str, str] = field(default_factory=dict)
    relevant: dict[str, set[str]] = field(default_factory=dict)
    element_occupation: dict[str, str | None] = field(default_factory=dict)
    gold: dict[str, str] = field(default_factory=dict)  # query -> occupation id

    def records(self, query_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Import-contract records: a youth per query (title as bio), an offer per element."""
        youths = [
            {
                "type": "youth",
                "id": ID_PREFIX + q,
                "name": f"MELO {q}",
                "bio": self.queries[q],
                "languages": ["fr"],
                "seeking": ["job"],
            }
            for q in query_ids
        ]
        offers = [
            {"type": "job_offer", "id": ID_PREFIX + c, "title": label}
            for c, label in self.corpus.items()
        ]
        return youths + offers

    def grades(self, query_id: str) -> dict[str, int]:
        """The relevant offers of a query (grade 1), by record id."""
        return {ID_PREFIX + c: 1 for c in self.relevant[query_id]}


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row]


def read_melo(folder: Path = MELO_DIR) -> MeloSet:
    """Read the four files of the dataset."""
    melo = MeloSet()
    melo.queries = dict(_rows(folder / "queries.tsv"))
    melo.corpus = dict(_rows(folder / "corpus_elements.tsv"))
    for c, uri in _rows(folder / "concept_mapping.tsv"):
        melo.element_occupation[c] = (
            uri[len(OCCUPATION_URI) :] if uri.startswith(OCCUPATION_URI) else None
        )
    relevant: dict[str, set[str]] = defaultdict(set)
    for q, _, c, grade in _rows(folder / "annotations.tsv"):
        if int(grade) > 0:
            relevant[q].add(c)
    melo.relevant = dict(relevant)
    for q, elements in melo.relevant.items():
        occupations = {melo.element_occupation.get(c) for c in elements} - {None}
        if len(occupations) == 1:
            melo.gold[q] = occupations.pop()  # type: ignore[assignment]
    return melo


def split(query_ids: Sequence[str], seed: int = SPLIT_SEED) -> tuple[list[str], list[str]]:
    """(training, held-out) query ids, by one seeded shuffle of the sorted ids."""
    ordered = sorted(query_ids)
    random.Random(seed).shuffle(ordered)
    cut = round(TRAIN_SHARE * len(ordered))
    return sorted(ordered[:cut]), sorted(ordered[cut:])


def sample(query_ids: Sequence[str], n: int | None, seed: int = SPLIT_SEED) -> list[str]:
    """A seeded sample of n ids (all when n is None or larger)."""
    if n is None or n >= len(query_ids):
        return list(query_ids)
    return sorted(random.Random(seed).sample(sorted(query_ids), n))


# ---------------------------------------------------------------- linking


@dataclass(frozen=True)
class LinkingScores:
    """Accuracy@1, accuracy@5 and MRR of the gold occupation, over queries."""

    acc1: float
    acc5: float
    mrr: float
    queries: int


def linking_scores(ranked: Sequence[Sequence[str]], gold: Sequence[str]) -> LinkingScores:
    """Scores of ranked occupation ids against the gold occupation of each query."""
    return wanted_linking_scores(ranked, [(g,) for g in gold])


def wanted_linking_scores(
    ranked: Sequence[Sequence[str]], wanted: Sequence[Sequence[str]]
) -> LinkingScores:
    """Scores of ranked occupation ids where any of a query's wanted occupations counts (the
    best-ranked one)."""
    ranks = [
        next((n for n, o in enumerate(r, start=1) if o in set(w)), None)
        for r, w in zip(ranked, wanted, strict=True)
    ]
    n = max(1, len(ranks))
    return LinkingScores(
        acc1=sum(1 for r in ranks if r == 1) / n,
        acc5=sum(1 for r in ranks if r is not None and r <= 5) / n,
        mrr=sum(1 / r for r in ranks if r is not None) / n,
        queries=len(ranks),
    )


def top_columns(scores: np.ndarray, ids: Sequence[str], k: int = 100) -> list[list[str]]:
    """The k best ids of each row of a score matrix."""
    order = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    return [[ids[j] for j in row] for row in order]


def encoder_linking(melo: MeloSet, query_ids: Sequence[str], encoder: Encoder) -> list[list[str]]:
    """Occupations ranked by the encoder alone: best cosine of the title with their English
    labels in the corpus (the reference figure of ../shared/data/README.md, at concept level)."""
    elements = [c for c in melo.corpus if melo.element_occupation.get(c)]
    occupations = list(dict.fromkeys(melo.element_occupation[c] for c in elements))
    column = {o: n for n, o in enumerate(occupations)}
    vectors = encoder.encode([melo.corpus[c] for c in elements])
    owner = np.array([column[melo.element_occupation[c]] for c in elements])  # type: ignore[index]
    order = np.argsort(owner, kind="stable")
    starts = np.flatnonzero(np.r_[True, owner[order][1:] != owner[order][:-1]])
    ranked: list[list[str]] = []
    for start in range(0, len(query_ids), 256):
        chunk = query_ids[start : start + 256]
        cosines = encoder.encode([melo.queries[q] for q in chunk]) @ vectors[order].T
        best = np.maximum.reduceat(cosines, starts, axis=1)
        ranked += top_columns(best, [occupations[owner[order][s]] for s in starts])
    return ranked


def linker_components(
    melo: MeloSet, query_ids: Sequence[str], linker: OccupationLinker, encoder: Encoder
) -> tuple[np.ndarray, np.ndarray]:
    """Dense and lexical linker scores of each title (queries × occupations)."""
    return linker.components([melo.queries[q] for q in query_ids], encoder)


def fit_linker_weights(
    dense: np.ndarray, lexical: np.ndarray, ids: Sequence[str], gold: Sequence[str]
) -> tuple[float, LinkingScores]:
    """The dense weight (lexical = 1 − dense) with the best MRR on these queries."""
    best: tuple[float, LinkingScores] | None = None
    for weight in np.round(np.arange(0.0, 1.0001, 0.05), 2):
        scores = linking_scores(top_columns(weight * dense + (1 - weight) * lexical, ids), gold)
        if best is None or scores.mrr > best[1].mrr:
            best = (float(weight), scores)
    assert best is not None
    return best
