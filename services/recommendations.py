"""Use case: suggestions of one kind for one record, with reasons, as the viewer may see them."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from graph import candidates as graph_candidates
from graph import cards as graph_cards
from graph import embeddings as graph_embeddings
from graph import recommend as graph_recommend
from graph import records as graph_records
from graph.driver import ManagedTransaction, Neo4jError
from matcher.encoders import Encoder
from matcher.features import Similarity
from matcher.kinds import SuggestionKind
from matcher.lexical import keys_text
from matcher.profile_text import profile_text
from matcher.profiles import Profile
from matcher.ranker import MatchRanker
from matcher.reasons import Lang
from matcher.recommender import Suggestion, pair_evidence, rank
from matcher.rules import AgeBounds
from models.recommendation import Recommendation, RecommendationList
from services import candidate_facts, candidate_vectors, outcomes
from services.access import SYSTEM, Actor, may_edit_id
from services.db import Graph
from services.errors import FieldError, Forbidden, InvalidInput, NotFound
from services.settings import Settings

log = logging.getLogger("multaqa.recommendations")
VectorIndex = graph_embeddings.VectorIndex
# How many candidates each source brings before the hard rules and the ranking.
VECTOR_CANDIDATES = 40
NEIGHBOUR_CANDIDATES = 20  # and as many from each of the occupation and lexical sources
LEXICAL_TERMS = 64  # distinct lexical keys of the viewer sent to the full-text index
# The occupation and lexical sources (issue 11); benchmarks/bench_recommend.py switches them off
# to measure, in the same run, what they cost.
EXTRA_SOURCES = True
# Candidates' cosines from their vectors kept in the process (services.candidate_vectors),
# and their content kept too (services.candidate_facts); benchmarks/bench_recommend.py
# switches them off to time Neo4j's in the same run.
KEPT_VECTORS = True
KEPT_FACTS = True

TARGET_INDEX = {
    "youth": VectorIndex.YOUTH,
    "mentor": VectorIndex.MENTOR,
    "organization": VectorIndex.ORGANIZATION,
    "job_offer": VectorIndex.JOB_OFFER,
}


def recommend(
    graph: Graph,
    actor: Actor,
    kind: SuggestionKind,
    for_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    encoder: Encoder | None = None,
    k: int = 10,
    lang: Lang = "fr",
    today: dt.date | None = None,
    record_shown: bool = False,
    shown_at: dt.datetime | None = None,
) -> RecommendationList:
    """The `k` best suggestions of `kind` for the record `for_id`.

    With `record_shown` (the API), each suggestion and its features are remembered, so that
    what happens next (requested, accepted, hired...) can train the ranker.

    Raises:
        NotFound: no record has this id.
        InvalidInput: this kind is not suggested to this type of record.
        Forbidden: the actor may not ask on behalf of this record.
    """
    suggestions = _ranked(
        graph,
        actor,
        kind,
        for_id,
        rankers=rankers,
        settings=settings,
        encoder=encoder,
        k=k,
        lang=lang,
        today=today,
    )
    if record_shown:
        outcomes.record_shown(graph, for_id, kind, _shown(suggestions), now=shown_at)
    return RecommendationList(
        for_id=for_id,
        kind=kind,
        items=[
            Recommendation(id=s.id, score=s.score, reasons=list(s.reasons)) for s in suggestions
        ],
    )


def _ranked(
    graph: Graph,
    actor: Actor,
    kind: SuggestionKind,
    for_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    encoder: Encoder | None,
    k: int,
    lang: Lang,
    today: dt.date | None = None,
) -> list[Suggestion]:
    """The `k` best suggestions with their evidence (what `recommend` and the cards share)."""
    viewer, candidates, similarities = _gathered(graph, actor, kind, for_id, encoder, k, settings)
    return rank(
        viewer,
        candidates,
        kind,
        rankers,
        k=k,
        today=today,
        ages=AgeBounds(settings.youth_min_age, settings.youth_max_age),
        lang=lang,
        similarities=similarities,
    )


def warm_up(
    graph: Graph,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    encoder: Encoder | None = None,
) -> None:
    """Make one list of each kind, recorded nowhere: what the first requests after a start
    would otherwise wait for (query plans, the graph's pages in memory) is ready. Never stops
    a start: records imported but not embedded yet have no vector index to search."""
    for kind in SuggestionKind:
        for viewer_type in sorted(kind.viewer_types):
            found = graph.read(graph_candidates.some_of_type, viewer_type)
            if found is None:
                continue
            try:
                _ranked(
                    graph,
                    SYSTEM,
                    kind,
                    found,
                    rankers=rankers,
                    settings=settings,
                    encoder=encoder,
                    k=10,
                    lang="fr",
                )
            except Neo4jError as error:
                log.warning("warm-up of %s suggestions skipped: %s", kind.value, error.message)


def _shown(suggestions: Sequence[Suggestion]) -> list[tuple[str, np.ndarray]]:
    return [(s.id, s.evidence.features) for s in suggestions]


@dataclass(frozen=True)
class CandidateFeatures:
    """One candidate the recommender would score, with its features from both sides."""

    id: str
    forward: np.ndarray
    backward: np.ndarray | None  # the candidate's side, for two-sided kinds


def candidate_features(
    graph: Graph,
    kind: SuggestionKind,
    for_id: str,
    *,
    settings: Settings,
    encoder: Encoder | None = None,
    k: int = 10,
    today: dt.date | None = None,
) -> list[CandidateFeatures]:
    """Every candidate `recommend` would score for `for_id` (same sources, same hard rules),
    with its features: what the ranker's weights are fitted on (evaluation.fitting)."""
    viewer, candidates, similarities = _gathered(graph, SYSTEM, kind, for_id, encoder, k, settings)
    pairs = pair_evidence(
        viewer,
        candidates,
        kind,
        today=today or dt.date.today(),
        ages=AgeBounds(settings.youth_min_age, settings.youth_max_age),
        similarities=similarities,
    )
    return [CandidateFeatures(p.candidate.id, p.forward.features, p.backward) for p in pairs]


def _gathered(
    graph: Graph,
    actor: Actor,
    kind: SuggestionKind,
    for_id: str,
    encoder: Encoder | None,
    k: int,
    settings: Settings,
) -> tuple[Profile, list[Profile], dict[str, Similarity]]:
    """The viewer, its candidates from every source and their similarities to it."""
    kept = candidate_vectors.kept(graph, settings.kept_vectors if KEPT_VECTORS else 0)
    contents = candidate_facts.kept(settings.kept_facts if KEPT_FACTS else 0)
    # One read transaction for the reads: one session and one commit, not four.
    return graph.read(_gathered_tx, actor, kind, for_id, encoder, k, kept, contents)


def _gathered_tx(
    tx: ManagedTransaction,
    actor: Actor,
    kind: SuggestionKind,
    for_id: str,
    encoder: Encoder | None,
    k: int,
    kept: candidate_vectors.CandidateVectors | None,
    contents: candidate_facts.CandidateFacts | None,
) -> tuple[Profile, list[Profile], dict[str, Similarity]]:
    viewer, lexical_query = _viewer(tx, actor, kind, for_id, encoder)
    ids, lexical = _candidate_ids(tx, kind, viewer, k, lexical_query)
    profiles, cosines = _candidate_facts(tx, viewer, ids, kept, contents)
    similarities = {
        cid: replace(found, lexical=lexical.get(cid, 0.0)) for cid, found in cosines.items()
    }
    return viewer, profiles, similarities


def _candidate_facts(
    tx: ManagedTransaction,
    viewer: Profile,
    ids: list[str],
    kept: candidate_vectors.CandidateVectors | None,
    contents: candidate_facts.CandidateFacts | None = None,
) -> tuple[list[Profile], dict[str, Similarity]]:
    """The candidates' profiles and their cosines with the viewer: from the vectors kept in
    the process (`kept`), or computed by Neo4j where numpy cannot give its cosines; their
    content from what the process keeps (`contents`), or all read now."""
    if kept is not None:
        hashed = (
            contents.hashed(tx, ids)
            if contents is not None
            else graph_recommend.candidate_facts_hashed(tx, ids)
        )
        return [c.profile for c in hashed], kept.similarities(tx, viewer, hashed)
    facts = graph_recommend.candidate_facts(
        tx,
        ids,
        vector=listed(viewer.embedding),
        needs=listed(viewer.needs_embedding),
        offers=listed(viewer.offers_embedding),
    )
    cosines = {
        f.profile.id: Similarity(
            semantic=f.semantic, needs_offers=f.needs_offers, offers_needs=f.offers_needs
        )
        for f in facts
    }
    return [f.profile for f in facts], cosines


def _viewer(
    tx: ManagedTransaction,
    actor: Actor,
    kind: SuggestionKind,
    for_id: str,
    encoder: Encoder | None,
) -> tuple[Profile, str]:
    """The viewer's profile and its lexical keys (as a full-text query). The record itself
    is read only when its text is needed: not embedded or not refreshed yet."""
    facts = graph_recommend.viewer_facts(tx, for_id)
    if facts is None:
        raise NotFound(f"no record with id {for_id}")
    viewer = facts.profile
    if viewer.kind not in kind.viewer_types:
        allowed = " or ".join(sorted(kind.viewer_types))
        raise InvalidInput(
            [
                FieldError(
                    "for",
                    f"{kind.value} are suggested to a {allowed}, and {for_id} is a {viewer.kind}",
                )
            ]
        )
    if not may_edit_id(actor, viewer.kind, for_id, poster=facts.poster):
        raise Forbidden(f"you may not ask for suggestions on behalf of {for_id}")
    if not actor.approved:  # safeguarding: nobody unvetted browses youths through suggestions
        raise Forbidden("your account awaits approval by the platform staff")
    embed = (
        viewer.embedding is None
        and encoder is not None
        and graph_embeddings.model_in_use(tx) is not None
    )
    if not embed and facts.lexical is not None:
        return viewer, full_text_query(facts.lexical)
    text = _text_of(tx, for_id)
    if embed and encoder is not None:
        # Not embedded yet (just created): encode it now rather than lose the semantic part;
        # all zeros (a name alone, no word the encoder knows) means nothing to search with.
        # Before anything is embedded there is no vector index (nor vector) to search.
        encoded = encoder.encode([text])[0]
        if np.any(encoded):
            viewer = replace(viewer, embedding=encoded)
    return viewer, full_text_query(facts.lexical or keys_text(text))


def _text_of(tx: ManagedTransaction, record_id: str) -> str:
    found = graph_records.read_records(tx, [record_id])
    return profile_text(found[0].model_dump(mode="json")) if found else ""


def full_text_query(keys: str) -> str:
    """At most `LEXICAL_TERMS` distinct keys, in order (Lucene ORs them)."""
    return " ".join(list(dict.fromkeys(keys.split()))[:LEXICAL_TERMS])


def _candidate_ids(
    tx: ManagedTransaction, kind: SuggestionKind, viewer: Profile, k: int, lexical_query: str
) -> tuple[list[str], dict[str, float]]:
    """Vector, graph, occupation and lexical neighbours, merged, each id once, in a stable
    order; and the lexical score of each lexical candidate relative to the best one."""
    [found] = graph_candidates.candidate_sources(
        tx,
        kind,
        [source_query(kind, viewer, lexical_query)],
        **source_limits(kind, k),
    )
    return merged(found, viewer.id)


def source_query(
    kind: SuggestionKind, viewer: Profile, lexical_query: str
) -> graph_candidates.SourceQuery:
    """What `viewer` searches its candidates with."""
    needs = viewer.needs_embedding if kind is SuggestionKind.PARTNERS else None
    return graph_candidates.SourceQuery(
        id=viewer.id,
        vector=listed(viewer.embedding),
        needs=listed(needs),
        lexical=lexical_query if EXTRA_SOURCES else "",
    )


def source_limits(kind: SuggestionKind, k: int) -> dict[str, Any]:
    """The indexes searched and how many candidates each source brings, for `k` suggestions."""
    offers = kind is SuggestionKind.PARTNERS
    return {
        "index": TARGET_INDEX[kind.target_type].value,
        "offers_index": VectorIndex.ORGANIZATION_OFFERS.value if offers else None,
        "limit": max(VECTOR_CANDIDATES, 4 * k),
        "others": max(NEIGHBOUR_CANDIDATES, 2 * k),
        "extra": EXTRA_SOURCES,
    }


def merged(found: graph_candidates.Sources, viewer_id: str) -> tuple[list[str], dict[str, float]]:
    """The sources' ids each once (vector, graph, occupation then lexical neighbours), and the
    lexical scores relative to the best."""
    ids = dict.fromkeys([*found.near, *found.near_offers])
    ids.update(dict.fromkeys(found.neighbours))
    ids.update(dict.fromkeys(found.occupations))
    ids.update(dict.fromkeys(cid for cid, _ in found.lexical))
    ids.pop(viewer_id, None)
    best = max((score for _, score in found.lexical), default=0.0)
    return list(ids), {cid: score / best for cid, score in found.lexical if best > 0}


def listed(vector: np.ndarray | None) -> list[float] | None:
    return None if vector is None else vector.tolist()


@dataclass(frozen=True)
class Card:
    """One suggestion as a page shows it: who or what, a one-line summary, its reasons."""

    id: str
    type: str
    name: str
    summary: str
    score: float
    reasons: tuple[str, ...]


SUMMARY_CHARS = 140


def summary_line(text: str) -> str:
    """A record's text as a card's one-line summary: spaces folded, cut at `SUMMARY_CHARS`."""
    summary = " ".join(text.split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    return summary


def suggestion_cards(
    graph: Graph,
    actor: Actor,
    kind: SuggestionKind,
    for_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    encoder: Encoder | None = None,
    k: int = 10,
    lang: Lang = "fr",
) -> list[Card]:
    """The suggestions of `recommend` (recorded as shown) with each one's name and summary."""
    suggestions = _ranked(
        graph,
        actor,
        kind,
        for_id,
        rankers=rankers,
        settings=settings,
        encoder=encoder,
        k=k,
        lang=lang,
    )
    # The "shown" outcomes and the cards' texts are independent: written and read at once.
    with ThreadPoolExecutor(max_workers=1) as pool:
        written = pool.submit(outcomes.record_shown, graph, for_id, kind, _shown(suggestions))
        texts = {t.id: t for t in graph.read(graph_cards.card_texts, [s.id for s in suggestions])}
        written.result()
    cards = []
    for item in suggestions:
        found = texts.get(item.id)
        if found is None:
            continue
        summary = summary_line(found.text)
        cards.append(
            Card(
                id=found.id,
                type=found.type,
                name=found.name,
                summary=summary,
                score=item.score,
                reasons=tuple(item.reasons),
            )
        )
    return cards
