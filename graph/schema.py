"""Schema as code: constraints, indexes and reference places, applied idempotently."""

from __future__ import annotations

from typing import LiteralString

from neo4j import Driver, ManagedTransaction

from graph import occupation_details
from graph.audit import AUDIT_SCHEMA
from graph.cohorts import COHORT_SCHEMA
from graph.esco import ESCO_SCHEMA
from graph.events import EVENT_SCHEMA
from graph.introductions import INTRODUCTION_SCHEMA
from graph.jobs import JOB_SCHEMA
from graph.links import RETYPE_MENTOR_LINKS
from graph.occupation_links import RETYPE_YOUTH_LINKS
from graph.outcomes import OUTCOME_SCHEMA
from graph.recommend import LEXICAL_SCHEMA, migrate_occupation_sectors
from graph.users import USER_SCHEMA
from models.places import KHOURIBGA_COMMUNES, PROVINCE

SCHEMA_VERSION = 1

# Every statement is idempotent, so `migrate` can run at every start.
SCHEMA_STATEMENTS: tuple[LiteralString, ...] = (
    # Every imported record is an :Entity; its id is unique across the four kinds.
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT youth_id IF NOT EXISTS FOR (n:Youth) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT mentor_id IF NOT EXISTS FOR (n:Mentor) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT job_offer_id IF NOT EXISTS FOR (n:JobOffer) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT skill_key IF NOT EXISTS FOR (n:Skill) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT sector_key IF NOT EXISTS FOR (n:Sector) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT resource_key IF NOT EXISTS FOR (n:Resource) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT place_key IF NOT EXISTS FOR (n:Place) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT language_code IF NOT EXISTS FOR (n:Language) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT user_email IF NOT EXISTS FOR (n:User) REQUIRE n.email IS UNIQUE",
    "CREATE CONSTRAINT schema_name IF NOT EXISTS FOR (n:SchemaVersion) REQUIRE n.name IS UNIQUE",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)",
    "CREATE INDEX job_offer_expires IF NOT EXISTS FOR (n:JobOffer) ON (n.expires_on)",
    "CREATE INDEX place_kind IF NOT EXISTS FOR (n:Place) ON (n.kind)",
)

UPSERT_REFERENCE_PLACES: LiteralString = """
MERGE (province:Place {key: $province.key})
SET province.name = $province.name_fr, province.name_ar = $province.name_ar,
    province.kind = 'province', province.lat = $province.lat, province.lon = $province.lon
WITH province
UNWIND $communes AS c
MERGE (p:Place {key: c.key})
SET p.name = c.name_fr, p.name_ar = c.name_ar, p.kind = 'commune', p.commune_kind = c.kind,
    p.lat = c.lat, p.lon = c.lon
MERGE (p)-[:PART_OF]->(province)
"""

RECORD_SCHEMA_VERSION: LiteralString = """
MERGE (v:SchemaVersion {name: 'multaqa'})
SET v.version = $version, v.applied_at = datetime()
"""

READ_SCHEMA_VERSION: LiteralString = """
OPTIONAL MATCH (v:SchemaVersion {name: 'multaqa'}) RETURN v.version AS version
"""


def migrate(driver: Driver, *, database: str | None = None) -> int:
    """Apply every constraint and index, load the reference places, record the version.

    Returns:
        The schema version now recorded in the database.
    """
    for statement in (
        *SCHEMA_STATEMENTS,
        *ESCO_SCHEMA,
        *INTRODUCTION_SCHEMA,
        *OUTCOME_SCHEMA,
        *COHORT_SCHEMA,
        *EVENT_SCHEMA,
        *JOB_SCHEMA,
        *LEXICAL_SCHEMA,
        *USER_SCHEMA,
        *AUDIT_SCHEMA,
    ):
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    with driver.session(database=database) as session:
        session.execute_write(_write_reference_data)
        # Data from before issue 14; each finds nothing to do once done.
        session.run(RETYPE_YOUTH_LINKS).consume()  # in batches: its own transactions
        for retype in RETYPE_MENTOR_LINKS:
            session.run(retype).consume()
        session.execute_write(migrate_occupation_sectors)
        session.execute_write(occupation_details.ensure_stamp)
    return SCHEMA_VERSION


def _write_reference_data(tx: ManagedTransaction) -> None:
    communes = [
        {
            "key": c.key,
            "name_fr": c.name_fr,
            "name_ar": c.name_ar,
            "kind": c.kind,
            "lat": c.lat,
            "lon": c.lon,
        }
        for c in KHOURIBGA_COMMUNES
    ]
    tx.run(UPSERT_REFERENCE_PLACES, province=PROVINCE, communes=communes).consume()
    tx.run(RECORD_SCHEMA_VERSION, version=SCHEMA_VERSION).consume()


def schema_version(driver: Driver, *, database: str | None = None) -> int | None:
    """The schema version recorded in the database, or None before the first migrate."""
    records, _, _ = driver.execute_query(READ_SCHEMA_VERSION, database_=database)
    return records[0]["version"] if records else None


def read_schema_version(tx: ManagedTransaction) -> int | None:
    """The schema version recorded in the database, in a transaction (services.status)."""
    row = tx.run(READ_SCHEMA_VERSION).single()
    return row["version"] if row else None


def constraint_names(driver: Driver, *, database: str | None = None) -> set[str]:
    """Names of the constraints in the database (used by tests and `status`)."""
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    return {record["name"] for record in records}
