"""Reasons say the facts of the match first, circumstances after, never circumstances alone."""

from __future__ import annotations

import numpy as np

from matcher.features import FEATURES, Evidence
from matcher.kinds import SuggestionKind as K
from matcher.reasons import message, reasons_for


def contributions(**values: float) -> np.ndarray:
    row = np.zeros(len(FEATURES))
    for name, value in values.items():
        row[FEATURES.index(name)] = value
    return row


EVIDENCE = Evidence(
    features=np.zeros(len(FEATURES)),
    covered=("soudure",),
    missing=("permis",),
    shared_languages=("ar", "fr"),
    place="Khouribga",
    same_place=True,
    age_days=3,
    linked_occupation={"fr": "soudeur", "en": "welder", "ar": "لحام"},
)


def test_the_occupation_and_skills_come_before_language_place_and_freshness() -> None:
    # Language and place pushed the score more than the occupation: they still come after.
    weights = contributions(
        occupation_link=0.5, skill_coverage=0.4, shared_language=3.0, proximity=2.0, freshness=1.0
    )
    reasons = reasons_for(EVIDENCE, K.JOBS, weights, "en")
    assert reasons[0] == "the occupation you describe: welder"
    assert reasons[1].startswith("1 of the 2 skills this offer asks for: soudure")
    assert reasons[2:] == ["you both speak Arabic and French", "in your commune, Khouribga"]


def test_circumstances_alone_are_preceded_by_the_closeness_of_the_texts() -> None:
    bare = Evidence(features=np.zeros(len(FEATURES)), shared_languages=("fr",), age_days=2)
    weights = contributions(shared_language=1.0, freshness=1.0)
    reasons = reasons_for(bare, K.JOBS, weights, "fr")
    assert reasons[0] == message("semantic", "fr")
    assert reasons[1:] == ["vous parlez tous les deux français", "publiée il y a 2 jours"]


def test_a_fact_that_did_not_raise_the_score_is_not_a_reason() -> None:
    weights = contributions(occupation_link=-1.0, skill_coverage=0.3)
    reasons = reasons_for(EVIDENCE, K.JOBS, weights, "ar")
    assert not any("لحام" in reason for reason in reasons)
