"""What state the system is in: Neo4j reachable, schema version, how many records."""

from __future__ import annotations

from typing import Any

from graph import records as graph_records
from graph import schema
from graph.driver import UNAVAILABLE_ERRORS
from services.db import Graph


def health(graph: Graph) -> dict[str, Any]:
    """`neo4j` is "up" or "down"; with it up, the schema version and record counts."""
    try:
        version = schema.schema_version(graph.driver, database=graph.database)
        counts = graph.read(graph_records.count_by_type)
    except UNAVAILABLE_ERRORS as error:
        return {"status": "degraded", "neo4j": "down", "error": type(error).__name__}
    return {"status": "ok", "neo4j": "up", "schema_version": version, "records": counts}
