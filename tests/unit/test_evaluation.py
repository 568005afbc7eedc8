"""The offline evaluation: metrics on hand-computed examples, and the labelled set's shape."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from evaluation.metrics import mean_scores, ndcg, recall, reciprocal_rank
from evaluation.sets import EvaluationSet, build_evaluation_set
from services.esco import EscoData, read_esco

TODAY = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def esco_data() -> EscoData:
    return read_esco()


@pytest.fixture(scope="module")
def small_set(esco_data: EscoData) -> EvaluationSet:
    return build_evaluation_set(occupations=40, seed=3, data=esco_data, today=TODAY)


# ---------------------------------------------------------------- metrics


def test_ndcg_with_grades_matches_a_hand_computation() -> None:
    grades = {"a": 2, "b": 1, "c": 1}
    ranked = ["x", "b", "a", "y"]
    dcg = 1 / math.log2(3) + 2 / math.log2(4)
    ideal = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg(ranked, grades) == pytest.approx(dcg / ideal)


def test_ndcg_is_one_for_the_ideal_order_and_zero_without_relevant_items() -> None:
    assert ndcg(["a", "b", "c"], {"a": 2, "b": 1, "c": 1}) == pytest.approx(1.0)
    assert ndcg(["x", "y"], {"a": 2}) == 0.0
    assert ndcg(["a"], {}) == 0.0


def test_ndcg_only_counts_the_top_k() -> None:
    ranked = [f"x{i}" for i in range(10)] + ["a"]
    assert ndcg(ranked, {"a": 2}) == 0.0
    assert ndcg(ranked, {"a": 2}, k=11) == pytest.approx(1 / math.log2(12))


def test_recall_counts_relevant_items_in_the_top_k() -> None:
    grades = {"a": 2, "b": 1, "c": 1, "d": 0}
    assert recall(["a", "x", "c", "d"], grades) == pytest.approx(2 / 3)
    assert recall(["x"] * 10 + ["a"], grades) == 0.0
    assert recall(["a"], {}) == 0.0


def test_reciprocal_rank_is_that_of_the_first_relevant_item() -> None:
    grades = {"a": 2, "b": 1, "z": 0}
    assert reciprocal_rank(["z", "x", "b", "a"], grades) == pytest.approx(1 / 3)
    assert reciprocal_rank(["a"], grades) == 1.0
    assert reciprocal_rank(["x", "z"], grades) == 0.0


def test_mean_scores_average_over_queries() -> None:
    scores = mean_scores([(["a"], {"a": 1}), (["x", "a"], {"a": 1})])
    assert scores.queries == 2
    assert scores.mrr == pytest.approx(0.75)
    assert scores.recall == pytest.approx(1.0)
    assert scores.ndcg == pytest.approx((1 + 1 / math.log2(3)) / 2)


# ---------------------------------------------------------------- the labelled set


def test_the_builder_is_deterministic(esco_data: EscoData, small_set: EvaluationSet) -> None:
    again = build_evaluation_set(occupations=40, seed=3, data=esco_data, today=TODAY)
    assert again.records == small_set.records
    assert again.queries == small_set.queries
    other = build_evaluation_set(occupations=40, seed=4, data=esco_data, today=TODAY)
    assert other.records != small_set.records


def test_every_youth_has_a_relevant_offer_and_mentor(small_set: EvaluationSet) -> None:
    for query in small_set.queries:
        for task in ("jobs", "mentors"):
            grades = query.relevant[task]  # type: ignore[index]
            assert 2 in grades.values(), (query.youth_id, task)
            assert set(grades) <= set(small_set.pools[task][query.item_lang])  # type: ignore[index]


def test_no_youth_shares_its_language_with_its_items(small_set: EvaluationSet) -> None:
    languages = {r["id"]: r["languages"] for r in small_set.records}
    for query in small_set.queries:
        assert query.youth_lang != query.item_lang
        for task in ("jobs", "mentors"):
            pool = small_set.pools[task][query.item_lang]  # type: ignore[index]
            assert all(small_set.item_occupation[item] for item in pool)
        offers = small_set.pools["jobs"][query.item_lang]
        assert all(languages[offer] == [query.item_lang] for offer in offers)
    assert {q.pair for q in small_set.queries} == {"ar→fr", "ar→en", "fr→en", "en→fr"}


def test_mentors_share_a_language_with_every_youth(small_set: EvaluationSet) -> None:
    youths = [r for r in small_set.records if r["type"] == "youth"]
    mentors = [r for r in small_set.records if r["type"] == "mentor"]
    for youth in youths:
        assert all(set(youth["languages"]) & set(m["languages"]) for m in mentors)


def test_youths_skills_are_not_the_required_skills_of_their_offers(
    small_set: EvaluationSet,
) -> None:
    by_id = {r["id"]: r for r in small_set.records}
    for query in small_set.queries:
        youth = by_id[query.youth_id]
        assert 2 <= len(youth["skills"]) <= 4
        own_offers = [i for i, g in query.relevant["jobs"].items() if g == 2]
        for offer in own_offers:
            assert not set(youth["skills"]) & set(by_id[offer]["required_skills"])
            assert 3 <= len(by_id[offer]["required_skills"]) <= 5


def test_arabic_youths_write_skills_in_french_or_not_at_all(esco_data: EscoData) -> None:
    with_fr = build_evaluation_set(occupations=10, seed=1, data=esco_data, today=TODAY)
    without = build_evaluation_set(
        occupations=10, seed=1, data=esco_data, today=TODAY, arabic_skills="none"
    )
    arabic = [r for r in with_fr.records if r["id"].endswith(("-arfr", "-aren"))]
    assert arabic and all(r["skills"] and r["bio"].startswith("أبحث عن عمل ك") for r in arabic)
    assert all(not r["skills"] for r in without.records if r["id"].endswith(("-arfr", "-aren")))


def test_records_follow_the_import_contract(small_set: EvaluationSet) -> None:
    from pydantic import TypeAdapter

    from models.records import RECORD_ADAPTER

    adapter: TypeAdapter[object] = RECORD_ADAPTER  # type: ignore[assignment]
    for record in small_set.records:
        adapter.validate_python(record)
    ids = [r["id"] for r in small_set.records]
    assert len(ids) == len(set(ids))
