"""Ranking candidates for one viewer: hard rules, features, scores, reasons.

Plain data in, plain data out: the service layer fetches the profiles from the graph, the
evaluation builds them from files, and both rank with this same code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matcher.features import Evidence, Similarity, evidence, similarity
from matcher.kinds import SuggestionKind as K
from matcher.profiles import Profile
from matcher.progress import Report, silent
from matcher.ranker import MatchRanker
from matcher.reasons import Lang, reasons_for
from matcher.rules import AgeBounds, allowed, viewer_may_receive

DEFAULT_AGES = AgeBounds()


@dataclass(frozen=True)
class Suggestion:
    """One suggested profile, its score in [0, 1] and why."""

    id: str
    score: float
    reasons: tuple[str, ...]
    evidence: Evidence


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
    pairs = pair_evidence(
        viewer,
        candidates,
        kind,
        today=today or dt.date.today(),
        ages=ages,
        similarities=similarities,
    )
    if not pairs:
        return []
    scores = rankers[kind].predict_proba(np.stack([p.forward.features for p in pairs]))
    if kind.two_sided:
        back = np.stack([p.backward for p in pairs if p.backward is not None])
        scores = _harmonic(scores, rankers[kind.reverse].predict_proba(back))
    order = np.argsort(-scores, kind="stable")[:k]
    return [
        Suggestion(
            id=pairs[i].candidate.id,
            score=round(float(scores[i]), 4),
            reasons=tuple(
                reasons_for(
                    pairs[i].forward,
                    kind,
                    rankers[kind].contributions(pairs[i].forward.features),
                    lang,
                )
            ),
            evidence=pairs[i].forward,
        )
        for i in order
    ]


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
    if not viewer_may_receive(viewer, kind, today, ages):
        return []
    found = []
    for candidate in candidates:
        if not allowed(viewer, candidate, kind, today, ages):
            continue
        sims = (similarities or {}).get(candidate.id) or similarity(viewer, candidate)
        backward = (
            evidence(candidate, viewer, kind.reverse, today, sims.reversed()).features
            if kind.two_sided
            else None
        )
        found.append(
            PairEvidence(candidate, evidence(viewer, candidate, kind, today, sims), backward)
        )
    return found


def _harmonic(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    total = a + b
    return np.asarray(np.divide(2 * a * b, total, out=np.zeros_like(total), where=total > 0))


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
    ("scoring", pairs scored, pairs to score) after each viewer.
    """
    today = today or dt.date.today()
    vectors = [c.embedding for c in candidates]
    embedded = [i for i, v in enumerate(vectors) if v is not None]
    matrix = np.stack([candidates[i].embedding for i in embedded]) if embedded else None  # type: ignore[misc]
    others = [c for c, v in zip(candidates, vectors, strict=True) if v is None]
    pools: dict[str, list[Profile]] = {}
    for viewer in viewers:
        pool = list(others)
        if matrix is not None and viewer.embedding is not None:
            cosines = matrix @ viewer.embedding
            top = np.argsort(-cosines, kind="stable")[:shortlist]
            pool += [candidates[embedded[i]] for i in top]
        elif matrix is not None:
            pool += [candidates[i] for i in embedded]
        pools[viewer.id] = pool
    total, done = sum(len(pool) for pool in pools.values()), 0
    ranked = {}
    for viewer in viewers:
        pool = pools[viewer.id]
        ranked[viewer.id] = rank(viewer, pool, kind, rankers, k=len(pool), today=today, ages=ages)
        done += len(pool)
        report("scoring", done, total)
    return ranked
