"""Ranking candidates for viewers: hard rules, features, scores, reasons.

Plain data in, plain data out: the service layer fetches the profiles from the graph, the
evaluation builds them from files, and all rank with this same code. `rank` makes one list;
`rank_lists` makes many at once (the weekly refresh of everyone's suggestions) through the same
steps, so that a list is the same whichever way it was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from matcher import feature_matrix
from matcher.feature_matrix import Pairs, Similarities
from matcher.features import Evidence, Similarity, evidence, similarity
from matcher.kinds import SuggestionKind as K
from matcher.profile_table import ProfileTable, Vocabulary
from matcher.profiles import Profile
from matcher.progress import Report, silent
from matcher.ranker import MatchRanker
from matcher.reasons import Lang, reasons_for
from matcher.rules import AgeBounds, allowed, viewer_may_receive

DEFAULT_AGES = AgeBounds()
BLOCK = 256  # viewers scored together: their pairs' features fit in memory at once


@dataclass(frozen=True)
class Suggestion:
    """One suggested profile, its score in [0, 1] and why."""

    id: str
    score: float
    reasons: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Ask:
    """One list to make: a row of the viewers' table, rows of the candidates' table (ties in
    score keep this order) and each pair's similarities."""

    viewer: int
    candidates: np.ndarray
    sims: Similarities


@dataclass(frozen=True)
class Scored:
    """The allowed pairs of one list, with their features from both sides and their scores."""

    candidates: np.ndarray  # rows of the candidates' table
    sims: Similarities
    forward: np.ndarray
    backward: np.ndarray | None  # the candidate's side, for two-sided kinds
    scores: np.ndarray


def rank(
    viewer: Profile,
    candidates: Iterable[Profile],
    kind: K,
    rankers: Mapping[K, MatchRanker],
    *,
    k: int = 10,
    today: dt.date | None = None,
    ages: AgeBounds = DEFAULT_AGES,
    lang: Lang = "fr",
    similarities: Mapping[str, Similarity] | None = None,
) -> list[Suggestion]:
    """The best `k` candidates for `viewer`, best first, each with its reasons.

    Two-sided kinds (mentors, mentees, peers, partners) score the pair from both sides and
    combine the two with a harmonic mean: a match both would want ranks above one only the
    viewer would. `similarities` (by candidate id) spares computing cosines from vectors.
    """
    today = today or dt.date.today()
    # One list encodes only the candidates the rules allow (most are not, for mentors): the
    # table's cost is per candidate. `feature_matrix.allowed` gives the same answers
    # (tests/unit/test_feature_matrix.py), so the list is the one `rank_lists` would make.
    kept = [c for c in candidates if allowed(viewer, c, kind, today, ages)]
    viewers, table, ask = _one(viewer, kept, similarities)
    return rank_lists(viewers, table, [ask], kind, rankers, k=k, today=today, ages=ages, lang=lang)[
        0
    ]


def rank_lists(
    viewers: ProfileTable,
    candidates: ProfileTable,
    asks: Sequence[Ask],
    kind: K,
    rankers: Mapping[K, MatchRanker],
    *,
    k: int = 10,
    today: dt.date | None = None,
    ages: AgeBounds = DEFAULT_AGES,
    lang: Lang = "fr",
) -> list[list[Suggestion]]:
    """`rank` for many viewers at once: one list per ask, in order."""
    today = today or dt.date.today()
    lists = []
    for ask, found in zip(
        asks, score(viewers, candidates, asks, kind, rankers, today, ages), strict=True
    ):
        order = np.argsort(-found.scores, kind="stable")[:k]
        lists.append(
            [
                _suggestion(viewers, candidates, ask.viewer, found, n, kind, rankers, today, lang)
                for n in order
            ]
        )
    return lists


