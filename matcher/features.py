"""Pair features: what one profile has to do with another, as numbers and as facts.

Each feature is in [0, 1]. The facts behind them (which skills are covered, which languages
are shared, how far) are kept in `Evidence`, so that every reason shown to a person states a
fact that was actually used for the score.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from matcher.kinds import SuggestionKind as K
from matcher.languages import talk_in
from matcher.lexicon import sector_keys
from matcher.profiles import Occupation, Profile, SectorWeight, Term

FEATURES = (
    "semantic",  # cosine of the two profiles' embeddings
    "skill_coverage",  # share of what is needed that the other side has (via ESCO too)
    "sector_overlap",  # shared sectors and interests (Jaccard)
    "complementarity",  # one side's needs met by the other's offers
    "shared_language",
    "proximity",  # exp(-distance / 25 km)
    "graph_proximity",  # shared skills, sectors, resources and connections in the graph
    "capacity_left",  # a mentor's free places, as a share of capacity
    "freshness",  # exp(-offer age / 45 days)
    "occupation_fit",  # both point to the same ESCO occupations (through their skills)
    "occupation_link",  # both texts name the same ESCO occupations (services.occupation_links)
    "lexical",  # the same words, relative to the best lexical match (full-text index)
    "occupation_sector",  # one side active in a sector where the other's occupations are found
)
DISTANCE_SCALE_KM = 25.0
FRESHNESS_SCALE_DAYS = 45.0
COMPLEMENT_BY_MEANING = 0.5  # cosine of needs and offers above which they complement
GRAPH_SHARED_FULL = 6  # things shared in the graph at which graph_proximity is 1


@dataclass(frozen=True)
class Similarity:
    """Cosines between a viewer's and a candidate's vectors (0 where one is missing).

    The service computes them as Neo4j does (services.candidate_vectors, or Neo4j itself);
    the evaluation computes them from the vectors with `similarity`.
    """

    semantic: float = 0.0
    needs_offers: float = 0.0  # the viewer's needs against the candidate's offers
    offers_needs: float = 0.0  # the viewer's offers against the candidate's needs
    lexical: float = 0.0  # full-text score relative to the viewer's best lexical match

    def reversed(self) -> Similarity:
        """The same pair seen from the candidate's side."""
        return Similarity(self.semantic, self.offers_needs, self.needs_offers, self.lexical)


def similarity(viewer: Profile, candidate: Profile) -> Similarity:
    """Cosines from the profiles' own vectors."""
    return Similarity(
        semantic=_cosine(viewer.embedding, candidate.embedding),
        needs_offers=_cosine(viewer.needs_embedding, candidate.offers_embedding),
        offers_needs=_cosine(viewer.offers_embedding, candidate.needs_embedding),
    )


@dataclass(frozen=True)
class Evidence:
    """The facts of one pair, seen by `viewer`, and the features computed from them."""

    features: np.ndarray
    covered: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    shared_sectors: tuple[str, ...] = ()
    complements: tuple[str, ...] = ()
    shared_languages: tuple[str, ...] = ()
    distance_km: float | None = None
    place: str | None = None
    place_ar: str | None = None
    same_place: bool = False
    places_left: int | None = None
    age_days: int | None = None
    mentored_kinds: tuple[str, ...] = ()
    shared_occupation: dict[str, str] | None = None  # its names by language
    linked_occupation: dict[str, str] | None = None  # both texts name it; names by language
    occupation_sector: str | None = None  # the sector of the occupations described, by name


