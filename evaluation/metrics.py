"""Offline evaluation: four systems ranking the same items for the same youths, three metrics.

Systems (each ranks the item pool of a query: every offer, or every mentor, in the query's item
language, see `evaluation.sets`):

- random: a seeded shuffle of the pool;
- tfidf: cosine of TF-IDF character n-grams (2–5, `char_wb`) of the profile texts;
- embedding: cosine of the encoder's profile embeddings, brute force over the whole pool;
- full: `services.recommendations.recommend` against a Neo4j holding the set, embedded and
  linked to ESCO (vector and graph candidates, features, hard rules, ranker). It may return
  items outside the pool (the other item language): those are dropped before scoring, which is
  the same as ranking the pool alone.

Metrics, at k = 10, per query then averaged: nDCG@10 with graded relevance (linear gain),
recall@10 (share of the relevant items, grade ≥ 1, in the top 10) and MRR@10 (reciprocal rank
of the first relevant item in the top 10, 0 when there is none).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from evaluation.sets import EvaluationSet, Query, Task
from matcher.encoders import Encoder
from matcher.kinds import SuggestionKind
from matcher.profile_text import profile_text
from matcher.quality import ndcg_at_k as _ndcg_from_gains
from matcher.ranker import MatchRanker
from models.records import Record
from services import esco, importer, recommendations, refresh, skill_links
from services.access import SYSTEM
from services.db import Graph
from services.record_files import RawLine
from services.settings import Settings

K = 10
TASKS: tuple[Task, ...] = ("jobs", "mentors")
KIND: dict[Task, SuggestionKind] = {"jobs": SuggestionKind.JOBS, "mentors": SuggestionKind.MENTORS}
ALL_PAIRS = "all"


# ---------------------------------------------------------------- metrics


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    """nDCG@k of a ranking, with the graded relevance of every judged item (linear gain)."""
    return _ndcg_from_gains([grades.get(i, 0) for i in ranked[:k]], list(grades.values()), k=k)


def recall(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    """Share of the relevant items (grade ≥ 1) found in the top k; 0 when none is relevant."""
    relevant = {i for i, g in grades.items() if g > 0}
    return len(relevant.intersection(ranked[:k])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    """1 / rank of the first relevant item within the top k, 0 when there is none."""
    for position, item in enumerate(ranked[:k], start=1):
        if grades.get(item, 0) > 0:
            return 1.0 / position
    return 0.0


@dataclass(frozen=True)
class Scores:
    """Mean metrics over a group of queries (×100 when shown)."""

    ndcg: float
    recall: float
    mrr: float
    queries: int


def mean_scores(rankings: Sequence[tuple[Sequence[str], Mapping[str, int]]]) -> Scores:
    """Average the three metrics over (ranking, grades) pairs."""
    if not rankings:
        return Scores(0.0, 0.0, 0.0, 0)
    return Scores(
        ndcg=float(np.mean([ndcg(r, g) for r, g in rankings])),
        recall=float(np.mean([recall(r, g) for r, g in rankings])),
        mrr=float(np.mean([reciprocal_rank(r, g) for r, g in rankings])),
        queries=len(rankings),
    )


# ---------------------------------------------------------------- systems


class System(Protocol):
    """Ranks a pool of item ids for one query."""

    name: str

    def rank(self, query: Query, task: Task, pool: Sequence[str]) -> list[str]:
        """The pool's ids, best first (at least the top K)."""
        ...


class RandomSystem:
    """A seeded shuffle: the floor every system must clear."""

    name = "random"

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def rank(self, query: Query, task: Task, pool: Sequence[str]) -> list[str]:
        ranked = list(pool)
        self._rng.shuffle(ranked)
        return ranked


