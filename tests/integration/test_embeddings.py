"""Embeddings in the graph: stored with their model, refreshed on change, never mixed."""

from __future__ import annotations

from typing import Any

import pytest

from graph import embeddings as graph_embeddings
from matcher.encoders import load_encoder
from matcher.encoders.cache import TextCache
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


def test_records_in_several_batches_are_each_read_embedded_and_written_once(
    graph: Graph, settings: Settings
) -> None:
    # The next batch is read and the last one written while this one is encoded.
    youths = [factories.youth(f"y-{n}", bio=f"Bio {n}") for n in range(5)]
    load(graph, settings, [*youths, factories.youth("y-same", bio="Bio 0")])
    done: list[int] = []
    counted = TextCache(load_encoder("use-multilingual-v3"))
    embedded = embeddings.embed_stale_records(graph, counted, batch_size=2, on_progress=done.append)
    assert embedded == 6
    assert done == [2, 2, 2]
    assert not graph.read(graph_embeddings.stale_record_ids)
    vectors = graph.read(graph_embeddings.record_vectors, ["y-0", "y-same", "y-4"])
    assert vectors["y-0"] == vectors["y-same"]  # the same text: one vector
    assert vectors["y-0"] != vectors["y-4"]
    assert counted.encoded == 5 + 1  # five different profile texts, one project text


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


def test_records_keyed_by_an_older_version_of_the_lexical_keys_are_keyed_again(
    graph: Graph, settings: Settings
) -> None:
    use = load_encoder("use-multilingual-v3")
    load(graph, settings, [factories.youth("y-1", bio="كنركب السقي بالگوتة گوتة")])
    embeddings.embed_stale_records(graph, use)
    graph.driver.execute_query(  # as stored before the Darija letters stayed in words
        "MATCH (n:Entity {id: 'y-1'}) SET n.lexical = 'ال وته', n.lexical_version = '1'",
        database_=graph.database,
    )
    counted = TextCache(use)
    assert embeddings.embed_stale_records(graph, counted) == 0  # nothing to encode ...
    assert counted.encoded == 0
    records, _, _ = graph.driver.execute_query(
        "MATCH (n:Entity {id: 'y-1'}) RETURN n.lexical AS keys", database_=graph.database
    )
    assert "گوته" in records[0]["keys"].split()  # ... but the keys are those of today
    assert not graph.read(graph_embeddings.stale_lexical_ids, "2")
