"""The demo data generator and the reference list of communes, without a database."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from demo.data import DEMO_COUNTS, demo_counts, generate_demo
from demo.jobs import JOBS
from demo.phrases import SECTORS
from models.places import KHOURIBGA_COMMUNES, PROVINCE, find_commune, haversine_km
from models.records import RECORD_ADAPTER

TODAY = dt.date(2025, 6, 15)
ARABIC = re.compile(r"[\u0600-\u06ff]")
DARIJA_LATIN = re.compile(r"\b(3ndi|bghit|khdma|kankhdem|mzyan|7ta|dyal|3la|kan9elleb)\b")

CONTRACT_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # type: (required keys, optional keys)
    "youth": (
        {
            "type",
            "id",
            "name",
            "birth_year",
            "bio",
            "skills",
            "interests",
            "languages",
            "location",
            "seeking",
        },
        {"project", "email", "phone", "gender", "axis"},
    ),
    "mentor": (
        {"type", "id", "name", "bio", "skills", "sectors", "languages", "location", "capacity"},
        {"email", "phone"},
    ),
    "organization": (
        {
            "type",
            "id",
            "name",
            "kind",
            "description",
            "sectors",
            "needs",
            "offers",
            "languages",
            "location",
        },
        {"email", "phone"},
    ),
    "job_offer": (
        {
            "type",
            "id",
            "title",
            "description",
            "organization_id",
            "required_skills",
            "location",
            "contract",
            "languages",
            "published_on",
            "expires_on",
        },
        set(),
    ),
}


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(generate_demo(scale=1.0, seed=7, today=TODAY))


def _of(records: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in records if r["type"] == kind]


def test_same_seed_gives_identical_records_and_another_seed_differs() -> None:
    first = list(generate_demo(scale=0.1, seed=3, today=TODAY))
    again = list(generate_demo(scale=0.1, seed=3, today=TODAY))
    other = list(generate_demo(scale=0.1, seed=4, today=TODAY))
    assert first == again
    assert first != other


def test_counts_at_scale_one_and_one_tenth(records: list[dict[str, Any]]) -> None:
    assert {k: len(_of(records, k)) for k in DEMO_COUNTS} == DEMO_COUNTS
    small = list(generate_demo(scale=0.1, seed=0, today=TODAY))
    expected = {"organization": 20, "mentor": 15, "youth": 200, "job_offer": 40}
    assert demo_counts(0.1) == expected
    assert {k: len(_of(small, k)) for k in DEMO_COUNTS} == expected


def test_tiny_scale_still_yields_one_of_each_and_bad_scale_is_refused() -> None:
    tiny = list(generate_demo(scale=0.0001, seed=0, today=TODAY))
    assert [r["type"] for r in tiny] == ["organization", "mentor", "youth", "job_offer"]
    assert tiny[-1]["organization_id"] == tiny[0]["id"]
    with pytest.raises(ValueError):
        demo_counts(0)


def test_records_come_in_contract_order(records: list[dict[str, Any]]) -> None:
    order = ["organization", "mentor", "youth", "job_offer"]
    ranks = [order.index(r["type"]) for r in records]
    assert ranks == sorted(ranks)


def test_records_have_only_the_contract_keys(records: list[dict[str, Any]]) -> None:
    for record in records:
        required, optional = CONTRACT_KEYS[record["type"]]
        assert required <= record.keys() <= required | optional, record["id"]


def test_records_pass_the_import_contract_validation(records: list[dict[str, Any]]) -> None:
    for record in records[::7]:
        RECORD_ADAPTER.validate_python(record)


def test_ids_are_unique_and_well_formed(records: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    patterns = {
        "youth": r"y-\d{6}",
        "mentor": r"m-\d{5}",
        "organization": r"o-\d{5}",
        "job_offer": r"j-\d{5}",
    }
    for record in records:
        assert re.fullmatch(patterns[record["type"]], record["id"])


def test_every_location_resolves_to_a_commune_or_carries_coordinates(
    records: list[dict[str, Any]],
) -> None:
    outside = 0
    for record in records:
        location = record["location"]
        if "lat" in location:
            outside += 1
            assert {"commune", "lat", "lon"} == location.keys()
        else:
            assert location.keys() == {"commune"}
            assert find_commune(location["commune"]) is not None, location
    assert 0.02 < outside / len(records) < 0.09


def test_khouribga_and_oued_zem_dominate_but_rural_communes_appear(
    records: list[dict[str, Any]],
) -> None:
    names = [r["location"]["commune"] for r in _of(records, "youth")]
    assert names.count("Khouribga") > names.count("Oued Zem") > names.count("Bejaad")
    rural = {c.name_fr for c in KHOURIBGA_COMMUNES if c.kind == "rural"}
    assert len(rural & set(names)) >= 15


def test_youth_ages_are_between_18_and_35_and_skewed_to_the_twenties(
    records: list[dict[str, Any]],
) -> None:
    ages = [TODAY.year - y["birth_year"] for y in _of(records, "youth")]
    assert min(ages) >= 18 and max(ages) <= 35
    assert sum(20 <= a <= 30 for a in ages) / len(ages) > 0.7


def test_job_offers_reference_generated_organisations_and_have_coherent_dates(
    records: list[dict[str, Any]],
) -> None:
    kinds = {o["id"]: o["kind"] for o in _of(records, "organization")}
    jobs = _of(records, "job_offer")
    expired = 0
    for job in jobs:
        assert job["organization_id"] in kinds
        published = dt.date.fromisoformat(job["published_on"])
        expires = dt.date.fromisoformat(job["expires_on"])
        assert 0 <= (TODAY - published).days <= 90
        assert 15 <= (expires - published).days <= 90
        expired += expires < TODAY
        assert 1 <= len(job["required_skills"]) <= 6 and len(job["languages"]) <= 2
    assert 0.04 < expired / len(jobs) < 0.18
    employers = [kinds[j["organization_id"]] for j in jobs]
    assert employers.count("company") + employers.count("cooperative") > len(jobs) / 2


def test_texts_mix_arabic_script_and_latin_darija(records: list[dict[str, Any]]) -> None:
    profiles = _of(records, "youth") + _of(records, "mentor")
    arabic = sum(bool(ARABIC.search(p["bio"])) for p in profiles) / len(profiles)
    darija = sum(bool(DARIJA_LATIN.search(p["bio"])) for p in profiles) / len(profiles)
    assert 0.3 < arabic < 0.6
    assert 0.05 < darija < 0.3
    assert any(ARABIC.search(p["name"]) for p in profiles)


def test_profile_fields_respect_the_contract_bounds(records: list[dict[str, Any]]) -> None:
    canonical = set(SECTORS.values())
    for youth in _of(records, "youth"):
        assert len(youth["name"]) <= 120 and len(youth["bio"]) <= 2000
        assert len(youth["skills"]) <= 8 and 1 <= len(youth["interests"]) <= 4
        assert youth["interests"][0] in canonical
        assert 1 <= len(youth["seeking"]) <= 3
        assert set(youth["languages"]) <= {"ar", "fr", "en", "zgh", "es"}
        if "project" in youth:
            assert youth["project"]["stage"] in {"idea", "pre_creation", "post_creation"}
    for mentor in _of(records, "mentor"):
        assert 0 <= mentor["capacity"] <= 5
        assert 1 <= len(mentor["sectors"]) <= 3 and set(mentor["sectors"]) <= canonical
    for org in _of(records, "organization"):
        assert set(org["sectors"]) <= canonical
        assert len(org["needs"]) <= 4 and len(org["offers"]) <= 4


def test_shares_of_projects_contacts_and_organisation_kinds(
    records: list[dict[str, Any]],
) -> None:
    youths = _of(records, "youth")
    assert 0.38 < sum("project" in y for y in youths) / len(youths) < 0.52
    assert 0.62 < sum("phone" in y for y in youths) / len(youths) < 0.78
    assert 0.72 < sum("email" in y for y in youths) / len(youths) < 0.88
    assert all(
        y["email"].split("@")[1].startswith(("example.", "mail.example."))
        for y in youths
        if "email" in y
    )
    kinds = [o["kind"] for o in _of(records, "organization")]
    assert {"association", "cooperative", "company", "public_body"} == set(kinds)


def test_skills_follow_the_profile_sector(records: list[dict[str, Any]]) -> None:
    digital = [
        y for y in _of(records, "youth") if y["interests"][0] == SECTORS["digital"] and y["skills"]
    ]
    web_words = (
        "web",
        "design",
        "ديزاين",
        "تصميم",
        "montage",
        "المونتاج",
        "social",
        "سوشل",
        "programmation",
        "البرمجة",
        "informatique",
        "الحواسيب",
        "mobile",
        "التطبيقات",
        "PC",
        "البورطابلات",
        "video",
        "vidéo",
        "IT",
        "community",
        "التسويق",
        "التصاور",
    )
    coherent = sum(any(w in s for s in y["skills"] for w in web_words) for y in digital)
    assert coherent / len(digital) > 0.9


def test_an_offer_asks_for_the_skills_of_the_job_in_its_title(
    records: list[dict[str, Any]],
) -> None:
    own = {
        title: set(skills)
        for jobs in JOBS.values()
        for job in jobs
        for title, skills in job.values()
    }
    for offer in _of(records, "job_offer"):
        title = max((t for t in own if offer["title"].endswith(t)), key=len)
        job_skills = [s for s in offer["required_skills"] if s in own[title]]
        assert len(job_skills) >= min(2, len(own[title])), offer["id"]


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("Boujad", "bejaad"),
        ("Bejaâd", "bejaad"),
        ("BEJAAD", "bejaad"),
        ("أبي الجعد", "bejaad"),
        ("Oued-Zem", "oued_zem"),
        ("oued zem", "oued_zem"),
        ("وادي زم", "oued_zem"),
        ("Ouled Abdoune", "oulad_abdoune"),
        ("Beni Smir", "bni_smir"),
        ("El Fokra", "el_foqra"),
        ("Aït Ammar", "ait_ammar"),
        ("Boulanouar", "boulanouare"),
        ("khouribga", "khouribga"),
    ],
)
def test_find_commune_matches_alternative_spellings(spelling: str, key: str) -> None:
    commune = find_commune(spelling)
    assert commune is not None and commune.key == key


def test_find_commune_refuses_places_outside_the_province() -> None:
    assert find_commune("Casablanca") is None
    assert find_commune("") is None


def test_communes_are_unique_and_inside_the_province_area() -> None:
    keys = [c.key for c in KHOURIBGA_COMMUNES]
    assert len(keys) == len(set(keys)) >= 30
    assert sum(c.kind == "urban" for c in KHOURIBGA_COMMUNES) == 6
    for commune in KHOURIBGA_COMMUNES:
        assert re.fullmatch(r"[a-z_]+", commune.key)
        assert haversine_km(PROVINCE["lat"], PROVINCE["lon"], commune.lat, commune.lon) < 70


def test_haversine_between_khouribga_and_oued_zem() -> None:
    khouribga, oued_zem = find_commune("Khouribga"), find_commune("Oued Zem")
    assert khouribga is not None and oued_zem is not None
    distance = haversine_km(khouribga.lat, khouribga.lon, oued_zem.lat, oued_zem.lon)
    assert 30 <= distance <= 35
    assert haversine_km(khouribga.lat, khouribga.lon, khouribga.lat, khouribga.lon) == 0
