"""The ESCO product data in data/esco/: complete, consistent, and labelled in fr and ar."""

from __future__ import annotations

import re

import pytest

from services.esco import DATA_DIR, EscoData, read_esco

# The counts of the build from ESCO v1.1.1 (en) and v1.0 (fr, ar); see data/esco/README.md.
SKILLS = 13_890
OCCUPATIONS = 3_007
RELATIONS = 123_783
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def data() -> EscoData:
    return read_esco(DATA_DIR)


def test_the_counts_are_those_of_the_build(data: EscoData) -> None:
    assert (len(data.skills), len(data.occupations), len(data.relations)) == (
        SKILLS,
        OCCUPATIONS,
        RELATIONS,
    )


def test_the_readme_gives_the_counts_and_the_attribution() -> None:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "ESCO classification of the European Commission" in readme
    assert "2011/833/EU" in readme
    for count in (SKILLS, OCCUPATIONS, RELATIONS):
        assert f"{count:,}" in readme


def test_ids_are_unique_sorted_uuids(data: EscoData) -> None:
    for ids in ([s["id"] for s in data.skills], [o["id"] for o in data.occupations]):
        assert ids == sorted(set(ids))
        assert all(UUID.match(i) for i in ids)


def test_only_knowledge_and_skill_competence_are_kept(data: EscoData) -> None:
    assert {s["skill_type"] for s in data.skills} == {"knowledge", "skill/competence"}


def test_every_relation_end_exists_and_pairs_are_unique(data: EscoData) -> None:
    skills = {s["id"] for s in data.skills}
    occupations = {o["id"] for o in data.occupations}
    assert all(r["skill_id"] in skills for r in data.relations)
    assert all(r["occupation_id"] in occupations for r in data.relations)
    pairs = {(r["occupation_id"], r["skill_id"]) for r in data.relations}
    assert len(pairs) == len(data.relations)


def test_both_relation_kinds_are_present(data: EscoData) -> None:
    essential = sum(r["essential"] for r in data.relations)
    assert 0 < essential < len(data.relations)


def test_every_skill_and_occupation_has_an_english_label(data: EscoData) -> None:
    labels = [s["label_en"] for s in data.skills] + [o["label_en"] for o in data.occupations]
    assert all(label and label == label.strip() for label in labels)


def test_at_least_90_percent_have_a_french_label(data: EscoData) -> None:
    skills_fr = sum(bool(s["label_fr"]) for s in data.skills) / len(data.skills)
    occupations_fr = sum(bool(o["label_fr"]) for o in data.occupations) / len(data.occupations)
    assert skills_fr >= 0.90
    assert occupations_fr >= 0.90


def test_at_least_90_percent_of_occupations_have_an_arabic_label(data: EscoData) -> None:
    labelled = [o for o in data.occupations if o["label_ar"]]
    assert len(labelled) / len(data.occupations) >= 0.90
    arabic = re.compile(r"[\u0600-\u06FF]")
    assert all(arabic.search(o["label_ar"] or "") for o in labelled)


def test_the_clean_arabic_label_is_the_first_form(data: EscoData) -> None:
    for occupation in data.occupations:
        full, first = occupation["label_ar_full"], occupation["label_ar"]
        if full is None:
            assert first is None
            continue
        assert first is not None and "/" not in first
        assert full.startswith(first)


def test_alternative_labels_are_capped_and_differ_from_the_preferred(data: EscoData) -> None:
    rows = [*data.skills, *data.occupations]
    for row in rows:
        for language in ("en", "fr"):
            alt = row["alt_en"] if language == "en" else row["alt_fr"]
            assert len(alt) <= 5
            assert all(alt)
            preferred = row["label_en"] if language == "en" else row["label_fr"]
            assert preferred not in alt
    assert any(row["alt_fr"] for row in rows)


def test_occupation_skills_groups_the_relations(data: EscoData) -> None:
    grouped = data.occupation_skills()
    assert len(grouped) == OCCUPATIONS
    assert sum(len(skills) for skills in grouped.values()) == RELATIONS


def test_a_subset_keeps_only_the_skills_its_occupations_need(data: EscoData) -> None:
    subset = data.subset(3)
    assert [o["id"] for o in subset.occupations] == [o["id"] for o in data.occupations[:3]]
    needed = {r["skill_id"] for r in subset.relations}
    assert {s["id"] for s in subset.skills} == needed
    assert {r["occupation_id"] for r in subset.relations} <= {o["id"] for o in subset.occupations}
