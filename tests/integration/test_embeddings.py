"""Embeddings in the graph: stored with their model, refreshed on change, never mixed."""

from __future__ import annotations

from typing import Any

import pytest

from graph import embeddings as graph_embeddings
from matcher.encoders import load_encoder
from services import embeddings, importer
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j


def load(graph: Graph, settings: Settings, records: list[dict[str, Any]]) -> None:
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors
    importer.write_records([v.record for v in valid], graph, settings)


def dims(graph: Graph) -> set[int]:
    records, _, _ = graph.driver.execute_query(
        "MATCH (n:Entity) WHERE n.embedding IS NOT NULL RETURN DISTINCT size(n.embedding) AS d",
        database_=graph.database,
    )
    return {r["d"] for r in records}


def test_only_new_or_changed_records_are_embedded(graph: Graph, settings: Settings) -> None:
    use = load_encoder("use-multilingual-v3")
    load(graph, settings, [factories.youth("y-1"), factories.mentor("m-1")])
    assert embeddings.embed_stale_records(graph, use) == 2
    assert embeddings.embed_stale_records(graph, use) == 0
    load(graph, settings, [factories.youth("y-1", bio="Nouvelle bio")])
    assert embeddings.embed_stale_records(graph, use) == 1
    model = graph_embeddings.stored_model(graph.driver, graph.database)
    assert model == graph_embeddings.ModelInfo("use-multilingual-v3", 512)


def test_changing_the_model_re_embeds_everything_with_the_new_dimension(
    graph: Graph, settings: Settings
) -> None:
    load(graph, settings, [factories.youth("y-1"), factories.organization("o-1")])
    embeddings.embed_stale_records(graph, load_encoder("use-multilingual-v3"))
    assert dims(graph) == {512}
    minilm = load_encoder("st:all-MiniLM-L6-v2")
    assert embeddings.embed_stale_records(graph, minilm) == 2
    assert dims(graph) == {384}
    records, _, _ = graph.driver.execute_query(
        "SHOW VECTOR INDEXES YIELD name, options "
        "RETURN name, options.indexConfig.`vector.dimensions` AS d",
        database_=graph.database,
    )
    assert {r["d"] for r in records} == {384}
    model = graph_embeddings.stored_model(graph.driver, graph.database)
    assert model == graph_embeddings.ModelInfo("st:all-MiniLM-L6-v2", 384)