class _CosineSystem:
    """Ranks by cosine of row vectors known for every record id (rows are L2-normalised)."""

    name = "cosine"

    def __init__(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        self._row = {record_id: n for n, record_id in enumerate(ids)}
        self._vectors = vectors

    def rank(self, query: Query, task: Task, pool: Sequence[str]) -> list[str]:
        rows = [self._row[i] for i in pool]
        scores = self._cosines(self._row[query.youth_id], rows)
        return [pool[i] for i in np.argsort(-scores, kind="stable")]

    def _cosines(self, row: int, rows: list[int]) -> np.ndarray:
        product = self._vectors[rows] @ self._vectors[row].T
        dense = product.toarray() if hasattr(product, "toarray") else product
        return np.asarray(dense).ravel()


class TfidfSystem(_CosineSystem):
    """TF-IDF of character n-grams (2–5 inside word boundaries) over the profile texts."""

    name = "tf-idf char"

    def __init__(self, evaluation_set: EvaluationSet) -> None:
        ids, texts = _profile_texts(evaluation_set)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        super().__init__(ids, vectorizer.fit_transform(texts).tocsr())


class EmbeddingSystem(_CosineSystem):
    """Cosine of the encoder's profile embeddings, brute force over every item of the pool."""

    name = "embedding only"

    def __init__(self, evaluation_set: EvaluationSet, encoder: Encoder) -> None:
        ids, texts = _profile_texts(evaluation_set)
        super().__init__(ids, encoder.encode(texts))


class FullSystem:
    """The product's recommender, against the Neo4j the set was imported into."""

    name = "full recommender"

    def __init__(
        self,
        graph: Graph,
        settings: Settings,
        encoder: Encoder,
        rankers: Mapping[SuggestionKind, MatchRanker],
        *,
        k: int,
        name: str | None = None,
    ) -> None:
        if name:
            self.name = name  # e.g. the same recommender with a trained ranker version
        self._graph, self._settings, self._encoder, self._rankers = (
            graph,
            settings,
            encoder,
            rankers,
        )
        self.k = k

    def rank(self, query: Query, task: Task, pool: Sequence[str]) -> list[str]:
        result = recommendations.recommend(
            self._graph,
            SYSTEM,
            KIND[task],
            query.youth_id,
            rankers=self._rankers,
            settings=self._settings,
            encoder=self._encoder,
            k=self.k,
        )
        allowed = set(pool)
        return [item.id for item in result.items if item.id in allowed]


def catalogue_k(evaluation_set: EvaluationSet) -> int:
    """A k as large as the largest task's catalogue (both item languages).

    The recommender then ranks and returns every item: its vector search brings them all, and
    no item of the query's pool is cut off by items of the other language ranked above it
    (e.g. by the shared-language feature) before the pool filter.
    """
    return max(K, max(sum(len(ids) for ids in p.values()) for p in evaluation_set.pools.values()))


def _profile_texts(evaluation_set: EvaluationSet) -> tuple[list[str], list[str]]:
    records = [r for r in evaluation_set.records if r["type"] != "organization"]
    return [r["id"] for r in records], [profile_text(r) for r in records]


# ---------------------------------------------------------------- running


@dataclass
class Report:
    """Scores[system][task][pair or "all"], and the rankings behind them."""

    scores: dict[str, dict[Task, dict[str, Scores]]] = field(default_factory=dict)
    rankings: dict[str, dict[Task, dict[str, list[str]]]] = field(default_factory=dict)


def evaluate(systems: Sequence[System], evaluation_set: EvaluationSet) -> Report:
    """Run every system on every query of both tasks; scores per language pair and overall."""
    report = Report()
    for system in systems:
        report.scores[system.name], report.rankings[system.name] = _run_system(
            system, evaluation_set
        )
    return report


def _run_system(
    system: System, evaluation_set: EvaluationSet
) -> tuple[dict[Task, dict[str, Scores]], dict[Task, dict[str, list[str]]]]:
    scores: dict[Task, dict[str, Scores]] = {}
    rankings: dict[Task, dict[str, list[str]]] = {}
    for task in TASKS:
        groups: dict[str, list[tuple[list[str], dict[str, int]]]] = defaultdict(list)
        rankings[task] = {}
        for query in evaluation_set.queries:
            pool = evaluation_set.pools[task][query.item_lang]
            ranked = system.rank(query, task, pool)[:K]
            rankings[task][query.youth_id] = ranked
            groups[query.pair].append((ranked, query.relevant[task]))
            groups[ALL_PAIRS].append((ranked, query.relevant[task]))
        scores[task] = {pair: mean_scores(rows) for pair, rows in groups.items()}
    return scores, rankings


# ---------------------------------------------------------------- the graph


@dataclass
class Timings:
    """Seconds per named phase, in the order they ran."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the block and add it under `name`."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


Step = Callable[[str], None]


def prepare_graph(
    graph: Graph,
    evaluation_set: EvaluationSet,
    settings: Settings,
    encoder: Encoder,
    timings: Timings,
) -> None:
    """ESCO loaded and embedded, the set imported, embedded and linked to ESCO.

    The schema must have been applied (graph.schema.migrate).
    """
    with timings.phase("load ESCO"):
        esco.load_esco(graph)
    with timings.phase("embed ESCO"):
        skill_links.embed_taxonomy(graph, encoder)
    import_records(graph, evaluation_set, settings, encoder, timings)


def import_records(
    graph: Graph,
    evaluation_set: EvaluationSet,
    settings: Settings,
    encoder: Encoder,
    timings: Timings,
) -> None:
    """Import (or update) the set's records, embed what changed, link new skills and offers."""
    with timings.phase("import set"):
        importer.write_records(validated(graph, evaluation_set, settings), graph, settings)
    steps = {refresh.EMBED: "embed set", refresh.LINK: "link to ESCO"}
    refresh.refresh_derived(graph, encoder, step=lambda name: timings.phase(steps[name]))


def validated(graph: Graph, evaluation_set: EvaluationSet, settings: Settings) -> list[Record]:
    """The set's records through the import validation; raises if any line is refused."""
    lines = [RawLine("evaluation", n, r) for n, r in enumerate(evaluation_set.records, start=1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    if errors:
        raise ValueError(f"the evaluation set does not validate: {errors[:3]}")
    return [v.record for v in valid]
