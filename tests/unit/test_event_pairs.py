"""Event pair values: the recommender's reciprocal score, the right kind per pair of types,
and which directions teach which ranker."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from matcher.event_pairs import (
    direction,
    pair_reasons,
    score_pairs,
    shortlist_pairs,
    training_kind,
    training_rows,
)
from matcher.features import FEATURES
from matcher.kinds import SuggestionKind as K
from matcher.profiles import Profile
from matcher.weights import default_rankers
from models.event import Choices, EventCreate, EventFormat

TODAY = dt.date(2025, 6, 1)
RANKERS = default_rankers()


def profile(pid: str, kind: str, vector: list[float] | None = None, **kw: object) -> Profile:
    emb = None if vector is None else np.asarray(vector, dtype=np.float32)
    return Profile(id=pid, kind=kind, name=pid.upper(), embedding=emb, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "kind", "trainable"),
    [
        ("youth", "mentor", K.MENTORS, True),
        ("mentor", "youth", K.MENTORS, True),
        ("youth", "youth", K.PEERS, True),
        ("organization", "youth", K.PARTNERS, True),
        ("organization", "organization", K.PARTNERS, True),
        ("mentor", "organization", K.PARTNERS, False),
    ],
)
def test_each_pair_of_types_is_scored_as_the_suggestion_kind_that_fits(
    a: str, b: str, kind: K, trainable: bool
) -> None:
    way = direction(profile("x", a), profile("z", b))
    assert way is not None and way.kind is kind and way.trainable is trainable


def test_two_mentors_are_valued_by_the_cosine_of_their_meaning() -> None:
    a, b = profile("m-1", "mentor", [1.0, 0.0]), profile("m-2", "mentor", [0.6, 0.8])
    assert direction(a, b) is None
    [score] = score_pairs({"m-1": a, "m-2": b}, [("m-2", "m-1")], RANKERS, today=TODAY)
    assert (score.a, score.b, score.kind) == ("m-1", "m-2", None)
    assert score.value == pytest.approx(0.6)


def test_a_pair_is_worth_the_harmonic_mean_of_both_directions_whatever_the_order() -> None:
    y = profile("y-1", "youth", [1.0, 0.0], languages=frozenset({"fr"}))
    m = profile("m-1", "mentor", [0.8, 0.6], languages=frozenset({"fr"}), capacity=2)
    people = {"y-1": y, "m-1": m}
    one = score_pairs(people, [("y-1", "m-1")], RANKERS, today=TODAY)[0]
    other = score_pairs(people, [("m-1", "y-1")], RANKERS, today=TODAY)[0]
    assert one == other and one.kind is K.MENTORS and 0.0 < one.value < 1.0
    rows = training_rows(y, m, today=TODAY)
    assert [(r.viewer_id, r.kind) for r in rows] == [("y-1", K.MENTORS), ("m-1", K.MENTEES)]
    assert all(r.features.shape == (len(FEATURES),) for r in rows)
    reasons, _, kind = pair_reasons(m, y, RANKERS, today=TODAY, lang="en")
    assert kind is K.MENTEES and reasons


def test_meetings_of_a_mentor_with_an_organisation_or_a_mentor_train_nothing() -> None:
    assert training_kind("mentor", "organization") is None
    assert training_kind("organization", "mentor") is None
    assert training_kind("mentor", "mentor") is None
    assert training_kind("organization", "youth") is K.PARTNERS
    assert training_rows(profile("m", "mentor"), profile("o", "organization"), today=TODAY) == []


def test_the_shortlist_keeps_the_closest_of_each_type_and_the_pairs_asked_for() -> None:
    people = [profile(f"y-{i}", "youth", [1.0, i / 10]) for i in range(6)]
    people += [profile("m-0", "mentor", [1.0, 0.0]), profile("m-1", "mentor", [0.0, 1.0])]
    pairs = shortlist_pairs(people, per_type=1, always=[("y-5", "y-0")])
    assert ("y-0", "y-5") in pairs
    assert ("m-0", "y-0") in pairs  # y-0's closest mentor
    assert all(a < b for a, b in pairs)
    assert len(pairs) < 8 * 7 / 2


def test_event_input_models_explain_what_is_wrong() -> None:
    start = dt.datetime(2025, 6, 14, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    base = {"title": "Forum", "starts_at": start, "venue": "Khouribga", "capacity": 10, "rounds": 4}
    with pytest.raises(ValueError, match="table_size is required"):
        EventCreate(**base, format=EventFormat.TABLES)
    with pytest.raises(ValueError, match="max_meetings"):
        EventCreate(**base, max_meetings=5)
    with pytest.raises(ValueError, match="timezone"):
        EventCreate(**(base | {"starts_at": start.replace(tzinfo=None)}))
    with pytest.raises(ValueError, match="both must meet and no thanks: y-2"):
        Choices(must_meet=["y-2"], no_thanks=["y-2"])
    assert Choices(slots=[2, 0, 2]).slots == [0, 2]