def evidence(
    viewer: Profile,
    candidate: Profile,
    kind: K,
    today: dt.date,
    sims: Similarity | None = None,
) -> Evidence:
    """Features and facts of the pair (viewer, candidate) for one kind of suggestion."""
    sims = sims or similarity(viewer, candidate)
    need, have = _need_and_have(viewer, candidate, kind)
    covered, missing = _coverage(need, have)
    sectors = _shared(viewer.sectors, candidate.sectors)
    complements = _complements(viewer, candidate, kind, sims)
    languages = talk_in(viewer.languages, candidate.languages)
    distance = _distance_km(viewer, candidate)
    mentor = _mentor_of(viewer, candidate, kind)
    offer = _offer_of(viewer, candidate, kind)
    places_left = None if mentor is None else max(0, (mentor.capacity or 0) - mentor.active_mentees)
    age_days = (today - offer.published_on).days if offer and offer.published_on else None
    fit, shared_occupation = _occupation_fit(viewer.occupations, candidate.occupations)
    link, linked_occupation = _occupation_fit(
        viewer.linked_occupations, candidate.linked_occupations
    )
    sector_fit, sector = _occupation_sector(viewer, candidate)
    values = {
        "semantic": sims.semantic,
        "skill_coverage": len(covered) / len(need) if need else 0.0,
        "sector_overlap": _jaccard(viewer.sectors, candidate.sectors),
        "complementarity": _complementarity(viewer, candidate, complements, kind, sims),
        "shared_language": 1.0 if languages else 0.0,
        "proximity": math.exp(-distance / DISTANCE_SCALE_KM) if distance is not None else 0.5,
        "graph_proximity": _graph_proximity(viewer, candidate, covered, sectors, complements),
        "capacity_left": (places_left or 0) / mentor.capacity
        if mentor and mentor.capacity
        else 0.0,
        "freshness": math.exp(-max(age_days, 0) / FRESHNESS_SCALE_DAYS)
        if age_days is not None
        else 0.0,
        "occupation_fit": fit,
        "occupation_link": link,
        "lexical": sims.lexical,
        "occupation_sector": sector_fit,
    }
    return Evidence(
        features=np.array([values[name] for name in FEATURES], dtype=np.float64),
        covered=covered,
        missing=missing,
        shared_sectors=sectors,
        complements=complements,
        shared_languages=languages,
        distance_km=distance,
        place=candidate.place.name if candidate.place else None,
        place_ar=candidate.place.name_ar if candidate.place else None,
        same_place=bool(
            viewer.place and candidate.place and viewer.place.name == candidate.place.name
        ),
        places_left=places_left,
        age_days=age_days,
        mentored_kinds=mentor.mentored_kinds if mentor is candidate else (),
        shared_occupation=shared_occupation,
        linked_occupation=linked_occupation,
        occupation_sector=sector,
    )


def _occupation_sector(viewer: Profile, candidate: Profile) -> tuple[float, str | None]:
    """How much one side's sectors are where the other's occupations are found (either way:
    the feature is the same seen from both sides), and that sector's name."""
    forward = _sector_fit(viewer.occupation_sectors, candidate.sectors)
    backward = _sector_fit(candidate.occupation_sectors, viewer.sectors)
    return max(forward, backward, key=lambda found: found[0])


def _sector_fit(
    found_in: Sequence[SectorWeight], sectors: Sequence[Term]
) -> tuple[float, str | None]:
    keys = sector_keys(sectors)
    shared = [s for s in found_in if s.key in keys]
    if not shared:
        return 0.0, None
    best = max(shared, key=lambda s: s.weight)
    return best.weight, keys[best.key]


def _occupation_fit(
    mine: Sequence[Occupation], theirs: Sequence[Occupation]
) -> tuple[float, dict[str, str] | None]:
    """Cosine of two occupation weightings, and the shared occupation the viewer (`mine`)
    weighs most: the one a reason names, so that the viewer's own strongest occupation is
    said on every card that shares it (the product of both weights named, from card to
    card, occupations the viewer hardly described)."""
    by_id = {o.id: o for o in mine}
    shared = [(o.weight * by_id[o.id].weight, o) for o in theirs if o.id in by_id]
    if not shared:
        return 0.0, None
    norm = math.sqrt(sum(o.weight**2 for o in mine) * sum(o.weight**2 for o in theirs))
    best = max(shared, key=lambda pair: (by_id[pair[1].id].weight, pair[0]))[1]
    return min(1.0, sum(w for w, _ in shared) / norm), best.names


