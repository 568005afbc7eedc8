"""What the matcher knows of a youth, mentor, organisation or offer: plain data, no driver.

`graph/recommend.py` reads these facts from Neo4j; the evaluation builds them from files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True, slots=True)
class Term:
    """A skill, sector or resource as the profile wrote it, with what it means.

    `ids` holds the term's own key and the ESCO concepts it was linked to, so that
    "تصميم مواقع الويب" and "développer des sites web" meet when they map to one ESCO skill.
    """

    key: str
    name: str
    ids: frozenset[str]


@dataclass(frozen=True, slots=True)
class Occupation:
    """An ESCO occupation a profile points to, with its weight in [0, 1] and its names."""

    id: str
    weight: float
    names: dict[str, str] = field(default_factory=dict)  # by language: ar, fr, en


@dataclass(frozen=True, slots=True)
class SectorWeight:
    """A sector the occupations a text names are found in on the platform, weighted in [0, 1]
    (the best 1)."""

    key: str
    name: str
    weight: float


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    name_ar: str | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the scoring, the hard rules and the reasons need about one side of a pair."""

    id: str
    kind: str  # youth | mentor | organization | job_offer
    name: str
    embedding: np.ndarray | None = None
    needs_embedding: np.ndarray | None = None
    offers_embedding: np.ndarray | None = None
    skills: tuple[Term, ...] = ()  # skills, or an offer's required skills
    sectors: tuple[Term, ...] = ()  # a youth's interests, others' sectors
    needs: tuple[Term, ...] = ()
    offers: tuple[Term, ...] = ()
    languages: frozenset[str] = frozenset()
    place: Place | None = None
    birth_year: int | None = None
    capacity: int | None = None
    active_mentees: int = 0
    paused: bool = False
    organization_kind: str | None = None
    mentored_kinds: tuple[str, ...] = ()  # kinds of the people and organisations mentored
    published_on: dt.date | None = None
    expires_on: dt.date | None = None
    # Ids this profile is already connected with, or declined: never suggested again.
    excluded: frozenset[str] = field(default_factory=frozenset)
    occupations: tuple[Occupation, ...] = ()  # those most of its skills are essential to
    linked_occupations: tuple[Occupation, ...] = ()  # those its text names (weight 1: best)
    # The sectors of the organisations whose offers name those occupations (FOUND_IN).
    occupation_sectors: tuple[SectorWeight, ...] = ()
    neighbours: frozenset[str] = field(default_factory=frozenset)  # connections, memberships
