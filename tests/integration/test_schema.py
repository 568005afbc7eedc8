"""Schema as code on the real Neo4j."""

from __future__ import annotations

from typing import Any

import pytest

from graph import recommend as graph_recommend
from graph import records as graph_records
from graph import schema
from matcher.kinds import SuggestionKind as K
from services import importer
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j


def test_migrate_creates_a_uniqueness_constraint_for_every_id(graph: Graph) -> None:
    names = schema.constraint_names(graph.driver, database=graph.database)
    assert {
        "entity_id",
        "youth_id",
        "mentor_id",
        "organization_id",
        "job_offer_id",
        "skill_key",
        "sector_key",
        "place_key",
        "language_code",
        "user_id",
        "user_email",
    } <= names


def test_migrate_is_idempotent_and_records_its_version(graph: Graph) -> None:
    before = schema.constraint_names(graph.driver, database=graph.database)
    assert schema.migrate(graph.driver, database=graph.database) == schema.SCHEMA_VERSION
    assert schema.constraint_names(graph.driver, database=graph.database) == before
    assert schema.schema_version(graph.driver, database=graph.database) == schema.SCHEMA_VERSION


def test_migrate_loads_the_communes_of_the_province_once(graph: Graph) -> None:
    schema.migrate(graph.driver, database=graph.database)
    records, _, _ = graph.driver.execute_query(
        "MATCH (c:Place {kind: 'commune'})-[:PART_OF]->(p:Place {kind: 'province'}) "
        "RETURN count(c) AS communes, count(DISTINCT p) AS provinces",
        database_=graph.database,
    )
    assert records[0]["provinces"] == 1
    assert records[0]["communes"] >= 20


def test_a_second_node_with_the_same_id_is_refused(graph: Graph) -> None:
    from graph.driver import CONSTRAINT_ERROR as ConstraintError  # the driver's own class

    graph.driver.execute_query(
        "CREATE (:Entity:Youth {id: 'y-1', type: 'youth'})", database_=graph.database
    )
    with pytest.raises(ConstraintError):
        graph.driver.execute_query(
            "CREATE (:Entity:Mentor {id: 'y-1', type: 'mentor'})", database_=graph.database
        )


# The shape of the data before issue 14: a mentor's skills were HAS_SKILL, like a youth's,
# and her sectors ACTIVE_IN, like an organisation's.
MENTOR_LINKS_OF_OLD: tuple[str, ...] = (
    "MATCH (n:Mentor)-[new:OFFERS_SKILL]->(s) "
    "CREATE (n)-[old:HAS_SKILL]->(s) SET old = properties(new) DELETE new",
    "MATCH (n:Mentor)-[new:EXPERT_IN]->(s) "
    "CREATE (n)-[old:ACTIVE_IN]->(s) SET old = properties(new) DELETE new",
)


def test_migrate_retypes_the_skills_and_sectors_of_mentors_written_before_issue_14(
    graph: Graph, settings: Settings
) -> None:
    sector = "économie sociale et solidaire"
    records = [
        factories.youth("y-1", skills=["comptabilité"], interests=[sector]),
        factories.mentor("m-1", sectors=[sector]),
    ]
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert errors == []
    importer.write_records([v.record for v in valid], graph, settings)

    def seen() -> tuple[Any, ...]:
        [mentor] = graph.read(graph_records.read_records, ["m-1"])
        facts = graph.read(graph_recommend.viewer_facts, "m-1")
        assert facts is not None
        mentees = graph.read(graph_recommend.neighbour_candidates, K.MENTEES, "m-1", 10)
        mentors = graph.read(graph_recommend.neighbour_candidates, K.MENTORS, "y-1", 10)
        profile = facts.profile
        return (
            (mentor.skills, mentor.sectors),
            ([t.key for t in profile.skills], [t.key for t in profile.sectors]),
            (mentees, mentors),
        )

    now = seen()
    assert now[0] == (["comptabilité", "gestion de coopérative"], [sector])
    assert now[2] == (["y-1"], ["m-1"])
    for old in MENTOR_LINKS_OF_OLD:
        graph.driver.execute_query(old, database_=graph.database)
    assert seen() != now  # the old shape is not read...
    schema.migrate(graph.driver, database=graph.database)
    assert seen() == now  # ...until migrated
    found, _, _ = graph.driver.execute_query(
        "MATCH (:Mentor)-[r:HAS_SKILL|ACTIVE_IN]->() RETURN count(r) AS n",
        database_=graph.database,
    )
    assert found[0]["n"] == 0
