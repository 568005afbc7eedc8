"""Issue 11's motivating example on the demo data: a youth who writes in Darija that she wants
to work in farming and has a diploma in irrigation gets farming and irrigation offers, for
reasons about the match, and her skill "السقي" links to an ESCO skill."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from demo.data import generate_demo
from evaluation.free_text import demo_job_occupations
from graph import skill_links as graph_skill_links
from matcher.encoders import load_encoder
from matcher.kinds import SuggestionKind as K
from matcher.weights import default_rankers
from models.common import term_key
from services import esco, importer, recommendations, refresh
from services.access import SYSTEM
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

TODAY = dt.date(2026, 6, 1)
IRRIGATION = "700ea222-8139-4c48-95cf-014855565530"  # ESCO skill "irrigation systems"
# Reasons that state a fact of the match (ar): the occupation she describes, the same
# occupation in view, her skills the offer asks for, the sector of the work she describes.
MATCH_FACT = re.compile(
    r"^(المهنة التي تصفها|نفس المهنة المقصودة|\d+ من (?:\d+ مهار|مهارتين)|المهارة الوحيدة"
    r"|في قطاع العمل الذي تصفه)"
)
FARMING_WORDS = ("agricole", "irrigation", "tracteur", "serre", "فلاح", "الري", "السقي", "جرار")


@pytest.fixture(scope="module")
def encoder():  # noqa: ANN201 - the Encoder protocol
    return load_encoder("use-multilingual-v3")


def seed(graph: Graph, settings: Settings, encoder: Any, extra: list[dict[str, Any]]) -> None:
    """The demo's organisations and offers (half scale: 200 offers), and `extra`."""
    demo = [
        r
        for r in generate_demo(scale=0.5, seed=0, today=TODAY)
        if r["type"] in ("organization", "job_offer")
    ]
    lines = [importer.RawLine("demo", n, r) for n, r in enumerate(demo + extra, start=1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors, errors[:3]
    importer.write_records([v.record for v in valid], graph, settings)
    refresh.refresh_derived(graph, encoder)


def test_a_darija_youth_wanting_farm_work_gets_farming_and_irrigation_offers_for_match_reasons(
    graph: Graph, settings: Settings, encoder: Any
) -> None:
    esco.load_esco(graph)
    youth = factories.youth(
        "y-salma",
        bio="بغيت نخدم فالفلاحة، عندي دبلوم فالسقي",
        skills=["السقي", "tracteur"],
        interests=[],
        project=None,
        languages=["ary", "ar"],
        location={"commune": "Oued Zem"},
        seeking=["job"],
    )
    seed(graph, settings, encoder, [youth])

    assert IRRIGATION in graph.read(graph_skill_links.term_links, term_key("السقي"))

    result = recommendations.recommend(
        graph,
        SYSTEM,
        K.JOBS,
        "y-salma",
        rankers=default_rankers(),
        settings=settings,
        lang="ar",
        today=TODAY,
        k=5,
    )
    occupations = demo_job_occupations()
    offers = {r["id"]: r for r in generate_demo(scale=0.5, seed=0, today=TODAY)}
    top = [offers[item.id] for item in result.items]
    sectors = [
        occupations[max((t for t in occupations if o["title"].endswith(t)), key=len)][0]
        for o in top
    ]
    assert sectors.count("agri") >= 4, [o["title"] for o in top]
    farming = [o for o in top if any(w in o["title"].lower() for w in FARMING_WORDS)]
    assert len(farming) >= 3, [o["title"] for o in top]
    # The first reason is a fact of the match, never language, distance or freshness, nor bare
    # closeness of the texts.
    for item in result.items:
        assert MATCH_FACT.match(item.reasons[0]), item.reasons
