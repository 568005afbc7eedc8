"""What two attendees of an event gain from meeting: the recommender's score of the pair.

An event pair is scored like a suggestion of the kind that fits the two record types, from
both sides, with the rankers in use and the harmonic mean of the two directions (as the
recommender does for two-sided kinds):

    youth – mentor          mentors (the youth's view) and mentees (the mentor's view)
    youth – youth           peers, both ways
    youth – organisation    partners, both ways
    organisation – organisation   partners, both ways
    mentor – organisation   partners, both ways; not trainable: no suggestion kind has a
                            mentor looking at an organisation, so its outcomes teach nothing
    mentor – mentor         the cosine of the two profiles' meaning vectors (no kind fits)

The suggestion hard rules are not applied: they are about who to introduce (a mentor with no
free place, a pair already connected), not about who may talk for fifteen minutes at an event
both chose to attend. "No thanks", earlier meetings and earlier declines are removed by the
caller (`matcher.event_problem`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from matcher.features import Evidence, evidence
from matcher.kinds import SuggestionKind as K
from matcher.profiles import Profile
from matcher.progress import Report, silent
from matcher.ranker import MatchRanker
from matcher.reasons import Lang, reasons_for

__all__ = [
    "Direction",
    "Pair",
    "PairScore",
    "TrainingRow",
    "direction",
    "pair_reasons",
    "score_pairs",
    "shortlist_pairs",
    "training_kind",
    "training_rows",
]

Pair = tuple[str, str]
REPORT_EVERY = 500  # pairs scored between two progress reports

# (viewer type, target type) -> kind of the forward direction, and whether outcomes train it.
_KINDS: dict[tuple[str, str], tuple[K, bool]] = {
    ("youth", "mentor"): (K.MENTORS, True),
    ("youth", "youth"): (K.PEERS, True),
    ("youth", "organization"): (K.PARTNERS, True),
    ("organization", "organization"): (K.PARTNERS, True),
    ("organization", "mentor"): (K.PARTNERS, False),
}


@dataclass(frozen=True)
class Direction:
    """How a pair is scored: `viewer` looks at `target` as a suggestion of `kind`; the other
    side looks back with `kind.reverse`."""

    viewer: Profile
    target: Profile
    kind: K
    trainable: bool


@dataclass(frozen=True)
class PairScore:
    """The value of a pair (`a < b`) in [0, 1] and how it was found."""

    a: str
    b: str
    value: float
    kind: K | None  # None: plain cosine


def direction(a: Profile, b: Profile) -> Direction | None:
    """The scoring direction of a pair, or None when no suggestion kind fits (two mentors)."""
    for viewer, target in ((a, b), (b, a)):
        found = _KINDS.get((viewer.kind, target.kind))
        if found:
            return Direction(viewer, target, found[0], found[1])
    return None


def training_kind(viewer_type: str, target_type: str) -> K | None:
    """The suggestion kind whose ranker learns from `viewer` meeting `target`, or None."""
    found = _KINDS.get((viewer_type, target_type))
    if found:
        return found[0] if found[1] else None
    back = _KINDS.get((target_type, viewer_type))
    return back[0].reverse if back and back[1] else None


@dataclass(frozen=True)
class TrainingRow:
    """One direction of a pair that met, as the ranker of `kind` would have seen it."""

    viewer_id: str
    target_id: str
    kind: K
    features: np.ndarray


def training_rows(a: Profile, b: Profile, *, today: dt.date) -> list[TrainingRow]:
    """Both directions of a pair that met, for the kinds whose rankers learn from it."""
    rows = []
    for viewer, target in ((a, b), (b, a)):
        kind = training_kind(viewer.kind, target.kind)
        if kind is not None:
            features = evidence(viewer, target, kind, today).features
            rows.append(TrainingRow(viewer.id, target.id, kind, features))
    return rows


def shortlist_pairs(
    profiles: Sequence[Profile], *, per_type: int, always: Iterable[Pair] = ()
) -> set[Pair]:
    """The pairs worth scoring: each attendee's `per_type` closest in meaning of each type.

    Scoring every pair of a 500-person event is 125,000 feature computations in Python; the
    closest by meaning (one matrix product) hold the recommender's best matches, as in
    `recommender.rank_many`. Attendees without a vector pair with everyone of the type.

    Args:
        profiles: the attendees.
        per_type: partners kept per attendee and per partner type.
        always: pairs kept whatever their closeness (must-meet marks).

    Returns:
        Pairs as (smaller id, larger id).
    """
    pairs = {_ordered(a, b) for a, b in always}
    by_type: dict[str, list[Profile]] = {}
    for profile in profiles:
        by_type.setdefault(profile.kind, []).append(profile)
    for group in by_type.values():
        embedded = [p for p in group if p.embedding is not None]
        matrix = np.stack([_unit(p.embedding) for p in embedded]) if embedded else None
        bare = [p for p in group if p.embedding is None]
        for viewer in profiles:
            chosen = list(bare)
            if matrix is not None and viewer.embedding is not None:
                cosines = matrix @ _unit(viewer.embedding)
                top = np.argsort(-cosines, kind="stable")[: per_type + 1]  # +1: maybe itself
                chosen += [embedded[i] for i in top]
            elif matrix is not None:
                chosen += embedded
            pairs |= {_ordered(viewer.id, p.id) for p in chosen if p.id != viewer.id}
    return pairs


def score_pairs(
    profiles: Mapping[str, Profile],
    pairs: Iterable[Pair],
    rankers: Mapping[K, MatchRanker],
    *,
    today: dt.date,
    report: Report = silent,
) -> list[PairScore]:
    """Score each pair from both sides with the rankers in use (one batch per kind).

    `report` hears ("scoring", pairs done, pairs in all) every REPORT_EVERY pairs: the
    features of each pair are most of the time.

    Returns:
        One score per pair, in the order given, with `a < b`.
    """
    ordered = [_ordered(a, b) for a, b in pairs]
    values = [0.0] * len(ordered)
    kinds: list[K | None] = [None] * len(ordered)
    batches: dict[K, tuple[list[int], list[np.ndarray], list[np.ndarray]]] = {}
    for n, (a, b) in enumerate(ordered):
        if n % REPORT_EVERY == 0:
            report("scoring", n, len(ordered))
        way = direction(profiles[a], profiles[b])
        if way is None:
            values[n] = _cosine(profiles[a].embedding, profiles[b].embedding)
            continue
        kinds[n] = way.kind
        rows, forward, back = batches.setdefault(way.kind, ([], [], []))
        rows.append(n)
        forward.append(evidence(way.viewer, way.target, way.kind, today).features)
        back.append(evidence(way.target, way.viewer, way.kind.reverse, today).features)
    for kind, (rows, forward, back) in batches.items():
        there = rankers[kind].predict_proba(np.stack(forward))
        returned = rankers[kind.reverse].predict_proba(np.stack(back))
        total = there + returned
        mean = np.divide(2 * there * returned, total, out=np.zeros_like(total), where=total > 0)
        for n, value in zip(rows, mean, strict=True):
            values[n] = float(value)
    report("scoring", len(ordered), len(ordered))
    return [
        PairScore(a, b, round(min(1.0, max(0.0, v)), 4), kind)
        for (a, b), v, kind in zip(ordered, values, kinds, strict=True)
    ]


def pair_reasons(
    viewer: Profile,
    other: Profile,
    rankers: Mapping[K, MatchRanker],
    *,
    today: dt.date,
    lang: Lang,
) -> tuple[list[str], Evidence | None, K | None]:
    """Why `viewer` should meet `other`, in the viewer's words (their own kind of the pair).

    Returns:
        The reasons (none for two mentors), the viewer's evidence and kind of the pair.
    """
    way = direction(viewer, other)
    if way is None:
        return [], None, None
    kind = way.kind if way.viewer.id == viewer.id else way.kind.reverse
    ev = evidence(viewer, other, kind, today)
    return reasons_for(ev, kind, rankers[kind].contributions(ev.features), lang), ev, kind


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def _unit(vector: np.ndarray | None) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def _cosine(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    return max(0.0, float(_unit(a) @ _unit(b)))
