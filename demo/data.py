"""Deterministic, realistic demo data for the Khouribga youth platform.

``generate_demo`` yields import-contract records (organisations, mentors, youths, job offers)
set in the communes of Khouribga province. Texts mix French, Modern Standard Arabic,
Darija in Arabic script, Darija in Latin script and English. The phrase banks live in
``demo.phrases``.

The only source of randomness is one ``random.Random(seed)``. Nothing depends on ``hash()``
or set order, so the output is identical for the same (scale, seed, today). The job-offer
dates move with ``today``. Everything else depends only on ``today.year``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any

from demo import phrases as P
from demo.jobs import JOBS
from models.places import KHOURIBGA_COMMUNES, Commune, commune_by_key

DEMO_COUNTS: dict[str, int] = {"organization": 200, "mentor": 150, "youth": 2000, "job_offer": 400}

# Roughly 30 % French, 25 % MSA, 15 % Darija (Arabic script), 10 % Darija (Latin), 10 % English,
# 10 % mixed. A mixed profile writes its sentences alternately in two languages.
_TEXT_LANGS: tuple[tuple[str, ...], ...] = (("fr",), ("ar",), ("da",), ("dl",), ("en",), ("mix",))
_TEXT_LANG_CUM = list(accumulate((30, 25, 15, 10, 10, 10)))
_MIXED_PAIRS = (("fr", "dl"), ("ar", "fr"), ("da", "fr"), ("en", "fr"), ("dl", "en"), ("da", "en"))
_ARABIC_SCRIPT = frozenset(("ar", "da"))

# Khouribga city and Oued Zem dominate. Rural communes get weight 1 each.
_CITY_WEIGHTS = {
    "khouribga": 40,
    "oued_zem": 18,
    "bejaad": 8,
    "boujniba": 4,
    "hattane": 3,
    "boulanouare": 3,
}
_COMMUNE_CUM = list(accumulate(_CITY_WEIGHTS.get(c.key, 1) for c in KHOURIBGA_COMMUNES))
_OUTSIDE_SHARE = 0.05

_SECTOR_KEYS = tuple(P.SECTORS)
_YOUTH_SECTOR_CUM = list(accumulate((18, 12, 10, 16, 7, 8, 12, 7, 10)))
_RURAL_SECTORS = ("agri", "agri", "ess", "craft")

_ORG_KINDS = ("association", "cooperative", "company", "public_body")
_ORG_KIND_CUM = list(accumulate((35, 30, 25, 10)))
_ASSOC_SECTORS = ("education", "health", "inclusion", "ess", "digital", "tourism")
_ASSOC_SECTOR_CUM = list(accumulate((30, 25, 30, 10, 3, 2)))
_JOB_ORG_KIND_CUM = list(accumulate((15, 25, 50, 10)))  # same order as _ORG_KINDS
_CONTRACTS = ("job", "internship", "apprenticeship", "volunteering", "freelance")
_CONTRACT_CUM = {
    "company": list(accumulate((55, 25, 12, 0, 8))),
    "cooperative": list(accumulate((40, 20, 20, 5, 15))),
    "association": list(accumulate((20, 25, 5, 40, 10))),
    "public_body": list(accumulate((25, 45, 10, 20, 0))),
}
_JOB_LANGS: tuple[list[str], ...] = ([], ["ar"], ["fr"], ["ar", "fr"], ["fr", "en"])
_JOB_LANG_CUM = list(accumulate((15, 20, 20, 35, 10)))

_SEEKING = ("mentor", "job", "partner", "peer")
_SEEK_P_HOLDER = (0.7, 0.2, 0.5, 0.3)
_SEEK_P_OTHER = (0.35, 0.75, 0.05, 0.3)
_STAGES = ("idea", "pre_creation", "post_creation")
_STAGE_CUM = list(accumulate((50, 30, 20)))
_SKILL_COUNT_CUM = list(accumulate((4, 8, 14, 18, 18, 14, 10, 8, 6)))  # 0..8 skills
_CAPACITY_CUM = list(accumulate((5, 10, 35, 30, 12, 8)))  # 0..5
# Two-digit mobile prefixes that are fully allocated (others, e.g. 073-075, fail validation).
_MOBILE_PREFIXES = (
    "60",
    "61",
    "62",
    "63",
    "64",
    "65",
    "66",
    "67",
    "69",
    "70",
    "71",
    "76",
    "77",
    "78",
)
_MOBILE_PREFIX_CUM = list(accumulate((8, 8, 8, 8, 8, 8, 8, 8, 8, 6, 6, 6, 6, 4)))
_EMAIL_DOMAINS = ("example.ma", "example.com", "mail.example.ma")
_LANG_ORDER = ("ar", "fr", "en", "zgh", "es")


def demo_counts(scale: float = 1.0) -> dict[str, int]:
    """Number of records of each type that ``generate_demo`` yields at a given scale.

    Args:
        scale: Multiplier applied to ``DEMO_COUNTS``. Must be positive.

    Returns:
        A dict from record type to count. Each count is rounded and is at least 1.

    Raises:
        ValueError: If ``scale`` is not positive.
    """
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    return {kind: max(1, round(base * scale)) for kind, base in DEMO_COUNTS.items()}


def generate_demo(
    *, scale: float = 1.0, seed: int = 0, today: dt.date | None = None
) -> Iterator[dict[str, Any]]:
    """Yield demo records of the import contract: organisations, then mentors, youths, job offers.

    Args:
        scale: Multiplier on ``DEMO_COUNTS`` (scale 40 gives about 110,000 records).
        seed: Seed of the single ``random.Random`` used for every draw.
        today: Reference date for ages and job-offer dates. Defaults to ``date.today()``.

    Yields:
        JSON-ready dicts. Ids are ``o-00001``, ``m-00001``, ``y-000001`` and ``j-00001``.
    """
    counts = demo_counts(scale)
    gen = _Generator(seed, today or dt.date.today())
    for i in range(1, counts["organization"] + 1):
        yield gen.organization(i)
    for i in range(1, counts["mentor"] + 1):
        yield gen.mentor(i)
    for i in range(1, counts["youth"] + 1):
        yield gen.youth(i)
    for i in range(1, counts["job_offer"] + 1):
        yield gen.job_offer(i)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


# French contractions and elisions that the templates cannot know in advance.
_FR_FIXES = (
    (re.compile(r"\bà le "), "au "),
    (re.compile(r"\bà les "), "aux "),
    (re.compile(r"\bde le "), "du "),
    (re.compile(r"\bde les "), "des "),
    (re.compile(r"\bde ([AEIOUÉaeioué])"), r"d'\1"),
)


def _fr_fix(text: str) -> str:
    for pattern, repl in _FR_FIXES:
        text = pattern.sub(repl, text)
    return text


def _fr_de(noun: str) -> str:
    """French "de X", elided before a vowel or mute h ("d'huile d'olive")."""
    return f"d'{noun}" if noun[0] in "aeiouhé" else f"de {noun}"


def _ar_li(noun: str) -> str:
    """Arabic "for X": the preposition li- merges with the article al- into lil-."""
    return "لل" + noun[2:] if noun.startswith("ال") else "ل" + noun


class _Place:
    """A drawn location: the contract dict plus names for writing it in either script."""

    __slots__ = ("loc", "fr", "ar", "rural")

    def __init__(self, loc: dict[str, Any], fr: str, ar: str, rural: bool) -> None:
        self.loc, self.fr, self.ar, self.rural = loc, fr, ar, rural

    def name(self, lang: str) -> str:
        return self.ar if lang in _ARABIC_SCRIPT else self.fr


class _Generator:
    """Holds the RNG and the organisations already drawn (job offers refer to them)."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.orgs: list[tuple[str, str, str, _Place, str, str]] = []
        self.orgs_by_kind: dict[str, list[int]] = {kind: [] for kind in _ORG_KINDS}

    # -- shared draws ---------------------------------------------------------------------
    def _pick(self, items: Sequence[Any], cum: list[int]) -> Any:
        return self.rng.choices(items, cum_weights=cum)[0]

    def _text_langs(self) -> tuple[str, ...]:
        langs = self._pick(_TEXT_LANGS, _TEXT_LANG_CUM)
        return self.rng.choice(_MIXED_PAIRS) if langs == ("mix",) else langs

    def _place(self) -> _Place:
        rng = self.rng
        if rng.random() < _OUTSIDE_SHARE:
            fr, ar, lat, lon = rng.choice(P.OUTSIDE_PLACES)
            return _Place({"commune": fr, "lat": lat, "lon": lon}, fr, ar, False)
        commune: Commune = rng.choices(KHOURIBGA_COMMUNES, cum_weights=_COMMUNE_CUM)[0]
        return _commune_place(commune)

    def _person(self, gender: str, lang: str) -> tuple[str, tuple[str, str], tuple[str, str]]:
        """Return the display name and the (Latin, Arabic) first and last names."""
        first = self.rng.choice(P.FIRST_FEMALE if gender == "female" else P.FIRST_MALE)
        last = self.rng.choice(P.LAST_NAMES)
        script = 1 if lang in _ARABIC_SCRIPT else 0
        return f"{first[script]} {last[script]}", first, last

    def _spoken(self, langs: tuple[str, ...]) -> list[str]:
        """Spoken language codes. Almost everyone speaks Arabic, so mentors and youths overlap."""
        rng = self.rng
        spoken = {"ar"} if rng.random() < 0.97 else set()
        if "fr" in langs or "dl" in langs or rng.random() < 0.45:
            spoken.add("fr")
        if "en" in langs or rng.random() < 0.12:
            spoken.add("en")
        if rng.random() < 0.12:
            spoken.add("zgh")
        if rng.random() < 0.04:
            spoken.add("es")
        # Rebuild in a fixed order rather than iterate over the set.
        return [code for code in _LANG_ORDER if code in spoken] or ["ar"]

    def _contacts(
        self, record: dict[str, Any], latin: tuple[str, str], p_mail: float, p_phone: float
    ) -> None:
        rng = self.rng
        if rng.random() < p_mail:
            suffix = str(rng.randint(1, 999)) if rng.random() < 0.6 else ""
            local = f"{_slug(latin[0])}.{_slug(latin[1])}{suffix}"
            record["email"] = f"{local}@{rng.choice(_EMAIL_DOMAINS)}"
        if rng.random() < p_phone:
            record["phone"] = self._phone()

    def _phone(self) -> str:
        rng = self.rng
        prefix = self._pick(_MOBILE_PREFIXES, _MOBILE_PREFIX_CUM)
        digits = f"{prefix}{rng.randrange(10**7):07d}"
        style = rng.randrange(4)
        if style == 0:
            local = "0" + digits
            return " ".join(local[i : i + 2] for i in range(0, 10, 2))
        if style == 1:
            return "+212" + digits
        if style == 2:
            return "0" + digits
        return "+212 " + digits[0] + " " + " ".join(digits[i : i + 2] for i in range(1, 9, 2))

    def _skills(self, sector: str, langs: tuple[str, ...], count: int) -> list[str]:
        rng = self.rng
        own = [s for lang in langs for s in P.BANK[sector][lang]["skills"]]
        picked = rng.sample(own, min(count, len(own), 5))
        if len(picked) < count:
            extra = list(P.GENERIC_SKILLS[langs[0]])
            picked += rng.sample(extra, min(count - len(picked), len(extra)))
        return list(dict.fromkeys(picked))

    # -- records ----------------------------------------------------------------------------
    def youth(self, n: int) -> dict[str, Any]:
        rng = self.rng
        langs = self._text_langs()
        gender = "female" if rng.random() < 0.5 else "male"
        name, first, last = self._person(gender, langs[0])
        age = min(35, int(rng.triangular(18, 36, 25)))
        place = self._place()
        sector = self._pick(_SECTOR_KEYS, _YOUTH_SECTOR_CUM)
        if place.rural and rng.random() < 0.5:
            sector = rng.choice(_RURAL_SECTORS)
        project = self._project(sector, langs[-1]) if rng.random() < 0.45 else None
        seeking = self._seeking(project is not None)
        record: dict[str, Any] = {
            "type": "youth",
            "id": f"y-{n:06d}",
            "name": name,
            "birth_year": self.today.year - age,
            "bio": self._youth_bio(langs, first, age, place, sector, seeking, project),
            "skills": self._skills(sector, langs, self._pick(range(9), _SKILL_COUNT_CUM)),
            "interests": self._interests(sector, langs[0]),
            "languages": self._spoken(langs),
            "location": place.loc,
            "seeking": seeking,
            "gender": gender,
            "axis": _axis(sector, project, seeking),
        }
        if project is not None:
            record["project"] = project
        self._contacts(record, (first[0], last[0]), 0.8, 0.7)
        return record

    def _youth_bio(
        self,
        langs: tuple[str, ...],
        first: tuple[str, str],
        age: int,
        place: _Place,
        sector: str,
        seeking: list[str],
        project: dict[str, str] | None,
    ) -> str:
        rng = self.rng
        l0, l1 = langs[0], langs[-1]
        topic = rng.choice(P.BANK[sector][l1]["topics"])
        seek = P.SEEK_JOINER[l0].join(P.SEEK_WORDS[l0][s] for s in seeking)
        parts = [
            rng.choice(P.YOUTH_INTRO[l0]).format(
                first=first[1 if l0 in _ARABIC_SCRIPT else 0], age=age, place=place.name(l0)
            ),
            rng.choice(P.YOUTH_TOPIC[l1]).format(topic=topic),
            P.SEEK_PREFIX[l0].format(x=seek),
        ]
        if project is not None:
            parts.append(P.PROJECT_LINE[l1].format(title=project["title"]))
        bio = " ".join(parts)
        return _fr_fix(bio) if "fr" in langs else bio

    def _project(self, sector: str, lang: str) -> dict[str, str]:
        title, description = self.rng.choice(P.BANK[sector][lang]["projects"])
        stage = self._pick(_STAGES, _STAGE_CUM)
        return {"title": title, "description": description, "stage": stage}

    def _seeking(self, holder: bool) -> list[str]:
        probs = _SEEK_P_HOLDER if holder else _SEEK_P_OTHER
        chosen = [s for s, p in zip(_SEEKING, probs, strict=True) if self.rng.random() < p]
        if not chosen:
            chosen = ["mentor" if holder else "job"]
        return chosen[:3]

    def _interests(self, sector: str, lang: str) -> list[str]:
        rng = self.rng
        interests = [P.SECTORS[sector]]
        for p in (0.5, 0.2):
            if rng.random() < p:
                interests.append(P.SECTORS[rng.choice(_SECTOR_KEYS)])
        if rng.random() < 0.15:
            interests.append(rng.choice(P.FREE_INTERESTS[lang]))
        return list(dict.fromkeys(interests))[:4]

    def mentor(self, n: int) -> dict[str, Any]:
        rng = self.rng
        langs = self._text_langs()
        gender = "female" if rng.random() < 0.4 else "male"
        name, first, last = self._person(gender, langs[0])
        place = self._place()
        sector = rng.choice(_SECTOR_KEYS)
        sectors = [sector] + [rng.choice(_SECTOR_KEYS) for _ in range(rng.randrange(3))]
        l0, l1 = langs[0], langs[-1]
        bio = P.MENTOR_BIO[l0].format(
            title=rng.choice(P.MENTOR_TITLES.get(l0, P.MENTOR_TITLES["fr"])),
            years=rng.randint(5, 30),
            topic=rng.choice(P.BANK[sector][l0]["topics"]),
            place=place.name(l0),
        )
        if len(langs) > 1 or rng.random() < 0.5:
            bio += " " + P.MENTOR_EXTRA[l1]
        if l0 == "fr":
            bio = _fr_fix(bio)
        record: dict[str, Any] = {
            "type": "mentor",
            "id": f"m-{n:05d}",
            "name": name,
            "bio": bio,
            "skills": self._skills(sector, langs, rng.randint(2, 8)),
            "sectors": [P.SECTORS[s] for s in dict.fromkeys(sectors)],
            "languages": self._spoken(langs),
            "location": place.loc,
            "capacity": self._pick(range(6), _CAPACITY_CUM),
        }
        self._contacts(record, (first[0], last[0]), 0.85, 0.6)
        return record

    def organization(self, n: int) -> dict[str, Any]:
        rng = self.rng
        kind = self._pick(_ORG_KINDS, _ORG_KIND_CUM)
        lang = self._text_langs()[0]
        oid = f"o-{n:05d}"
        name, sectors, place, description = getattr(self, f"_org_{kind}")(lang)
        record: dict[str, Any] = {
            "type": "organization",
            "id": oid,
            "name": name,
            "kind": kind,
            "description": description,
            "sectors": [P.SECTORS[s] for s in dict.fromkeys(sectors)],
            "needs": rng.sample(P.NEEDS[lang], rng.randint(0, 4)),
            "offers": rng.sample(P.OFFERS[lang], rng.randint(0, 4)),
            "languages": self._spoken((lang,)),
            "location": place.loc,
        }
        # Arabic names have no ASCII slug: fall back to the kind and the number.
        local = _slug(name)[:20] or f"{kind.replace('_', '')}{n}"
        self._contacts(record, (local, "contact"), 0.85, 0.75)
        self.orgs_by_kind[kind].append(len(self.orgs))
        self.orgs.append((oid, kind, sectors[0], place, name, lang))
        return record

    def _org_association(self, lang: str) -> tuple[str, list[str], _Place, str]:
        rng = self.rng
        sector = self._pick(_ASSOC_SECTORS, _ASSOC_SECTOR_CUM)
        word, place = rng.choice(P.ORG_WORDS), self._place()
        mission_fr, mission_ar = P.ASSOCIATION_MISSIONS[sector]
        if lang in _ARABIC_SCRIPT:
            name = f"جمعية {word[1]} {mission_ar}"
        else:
            name = f"Association {word[0]} pour {mission_fr}"
        if rng.random() < 0.5:
            name += f" - {place.name(lang)}"
        topic = rng.choice(P.BANK[sector][lang]["topics"])
        text = P.ORG_DESCRIPTION["association"][lang].format(place=place.name(lang), topic=topic)
        if lang == "fr":
            name, text = _fr_fix(name), _fr_fix(text)
        return name, [sector, rng.choice(_ASSOC_SECTORS)], place, text

    def _org_cooperative(self, lang: str) -> tuple[str, list[str], _Place, str]:
        rng = self.rng
        sector, fr, ar, en = rng.choice(P.COOP_PRODUCTS)
        word, place = rng.choice(P.ORG_WORDS), self._place()
        if lang in _ARABIC_SCRIPT:
            name = f"تعاونية {word[1]} {_ar_li(ar)}"
        else:
            name = f"Coopérative {word[0]} {_fr_de(fr)}"
        product = {"en": en, "fr": fr, "dl": fr}.get(lang, ar)
        text = P.ORG_DESCRIPTION["cooperative"][lang].format(
            place=place.name(lang), product=product, product_de=_fr_de(fr), product_li=_ar_li(ar)
        )
        if lang == "fr":
            text = _fr_fix(text)
        return name, [sector, "ess"], place, text

    def _org_company(self, lang: str) -> tuple[str, list[str], _Place, str]:
        rng = self.rng
        sector, fr, ar, en, short = rng.choice(P.COMPANY_ACTIVITIES)
        place = self._place()
        name = f"{rng.choice(P.COMPANY_WORDS)} {short} {rng.choice(('SARL', 'SARL AU', 'SA'))}"
        activity = {"en": en, "fr": fr, "dl": fr}.get(lang, ar)
        text = P.ORG_DESCRIPTION["company"][lang].format(place=place.name(lang), activity=activity)
        if lang == "fr":
            text = _fr_fix(text)
        return name, [sector], place, text

    def _org_public_body(self, lang: str) -> tuple[str, list[str], _Place, str]:
        rng = self.rng
        fr, ar, sectors, cities = rng.choice(P.PUBLIC_BODIES)
        if cities is None:
            commune = rng.choices(KHOURIBGA_COMMUNES, cum_weights=_COMMUNE_CUM)[0]
        else:
            commune = commune_by_key(rng.choice(cities))
        place = _commune_place(commune)
        template = ar if lang in _ARABIC_SCRIPT else fr
        name = template.format(city=commune.name_fr, city_ar=commune.name_ar)
        text = P.ORG_DESCRIPTION["public_body"][lang].format(place=place.name(lang))
        if lang == "fr":
            text = _fr_fix(text)
        return name, list(sectors), place, text

    def job_offer(self, n: int) -> dict[str, Any]:
        rng = self.rng
        oid, kind, sector, place, org_name, org_lang = self._job_org()
        lang = org_lang if rng.random() < 0.7 else self._text_langs()[0]
        contract = self._pick(_CONTRACTS, _CONTRACT_CUM[kind])
        job, skills = self._job(sector, lang)
        if rng.random() < 0.15:
            place = self._place()
        joiner = "، " if lang in _ARABIC_SCRIPT else ", "
        description = P.JOB_DESCRIPTION[lang].format(
            org=org_name,
            title=job,
            place=place.name(lang),
            topic=rng.choice(P.BANK[sector][lang]["topics"]),
            skills=joiner.join(skills),
        )
        if lang == "fr":
            description = _fr_fix(description)
        published, expires = self._job_dates()
        return {
            "type": "job_offer",
            "id": f"j-{n:05d}",
            "title": P.CONTRACT_PREFIX[contract][lang] + job,
            "description": description,
            "organization_id": oid,
            "required_skills": skills,
            "location": place.loc,
            "contract": contract,
            "languages": list(self._pick(_JOB_LANGS, _JOB_LANG_CUM)),
            "published_on": published.isoformat(),
            "expires_on": expires.isoformat(),
        }

    def _job(self, sector: str, lang: str) -> tuple[str, list[str]]:
        """A job of the sector written in `lang` (French when none is), and the skills the offer
        asks for: most of the job's own, sometimes one general skill too."""
        rng = self.rng
        jobs = [job[lang] for job in JOBS[sector] if lang in job]
        title, own = rng.choice(jobs or [job["fr"] for job in JOBS[sector] if "fr" in job])
        skills = list(own[: rng.randint(min(2, len(own)), len(own))])
        if rng.random() < 0.3:
            skills.append(rng.choice(P.GENERIC_SKILLS[lang]))
        return title, list(dict.fromkeys(skills))

    def _job_org(self) -> tuple[str, str, str, _Place, str, str]:
        kind = self._pick(_ORG_KINDS, _JOB_ORG_KIND_CUM)
        # At tiny scales a kind can be missing: fall back to any organisation.
        pool = self.orgs_by_kind[kind] or range(len(self.orgs))
        return self.orgs[self.rng.choice(pool)]

    def _job_dates(self) -> tuple[dt.date, dt.date]:
        """Publication within the last 90 days. About 10 % of offers have already expired."""
        rng = self.rng
        if rng.random() < 0.10:
            age = rng.randint(16, 90)
            lifetime = rng.randint(15, age - 1)
        else:
            age = rng.randint(0, 90)
            lifetime = rng.randint(max(15, age), 90)
        published = self.today - dt.timedelta(days=age)
        return published, published + dt.timedelta(days=lifetime)


def _commune_place(commune: Commune) -> _Place:
    return _Place(
        {"commune": commune.name_fr}, commune.name_fr, commune.name_ar, commune.kind == "rural"
    )


def _axis(sector: str, project: dict[str, str] | None, seeking: list[str]) -> str:
    """The service axis a youth is followed on, from what they want (no random draw, so the
    rest of the demo data stays the same): cooperatives and local products go to the social
    and solidarity economy, other projects to entrepreneurship, the rest to employability or,
    for those who seek only partners, to associations."""
    if sector == "ess" or (project is not None and sector in ("agri", "craft")):
        return "social_economy"
    if project is not None:
        return "entrepreneurship"
    if "job" in seeking or "mentor" in seeking:
        return "employability"
    return "associations"
