"""Evaluation (a): what each demo item is about comes from the generator, pools follow the rules."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from demo.jobs import JOBS
from evaluation.free_text import (
    DEMO_JOBS_PATH,
    FreeTextSet,
    build_free_text_set,
    demo_job_occupations,
    read_profiles,
    score_rankings,
    sector_precision,
)
from services.esco import DATA_DIR

PROFILE = {
    "id": "t-1",
    "form": "darija_latin",
    "bio": "bghit nkhdem soudeur",
    "skills": [],
    "seeking": ["job"],
    "project": None,
    "commune": "khouribga",
    "languages": ["ary"],
    "sectors": ["phosphate"],
    "occupations": ["7aedaa07-3884-4c5b-88f9-80997b2aa54b"],
}


@pytest.fixture(scope="module")
def set_a() -> FreeTextSet:
    return build_free_text_set([PROFILE])


def test_every_demo_job_title_is_unique_and_has_an_esco_occupation_of_the_product_data() -> None:
    mapped = demo_job_occupations()
    listed = [title for jobs in JOBS.values() for job in jobs for title, _ in job.values()]
    titles = set(listed)
    assert len(titles) == len(listed), "a title names one job only"
    assert titles <= set(mapped)
    with gzip.open(DATA_DIR / "occupations.csv.gz", "rt", encoding="utf-8") as handle:
        known = {line.split(",", 1)[0] for line in handle}
    assert {occupation for _, occupation in mapped.values()} <= known, DEMO_JOBS_PATH


def test_items_get_their_generator_sector_and_offers_of_the_wanted_occupation_grade_2(
    set_a: FreeTextSet,
) -> None:
    [query] = set_a.queries
    welding = [i for i, g in query.relevant["jobs"].items() if g == 2]
    assert welding and all(set_a.item_sectors[i] == ("phosphate",) for i in welding)
    by_id = {r["id"]: r for r in set_a.records}
    assert all(
        "soud" in by_id[i]["title"].lower()
        or "سود" in by_id[i]["title"]
        or "لحام" in by_id[i]["title"]
        or "welder" in by_id[i]["title"].lower()
        for i in welding
    )


def test_pools_hold_open_offers_and_mentors_with_a_place_and_a_shared_language(
    set_a: FreeTextSet,
) -> None:
    [query] = set_a.queries
    by_id = {r["id"]: r for r in set_a.records}
    assert all(
        dt.date.fromisoformat(by_id[i]["expires_on"]) >= dt.date(2026, 6, 1)
        for i in query.pools["jobs"]
    )
    assert all(
        by_id[m]["capacity"] and "ar" in by_id[m]["languages"] for m in query.pools["mentors"]
    )


def test_precision_counts_the_wanted_sector_in_the_top_five(set_a: FreeTextSet) -> None:
    [query] = set_a.queries
    on = [i for i in query.pools["jobs"] if set_a.item_sectors[i] == ("phosphate",)]
    off = [i for i in query.pools["jobs"] if set_a.item_sectors[i] != ("phosphate",)]
    assert sector_precision(on[:3] + off[:2], set_a, query.sectors) == pytest.approx(0.6)
    scores = score_rankings(set_a, {"jobs": {"t-1": on[:10]}, "mentors": {"t-1": []}})
    assert scores["jobs"]["darija_latin"].precision == 1.0
    assert scores["mentors"]["all"].ndcg == 0.0


def test_the_shipped_profiles_all_load() -> None:
    assert len(read_profiles()) >= 150
