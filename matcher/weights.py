"""Prior weights per kind of suggestion, used while no outcome has been recorded.

Order: semantic, skill_coverage, sector_overlap, complementarity, shared_language, proximity,
graph_proximity, capacity_left, freshness (matcher.features.FEATURES). Chosen by hand from what
each kind is about, then checked on the offline evaluation (`multaqa evaluate`).
"""

from __future__ import annotations

from matcher.kinds import SuggestionKind as K
from matcher.ranker import MatchRanker

PRIORS: dict[K, tuple[tuple[float, ...], float]] = {
    K.JOBS: ((4.0, 5.0, 0.5, 0.0, 1.0, 1.0, 0.5, 0.0, 0.5), -6.0),
    K.CANDIDATES: ((4.0, 5.0, 0.5, 0.0, 1.0, 1.0, 0.5, 0.0, 0.5), -6.0),
    K.MENTORS: ((4.0, 3.0, 2.0, 0.0, 1.0, 1.0, 0.5, 1.0, 0.0), -6.0),
    K.MENTEES: ((4.0, 3.0, 2.0, 0.0, 1.0, 1.0, 0.5, 1.0, 0.0), -6.0),
    K.PEERS: ((4.0, 1.5, 2.5, 0.0, 1.0, 1.5, 0.5, 0.0, 0.0), -6.0),
    K.PARTNERS: ((3.0, 0.0, 1.5, 4.0, 1.0, 1.0, 0.5, 0.0, 0.0), -6.0),
}


def default_rankers() -> dict[K, MatchRanker]:
    """One unfitted ranker per kind, scoring with the priors."""
    return {
        kind: MatchRanker(prior_weights=weights, prior_bias=bias)
        for kind, (weights, bias) in PRIORS.items()
    }