def score(
    viewers: ProfileTable,
    candidates: ProfileTable,
    asks: Sequence[Ask],
    kind: K,
    rankers: Mapping[K, MatchRanker],
    today: dt.date,
    ages: AgeBounds,
) -> list[Scored]:
    """The allowed pairs of each ask, their features (computed for all asks at once) and
    their scores (per ask, so that a list scores the same alone or among others)."""
    asks = [
        ask if viewer_may_receive(viewers.profiles[ask.viewer], kind, today, ages) else _none(ask)
        for ask in asks
    ]
    owner = np.repeat(np.arange(len(asks)), [len(ask.candidates) for ask in asks])
    pairs = Pairs(
        np.repeat([ask.viewer for ask in asks], [len(ask.candidates) for ask in asks]).astype(
            np.int64
        ),
        np.concatenate([ask.candidates for ask in asks] or [np.zeros(0)]).astype(np.int64),
    )
    sims = _concatenated([ask.sims for ask in asks])
    keep = feature_matrix.allowed(viewers, candidates, pairs, kind, today, ages)
    pairs, sims, owner = pairs.subset(keep), sims.subset(keep), owner[keep]
    forward = feature_matrix.features(viewers, candidates, pairs, kind, today, sims)
    backward = (
        feature_matrix.features(
            candidates, viewers, pairs.reversed(), kind.reverse, today, sims.reversed()
        )
        if kind.two_sided
        else None
    )
    bounds = np.searchsorted(owner, np.arange(len(asks) + 1))
    found = []
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        mine = np.arange(start, end)
        scores = rankers[kind].predict_proba(forward[mine]) if len(mine) else np.zeros(0)
        if backward is not None and len(mine):
            scores = _harmonic(scores, rankers[kind.reverse].predict_proba(backward[mine]))
        found.append(
            Scored(
                candidates=pairs.candidate[mine],
                sims=sims.subset(mine),
                forward=forward[mine],
                backward=None if backward is None else backward[mine],
                scores=scores,
            )
        )
    return found


def _suggestion(
    viewers: ProfileTable,
    candidates: ProfileTable,
    viewer: int,
    found: Scored,
    n: int,
    kind: K,
    rankers: Mapping[K, MatchRanker],
    today: dt.date,
    lang: Lang,
) -> Suggestion:
    """A suggestion with the facts of the pair (for its reasons) and the features it scored."""
    candidate = candidates.profiles[found.candidates[n]]
    facts = _evidence(viewers.profiles[viewer], candidate, kind, today, found, n)
    return Suggestion(
        id=candidate.id,
        score=round(float(found.scores[n]), 4),
        reasons=tuple(reasons_for(facts, kind, rankers[kind].contributions(facts.features), lang)),
        evidence=facts,
    )


def _evidence(
    viewer: Profile, candidate: Profile, kind: K, today: dt.date, found: Scored, n: int
) -> Evidence:
    sims = Similarity(
        semantic=float(found.sims.semantic[n]),
        needs_offers=float(found.sims.needs_offers[n]),
        offers_needs=float(found.sims.offers_needs[n]),
        lexical=float(found.sims.lexical[n]),
    )
    return replace(evidence(viewer, candidate, kind, today, sims), features=found.forward[n])


@dataclass(frozen=True)
class PairEvidence:
    """A candidate the hard rules allow, the pair's facts seen by the viewer, and (two-sided
    kinds) the features seen by the candidate."""

    candidate: Profile
    forward: Evidence
    backward: np.ndarray | None


def pair_evidence(
    viewer: Profile,
    candidates: Iterable[Profile],
    kind: K,
    *,
    today: dt.date,
    ages: AgeBounds = DEFAULT_AGES,
    similarities: Mapping[str, Similarity] | None = None,
) -> list[PairEvidence]:
    """The candidates the hard rules allow, with the facts and features the ranker scores:
    what `rank` scores, and what the prior weights are fitted on (evaluation.fitting)."""
    viewers, table, ask = _one(viewer, list(candidates), similarities)
    rankers = _unit_rankers()
    [found] = score(viewers, table, [ask], kind, rankers, today, ages)
    return [
        PairEvidence(
            candidate=table.profiles[row],
            forward=_evidence(viewer, table.profiles[row], kind, today, found, n),
            backward=None if found.backward is None else found.backward[n],
        )
        for n, row in enumerate(found.candidates)
    ]


