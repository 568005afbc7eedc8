"""The cosines of everyone's lists, computed in numpy, are Neo4j's to the last bit."""

from __future__ import annotations

import numpy as np
import pytest

from graph import candidates as graph_candidates
from graph import embeddings as graph_embeddings
from services import importer
from services.db import Graph
from services.list_cosines import ListCosines
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

DIMS = 512  # the encoder's: Lucene adds in four lanes past 32 dimensions


def test_numpy_cosines_of_every_pair_equal_those_neo4j_computes(
    graph: Graph, settings: Settings
) -> None:
    ids = [f"o-{n}" for n in range(12)]
    records = [factories.organization(i) for i in ids]
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors, errors
    importer.write_records([v.record for v in valid], graph, settings)
    rng = np.random.default_rng(8)

    def vector(n: int) -> list[float] | None:
        if n % 5 == 4:
            return None  # no vector: cosine 0
        return rng.normal(size=DIMS).astype(np.float32).tolist()

    graph.write(
        graph_embeddings.write_record_vectors,
        [
            {
                "id": i,
                "embedding": vector(n),
                "needs": vector(n + 1),
                "offers": vector(n + 2),
                "hash": "h",
                "lexical": "",
            }
            for n, i in enumerate(ids)
        ],
    )
    rows = {i: n for n, i in enumerate(ids)}
    cosines = ListCosines(graph, "organization", rows)
    assert cosines.fma is not None  # numpy matched Neo4j on the sample: it is used

    viewers = [f.profile for f in graph.read(graph_candidates.viewers_facts, ids)]
    viewer = np.repeat(np.arange(len(viewers)), len(ids))
    candidate = np.tile(np.arange(len(ids)), len(viewers))
    found = cosines.pairs(viewers, viewer, candidate)
    asked = graph.read(
        graph_candidates.pair_cosines,
        [
            {
                "id": v.id,
                "ids": ids,
                "vector": None if v.embedding is None else v.embedding.tolist(),
                "needs": None if v.needs_embedding is None else v.needs_embedding.tolist(),
                "offers": None if v.offers_embedding is None else v.offers_embedding.tolist(),
            }
            for v in viewers
        ],
    )
    for name in ("semantic", "needs_offers", "offers_needs"):
        pairs = zip(viewer, candidate, strict=True)
        expected = [getattr(asked[viewers[v].id][ids[c]], name) for v, c in pairs]
        assert getattr(found, name).tolist() == expected, name
        assert sum(x > 0 for x in expected) > 20  # most pairs are scored, not 0
