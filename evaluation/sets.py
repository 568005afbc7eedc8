"""A labelled, cross-lingual evaluation set built from ESCO (for `multaqa evaluate`).

For a seeded sample of ESCO occupations, the builder writes job offers and mentors in French
and in English, and youths in Arabic, French and English who want to work in one of those
occupations. Ground truth comes from the occupation–skill relations of ESCO, never from text:

- a youth of occupation O finds relevant the offers and mentors of O (grade 2) and those of
  every occupation O' sharing at least half of O's essential skills (grade 1);
- a youth never sees items in their own language: the pairs are ar→fr, ar→en, fr→en and
  en→fr (youth language → item language).

What each record holds:

- offer: title = occupation label in the offer language; required skills = 3–5 essential
  skills of the occupation in that language; a templated description;
- mentor: templated bio naming the occupation; 4–6 essential or optional skills; a sector
  (the ISCO major group, in the mentor's language); speaks ar, fr and en (the mentor hard rule
  needs a shared language); capacity 3;
- youth: templated bio saying which occupation they look for; 2–4 essential skills of the
  occupation that are NOT among the required skills of its offers (so that a youth meets its
  offers through meaning and the taxonomy, not through identical strings).

Arabic youths: ESCO has no Arabic skill labels. By default (`arabic_skills="fr"`) their skills
are written in French, as many Moroccan profiles are; `arabic_skills="none"` leaves them empty
so that only the Arabic bio carries the meaning. Both are measured by `multaqa evaluate`.

Everyone lives in one commune (distance is neutral), every offer was published the same day
and is open (freshness is neutral), ages are 20–30.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from services.esco import EscoData, EscoSkill, Occupation, read_esco

ItemLang = Literal["fr", "en"]
YouthLang = Literal["ar", "fr", "en"]
ArabicSkills = Literal["fr", "none"]
Task = Literal["jobs", "mentors"]

PAIRS: tuple[tuple[YouthLang, ItemLang], ...] = (
    ("ar", "fr"),
    ("ar", "en"),
    ("fr", "en"),
    ("en", "fr"),
)
ITEM_LANGS: tuple[ItemLang, ...] = ("fr", "en")
MIN_ESSENTIAL = 6  # essential skills with English and French labels an occupation needs
RELATED_SHARE = 0.5  # share of O's essential skills another occupation must have (grade 1)
LABEL_MAX = 100  # longest list item of the import contract
COMMUNE = "Khouribga"
ORGANIZATIONS = 6
MENTOR_CAPACITY = 3
PUBLISHED_DAYS_AGO = 5
OPEN_DAYS = 60

OFFER_DESCRIPTION = {
    "fr": "Nous recrutons un {occupation} pour rejoindre notre équipe à Khouribga. "
    "Poste à pourvoir rapidement.",
    "en": "We are hiring a {occupation} to join our team in Khouribga. Start as soon as possible.",
}
MENTOR_BIO = {
    "fr": "{occupation} expérimenté, j'accompagne les jeunes qui veulent exercer ce métier.",
    "en": "Experienced {occupation}, I mentor young people who want to work in this occupation.",
}
YOUTH_BIO = {
    "ar": "أبحث عن عمل ك{occupation}. أنا متحمس وأرغب في التعلم واكتساب الخبرة.",
    "fr": "Je cherche un emploi de {occupation}. Motivé et prêt à apprendre.",
    "en": "I am looking for a job as {occupation}. Motivated and eager to learn.",
}
# ISCO-08 major groups (first digit of the occupation's ISCO group), as a mentor's sector.
SECTORS = {
    "fr": {
        "0": "forces armées",
        "1": "direction et encadrement",
        "2": "professions intellectuelles et scientifiques",
        "3": "professions intermédiaires et techniciens",
        "4": "employés administratifs",
        "5": "services et vente",
        "6": "agriculture, forêt et pêche",
        "7": "artisanat et métiers",
        "8": "conduite de machines et assemblage",
        "9": "professions élémentaires",
    },
    "en": {
        "0": "armed forces",
        "1": "management",
        "2": "professionals",
        "3": "technicians and associate professionals",
        "4": "clerical support",
        "5": "services and sales",
        "6": "agriculture, forestry and fishery",
        "7": "craft and related trades",
        "8": "plant and machine operation and assembly",
        "9": "elementary occupations",
    },
}


@dataclass(frozen=True)
class Query:
    """One youth of the set, what they look for, and the graded relevant items per task."""

    youth_id: str
    occupation_id: str
    youth_lang: YouthLang
    item_lang: ItemLang
    relevant: dict[Task, dict[str, int]]

    @property
    def pair(self) -> str:
        """The language pair, youth → items, e.g. "ar→fr"."""
        return f"{self.youth_lang}→{self.item_lang}"


@dataclass
class EvaluationSet:
    """Records of the import contract, the queries, and the item pools per task and language."""

    records: list[dict[str, Any]] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    pools: dict[Task, dict[ItemLang, list[str]]] = field(default_factory=dict)
    occupations: list[Occupation] = field(default_factory=list)
    item_occupation: dict[str, str] = field(default_factory=dict)

    def record(self, record_id: str) -> dict[str, Any]:
        """The record with this id."""
        return self._by_id()[record_id]

    def _by_id(self) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in self.records}


@dataclass(frozen=True)
class _Occ:
    """An occupation with its labels and its usable skills, shuffled once by the seed."""

    occupation: Occupation
    essential: tuple[EscoSkill, ...]
    optional: tuple[EscoSkill, ...]

    @property
    def id(self) -> str:
        return self.occupation["id"]

    def label(self, lang: YouthLang) -> str:
        return first_form(self.occupation[f"label_{lang}"] or "")  # type: ignore[literal-required]


def first_form(label: str) -> str:
    """The first of the forms ESCO gives ("directeur technique/directrice technique")."""
    return label.split("/")[0].strip()


def skill_label(skill: EscoSkill, lang: ItemLang) -> str:
    """The skill's preferred label in English or French."""
    return skill["label_en"] if lang == "en" else skill["label_fr"] or ""


