"""Reasons for a suggestion, in the viewer's language, each stating a fact of the pair.

A circumstance (language, distance, places left, freshness) is only given when it raised the
score (its feature's contribution is positive); a fact of the match whenever it holds and its
weight is not negative. One to four reasons, no bare percentage. The facts about the match
itself — the occupation in common, the skills matched, the sectors — come first, strongest
first; the circumstances — shared language, distance, places left, freshness — after them.
When no fact about the match holds, closeness of the texts is said first, so that a suggestion
never rests on circumstances alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import numpy as np

from matcher import i18n
from matcher.features import FEATURES, Evidence
from matcher.i18n import N_, NP_
from matcher.kinds import SuggestionKind as K
from matcher.lexicon import term_key

Lang = i18n.Lang  # re-exported: callers import Lang from here
LANGS = i18n.LANGS
MAX_REASONS = 4
MAX_LISTED = 3

# Spoken languages by ISO 639 code, named in the reader's language through the catalogs.
LANGUAGE_NAMES: dict[str, str] = {
    "ar": N_("Arabic"),
    "ary": N_("Darija"),
    "fr": N_("French"),
    "en": N_("English"),
    "es": N_("Spanish"),
    "zgh": N_("Amazigh"),
    "tzm": N_("Amazigh"),
}

# The platform's sectors (the demo's, demo/phrases.py SECTORS, stored under their French
# names): said in the reader's language through the catalogs, whichever language they were
# written in. Any other term (a skill, a sector of one's own) is said as its author wrote it.
SECTOR_NAMES: tuple[str, ...] = (
    N_("agri-food and local produce"),
    N_("phosphate-related services"),
    N_("crafts"),
    N_("digital"),
    N_("tourism"),
    N_("social and solidarity economy"),
    N_("education and training"),
    N_("maternal and child health"),
    N_("socio-economic inclusion"),
)

# Reason texts: gettext message ids (English), translated in matcher/locale/*/messages.po.
MESSAGES: dict[str, str] = {
    "missing": N_(" — missing: {items}"),
    "mentor_fields": N_("knows your fields: {items}"),
    "mentee_fields": N_("works in your fields: {items}"),
    "peer_skills": N_("you share skills: {items}"),
    "sectors": N_("active in your sectors: {items}"),
    "complements": N_("complementary: {items}"),
    "languages": N_("you both speak {items}"),
    "same_place": N_("in your commune, {place}"),
    "distance": N_("{km} km away, in {place}"),
    "occupation": N_("same occupation in view: {name}"),
    "linked_occupation": N_("the occupation you describe: {name}"),
    "semantic": N_("profile close to what you describe"),
    "occupation_sector": N_("in the sector of the work you describe: {name}"),
    "separator": N_(", "),
    "and": N_(" and "),
}
# Reasons whose text depends on a count: (singular, plural) message ids, Arabic's six forms
# (its dual: "مهارتين") come from the catalog's plural rule. In Arabic a reason about a person
# is a noun phrase or passive, never a gendered verb: the profile may not say the gender.
PLURALS: dict[str, tuple[str, str]] = {
    # Counted by {m}, the skills asked for.
    "offer_skills": NP_(
        "{n} of the {m} skill this offer asks for: {items}",
        "{n} of the {m} skills this offer asks for: {items}",
    ),
    "candidate_skills": NP_(
        "has {n} of the {m} skill you ask for: {items}",
        "has {n} of the {m} skills you ask for: {items}",
    ),
    "places_left": NP_("{n} mentoring place left", "{n} mentoring places left"),
    "mentored": NP_("has mentored {n} person on Multaqa", "has mentored {n} people on Multaqa"),
    "fresh": NP_("published {n} day ago", "published {n} days ago"),
}
# Reasons still written as one text per language (kept working while they move to the
# catalogs): key -> {lang: text}. Looked up after MESSAGES.
TEMPLATES: dict[str, dict[Lang, str]] = {}


def message(key: str, lang: Lang) -> str:
    """The reason text `key` in `lang`, from the catalog (or the per-language table)."""
    if key in MESSAGES:
        return i18n.gettext(lang, MESSAGES[key])
    return TEMPLATES[key][lang]


def counted(key: str, count: int, lang: Lang, **values: object) -> str:
    """The reason text `key` for `count`, in the plural form `lang` uses for it; `values` fill
    its other placeholders (`{n}` is the count unless given)."""
    singular, plural = PLURALS[key]
    return i18n.ngettext(lang, singular, plural, count).format(**({"n": count} | values))


def reasons_for(
    evidence: Evidence, kind: K, contributions: np.ndarray, lang: Lang = "fr"
) -> list[str]:
    """One to four reasons: facts of the match first, the most specific first (the occupation,
    then the skills, then the sectors: "tailor" says more than "crafts", whichever weighed
    more), then circumstances, strongest first; closeness of the texts first when no fact of
    the match holds."""
    ranked = sorted(
        (
            (feature in CIRCUMSTANCES, _order(feature, contributions), text)
            for feature, make in _MAKERS
            if (text := make(evidence, kind, lang)) and _counts(feature, contributions)
        ),
        key=lambda row: (row[0], row[1]),
    )
    reasons = [text for _, _, text in ranked]
    if not reasons or ranked[0][0]:
        reasons.insert(0, message("semantic", lang))
    return reasons[:MAX_REASONS]


def _order(feature: str, contributions: np.ndarray) -> float:
    """A fact's place in `FACTS_BY_SPECIFICITY`; a circumstance's, by its contribution."""
    if feature in FACTS_BY_SPECIFICITY:
        return float(FACTS_BY_SPECIFICITY.index(feature))
    return float(-contributions[FEATURES.index(feature)])


def _counts(feature: str, contributions: np.ndarray) -> bool:
    """A circumstance is said only when it raised the score; a fact of the match (skills,
    occupation, sector) whenever it holds, unless its weight is negative: the fitted weights
    may give it none where the evaluation sets did not need it, and it is still true."""
    contribution = contributions[FEATURES.index(feature)]
    return bool(contribution > 0 or (feature not in CIRCUMSTANCES and contribution >= 0))


@cache
def _sector_ids() -> dict[str, str]:
    """The folded name of each sector in each language -> its message id."""
    return {term_key(i18n.gettext(lang, m)): m for m in SECTOR_NAMES for lang in LANGS}


def term_name(name: str, lang: Lang) -> str:
    """A term in the reader's language when it is one of the platform's sectors, else as
    written."""
    known = _sector_ids().get(term_key(name))
    return i18n.gettext(lang, known) if known else name


def _listed(items: Sequence[str], lang: Lang) -> str:
    items = [term_name(item, lang) for item in items]
    return message("separator", lang).join(items[:MAX_LISTED]) + (
        "…" if len(items) > MAX_LISTED else ""
    )


def _skills(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.covered:
        return None
    items = _listed(ev.covered, lang)
    if kind in (K.JOBS, K.CANDIDATES):
        key = "offer_skills" if kind is K.JOBS else "candidate_skills"
        n, m = len(ev.covered), len(ev.covered) + len(ev.missing)
        said = counted(key, m, lang, n=n, m=m, items=items)
        if ev.missing:
            said += message("missing", lang).format(items=_listed(ev.missing, lang))
        return said
    key = {K.MENTORS: "mentor_fields", K.MENTEES: "mentee_fields"}.get(kind, "peer_skills")
    return message(key, lang).format(items=items)


def _sectors(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.shared_sectors or kind in (K.MENTORS, K.MENTEES):
        return None  # for mentoring, sectors are already among the fields known
    return message("sectors", lang).format(items=_listed(ev.shared_sectors, lang))


def _complements(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.complements:
        return None
    return message("complements", lang).format(items=_listed(ev.complements, lang))


def _languages(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.shared_languages:
        return None
    names = [
        i18n.gettext(lang, LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else code
        for code in ev.shared_languages
    ]
    separator, conjunction = message("separator", lang), message("and", lang)
    spoken = names[0] if len(names) == 1 else separator.join(names[:-1]) + conjunction + names[-1]
    return message("languages", lang).format(items=spoken)


def _place(ev: Evidence, kind: K, lang: Lang) -> str | None:
    place = ev.place_ar if lang == "ar" and ev.place_ar else ev.place
    if place is None:
        return None
    if ev.same_place:
        return message("same_place", lang).format(place=place)
    if ev.distance_km is None:
        return None
    return message("distance", lang).format(km=round(ev.distance_km), place=place)


def _capacity(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if kind is not K.MENTORS or not ev.places_left:
        return None
    if ev.mentored_kinds:
        return counted("mentored", len(ev.mentored_kinds), lang)
    return counted("places_left", ev.places_left, lang)


def _fresh(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if kind is not K.JOBS or ev.age_days is None:
        return None
    return counted("fresh", max(ev.age_days, 0), lang)


def _occupation(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if ev.linked_occupation:  # one occupation per card: the one the text names
        return None
    return _occupation_reason(ev.shared_occupation, "occupation", lang)


def _linked_occupation(ev: Evidence, kind: K, lang: Lang) -> str | None:
    return _occupation_reason(ev.linked_occupation, "linked_occupation", lang)


def _occupation_sector(ev: Evidence, kind: K, lang: Lang) -> str | None:
    if not ev.occupation_sector:
        return None
    # Not a sector the card already names (shared, or among a mentor's fields known).
    said = {_sector_or_term(name) for name in (*ev.shared_sectors, *ev.covered)}
    if _sector_or_term(ev.occupation_sector) in said:
        return None
    return message("occupation_sector", lang).format(name=term_name(ev.occupation_sector, lang))


def _sector_or_term(name: str) -> str:
    """The platform sector a name is, in whatever language it was written; else its key."""
    return _sector_ids().get(term_key(name)) or term_key(name)


def _occupation_reason(names: dict[str, str] | None, key: str, lang: Lang) -> str | None:
    if not names:
        return None
    # ESCO has no Arabic label for a few occupations: fall back to French, then English.
    name = names.get(lang) or names.get("fr") or names.get("en")
    return message(key, lang).format(name=name) if name else None


# Facts about the people, not about the match: said after the facts of the match.
CIRCUMSTANCES = frozenset({"shared_language", "proximity", "capacity_left", "freshness"})
# The facts of the match, the most specific first.
FACTS_BY_SPECIFICITY = (
    "occupation_link",
    "occupation_fit",
    "skill_coverage",
    "complementarity",
    "sector_overlap",
    "occupation_sector",
)

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
    ("occupation_sector", _occupation_sector),
)
