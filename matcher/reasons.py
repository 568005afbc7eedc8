"""Reasons for a suggestion, in the viewer's language, each stating a fact of the pair.

A reason is only given for a fact that raised the score (its feature's contribution is
positive), one to four of them. No bare percentage. The facts about the match itself — the
occupation in common, the skills matched, the sectors — come first, strongest first; the
circumstances — shared language, distance, places left, freshness — after them. When no fact
about the match holds, closeness of the texts is said first, so that a suggestion never rests
on circumstances alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import numpy as np

from matcher.features import FEATURES, Evidence
from matcher.kinds import SuggestionKind as K

Lang = Literal["ar", "fr", "en"]
LANGS: tuple[Lang, ...] = ("ar", "fr", "en")
MAX_REASONS = 4
MAX_LISTED = 3

LANGUAGE_NAMES: dict[str, dict[Lang, str]] = {
    "ar": {"ar": "العربية", "fr": "arabe", "en": "Arabic"},
    "ary": {"ar": "الدارجة", "fr": "darija", "en": "Darija"},
    "fr": {"ar": "الفرنسية", "fr": "français", "en": "French"},
    "en": {"ar": "الإنجليزية", "fr": "anglais", "en": "English"},
    "es": {"ar": "الإسبانية", "fr": "espagnol", "en": "Spanish"},
    "zgh": {"ar": "الأمازيغية", "fr": "amazighe", "en": "Amazigh"},
    "tzm": {"ar": "الأمازيغية", "fr": "amazighe", "en": "Amazigh"},
}

TEMPLATES: dict[str, dict[Lang, str]] = {
    "offer_skills": {
        "en": "{n} of the {m} skills this offer asks for: {items}",
        "fr": "{n} des {m} compétences demandées par cette offre : {items}",
        "ar": "{n} من {m} مهارات يطلبها هذا العرض: {items}",
    },
    "candidate_skills": {
        "en": "has {n} of the {m} skills you ask for: {items}",
        "fr": "a {n} des {m} compétences que vous demandez : {items}",
        "ar": "يملك {n} من {m} مهارات تطلبها: {items}",
    },
    "missing": {
        "en": " — missing: {items}",
        "fr": " — manquantes : {items}",
        "ar": " — تنقص: {items}",
    },
    "mentor_fields": {
        "en": "knows your fields: {items}",
        "fr": "connaît vos domaines : {items}",
        "ar": "يعرف مجالاتك: {items}",
    },
    "mentee_fields": {
        "en": "works in your fields: {items}",
        "fr": "travaille dans vos domaines : {items}",
        "ar": "يشتغل في مجالاتك: {items}",
    },
    "peer_skills": {
        "en": "you share skills: {items}",
        "fr": "compétences en commun : {items}",
        "ar": "مهارات مشتركة: {items}",
    },
    "sectors": {
        "en": "active in your sectors: {items}",
        "fr": "actif dans vos secteurs : {items}",
        "ar": "ينشط في قطاعاتك: {items}",
    },
    "complements": {
        "en": "complementary: {items}",
        "fr": "complémentaires : {items}",
        "ar": "تكامل: {items}",
    },
    "languages": {
        "en": "you both speak {items}",
        "fr": "vous parlez tous les deux {items}",
        "ar": "تتحدثان معاً {items}",
    },
    "same_place": {
        "en": "in your commune, {place}",
        "fr": "dans votre commune, {place}",
        "ar": "في جماعتك، {place}",
    },
    "distance": {
        "en": "{km} km away, in {place}",
        "fr": "à {km} km, à {place}",
        "ar": "على بعد {km} كم، في {place}",
    },
    "places_left": {
        "en": "{n} mentoring place(s) left",
        "fr": "encore {n} place(s) de mentorat",
        "ar": "لديه {n} مكان(أماكن) شاغرة للإرشاد",
    },
    "mentored": {
        "en": "has mentored {n} people on Multaqa",
        "fr": "a déjà accompagné {n} personnes sur Multaqa",
        "ar": "سبق أن أرشد {n} أشخاص على ملتقى",
    },
    "fresh": {
        "en": "published {n} day(s) ago",
        "fr": "publiée il y a {n} jour(s)",
        "ar": "نُشر منذ {n} يوم(أيام)",
    },
    "occupation": {
        "en": "same occupation in view: {name}",
        "fr": "même métier en vue : {name}",
        "ar": "نفس المهنة المقصودة: {name}",
    },
    "linked_occupation": {
        "en": "the occupation you describe: {name}",
        "fr": "le métier que vous décrivez : {name}",
        "ar": "المهنة التي تصفها: {name}",
    },
    "semantic": {
        "en": "profile close to what you describe",
        "fr": "profil proche de ce que vous décrivez",
        "ar": "ملف قريب مما تصفه",
    },
}
_SEPARATOR: dict[Lang, str] = {"ar": "، ", "fr": ", ", "en": ", "}
_AND: dict[Lang, str] = {"ar": " و", "fr": " et ", "en": " and "}


def reasons_for(
    evidence: Evidence, kind: K, contributions: np.ndarray, lang: Lang = "fr"
) -> list[str]:
    """One to four reasons: facts of the match first, then circumstances, each tier strongest
    first; closeness of the texts first when no fact of the match holds."""
    ranked = sorted(
        (
            (feature in CIRCUMSTANCES, -contributions[FEATURES.index(feature)], text)
            for feature, make in _MAKERS
            if (text := make(evidence, kind, lang))
            and contributions[FEATURES.index(feature)] > 0
        ),
        key=lambda row: (row[0], row[1]),
    )
    reasons = [text for _, _, text in ranked]
    if not reasons or ranked[0][0]:
        reasons.insert(0, TEMPLATES["semantic"][lang])
    return reasons[:MAX_REASONS]


def _listed(items: Sequence[str], lang: Lang) -> str:
    return _SEPARATOR[lang].join(items[:MAX_LISTED]) + ("…" if len(items) > MAX_LISTED else "")


def _skills(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.covered:
        return None
    items = _listed(ev.covered, lang)
    if kind in (K.JOBS, K.CANDIDATES):
        key = "offer_skills" if kind is K.JOBS else "candidate_skills"
        n, m = len(ev.covered), len(ev.covered) + len(ev.missing)
        text = TEMPLATES[key][lang].format(n=n, m=m, items=items)
        if ev.missing:
            text += TEMPLATES["missing"][lang].format(items=_listed(ev.missing, lang))
        return text
    key = {K.MENTORS: "mentor_fields", K.MENTEES: "mentee_fields"}.get(kind, "peer_skills")
    return TEMPLATES[key][lang].format(items=items)


def _sectors(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.shared_sectors or kind in (K.MENTORS, K.MENTEES):
        return None  # for mentoring, sectors are already among the fields known
    return TEMPLATES["sectors"][lang].format(items=_listed(ev.shared_sectors, lang))


def _complements(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.complements:
        return None
    return TEMPLATES["complements"][lang].format(items=_listed(ev.complements, lang))


def _languages(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.shared_languages:
        return None
    names = [LANGUAGE_NAMES.get(code, {}).get(lang, code) for code in ev.shared_languages]
    spoken = (
        names[0] if len(names) == 1 else _SEPARATOR[lang].join(names[:-1]) + _AND[lang] + names[-1]
    )
    return TEMPLATES["languages"][lang].format(items=spoken)


def _place(ev: Evidence, kind: K, lang: Lang) -> str | None:
    place = ev.place_ar if lang == "ar" and ev.place_ar else ev.place
    if place is None:
        return None
    if ev.same_place:
        return TEMPLATES["same_place"][lang].format(place=place)
    if ev.distance_km is None:
        return None
    return TEMPLATES["distance"][lang].format(km=round(ev.distance_km), place=place)


def _capacity(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if kind is not K.MENTORS or not ev.places_left:
        return None
    if ev.mentored_kinds:
        return TEMPLATES["mentored"][lang].format(n=len(ev.mentored_kinds))
    return TEMPLATES["places_left"][lang].format(n=ev.places_left)


def _fresh(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if kind is not K.JOBS or ev.age_days is None:
        return None
    return TEMPLATES["fresh"][lang].format(n=max(ev.age_days, 0))


def _occupation(ev: Evidence, kind: K, lang: Lang) -> str | None:
    return _occupation_reason(ev.shared_occupation, "occupation", lang)


def _linked_occupation(ev: Evidence, kind: K, lang: Lang) -> str | None:
    return _occupation_reason(ev.linked_occupation, "linked_occupation", lang)


def _occupation_reason(names: dict[str, str] | None, key: str, lang: Lang) -> str | None:
    if not names:
        return None
    # ESCO has no Arabic label for a few occupations: fall back to French, then English.
    name = names.get(lang) or names.get("fr") or names.get("en")
    return TEMPLATES[key][lang].format(name=name) if name else None


# Facts about the people, not about the match: said after the facts of the match.
CIRCUMSTANCES = frozenset({"shared_language", "proximity", "capacity_left", "freshness"})

_MAKERS: tuple[tuple[str, Callable[[Evidence, K, Lang], str | None]], ...] = (
    ("occupation_link", _linked_occupation),
    ("skill_coverage", _skills),
    ("sector_overlap", _sectors),
    ("complementarity", _complements),
    ("shared_language", _languages),
    ("proximity", _place),
    ("capacity_left", _capacity),
    ("freshness", _fresh),
    ("occupation_fit", _occupation),
)
