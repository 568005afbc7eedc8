"""What is derived from the records, refreshed in one place.

A record's vectors (profile, needs, offers) and lexical keys, its written skills' links to ESCO
skills and, for a youth, mentor or offer, the ESCO occupations its text names
(services.occupation_links) are all derived from what was written. Every path that
writes records (import, the API through the embed task, `multaqa embed`, `multaqa up`, the
evaluation and the benchmarks) calls `refresh_derived` afterwards, so the steps and their order
live here only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from graph import embeddings as graph_embeddings
from graph import records as graph_records
from matcher.encoders import Encoder
from matcher.encoders.cache import TextCache
from services import embeddings, followups, skill_links, skill_occupations
from services.db import Graph

# A step's name -> a context manager around it (e.g. a timer); by default nothing.
Step = Callable[[str], AbstractContextManager[object]]
EMBED = "embed records"
LINK = "link to ESCO"


@dataclass(frozen=True)
class Refreshed:
    """How much was refreshed: records embedded, written skills and offers linked to ESCO."""

    embedded: int
    terms: int
    offers: int


def refresh_derived(
    graph: Graph,
    encoder: Encoder,
    record_ids: Sequence[str] | None = None,
    *,
    step: Step = lambda _: nullcontext(),
    on_total: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Refreshed:
    """Embed records, then link the skills and offers not linked yet to ESCO.

    Args:
        graph: the graph.
        encoder: the configured encoder (vectors of two models are never mixed).
        record_ids: the records just written; None = every record new or changed since its
            last embedding (after an import).
        step: wraps each step (`EMBED`, `LINK`), e.g. to time it.
        on_total: told how many records will be embedded (None record_ids only).
        on_progress: told how many more records were embedded.

    Returns:
        The counts; all 0 (and nothing linked) when none of `record_ids` exists any more.
    """
    # The steps encode the same texts again and again (skills, titles, repeated phrases): each
    # different text once, for the whole refresh (issue 14: the import at the encoder's speed).
    if not isinstance(encoder, TextCache):
        encoder = TextCache(encoder)
    with step(EMBED):
        if record_ids is None:
            embedded = embeddings.embed_stale_records(
                graph, encoder, on_total=on_total, on_progress=on_progress
            )
        else:
            records = graph.read(graph_records.read_records, list(record_ids))
            if not records:
                return Refreshed(0, 0, 0)
            embeddings.embed_records(graph, encoder, records)
            embedded = len(records)
    with step(LINK):
        terms, offers = link_to_esco(graph, encoder)
    return Refreshed(embedded, terms, offers)


def link_to_esco(graph: Graph, encoder: Encoder) -> tuple[int, int]:
    """Link the written skills, then the youths, mentors and offers (their occupations), not
    linked yet with this encoder to ESCO (also after the taxonomy itself was loaded), then
    store the occupations each record's skills lead to where they are missing or stale
    (services.skill_occupations); returns (skills, records) linked."""
    linked = skill_links.link_new_terms(graph, encoder), skill_links.link_new_offers(graph, encoder)
    skill_occupations.store_stale(graph)
    return linked


def refresh_record(graph: Graph, encoder: Encoder, record_id: str) -> bool:
    """After one record was written (the embed task): refresh what derives from it, then queue
    its suggestions' refresh (a changed profile may have new matches). False when it is gone."""
    if not refresh_derived(graph, encoder, [record_id]).embedded:
        return False
    followups.refresh_suggestions(record_id)
    return True


def unembedded_count(graph: Graph) -> int:
    """Records new or changed since their last embedding: suggestions would rank them (and
    rank for them) without their meaning until `refresh_derived` runs."""
    return len(graph.read(graph_embeddings.stale_record_ids))
