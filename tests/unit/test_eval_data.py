"""The hand-written evaluation profiles and the Arabic/Darija lexicon: complete and consistent.

`data/eval/free_text_youths.jsonl` holds free-text youth profiles written as young people of
the province type them, each labelled with the sectors and ESCO occupations it wants;
`matcher/data/lexicon.tsv` links MSA, Darija (both scripts), French and English words to ESCO
concepts and to the demo sectors. No database is needed.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from demo.phrases import SECTORS
from models.places import find_commune
from models.youth import YouthCreate

ROOT = Path(__file__).resolve().parents[2]
PROFILES_FILE = ROOT / "data" / "eval" / "free_text_youths.jsonl"
LEXICON_FILE = ROOT / "matcher" / "data" / "lexicon.tsv"
ESCO_DIR = ROOT / "data" / "esco"

FORMS = ("msa", "darija_arabic", "darija_latin", "french", "english", "mixed")
PROFILE_KEYS = {
    "id",
    "form",
    "bio",
    "skills",
    "interests",
    "seeking",
    "project",
    "commune",
    "languages",
    "sectors",
    "occupations",
    "note",
}
LEXICON_COLUMNS = [
    "concept_id",
    "kind",
    "sector",
    "msa",
    "darija_arabic",
    "darija_latin",
    "french",
    "english",
]
LANGUAGE_COLUMNS = LEXICON_COLUMNS[3:]
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")


def _esco_ids(file_name: str) -> set[str]:
    with gzip.open(ESCO_DIR / file_name, "rt", encoding="utf-8", newline="") as handle:
        return {row["id"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def occupation_ids() -> set[str]:
    return _esco_ids("occupations.csv.gz")


@pytest.fixture(scope="module")
def skill_ids() -> set[str]:
    return _esco_ids("skills.csv.gz")


@pytest.fixture(scope="module")
def profiles() -> list[dict[str, Any]]:
    lines = PROFILES_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def lexicon() -> tuple[list[str], list[str], list[dict[str, str]]]:
    """(comment lines, header, rows) of the lexicon."""
    lines = LEXICON_FILE.read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if line and not line.startswith("#")]
    header = body[0].split("\t")
    rows = []
    for number, line in enumerate(body[1:], start=2):
        cells = line.split("\t")
        assert len(cells) == len(header), f"lexicon data line {number}: {len(cells)} cells"
        rows.append(dict(zip(header, cells, strict=True)))
    return comments, header, rows


# --- profiles -------------------------------------------------------------------------------


def test_there_are_enough_profiles_in_every_form(profiles: list[dict[str, Any]]) -> None:
    counts = Counter(p["form"] for p in profiles)
    assert set(counts) == set(FORMS)
    assert all(counts[form] >= 25 for form in FORMS), counts
    assert len(profiles) >= 150


def test_each_profile_has_exactly_the_documented_fields(profiles: list[dict[str, Any]]) -> None:
    for profile in profiles:
        assert set(profile) == PROFILE_KEYS, profile["id"]
        assert re.fullmatch(r"ft-\d{3}", profile["id"])
        assert profile["form"] in FORMS
        assert isinstance(profile["bio"], str)
        assert isinstance(profile["note"], str) and profile["note"].strip(), profile["id"]
        assert not ARABIC.search(profile["note"]), profile["id"]  # an English gloss
        for key in ("skills", "interests", "languages", "sectors", "occupations", "seeking"):
            assert isinstance(profile[key], list), (profile["id"], key)
            assert all(isinstance(item, str) and item.strip() for item in profile[key])
        project = profile["project"]
        assert project is None or set(project) == {"title", "description", "stage"}


def test_each_profile_is_a_valid_youth_profile(profiles: list[dict[str, Any]]) -> None:
    for profile in profiles:
        YouthCreate.model_validate(
            {
                "name": "Évaluation",
                "bio": profile["bio"],
                "skills": profile["skills"],
                "interests": profile["interests"],
                "languages": profile["languages"],
                "seeking": profile["seeking"],
                "project": profile["project"],
                "location": {"commune": profile["commune"]},
            }
        )
        assert profile["seeking"], profile["id"]
        assert profile["languages"], profile["id"]


def test_every_profile_says_what_the_youth_wants(profiles: list[dict[str, Any]]) -> None:
    for profile in profiles:
        assert profile["bio"].strip() or profile["project"], profile["id"]


def test_ids_and_bios_are_unique(profiles: list[dict[str, Any]]) -> None:
    ids = [p["id"] for p in profiles]
    assert len(ids) == len(set(ids))
    bios = [" ".join(p["bio"].casefold().split()) for p in profiles if p["bio"].strip()]
    duplicates = [bio for bio, n in Counter(bios).items() if n > 1]
    assert not duplicates


def test_every_commune_is_a_commune_of_the_province(profiles: list[dict[str, Any]]) -> None:
    unknown = [(p["id"], p["commune"]) for p in profiles if find_commune(p["commune"]) is None]
    assert not unknown


def test_labels_are_demo_sectors_and_esco_occupations(
    profiles: list[dict[str, Any]], occupation_ids: set[str]
) -> None:
    for profile in profiles:
        assert 1 <= len(profile["sectors"]) <= 2, profile["id"]
        assert set(profile["sectors"]) <= set(SECTORS), profile["id"]
        assert 1 <= len(profile["occupations"]) <= 3, profile["id"]
        assert len(set(profile["occupations"])) == len(profile["occupations"]), profile["id"]
        assert set(profile["occupations"]) <= occupation_ids, profile["id"]


def test_every_sector_is_wanted_by_some_profiles(profiles: list[dict[str, Any]]) -> None:
    counts = Counter(sector for p in profiles for sector in p["sectors"])
    assert set(counts) == set(SECTORS)
    assert min(counts.values()) >= 5, counts


def test_profiles_are_as_short_and_bare_as_real_ones(profiles: list[dict[str, Any]]) -> None:
    without_skills = sum(1 for p in profiles if not p["skills"])
    assert 0.25 <= without_skills / len(profiles) <= 0.5
    assert any(not p["bio"].strip() and p["project"] for p in profiles)
    assert max(len(p["bio"]) for p in profiles) <= 400


def test_the_script_matches_the_form(profiles: list[dict[str, Any]]) -> None:
    for profile in profiles:
        text = " ".join([profile["bio"], *profile["skills"]])
        if not text.strip():
            continue
        if profile["form"] in ("msa", "darija_arabic"):
            assert ARABIC.search(text), profile["id"]
        if profile["form"] in ("darija_latin", "french", "english"):
            assert not ARABIC.search(text), profile["id"]


# --- lexicon --------------------------------------------------------------------------------


def test_the_lexicon_says_what_it_is_and_whose_ids_it_uses(
    lexicon: tuple[list[str], list[str], list[dict[str, str]]],
) -> None:
    comments, header, _ = lexicon
    text = " ".join(comments)
    assert "original work of the multaqa project" in text.casefold()
    assert "ESCO classification of the European Commission" in text
    assert header == LEXICON_COLUMNS


def test_every_concept_is_an_esco_concept_or_a_sector(
    lexicon: tuple[list[str], list[str], list[dict[str, str]]],
    occupation_ids: set[str],
    skill_ids: set[str],
) -> None:
    _, _, rows = lexicon
    for row in rows:
        concept, kind = row["concept_id"], row["kind"]
        if kind == "sector":
            assert concept == f"sector:{row['sector']}", concept
        elif kind == "occupation":
            assert concept in occupation_ids, concept
        else:
            assert kind == "skill" and concept in skill_ids, concept
        assert row["sector"] in SECTORS, concept


def test_the_lexicon_is_large_and_has_no_duplicate_concept(
    lexicon: tuple[list[str], list[str], list[dict[str, str]]],
) -> None:
    _, _, rows = lexicon
    concepts = [row["concept_id"] for row in rows]
    assert len(concepts) >= 250
    assert len(concepts) == len(set(concepts))


def test_every_sector_has_its_row_and_its_concepts(
    lexicon: tuple[list[str], list[str], list[dict[str, str]]],
) -> None:
    _, _, rows = lexicon
    assert {r["sector"] for r in rows if r["kind"] == "sector"} == set(SECTORS)
    counts = Counter(r["sector"] for r in rows if r["kind"] != "sector")
    assert set(counts) == set(SECTORS)
    assert min(counts.values()) >= 10, counts


def test_every_language_has_words_in_its_script(
    lexicon: tuple[list[str], list[str], list[dict[str, str]]],
) -> None:
    _, _, rows = lexicon
    for row in rows:
        for column in LANGUAGE_COLUMNS:
            variants = row[column].split("|")
            assert all(v and v == v.strip() for v in variants), (row["concept_id"], column)
            assert len({v.casefold() for v in variants}) == len(variants), (
                row["concept_id"],
                column,
            )
        for column in ("msa", "darija_arabic"):
            assert all(ARABIC.search(v) for v in row[column].split("|")), row["concept_id"]
        for column in ("darija_latin", "french", "english"):
            assert not ARABIC.search(row[column]), (row["concept_id"], column)
            assert all(LATIN.search(v) for v in row[column].split("|")), row["concept_id"]
