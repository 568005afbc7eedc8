"""Schema as code on the real Neo4j."""

from __future__ import annotations

import pytest

from graph import schema
from services.db import Graph

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
