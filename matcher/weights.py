"""Prior weights per kind of suggestion, used while no outcome has been recorded.

Order: semantic, skill_coverage, sector_overlap, complementarity, shared_language, proximity,
graph_proximity, capacity_left, freshness, occupation_fit (matcher.features.FEATURES).
Chosen from what each kind is about, then tuned on the offline evaluation
(`multaqa evaluate`): there, a semantic weight of 4 let one loosely linked skill outrank a
clearly closer profile, so meaning weighs most and ESCO occupations back it up.
"""

from __future__ import annotations

from matcher.kinds import SuggestionKind as K
from matcher.ranker import MatchRanker

PRIORS: dict[K, tuple[tuple[float, ...], float]] = {
    K.JOBS: ((10.0, 2.0, 0.5, 0.0, 1.0, 1.0, 0.5, 0.0, 0.5, 4.0), -9.0),
    K.CANDIDATES: ((10.0, 2.0, 0.5, 0.0, 1.0, 1.0, 0.5, 0.0, 0.5, 4.0), -9.0),
    K.MENTORS: ((8.0, 2.0, 2.0, 0.0, 1.0, 1.0, 0.5, 1.0, 0.0, 3.0), -9.0),
    K.MENTEES: ((8.0, 2.0, 2.0, 0.0, 1.0, 1.0, 0.5, 1.0, 0.0, 3.0), -9.0),
    K.PEERS: ((6.0, 1.5, 2.5, 0.0, 1.0, 1.5, 0.5, 0.0, 0.0, 2.0), -8.0),
    K.PARTNERS: ((4.0, 0.0, 1.5, 4.0, 1.0, 1.0, 0.5, 0.0, 0.0, 1.0), -7.0),
}


def default_rankers() -> dict[K, MatchRanker]:
    """One unfitted ranker per kind, scoring with the priors."""
    return {
        kind: MatchRanker(prior_weights=weights, prior_bias=bias)
        for kind, (weights, bias) in PRIORS.items()
    }
