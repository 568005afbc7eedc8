"""Use cases: embed the ESCO taxonomy, link free-text skills and offers to it.

Thresholds are cosine similarities of the multilingual encoder, chosen by measurement on
held-out ESCO labels (the figures are beside the constants below and in README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from graph import skill_links as graph_links
from matcher.encoders import Encoder
from matcher.lexicon import skills_named
from services.db import Graph
from services.embeddings import adopt_encoder

# Measured on 3,000 held-out ESCO altLabels (EN/FR) against 1,250 texts that are not skills:
# at 0.80, 66% of terms link, 91% of them to the right skill, 2% of non-skills link;
# at 0.60 (tried first) 97% linked but only 79% rightly, and 47% of non-skills linked.
TERM_THRESHOLD = 0.8  # a written skill maps to the nearest ESCO skill at least this close
TERM_NEIGHBOURS = 1  # a second link was mostly noise
OFFER_THRESHOLD = 0.45  # an offer's title maps to its nearest occupation at least this close
BATCH = 1000
# Terms linked before the lexicon was used (or with an older one) are linked again.
TERM_LINK_VERSION = "lexicon-1"

Progress = Callable[[str, int], None]


def embed_taxonomy(graph: Graph, encoder: Encoder, *, on_progress: Progress | None = None) -> int:
    """Embed ESCO skills (English and French labels) and occupations (with Arabic); returns
    how many nodes got a vector."""
    adopt_encoder(graph, encoder)
    done = 0
    for read, write in (
        (graph_links.unembedded_esco_skills, graph_links.write_esco_skill_vectors),
        (graph_links.unembedded_occupations, graph_links.write_occupation_vectors),
    ):
        pending = graph.read(read)
        for start in range(0, len(pending), BATCH):
            chunk = pending[start : start + BATCH]
            vectors = label_vectors(encoder, [concept.labels for concept in chunk])
            graph.write(
                write,
                [
                    {"id": concept.id, "embedding": vector.tolist()}
                    for concept, vector in zip(chunk, vectors, strict=True)
                ],
            )
            done += len(chunk)
            if on_progress:
                on_progress("taxonomy", len(chunk))
    if done:
        graph_links.forget_links(graph.driver, graph.database)
    return done


def label_vectors(encoder: Encoder, labels: Sequence[Sequence[str | None]]) -> np.ndarray:
    """One vector per concept: the normalised mean of its labels' vectors (any language)."""
    flat = [(i, text) for i, texts in enumerate(labels) for text in texts if text]
    encoded = encoder.encode([text for _, text in flat])
    summed = np.zeros((len(labels), encoder.dim), dtype=np.float32)
    for (i, _), vector in zip(flat, encoded, strict=True):
        summed[i] += vector
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    return np.asarray(np.divide(summed, norms, out=np.zeros_like(summed), where=norms > 0))


def link_new_terms(graph: Graph, encoder: Encoder) -> int:
    """Link every free-text skill not yet linked with this encoder to its nearest ESCO skill,
    and to the ESCO skills the lexicon knows it by; returns how many."""
    stamp = f"{encoder.name}|{TERM_LINK_VERSION}"
    pending = graph.read(graph_links.unlinked_terms, stamp)
    for start in range(0, len(pending), BATCH):
        chunk = pending[start : start + BATCH]
        vectors = encoder.encode([term.name for term in chunk])
        rows = [
            {"key": term.key, "embedding": vector.tolist()}
            for term, vector in zip(chunk, vectors, strict=True)
            if np.any(vector)
        ]
        graph.write(
            graph_links.link_terms,
            rows,
            model=stamp,
            threshold=TERM_THRESHOLD,
            neighbours=TERM_NEIGHBOURS,
        )
        named = [
            {"key": term.key, "skills": list(skills)}
            for term in chunk
            if (skills := skills_named(term.name))
        ]
        if named:
            graph.write(graph_links.link_terms_by_lexicon, named)
    return len(pending)


def link_new_offers(graph: Graph, encoder: Encoder) -> int:
    """Link every new or changed youth, mentor and offer to the occupations its text names
    (the name is kept from when only offers were linked); returns how many."""
    from services.occupation_links import link_new_records

    return link_new_records(graph, encoder)


link_new_occupations = link_new_offers
