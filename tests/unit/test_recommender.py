"""The ranking contract, shared by every kind of suggestion, on synthetic profiles whose best
match is known; then the hard rules on random profiles; then reasons against their facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.features import haversine_km
from matcher.kinds import SuggestionKind as K
from matcher.languages import understood
from matcher.profiles import Place, Profile, SectorWeight, Term
from matcher.recommender import rank
from matcher.rules import AgeBounds
from matcher.weights import default_rankers, hand_rankers

TODAY = dt.date(2026, 6, 1)
RANKERS = default_rankers()
KHOURIBGA = Place("Khouribga", 32.886, -6.906, "خريبكة")
OUED_ZEM = Place("Oued Zem", 32.863, -6.574, "وادي زم")
CASABLANCA = Place("Casablanca", 33.573, -7.590)


def vec(*weights: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def terms(*names: str) -> tuple[Term, ...]:
    return tuple(Term(key=n.lower(), name=n, ids=frozenset([n.lower()])) for n in names)


def profile(pid: str, kind: str, **facts: object) -> Profile:
    defaults: dict[str, object] = {
        "name": pid,
        "languages": frozenset({"ar", "fr"}),
        "place": KHOURIBGA,
    }
    if kind == "mentor":
        defaults["capacity"] = 2
    if kind == "youth":
        defaults["birth_year"] = 2000
    if kind == "job_offer":
        defaults |= {
            "published_on": TODAY - dt.timedelta(days=5),
            "expires_on": TODAY + dt.timedelta(days=30),
        }
    return Profile(id=pid, kind=kind, **(defaults | facts))  # type: ignore[arg-type]


GOOD = {
    "embedding": vec(1, 0.1),
    "skills": terms("soudure", "mécanique"),
    "sectors": terms("industrie"),
}
BAD = {
    "embedding": vec(0, 0, 1),
    "skills": terms("couture"),
    "sectors": terms("artisanat"),
    "place": CASABLANCA,
}


def viewer_for(kind: K) -> Profile:
    facts = {
        "embedding": vec(1),
        "skills": terms("soudure", "mécanique"),
        "sectors": terms("industrie"),
        "needs": terms("financement"),
        "offers": terms("formation"),
    }
    viewer_type = sorted(kind.viewer_types)[0]
    return profile("viewer", viewer_type, **facts)  # type: ignore[arg-type]


def candidates_for(kind: K) -> list[Profile]:
    target = kind.target_type
    good_extra = {"offers": terms("financement"), "needs": terms("formation")}
    good = profile("good", target, **GOOD, **(good_extra if kind is K.PARTNERS else {}))
    return [profile(f"bad-{i}", target, **BAD) for i in range(5)] + [good]


@pytest.mark.parametrize("kind", list(K))
class TestRankingContract:
    """Every kind of suggestion keeps these promises."""

    def test_the_known_best_match_comes_first(self, kind: K) -> None:
        ranked = rank(viewer_for(kind), candidates_for(kind), kind, RANKERS, today=TODAY)
        assert ranked[0].id == "good"

    def test_scores_are_probabilities_sorted_best_first_and_k_is_respected(self, kind: K) -> None:
        ranked = rank(viewer_for(kind), candidates_for(kind), kind, RANKERS, k=3, today=TODAY)
        scores = [s.score for s in ranked]
        assert len(ranked) == 3 and scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)

    def test_every_suggestion_has_one_to_four_reasons_in_each_language(self, kind: K) -> None:
        for lang in ("ar", "fr", "en"):
            for s in rank(
                viewer_for(kind), candidates_for(kind), kind, RANKERS, today=TODAY, lang=lang
            ):
                assert 1 <= len(s.reasons) <= 4 and all(s.reasons)

    def test_the_viewer_is_never_suggested_to_itself(self, kind: K) -> None:
        viewer = viewer_for(kind)
        itself = profile(viewer.id, kind.target_type, **GOOD)
        ranked = rank(viewer, [itself, *candidates_for(kind)], kind, RANKERS, today=TODAY)
        assert viewer.id not in {s.id for s in ranked}

    def test_no_candidates_gives_an_empty_list(self, kind: K) -> None:
        assert rank(viewer_for(kind), [], kind, RANKERS, today=TODAY) == []


def test_a_two_sided_match_beats_one_only_the_viewer_would_want() -> None:
    viewer = profile("viewer", "youth", embedding=vec(1), skills=terms("soudure", "mécanique"))
    # Both have every skill the viewer has; only one of them finds theirs in the viewer.
    lopsided = profile(
        "lopsided",
        "youth",
        embedding=vec(1),
        skills=terms("soudure", "mécanique", "a", "b", "c", "d"),
    )
    mutual = profile("mutual", "youth", embedding=vec(1), skills=terms("soudure", "mécanique"))
    ranked = rank(viewer, [lopsided, mutual], K.PEERS, RANKERS, today=TODAY)
    assert [s.id for s in ranked] == ["mutual", "lopsided"]


# Hard rules on random profiles.
LANG_SETS = st.frozensets(st.sampled_from(["ar", "ary", "fr", "en", "zgh"]), max_size=2)


@st.composite
def random_profile(draw: st.DrawFn, kind: str, pid: str) -> Profile:
    return profile(
        pid,
        kind,
        embedding=vec(*draw(st.lists(st.floats(0.01, 1), min_size=1, max_size=4))),
        skills=terms(
            *draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=3, unique=True))
        ),
        languages=draw(LANG_SETS),
        birth_year=draw(st.integers(1980, 2012)) if kind == "youth" else None,
        capacity=draw(st.integers(0, 3)) if kind == "mentor" else None,
        active_mentees=draw(st.integers(0, 3)),
        paused=draw(st.booleans()),
        expires_on=TODAY + dt.timedelta(days=draw(st.integers(-20, 20))),
    )


@st.composite
def scenario(draw: st.DrawFn) -> tuple[K, Profile, list[Profile]]:
    kind = draw(st.sampled_from(list(K)))
    viewer = draw(random_profile(sorted(kind.viewer_types)[0], "viewer"))
    ids = [f"c{i}" for i in range(draw(st.integers(1, 8)))]
    candidates = [draw(random_profile(kind.target_type, i)) for i in ids]
    excluded = frozenset(draw(st.lists(st.sampled_from(ids), max_size=3)))
    viewer = replace(viewer, excluded=excluded)
    return kind, viewer, candidates


@settings(max_examples=300, deadline=None)
@given(scenario())
def test_the_hard_rules_hold_on_random_profiles(case: tuple[K, Profile, list[Profile]]) -> None:
    kind, viewer, candidates = case
    by_id = {c.id: c for c in candidates}
    ages = AgeBounds(18, 35)
    for s in rank(viewer, candidates, kind, RANKERS, today=TODAY, ages=ages):
        c = by_id[s.id]
        assert c.id != viewer.id and c.id not in viewer.excluded
        for person in (viewer, c):
            if person.kind == "youth":
                assert 18 <= TODAY.year - (person.birth_year or 0) <= 35
            if person.kind == "mentor" and kind in (K.MENTORS, K.MENTEES):
                assert not person.paused and person.active_mentees < (person.capacity or 0)
            if person.kind == "job_offer":
                assert person.expires_on is None or person.expires_on >= TODAY
        if kind in (K.MENTORS, K.MENTEES):  # a common language, Darija and Arabic as one
            assert viewer.languages & understood(c.languages)


# Reasons against the facts they state.
def test_the_skills_reason_names_exactly_the_covered_and_missing_skills() -> None:
    youth = profile("y", "youth", embedding=vec(1), skills=terms("soudure", "HTML"))
    offer = profile(
        "j", "job_offer", embedding=vec(1), skills=terms("soudure", "mécanique", "HTML", "permis")
    )
    [s] = rank(youth, [offer], K.JOBS, RANKERS, today=TODAY, lang="en")
    assert s.reasons[0] == (
        "2 of the 4 skills this offer asks for: soudure, HTML — missing: mécanique, permis"
    )


def test_the_language_and_distance_reasons_state_the_facts() -> None:
    youth = profile(
        "y",
        "youth",
        embedding=vec(1),
        skills=terms("soudure"),
        languages=frozenset({"ar", "fr", "en"}),
        place=KHOURIBGA,
    )
    mentor = profile(
        "m",
        "mentor",
        embedding=vec(1),
        skills=terms("soudure"),
        languages=frozenset({"fr", "ar", "es"}),
        place=OUED_ZEM,
    )
    # The hand-set weights count language and distance (the fitted ones give them 0: those
    # reasons are then not said); this checks how the facts are written.
    hand = hand_rankers()
    [s] = rank(youth, [mentor], K.MENTORS, hand, today=TODAY, lang="en")
    assert "you both speak Arabic and French" in s.reasons
    km = round(haversine_km(KHOURIBGA.lat, KHOURIBGA.lon, OUED_ZEM.lat, OUED_ZEM.lon))
    assert f"{km} km away, in Oued Zem" in s.reasons
    [s_ar] = rank(youth, [mentor], K.MENTORS, hand, today=TODAY, lang="ar")
    assert f"على بعد {km} كم، في وادي زم" in s_ar.reasons


def test_a_reason_is_given_only_for_a_fact_that_holds() -> None:
    youth = profile(
        "y",
        "youth",
        embedding=vec(1),
        skills=terms("soudure"),
        languages=frozenset({"ar"}),
        place=None,
    )
    offer = profile(
        "j",
        "job_offer",
        embedding=vec(1),
        skills=terms("couture"),
        languages=frozenset({"fr"}),
        place=None,
        published_on=None,
    )
    [s] = rank(youth, [offer], K.JOBS, RANKERS, today=TODAY, lang="en")
    assert s.reasons == ("profile close to what you describe",)


def test_an_offer_in_the_sector_of_the_youths_occupations_ranks_first_and_says_so() -> None:
    farming = SectorWeight("agri", "agroalimentaire", 1.0)
    youth = profile(
        "y", "youth", embedding=vec(1, 1), occupation_sectors=(farming, SectorWeight("x", "x", 0.2))
    )
    farm = profile("j-farm", "job_offer", embedding=vec(1, 0.9), sectors=terms("agri"))
    other = profile("j-other", "job_offer", embedding=vec(1, 0.9), sectors=terms("numérique"))
    first = rank(youth, [other, farm], K.JOBS, RANKERS, today=TODAY, lang="fr")[0]
    assert first.id == "j-farm"
    assert first.evidence.occupation_sector == "agri"
    assert any("secteur du métier que vous décrivez : agri" in r for r in first.reasons)


def test_a_sector_the_youth_names_meets_the_platform_sector_of_that_name_and_says_it() -> None:
    # "bghit ndkhol l ocp": no offer names her trade, but she names the phosphate sector.
    youth = profile(
        "y",
        "youth",
        embedding=vec(1, 1),
        occupation_sectors=(SectorWeight("sector:phosphate", "phosphate", 1.0),),
    )
    mine = profile(
        "j-mine", "job_offer", embedding=vec(1, 0.9), sectors=terms("services liés au phosphate")
    )
    other = profile("j-other", "job_offer", embedding=vec(1, 0.95), sectors=terms("numérique"))
    first = rank(youth, [other, mine], K.JOBS, RANKERS, today=TODAY, lang="fr")[0]
    assert first.id == "j-mine"
    assert first.evidence.occupation_sector == "services liés au phosphate"


def test_a_youth_who_speaks_darija_only_is_matched_with_a_mentor_who_lists_arabic() -> None:
    youth = profile("y", "youth", embedding=vec(1, 1), languages=frozenset({"ary"}))
    arabic = profile("m-ar", "mentor", embedding=vec(1, 0.9), languages=frozenset({"ar", "fr"}))
    french = profile("m-fr", "mentor", embedding=vec(1, 1), languages=frozenset({"fr"}))
    found = rank(youth, [arabic, french], K.MENTORS, RANKERS, today=TODAY, lang="fr")
    assert [s.id for s in found] == ["m-ar"]  # and never the mentor she cannot talk with
    assert found[0].evidence.shared_languages == ("ar",)