def eligible_occupations(data: EscoData) -> list[_Occ]:
    """Occupations with en, fr and ar labels and at least MIN_ESSENTIAL usable essential
    skills (English and French labels of at most LABEL_MAX characters), sorted by id."""
    skills = {s["id"]: s for s in data.skills}
    links = data.occupation_skills()
    found = []
    for occupation in data.occupations:
        if not (occupation["label_en"] and occupation["label_fr"] and occupation["label_ar"]):
            continue
        usable = [(skills[s], e) for s, e in links[occupation["id"]] if _usable(skills.get(s))]
        essential = tuple(s for s, e in usable if e)
        if len(essential) >= MIN_ESSENTIAL:
            found.append(_Occ(occupation, essential, tuple(s for s, e in usable if not e)))
    return found


def _usable(skill: EscoSkill | None) -> bool:
    return bool(
        skill
        and skill["label_fr"]
        and len(skill["label_fr"]) <= LABEL_MAX
        and len(skill["label_en"]) <= LABEL_MAX
    )


def build_evaluation_set(
    *,
    occupations: int = 120,
    seed: int = 7,
    arabic_skills: ArabicSkills = "fr",
    data: EscoData | None = None,
    today: dt.date | None = None,
) -> EvaluationSet:
    """Build the labelled set; the same arguments (and day) always give the same set.

    Args:
        occupations: how many ESCO occupations to sample.
        seed: seed of every random choice.
        arabic_skills: "fr" writes Arabic youths' skills in French, "none" leaves them empty.
        data: the ESCO taxonomy (read from the product data when None).
        today: the day offers are dated from (today by default).
    """
    rng = random.Random(seed)
    today = today or dt.date.today()
    pool = eligible_occupations(data or read_esco())
    chosen = sorted(rng.sample(pool, min(occupations, len(pool))), key=lambda o: o.id)
    shuffled = [_shuffled(o, rng) for o in chosen]
    result = EvaluationSet(
        occupations=[o.occupation for o in shuffled],
        pools={"jobs": {"fr": [], "en": []}, "mentors": {"fr": [], "en": []}},
    )
    result.records.extend(_organizations())
    for number, occ in enumerate(shuffled, start=1):
        _add_items(result, occ, number, rng, today)
    related = related_occupations(shuffled)
    for number, occ in enumerate(shuffled, start=1):
        _add_youths(result, occ, number, rng, today, arabic_skills, related[occ.id])
    return result


def _shuffled(occ: _Occ, rng: random.Random) -> _Occ:
    essential, optional = list(occ.essential), list(occ.optional)
    rng.shuffle(essential)
    rng.shuffle(optional)
    return _Occ(occ.occupation, tuple(essential), tuple(optional))


def related_occupations(chosen: Sequence[_Occ]) -> dict[str, dict[str, int]]:
    """Occupation id → {occupation id: grade}: itself 2, those sharing ≥ half its essentials 1."""
    essentials = {o.id: {s["id"] for s in o.essential} for o in chosen}
    grades: dict[str, dict[str, int]] = {}
    for occ_id, mine in essentials.items():
        grades[occ_id] = {occ_id: 2}
        for other_id, theirs in essentials.items():
            if other_id != occ_id and len(mine & theirs) >= RELATED_SHARE * len(mine):
                grades[occ_id][other_id] = 1
    return grades


def _organizations() -> list[dict[str, Any]]:
    return [
        {
            "type": "organization",
            "id": f"ev-o-{n:02d}",
            "name": f"Entreprise d'évaluation {n}",
            "kind": "company",
            "languages": ["ar", "fr", "en"],
            "location": {"commune": COMMUNE},
        }
        for n in range(1, ORGANIZATIONS + 1)
    ]


