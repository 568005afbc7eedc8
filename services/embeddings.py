"""Computing and storing embeddings: after an import, and whenever a profile changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from graph import embeddings as graph_embeddings
from graph import records as graph_records
from matcher.encoders import Encoder
from matcher.lexical import KEYS_VERSION, keys_text
from matcher.profile_text import needs_text, offers_text, profile_text
from models.records import Record
from services import batches
from services.db import Graph

BATCH = 256


def adopt_encoder(graph: Graph, encoder: Encoder) -> bool:
    """Record the encoder in the graph; True when vectors of another model were dropped."""
    model = graph_embeddings.ModelInfo(encoder.name, encoder.dim)
    return graph_embeddings.adopt_model(graph.driver, graph.database, model)


def embed_stale_records(
    graph: Graph,
    encoder: Encoder,
    *,
    batch_size: int = BATCH,
    on_total: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Embed every record that is new or changed since its embedding; returns how many."""
    adopt_encoder(graph, encoder)
    ids = graph.read(graph_embeddings.stale_record_ids)
    if on_total:
        on_total(len(ids))
    batches.each_batch(
        graph,
        ids,
        batch_size=batch_size,
        compute=lambda records: vector_rows(records, encoder),
        write=lambda rows: graph.write(graph_embeddings.write_record_vectors, rows),
        on_written=on_progress,
    )
    rekey_stale_records(graph, batch_size=batch_size)
    return len(ids)


def rekey_stale_records(graph: Graph, *, batch_size: int = BATCH) -> int:
    """Store again the lexical keys of records keyed by another version of `keys_text` (no
    encoding: the words alone); returns how many."""
    ids = graph.read(graph_embeddings.stale_lexical_ids, KEYS_VERSION)
    batches.each_batch(
        graph,
        ids,
        batch_size=batch_size,
        compute=lambda records: [
            {
                "id": r.id,
                "lexical": keys_text(profile_text(r.model_dump(mode="json"))),
                "lexical_version": KEYS_VERSION,
            }
            for r in records
        ],
        write=lambda rows: graph.write(graph_embeddings.write_lexical_keys, rows),
    )
    return len(ids)


def embed_records(graph: Graph, encoder: Encoder, records: Sequence[Record]) -> None:
    """Embed records just written (the API's path: one profile at a time)."""
    adopt_encoder(graph, encoder)
    graph.write(graph_embeddings.write_record_vectors, vector_rows(records, encoder))


def vector_rows(records: Sequence[Record], encoder: Encoder) -> list[dict[str, Any]]:
    """The rows that store each record's vectors, with the content hash they encode."""
    data = [record.model_dump(mode="json") for record in records]
    texts = [profile_text(d) for d in data]
    vectors = encoder.encode(texts)
    # What organisations and project holders look for, and what organisations offer.
    needs = _encode_optional(encoder, [needs_text(d) for d in data])
    offers = _encode_optional(encoder, [offers_text(d) for d in data])
    return [
        {
            "id": record.id,
            "hash": graph_records.content_hash(record),
            "embedding": _as_list(vectors[i]),
            "needs": needs[i],
            "offers": offers[i],
            # the words themselves, for the full-text index (graph.recommend.LEXICAL_SCHEMA)
            "lexical": keys_text(texts[i]),
            "lexical_version": KEYS_VERSION,
        }
        for i, record in enumerate(records)
    ]


def _encode_optional(encoder: Encoder, texts: list[str]) -> list[list[float] | None]:
    """Vectors of the non-empty texts; None where there is nothing to encode."""
    present = [i for i, text in enumerate(texts) if text.strip()]
    vectors: list[list[float] | None] = [None] * len(texts)
    if present:
        for i, vector in zip(present, encoder.encode([texts[i] for i in present]), strict=True):
            vectors[i] = _as_list(vector)
    return vectors


def _as_list(vector: np.ndarray) -> list[float] | None:
    # A zero vector has no direction: cosine indexes refuse it, so store nothing instead.
    return vector.tolist() if np.any(vector) else None
