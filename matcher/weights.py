"""Prior weights per kind of suggestion, used while no outcome has been recorded.

Order: semantic, skill_coverage, sector_overlap, complementarity, shared_language, proximity,
graph_proximity, capacity_left, freshness, occupation_fit, occupation_link, lexical,
occupation_sector (matcher.features.FEATURES).

Jobs (and candidates, the same pairs seen from the offer) and mentors (and mentees) use the
weights FITTED on every query of the evaluation sets (a), (b) and (c), each set weighing the
same (`multaqa evaluate --fit`, see evaluation.fitting; their cross-validated figures are in
the file), kept with how they were fitted in `matcher/data/ranker_priors.json`.
Peers and partners have no labelled evaluation data: their weights are chosen by hand from
what each kind is about (meaning weighs most, ESCO occupations back it up), and so are the
jobs and mentors weights below, used only when the fitted file is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

from matcher.features import FEATURES
from matcher.kinds import SuggestionKind as K
from matcher.ranker import MatchRanker

PRIORS_PATH = Path(__file__).parent / "data" / "ranker_priors.json"

HAND_PRIORS: dict[K, tuple[tuple[float, ...], float]] = {
    K.JOBS: ((10.0, 2.0, 0.5, 0.0, 1.0, 1.0, 0.5, 0.0, 0.5, 4.0, 4.0, 2.0, 2.0), -9.0),
    K.CANDIDATES: ((10.0, 2.0, 0.5, 0.0, 1.0, 1.0, 0.5, 0.0, 0.5, 4.0, 4.0, 2.0, 2.0), -9.0),
    K.MENTORS: ((8.0, 2.0, 2.0, 0.0, 1.0, 1.0, 0.5, 1.0, 0.0, 3.0, 4.0, 2.0, 2.0), -9.0),
    K.MENTEES: ((8.0, 2.0, 2.0, 0.0, 1.0, 1.0, 0.5, 1.0, 0.0, 3.0, 4.0, 2.0, 2.0), -9.0),
    K.PEERS: ((6.0, 1.5, 2.5, 0.0, 1.0, 1.5, 0.5, 0.0, 0.0, 2.0, 2.0, 1.0, 1.0), -8.0),
    K.PARTNERS: ((4.0, 0.0, 1.5, 4.0, 1.0, 1.0, 0.5, 0.0, 0.0, 1.0, 0.0, 0.5, 1.0), -7.0),
}
# Which fitted model each kind uses (the reverse kind scores the same pairs).
FITTED_FOR: dict[K, str] = {
    K.JOBS: "jobs",
    K.CANDIDATES: "jobs",
    K.MENTORS: "mentors",
    K.MENTEES: "mentors",
}
PRIORS = HAND_PRIORS  # kept for callers of the old name


def fitted_priors(path: Path = PRIORS_PATH) -> dict[K, tuple[tuple[float, ...], float]]:
    """The priors in use: the fitted ones where the file has them, else the hand-chosen."""
    priors = dict(HAND_PRIORS)
    if not path.is_file():
        return priors
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("features") != list(FEATURES):
        return priors  # fitted for other features: refit (`multaqa evaluate --fit`)
    for kind, name in FITTED_FOR.items():
        if name in data.get("kinds", {}):
            fitted = data["kinds"][name]
            priors[kind] = (tuple(float(w) for w in fitted["weights"]), float(fitted["bias"]))
    return priors


def default_rankers(path: Path = PRIORS_PATH) -> dict[K, MatchRanker]:
    """One unfitted ranker per kind, scoring with the priors."""
    return {
        kind: MatchRanker(prior_weights=weights, prior_bias=bias)
        for kind, (weights, bias) in fitted_priors(path).items()
    }


def hand_rankers() -> dict[K, MatchRanker]:
    """One unfitted ranker per kind with the hand-chosen priors (what the fitted ones are
    compared with by `multaqa evaluate`)."""
    return {
        kind: MatchRanker(prior_weights=weights, prior_bias=bias)
        for kind, (weights, bias) in HAND_PRIORS.items()
    }
