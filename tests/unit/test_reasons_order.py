"""Reasons say the facts of the match first, circumstances after, never circumstances alone."""

from __future__ import annotations

import datetime as dt

import numpy as np

from demo.phrases import SECTORS
from matcher.features import FEATURES, Evidence, Similarity, evidence
from matcher.kinds import SuggestionKind as K
from matcher.profiles import Occupation, Profile
from matcher.reasons import message, reasons_for, term_name


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


def test_the_occupation_comes_before_its_sector_even_when_the_sector_weighed_more() -> None:
    found = Evidence(
        features=np.zeros(len(FEATURES)),
        linked_occupation={"fr": "tailleur", "en": "tailor", "ar": "خياط"},
        occupation_sector="artisanat",
    )
    weights = contributions(occupation_link=0.4, occupation_sector=0.9)
    reasons = reasons_for(found, K.JOBS, weights, "en")
    assert reasons[0] == "the occupation you describe: tailor"
    assert reasons[1] == "in the sector of the work you describe: crafts"


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


def test_an_arabic_reason_names_the_sectors_in_arabic() -> None:
    # The demo stores its sectors under their French names; an Arabic page says them in Arabic.
    shared = Evidence(
        features=np.zeros(len(FEATURES)),
        shared_sectors=("numérique", "Artisanat"),
        occupation_sector="tourisme",
    )
    weights = contributions(sector_overlap=0.5, occupation_sector=0.2)
    reasons = reasons_for(shared, K.JOBS, weights, "ar")
    assert reasons[0] == "نشاط في قطاعاتك: المجال الرقمي، الصناعة التقليدية"
    assert "السياحة" in reasons[1]
    assert not any(word in " ".join(reasons) for word in ("numérique", "Artisanat", "tourisme"))


def test_a_mentors_fields_name_a_sector_in_the_readers_language_and_a_skill_as_written() -> None:
    fields = Evidence(features=np.zeros(len(FEATURES)), covered=("الصناعة التقليدية", "tissage"))
    reasons = reasons_for(fields, K.MENTORS, contributions(skill_coverage=0.5), "fr")
    assert reasons[0] == "connaît vos domaines : artisanat, tissage"


def test_every_sector_of_the_demo_has_a_name_in_each_language() -> None:
    for french in SECTORS.values():
        names = {lang: term_name(french, lang) for lang in ("ar", "fr", "en")}
        assert names["fr"] == french
        assert len(set(names.values())) == 3, names


def test_arabic_reasons_count_skills_with_the_dual_and_the_plural_forms() -> None:
    def skills(covered: tuple[str, ...], missing: tuple[str, ...]) -> str:
        evidence = Evidence(features=np.zeros(len(FEATURES)), covered=covered, missing=missing)
        return reasons_for(evidence, K.JOBS, contributions(skill_coverage=1.0), "ar")[0]

    assert skills(("خياطة",), ("تطريز",)).startswith("1 من مهارتين يطلبهما هذا العرض: خياطة")
    assert skills(("خياطة",), ("a", "b", "c", "d")).startswith("1 من 5 مهارات يطلبها")
    assert skills(("خياطة",), ()).startswith("المهارة الوحيدة التي يطلبها هذا العرض: خياطة")


def test_arabic_reasons_and_notifications_about_a_person_use_no_gendered_verb() -> None:
    # The profile may not say its gender: a noun phrase or a passive instead of "يعرف", "يطلب".
    from matcher import i18n
    from matcher.reasons import MESSAGES, PLURALS
    from services.notifications import MESSAGES as NOTIFICATIONS

    catalog = i18n.translations("ar")
    said = [catalog.gettext(m) for m in (*MESSAGES.values(), *NOTIFICATIONS.values())]
    said += [catalog.ngettext(*pair, n) for pair in PLURALS.values() for n in range(0, 12)]
    gendered = ("يعرف", "يشتغل", "ينشط", "لديه", "يملك", "أرشد", "يطلب التعارف", "أنهى", "سحب ")
    assert [text for text in said if any(verb in text for verb in gendered)] == []


def test_the_occupation_reason_names_the_viewers_strongest_shared_occupation() -> None:
    # The youth describes a tailor above all, a costume maker a little; the offer is mostly
    # for a costume maker. Every card sharing "tailor" names it, not the product's favourite.
    tailor = Occupation("o-tailor", 1.0, {"en": "tailor"})
    costume = Occupation("o-costume", 0.3, {"en": "costume maker"})
    youth = Profile(id="y", kind="youth", name="Y", linked_occupations=(tailor, costume))
    offer = Profile(
        id="j",
        kind="job_offer",
        name="J",
        linked_occupations=(
            Occupation("o-costume", 1.0, {"en": "costume maker"}),
            Occupation("o-tailor", 0.2, {"en": "tailor"}),
        ),
    )
    found = evidence(youth, offer, K.JOBS, dt.date(2026, 6, 1), Similarity())
    assert found.linked_occupation == {"en": "tailor"}


def test_a_card_names_one_occupation_and_a_sector_once() -> None:
    both = Evidence(
        features=np.zeros(len(FEATURES)),
        linked_occupation={"en": "dressmaker"},
        shared_occupation={"en": "costume maker"},
        shared_sectors=("artisanat",),
        occupation_sector="الصناعة التقليدية",  # the same sector, written in Arabic
    )
    weights = contributions(
        occupation_link=0.4, occupation_fit=0.3, sector_overlap=0.2, occupation_sector=0.5
    )
    reasons = reasons_for(both, K.JOBS, weights, "en")
    assert reasons == ["the occupation you describe: dressmaker", "active in your sectors: crafts"]
