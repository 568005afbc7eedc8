"""Embeddings on nodes, their vector indexes, and the model that made them.

Vectors of two models are never mixed: the graph records the model's name and dimension, and a
change of model removes every stored vector and rebuilds the indexes before anything is
re-embedded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction


class VectorIndex(StrEnum):
    """Every vector index of the graph; the value is its name."""

    YOUTH = "youth_embedding"
    MENTOR = "mentor_embedding"
    ORGANIZATION = "organization_embedding"
    JOB_OFFER = "job_offer_embedding"
    ORGANIZATION_NEEDS = "organization_needs_embedding"
    ORGANIZATION_OFFERS = "organization_offers_embedding"
    ESCO_SKILL = "esco_skill_embedding"
    OCCUPATION = "occupation_embedding"


# Index names and labels cannot be parameters, so each index has its fixed statement.
CREATE_INDEX: dict[VectorIndex, LiteralString] = {
    VectorIndex.YOUTH: "CREATE VECTOR INDEX youth_embedding IF NOT EXISTS "
    "FOR (n:Youth) ON n.embedding OPTIONS $options",
    VectorIndex.MENTOR: "CREATE VECTOR INDEX mentor_embedding IF NOT EXISTS "
    "FOR (n:Mentor) ON n.embedding OPTIONS $options",
    VectorIndex.ORGANIZATION: "CREATE VECTOR INDEX organization_embedding IF NOT EXISTS "
    "FOR (n:Organization) ON n.embedding OPTIONS $options",
    VectorIndex.JOB_OFFER: "CREATE VECTOR INDEX job_offer_embedding IF NOT EXISTS "
    "FOR (n:JobOffer) ON n.embedding OPTIONS $options",
    VectorIndex.ORGANIZATION_NEEDS: "CREATE VECTOR INDEX organization_needs_embedding "
    "IF NOT EXISTS FOR (n:Organization) ON n.needs_embedding OPTIONS $options",
    VectorIndex.ORGANIZATION_OFFERS: "CREATE VECTOR INDEX organization_offers_embedding "
    "IF NOT EXISTS FOR (n:Organization) ON n.offers_embedding OPTIONS $options",
    VectorIndex.ESCO_SKILL: "CREATE VECTOR INDEX esco_skill_embedding IF NOT EXISTS "
    "FOR (n:EscoSkill) ON n.embedding OPTIONS $options",
    VectorIndex.OCCUPATION: "CREATE VECTOR INDEX occupation_embedding IF NOT EXISTS "
    "FOR (n:Occupation) ON n.embedding OPTIONS $options",
}

READ_MODEL: LiteralString = """
OPTIONAL MATCH (m:EmbeddingModel {singleton: true}) RETURN m.name AS name, m.dim AS dim
"""

WRITE_MODEL: LiteralString = """
MERGE (m:EmbeddingModel {singleton: true}) SET m.name = $name, m.dim = $dim, m.since = datetime()
"""

VECTOR_INDEX_DIMENSIONS: LiteralString = """
SHOW VECTOR INDEXES YIELD name, options
RETURN name, options.indexConfig.`vector.dimensions` AS dim
"""

DROP_INDEX: LiteralString = "DROP INDEX $name IF EXISTS"

# Forgetting vectors goes in chunks: a graph of 100,000 profiles does not fit one transaction.
FORGET_VECTORS: LiteralString = """
MATCH (n) WHERE n.embedding IS NOT NULL OR n.needs_embedding IS NOT NULL
CALL (n) {
  REMOVE n.embedding, n.needs_embedding, n.offers_embedding, n.embedding_hash
} IN TRANSACTIONS OF 5000 ROWS
"""

STALE_RECORD_IDS: LiteralString = """
MATCH (n:Entity)
WHERE n.embedding_hash IS NULL OR n.embedding_hash <> n.content_hash
RETURN n.id AS id ORDER BY id
"""

WRITE_RECORD_VECTORS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.embedding = row.embedding, n.needs_embedding = row.needs,
    n.offers_embedding = row.offers, n.embedding_hash = row.hash, n.lexical = row.lexical,
    n.lexical_version = row.lexical_version
"""

