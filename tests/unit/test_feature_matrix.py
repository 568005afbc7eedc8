"""The features and hard rules of many pairs at once equal the one-pair definitions."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import numpy as np
import pytest

from matcher import feature_matrix
from matcher.feature_matrix import Pairs, Similarities
from matcher.features import Similarity, evidence
from matcher.kinds import SuggestionKind as K
from matcher.profile_table import ProfileTable, Vocabulary
from matcher.profiles import Occupation, Place, Profile, SectorWeight, Term
from matcher.rules import AgeBounds, allowed

TODAY = dt.date(2026, 6, 1)
AGES = AgeBounds(18, 35)
PLACES = [
    Place("Khouribga", 32.886, -6.906, "خريبكة"),
    Place("Oued Zem", 32.863, -6.574),
    Place("Nowhere", None, None),
    None,
]


def terms(rng: random.Random, words: Sequence[str], most: int) -> tuple[Term, ...]:
    """Terms whose ids are their key and, sometimes, an ESCO concept shared with others."""
    picked = rng.sample(words, rng.randint(0, most))
    return tuple(
        Term(
            key=w, name=w.upper(), ids=frozenset([w] + ([f"esco:{w.lower()}"] * rng.randint(0, 1)))
        )
        for w in picked
    )


def occupations(rng: random.Random) -> tuple[Occupation, ...]:
    ids = rng.sample("pqrstu", rng.randint(0, 4))
    return tuple(Occupation(i, rng.choice([1.0, rng.random()]), {"fr": i}) for i in ids)


def random_profile(rng: random.Random, pid: str, kind: str, ids: list[str]) -> Profile:
    day = dt.timedelta(days=rng.randint(-90, 60))
    return Profile(
        id=pid,
        kind=kind,
        name=pid,
        skills=terms(rng, "abcdefgABCDEFG", 5),
        # Two sector names the lexicon knows, met by the sectors a text names (sector:<key>).
        sectors=terms(rng, [*"hijkHIJK", "tourisme", "artisanat"], 3),
        needs=terms(rng, "lmnLMN", 2),
        offers=terms(rng, "lmnoLMNO", 2),
        languages=frozenset(rng.sample(["ar", "ary", "fr", "en"], rng.randint(0, 2))),
        place=rng.choice(PLACES),
        birth_year=rng.choice([None, *range(1985, 2012)]),
        capacity=rng.choice([None, 0, 1, 2, 3]),
        active_mentees=rng.randint(0, 3),
        paused=rng.random() < 0.2,
        published_on=rng.choice([None, TODAY + day]),
        expires_on=rng.choice([None, TODAY - day]),
        excluded=frozenset(rng.sample(ids, rng.randint(0, 2))),
        occupations=occupations(rng),
        linked_occupations=occupations(rng),
        occupation_sectors=tuple(
            SectorWeight(k, k.upper(), rng.random())
            for k in rng.sample([*"hijkHIJK", "sector:tourism", "sector:craft"], 2)
        ),
        neighbours=frozenset(rng.sample(["n1", "n2", "n3", "n4"], rng.randint(0, 2))),
    )


@pytest.mark.parametrize("kind", list(K))
def test_the_features_and_rules_of_many_pairs_equal_those_of_each_pair(kind: K) -> None:
    rng = random.Random(kind.value)
    ids = [f"p{n}" for n in range(80)]
    viewer_type = sorted(kind.viewer_types)[0]
    viewers = [random_profile(rng, ids[n], viewer_type, ids) for n in range(20)]
    candidates = [random_profile(rng, ids[n], kind.target_type, ids) for n in range(15, 80)]
    words = Vocabulary()
    # Built in two steps, as the weekly refresh builds them: the vocabulary grows in between.
    b = ProfileTable.of(candidates, words)
    a = ProfileTable.of(viewers, words)
    pairs = Pairs(
        np.repeat(np.arange(len(viewers)), len(candidates)),
        np.tile(np.arange(len(candidates)), len(viewers)),
    )
    sims = Similarities(*(np.array([rng.random() for _ in range(len(pairs))]) for _ in range(4)))
    found = feature_matrix.features(a, b, pairs, kind, TODAY, sims)
    mask = feature_matrix.allowed(a, b, pairs, kind, TODAY, AGES)
    for n, (i, j) in enumerate(zip(pairs.viewer, pairs.candidate, strict=True)):
        pair = Similarity(
            sims.semantic[n], sims.needs_offers[n], sims.offers_needs[n], sims.lexical[n]
        )
        expected = evidence(viewers[i], candidates[j], kind, TODAY, pair).features
        np.testing.assert_allclose(found[n], expected, rtol=0, atol=1e-12)  # sums: order
        assert mask[n] == allowed(viewers[i], candidates[j], kind, TODAY, AGES)
