"""The candidates' vectors kept in the process give Neo4j's cosines, and are never stale."""

from __future__ import annotations

import numpy as np
import pytest

from graph import embeddings as graph_embeddings
from graph import recommend as graph_recommend
from graph.embeddings import ModelInfo
from services import importer
from services.candidate_vectors import CandidateVectors
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

DIMS = 512  # the encoder's: Lucene adds in four lanes past 32 dimensions
IDS = [f"o-{n}" for n in range(12)]


def import_organisations(graph: Graph, settings: Settings) -> None:
    records = [factories.organization(i) for i in IDS]
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors, errors
    importer.write_records([v.record for v in valid], graph, settings)


def write_vectors(graph: Graph, seed: int, content_hash: str) -> None:
    """Random vectors for every organisation (some missing), made "from" `content_hash`."""
    rng = np.random.default_rng(seed)

    def vector(n: int) -> list[float] | None:
        return None if n % 5 == 4 else rng.normal(size=DIMS).astype(np.float32).tolist()

    rows = [
        {
            "id": i,
            "embedding": vector(n),
            "needs": vector(n + 1),
            "offers": vector(n + 2),
            "hash": content_hash,
            "lexical": "",
        }
        for n, i in enumerate(IDS)
    ]
    graph.write(graph_embeddings.write_record_vectors, rows)


def neo4j_cosines(graph: Graph, viewer_id: str) -> dict[str, tuple[float, float, float]]:
    viewer = graph.read(graph_recommend.viewer_facts, viewer_id)
    assert viewer is not None
    v = viewer.profile
    facts = graph.read(
        graph_recommend.candidate_facts,
        IDS,
        vector=None if v.embedding is None else v.embedding.tolist(),
        needs=None if v.needs_embedding is None else v.needs_embedding.tolist(),
        offers=None if v.offers_embedding is None else v.offers_embedding.tolist(),
    )
    return {f.profile.id: (f.semantic, f.needs_offers, f.offers_needs) for f in facts}


def kept_cosines(
    graph: Graph, kept: CandidateVectors, viewer_id: str
) -> dict[str, tuple[float, float, float]]:
    viewer = graph.read(graph_recommend.viewer_facts, viewer_id)
    assert viewer is not None
    hashed = graph.read(graph_recommend.candidate_facts_hashed, IDS)
    found = graph.read(kept.similarities, viewer.profile, hashed)
    return {i: (s.semantic, s.needs_offers, s.offers_needs) for i, s in found.items()}


def test_kept_vectors_give_neo4j_cosines_and_new_vectors_replace_them(
    graph: Graph, settings: Settings
) -> None:
    import_organisations(graph, settings)
    graph_embeddings.adopt_model(graph.driver, graph.database, ModelInfo("model-a", DIMS))
    write_vectors(graph, seed=8, content_hash="h1")
    kept = CandidateVectors(capacity=100)
    assert kept.ready(graph)  # numpy matched Neo4j on a sample: the kept vectors are used

    for viewer in IDS[:4]:
        expected = neo4j_cosines(graph, viewer)
        assert kept_cosines(graph, kept, viewer) == expected, viewer
        assert sum(x > 0 for cosines in expected.values() for x in cosines) > 10
    assert len(kept) == len(IDS)  # read once, kept

    # Embedded again from new content: the new hash is read, the old entry is not used.
    write_vectors(graph, seed=9, content_hash="h2")
    assert kept_cosines(graph, kept, IDS[0]) == neo4j_cosines(graph, IDS[0])

    # Another encoder gives the same content new vectors under the same hash.
    graph_embeddings.adopt_model(graph.driver, graph.database, ModelInfo("model-b", DIMS))
    write_vectors(graph, seed=10, content_hash="h2")
    assert kept_cosines(graph, kept, IDS[1]) == neo4j_cosines(graph, IDS[1])


def test_no_more_records_are_kept_than_the_capacity(graph: Graph, settings: Settings) -> None:
    import_organisations(graph, settings)
    write_vectors(graph, seed=8, content_hash="h1")
    kept = CandidateVectors(capacity=5)
    assert kept.ready(graph)
    assert kept_cosines(graph, kept, IDS[0]) == neo4j_cosines(graph, IDS[0])
    assert len(kept) == 5
    hashed = graph.read(graph_recommend.candidate_facts_hashed, IDS)
    assert {c.model for c in hashed} == {None}  # nothing adopted: kept all the same