def _offer_skill_count(occ: _Occ) -> int:
    """3–5 required skills, always leaving at least 2 essentials for the youths."""
    return max(3, min(5, len(occ.essential) - 3))


def _add_items(
    result: EvaluationSet, occ: _Occ, number: int, rng: random.Random, today: dt.date
) -> None:
    """One offer and one mentor per item language for this occupation."""
    required = occ.essential[: _offer_skill_count(occ)]
    for lang in ITEM_LANGS:
        offer_id, mentor_id = f"ev-j-{number:03d}-{lang}", f"ev-m-{number:03d}-{lang}"
        result.records.append(_offer(offer_id, occ, lang, required, number, today))
        mentor_skills = _mentor_skills(occ, rng)
        result.records.append(_mentor(mentor_id, occ, lang, mentor_skills))
        result.pools["jobs"][lang].append(offer_id)
        result.pools["mentors"][lang].append(mentor_id)
        result.item_occupation[offer_id] = occ.id
        result.item_occupation[mentor_id] = occ.id


def _offer(
    offer_id: str,
    occ: _Occ,
    lang: ItemLang,
    required: Sequence[EscoSkill],
    number: int,
    today: dt.date,
) -> dict[str, Any]:
    label = occ.label(lang)
    return {
        "type": "job_offer",
        "id": offer_id,
        "title": label,
        "description": OFFER_DESCRIPTION[lang].format(occupation=label),
        "organization_id": f"ev-o-{(number - 1) % ORGANIZATIONS + 1:02d}",
        "required_skills": [skill_label(s, lang) for s in required],
        "location": {"commune": COMMUNE},
        "contract": "job",
        "languages": [lang],
        "published_on": (today - dt.timedelta(days=PUBLISHED_DAYS_AGO)).isoformat(),
        "expires_on": (today + dt.timedelta(days=OPEN_DAYS)).isoformat(),
    }


def _mentor_skills(occ: _Occ, rng: random.Random) -> list[EscoSkill]:
    """4–6 of the occupation's essential and optional skills."""
    everything = list(occ.essential + occ.optional)
    return rng.sample(everything, min(len(everything), rng.randint(4, 6)))


def _mentor(
    mentor_id: str, occ: _Occ, lang: ItemLang, skills: Sequence[EscoSkill]
) -> dict[str, Any]:
    label = occ.label(lang)
    return {
        "type": "mentor",
        "id": mentor_id,
        "name": f"Mentor {mentor_id[5:]}",
        "bio": MENTOR_BIO[lang].format(occupation=label),
        "skills": [skill_label(s, lang) for s in skills],
        "sectors": [SECTORS[lang][occ.occupation["isco_group"][:1] or "9"]],
        "languages": ["ar", "fr", "en"],
        "location": {"commune": COMMUNE},
        "capacity": MENTOR_CAPACITY,
    }


def _add_youths(
    result: EvaluationSet,
    occ: _Occ,
    number: int,
    rng: random.Random,
    today: dt.date,
    arabic_skills: ArabicSkills,
    related: dict[str, int],
) -> None:
    """One youth per language pair, with graded relevance over that pair's item language."""
    own = occ.essential[_offer_skill_count(occ) :]
    for youth_lang, item_lang in PAIRS:
        youth_id = f"ev-y-{number:03d}-{youth_lang}{item_lang}"
        skills = rng.sample(own, min(len(own), rng.randint(2, 4)))
        result.records.append(_youth(youth_id, occ, youth_lang, skills, rng, today, arabic_skills))
        result.queries.append(
            Query(
                youth_id=youth_id,
                occupation_id=occ.id,
                youth_lang=youth_lang,
                item_lang=item_lang,
                relevant={
                    task: _graded(result, result.pools[task][item_lang], related)
                    for task in ("jobs", "mentors")
                },
            )
        )


def _graded(result: EvaluationSet, pool: list[str], related: dict[str, int]) -> dict[str, int]:
    return {
        item: related[result.item_occupation[item]]
        for item in pool
        if result.item_occupation[item] in related
    }


def _youth(
    youth_id: str,
    occ: _Occ,
    lang: YouthLang,
    skills: Sequence[EscoSkill],
    rng: random.Random,
    today: dt.date,
    arabic_skills: ArabicSkills,
) -> dict[str, Any]:
    written: ItemLang | None = lang if lang != "ar" else ("fr" if arabic_skills == "fr" else None)
    return {
        "type": "youth",
        "id": youth_id,
        "name": f"Youth {youth_id[5:]}",
        "birth_year": today.year - rng.randint(20, 30),
        "bio": YOUTH_BIO[lang].format(occupation=occ.label(lang)),
        "skills": [skill_label(s, written) for s in skills] if written else [],
        "languages": ["ar", "fr"] if lang == "ar" else [lang],
        "location": {"commune": COMMUNE},
        "seeking": ["job", "mentor"],
    }