def rank_many(
    viewers: Sequence[Profile],
    candidates: Sequence[Profile],
    kind: K,
    rankers: Mapping[K, MatchRanker],
    *,
    shortlist: int = 40,
    today: dt.date | None = None,
    ages: AgeBounds = DEFAULT_AGES,
    report: Report = silent,
) -> dict[str, list[Suggestion]]:
    """`rank` for many viewers over one candidate pool (a cohort and its mentors).

    Like the service, each viewer ranks a shortlist: its `shortlist` closest candidates by
    meaning (one matrix product for everyone), plus those without a vector. `report` hears
    ("scoring", pairs scored, pairs to score) after each block of viewers.
    """
    today = today or dt.date.today()
    vectors = [c.embedding for c in candidates]
    embedded = [i for i, v in enumerate(vectors) if v is not None]
    matrix = np.stack([candidates[i].embedding for i in embedded]) if embedded else None  # type: ignore[misc]
    others = [i for i, v in enumerate(vectors) if v is None]
    words = Vocabulary()
    table = ProfileTable.of(candidates, words)
    viewer_table = ProfileTable.of(viewers, words)
    asks = []
    for row, viewer in enumerate(viewers):
        pool = list(others)
        if matrix is not None and viewer.embedding is not None:
            cosines = matrix @ viewer.embedding
            pool += [embedded[i] for i in np.argsort(-cosines, kind="stable")[:shortlist]]
        elif matrix is not None:
            pool += embedded
        pooled = [candidates[i] for i in pool]
        asks.append(Ask(row, np.asarray(pool, dtype=np.int64), _similarities(viewer, pooled, None)))
    total, done = sum(len(ask.candidates) for ask in asks), 0
    lists: list[list[Suggestion]] = []
    for start in range(0, len(asks), BLOCK):
        block = asks[start : start + BLOCK]
        lists += rank_lists(
            viewer_table, table, block, kind, rankers, k=len(candidates), today=today, ages=ages
        )
        done += sum(len(ask.candidates) for ask in block)
        report("scoring", done, total)
    return {viewer.id: found for viewer, found in zip(viewers, lists, strict=True)}


def _one(
    viewer: Profile, candidates: list[Profile], similarities: Mapping[str, Similarity] | None
) -> tuple[ProfileTable, ProfileTable, Ask]:
    words = Vocabulary()
    viewers = ProfileTable.of([viewer], words)
    table = ProfileTable.of(candidates, words)
    sims = _similarities(viewer, candidates, similarities)
    return viewers, table, Ask(0, np.arange(len(candidates)), sims)


def _similarities(
    viewer: Profile, candidates: Sequence[Profile], given: Mapping[str, Similarity] | None
) -> Similarities:
    """The given similarity of each candidate, computed from the vectors where none is."""
    found = [(given or {}).get(c.id) or similarity(viewer, c) for c in candidates]
    return Similarities(
        semantic=np.array([s.semantic for s in found], dtype=np.float64),
        needs_offers=np.array([s.needs_offers for s in found], dtype=np.float64),
        offers_needs=np.array([s.offers_needs for s in found], dtype=np.float64),
        lexical=np.array([s.lexical for s in found], dtype=np.float64),
    )


def _concatenated(found: Sequence[Similarities]) -> Similarities:
    def joined(name: str) -> np.ndarray:
        return np.concatenate([getattr(s, name) for s in found] or [np.zeros(0)])

    return Similarities(
        joined("semantic"), joined("needs_offers"), joined("offers_needs"), joined("lexical")
    )


def _none(ask: Ask) -> Ask:
    empty = np.zeros(0)
    return Ask(ask.viewer, np.zeros(0, dtype=np.int64), Similarities(empty, empty, empty, empty))


def _unit_rankers() -> dict[K, MatchRanker]:
    """Rankers whose scores `pair_evidence` ignores (it keeps the features only)."""
    return {kind: MatchRanker() for kind in K}


def _harmonic(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    total = a + b
    return np.asarray(np.divide(2 * a * b, total, out=np.zeros_like(total), where=total > 0))
