"""Property-based: on random graphs in the real Neo4j, no suggestion ever breaks a hard rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import schema
from matcher.encoders import load_encoder
from matcher.kinds import SuggestionKind as K
from matcher.weights import default_rankers
from services import embeddings, importer, recommendations
from services.access import SYSTEM
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

TODAY = dt.date.today()
SKILLS = ["soudure", "comptabilité", "développement web", "couture", "élevage"]
LANGS = ["ar", "fr", "en"]


@st.composite
def random_graph(draw: st.DrawFn) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = [factories.organization("o-1")]
    for i in range(draw(st.integers(1, 4))):
        records.append(
            factories.youth(
                f"y-{i}",
                birth_year=TODAY.year - draw(st.integers(18, 35)),
                skills=draw(st.lists(st.sampled_from(SKILLS), max_size=3, unique=True)),
                languages=draw(
                    st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True)
                ),
            )
        )
    for i in range(draw(st.integers(1, 4))):
        records.append(
            factories.mentor(
                f"m-{i}",
                capacity=draw(st.integers(0, 2)),
                skills=draw(st.lists(st.sampled_from(SKILLS), max_size=3, unique=True)),
                languages=draw(
                    st.lists(st.sampled_from(LANGS), min_size=1, max_size=2, unique=True)
                ),
            )
        )
    for i in range(draw(st.integers(1, 4))):
        published = TODAY - dt.timedelta(days=draw(st.integers(0, 60)))
        expires = published + dt.timedelta(days=draw(st.integers(0, 90)))
        records.append(
            factories.job_offer(
                f"j-{i}",
                required_skills=draw(
                    st.lists(st.sampled_from(SKILLS), min_size=1, max_size=3, unique=True)
                ),
                published_on=published.isoformat(),
                expires_on=expires.isoformat(),
            )
        )
    return records


def reset(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run("MATCH (n:Entity) DETACH DELETE n").consume()
    schema.migrate(graph.driver, database=graph.database)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=random_graph())
def test_no_suggestion_breaks_a_hard_rule(
    graph: Graph, settings: Settings, records: list[dict[str, Any]]
) -> None:
    reset(graph)
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors
    importer.write_records([v.record for v in valid], graph, settings)
    encoder = load_encoder("use-multilingual-v3")
    embeddings.embed_stale_records(graph, encoder)
    by_id = {r["id"]: r for r in records}
    for youth in (r for r in records if r["type"] == "youth"):
        for kind in (K.MENTORS, K.JOBS, K.PEERS):
            result = recommendations.recommend(
                graph,
                SYSTEM,
                kind,
                youth["id"],
                rankers=default_rankers(),
                settings=settings,
                encoder=encoder,
                k=10,
            )
            for item in result.items:
                other = by_id[item.id]
                assert item.id != youth["id"]
                assert other["type"] == kind.target_type
                if kind is K.MENTORS:
                    assert other["capacity"] > 0
                    assert set(other["languages"]) & set(youth["languages"])
                if kind is K.JOBS:
                    assert dt.date.fromisoformat(other["expires_on"]) >= TODAY