# Records embedded, whose lexical keys (matcher.lexical.keys_text) are of another version.
STALE_LEXICAL_IDS: LiteralString = """
MATCH (n:Entity)
WHERE n.embedding_hash = n.content_hash AND coalesce(n.lexical_version, '1') <> $version
RETURN n.id AS id ORDER BY id
"""

WRITE_LEXICAL_KEYS: LiteralString = """
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.lexical = row.lexical, n.lexical_version = row.lexical_version
"""

RECORD_VECTORS: LiteralString = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.embedding AS embedding
"""


@dataclass(frozen=True)
class ModelInfo:
    """The encoder whose vectors the graph holds."""

    name: str
    dim: int


def model_in_use(tx: ManagedTransaction) -> ModelInfo | None:
    """`stored_model` inside a transaction."""
    row = tx.run(READ_MODEL).single()
    return ModelInfo(row["name"], row["dim"]) if row and row["name"] else None


def stored_model(driver: Driver, database: str | None) -> ModelInfo | None:
    """The model recorded in the graph, or None before anything was embedded."""
    row = driver.execute_query(READ_MODEL, database_=database).records[0]
    return ModelInfo(row["name"], row["dim"]) if row["name"] else None


def adopt_model(driver: Driver, database: str | None, model: ModelInfo) -> bool:
    """Make `model` the graph's model; when it replaces another, forget every old vector.

    Returns:
        True when stored vectors were dropped (a different model was in use before).
    """
    current = stored_model(driver, database)
    ours = {index.value for index in VectorIndex}
    indexes = driver.execute_query(VECTOR_INDEX_DIMENSIONS, database_=database).records
    # An index of another dimension (left by an older model) would silently skip new vectors.
    stale = [r["name"] for r in indexes if r["name"] in ours and r["dim"] != model.dim]
    changed = (current is not None and current != model) or bool(stale)
    if changed:
        for name in [r["name"] for r in indexes if r["name"] in ours]:
            driver.execute_query(DROP_INDEX, name=name, database_=database)
        with driver.session(database=database) as session:
            session.run(FORGET_VECTORS).consume()
    options = {
        "indexConfig": {"vector.dimensions": model.dim, "vector.similarity_function": "cosine"}
    }
    for statement in CREATE_INDEX.values():
        driver.execute_query(statement, options=options, database_=database)
    driver.execute_query(WRITE_MODEL, name=model.name, dim=model.dim, database_=database)
    return changed


def stale_record_ids(tx: ManagedTransaction) -> list[str]:
    """Ids of records never embedded, or changed since their embedding."""
    return [row["id"] for row in tx.run(STALE_RECORD_IDS)]


def write_record_vectors(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    """Store `embedding` (and `needs`/`offers` for organisations) with the hash they encode."""
    tx.run(WRITE_RECORD_VECTORS, rows=list(rows)).consume()


def stale_lexical_ids(tx: ManagedTransaction, version: str) -> list[str]:
    """Ids of records embedded whose stored lexical keys are not of `version`."""
    return [row["id"] for row in tx.run(STALE_LEXICAL_IDS, version=version)]


def write_lexical_keys(tx: ManagedTransaction, rows: Sequence[dict[str, Any]]) -> None:
    """Store the lexical keys of records (rows of id, lexical, lexical_version)."""
    tx.run(WRITE_LEXICAL_KEYS, rows=list(rows)).consume()


def record_vectors(tx: ManagedTransaction, ids: Sequence[str]) -> dict[str, list[float] | None]:
    """The stored embedding of each record."""
    return {row["id"]: row["embedding"] for row in tx.run(RECORD_VECTORS, ids=list(ids))}
