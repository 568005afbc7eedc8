"""The cosines of everyone's lists computed in numpy, equal to those Neo4j gives a request.

Asking Neo4j for a block's cosines (graph.candidates.pair_cosines: each viewer's vectors sent
as parameters, each pair scored in Cypher) was a third of a block's time at 100,000 profiles.
Here the candidates' vectors are read once per run and the pairs scored by
matcher.neo4j_cosine, which rounds as Neo4j does. Which of its two ways the server's CPU takes
is found on a sample of pairs scored by Neo4j itself; when neither gives the same bits (another
Neo4j version, say), `fma` is None and the blocks ask Neo4j as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from graph import candidates as graph_candidates
from matcher import neo4j_cosine
from matcher.profiles import Profile
from services.db import Graph

Units = tuple[np.ndarray, np.ndarray]  # unit rows and whether each is a vector Neo4j scores
SAMPLE_VIEWERS, SAMPLE_CANDIDATES = 6, 80


@dataclass(frozen=True)
class Cosines:
    """Each pair's cosines, as graph.recommend.candidate_facts reads them (0 at worst)."""

    semantic: np.ndarray
    needs_offers: np.ndarray
    offers_needs: np.ndarray


class ListCosines:
    """The vectors of every candidate of a type (row r = `rows` r), read once."""

    def __init__(self, graph: Graph, record_type: str, rows: Mapping[str, int]) -> None:
        stored = graph.read(graph_candidates.vectors_of_type, record_type)
        self.embedding = units([s.embedding for s in stored], stored, rows)
        self.needs = units([s.needs for s in stored], stored, rows)
        self.offers = units([s.offers for s in stored], stored, rows)
        self.fma = calibrated(graph, stored)

    def pairs(
        self, viewers: Sequence[Profile], viewer: np.ndarray, candidate: np.ndarray
    ) -> Cosines:
        """The cosines of the pairs (viewers[viewer[n]], row candidate[n]); `fma` is set."""
        assert self.fma is not None
        vector = units([v.embedding for v in viewers])
        needs = units([v.needs_embedding for v in viewers])
        offers = units([v.offers_embedding for v in viewers])

        def cosine(a: Units, b: Units) -> np.ndarray:
            found = neo4j_cosine.cypher_cosines(a, candidate, b, viewer, fma=bool(self.fma))
            return np.asarray(np.maximum(found, 0.0))

        return Cosines(
            semantic=cosine(self.embedding, vector),
            needs_offers=cosine(self.offers, needs),
            offers_needs=cosine(self.needs, offers),
        )


def units(
    vectors: Sequence[Sequence[float] | np.ndarray | None],
    stored: Sequence[graph_candidates.StoredVectors] | None = None,
    rows: Mapping[str, int] | None = None,
) -> Units:
    """Unit rows of `vectors` (in the order of `rows` when given: row of stored[n].id)."""
    dims = max((len(v) for v in vectors if v is not None), default=0)
    count = len(vectors) if rows is None else len(rows)
    matrix = np.zeros((count, dims), dtype=np.float64)
    for n, found in enumerate(vectors):
        if found is None:
            continue
        row = n if rows is None or stored is None else rows.get(stored[n].id)
        if row is not None and len(found) == dims:
            matrix[row] = found
    return neo4j_cosine.unit_rows(matrix)


def calibrated(graph: Graph, stored: Sequence[graph_candidates.StoredVectors]) -> bool | None:
    """Which way of matcher.neo4j_cosine gives Neo4j's own cosines on a sample of pairs
    (candidates' vectors as the viewers'); None when neither does."""
    # Neo4j refuses a vector of zeros (graph.recommend never passes or stores one).
    sample = [
        s
        for s in stored
        if s.embedding is not None
        and all(v is None or any(v) for v in (s.needs, s.offers))
        and any(s.embedding)
    ]
    sample = sample[:SAMPLE_CANDIDATES]
    if not sample:
        return True  # no vector: every cosine is 0 either way
    viewers = sample[:SAMPLE_VIEWERS]
    ids = [s.id for s in sample]
    asked = graph.read(
        graph_candidates.pair_cosines,
        [
            {"id": f"v{n}", "ids": ids, "vector": v.embedding, "needs": v.needs, "offers": v.offers}
            for n, v in enumerate(viewers)
        ],
    )
    rows = {s.id: n for n, s in enumerate(sample)}
    candidate = np.array([rows[i] for _ in viewers for i in ids], dtype=np.int64)
    viewer = np.repeat(np.arange(len(viewers)), len(ids))
    expected = [
        [getattr(asked[f"v{n}"][i], name) for n in range(len(viewers)) for i in ids]
        for name in ("semantic", "needs_offers", "offers_needs")
    ]
    pairs = (
        (units([s.embedding for s in sample]), units([v.embedding for v in viewers])),
        (units([s.offers for s in sample]), units([v.needs for v in viewers])),
        (units([s.needs for s in sample]), units([v.offers for v in viewers])),
    )
    for fma in (True, False):
        found = [
            np.maximum(neo4j_cosine.cypher_cosines(a, candidate, b, viewer, fma=fma), 0.0)
            for a, b in pairs
        ]
        if all(np.array_equal(f, np.asarray(e)) for f, e in zip(found, expected, strict=True)):
            return fma
    return None