def _need_and_have(
    viewer: Profile, candidate: Profile, kind: K
) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    """What is needed and what the other side has, for the skill coverage of this kind."""
    if kind is K.JOBS:
        return candidate.skills, viewer.skills
    if kind is K.CANDIDATES:
        return viewer.skills, candidate.skills
    if kind is K.MENTORS:
        return viewer.skills + viewer.sectors, candidate.skills + candidate.sectors
    if kind is K.MENTEES:
        return candidate.skills + candidate.sectors, viewer.skills + viewer.sectors
    if kind is K.PEERS:
        return viewer.skills, candidate.skills
    return (), ()


def _coverage(
    need: Iterable[Term], have: Iterable[Term]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    have_ids = frozenset().union(*(term.ids for term in have))
    covered: list[str] = []
    missing: list[str] = []
    for term in need:
        (covered if term.ids & have_ids else missing).append(term.name)
    return tuple(covered), tuple(missing)


def _shared(mine: Iterable[Term], theirs: Iterable[Term]) -> tuple[str, ...]:
    their_ids = frozenset().union(*(term.ids for term in theirs))
    return tuple(term.name for term in mine if term.ids & their_ids)


def _complements(viewer: Profile, candidate: Profile, kind: K, sims: Similarity) -> tuple[str, ...]:
    """What the candidate offers that the viewer needs, then what the viewer offers back.

    Terms written in two languages rarely match word for word: when the candidate's offers
    are close in meaning to the viewer's needs, they are the complement.
    """
    if kind is not K.PARTNERS:
        return ()
    by_terms = _shared(candidate.offers, viewer.needs) + _shared(viewer.offers, candidate.needs)
    if by_terms:
        return by_terms
    if sims.needs_offers >= COMPLEMENT_BY_MEANING:
        return tuple(term.name for term in candidate.offers)
    return ()


def _complementarity(
    viewer: Profile, candidate: Profile, complements: tuple[str, ...], kind: K, sims: Similarity
) -> float:
    if kind is not K.PARTNERS:
        return 0.0
    wanted = len(viewer.needs) + len(candidate.needs)
    by_terms = min(1.0, len(complements) / wanted) if wanted else 0.0
    by_meaning = max(sims.needs_offers, sims.offers_needs)
    return max(by_terms, by_meaning)


def _jaccard(mine: Iterable[Term], theirs: Iterable[Term]) -> float:
    a = frozenset().union(*(t.ids for t in mine))
    b = frozenset().union(*(t.ids for t in theirs))
    return len(a & b) / len(a | b) if a | b else 0.0


def _graph_proximity(
    viewer: Profile,
    candidate: Profile,
    covered: tuple[str, ...],
    sectors: tuple[str, ...],
    complements: tuple[str, ...],
) -> float:
    shared = len(covered) + len(sectors) + len(complements)
    shared += len(viewer.neighbours & candidate.neighbours)
    shared += 1 if viewer.place and candidate.place and viewer.place == candidate.place else 0
    return min(1.0, shared / GRAPH_SHARED_FULL)


def _cosine(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return max(0.0, float(a @ b) / norm) if norm else 0.0


def _distance_km(a: Profile, b: Profile) -> float | None:
    if not (a.place and b.place) or None in (a.place.lat, a.place.lon, b.place.lat, b.place.lon):
        return None
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)  # type: ignore[arg-type]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _mentor_of(viewer: Profile, candidate: Profile, kind: K) -> Profile | None:
    if kind is K.MENTORS:
        return candidate
    if kind is K.MENTEES:
        return viewer
    return None


def _offer_of(viewer: Profile, candidate: Profile, kind: K) -> Profile | None:
    if kind is K.JOBS:
        return candidate
    if kind is K.CANDIDATES:
        return viewer
    return None
