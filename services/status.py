"""What state the system is in: Neo4j reachable, schema version, how many records."""

from __future__ import annotations

from typing import Any

from graph import records as graph_records
from graph import schema
from graph.driver import UNAVAILABLE_ERRORS, GraphUnavailable
from services.db import Graph

_DOWN: tuple[type[Exception], ...] = (GraphUnavailable, *UNAVAILABLE_ERRORS)


def health(graph: Graph, *, with_counts: bool = False) -> dict[str, Any]:
    """`neo4j` is "up" or "down"; with it up, the schema version (and, for the operator's CLI,
    record counts: the anonymous /health shows none)."""
    try:
        version = graph.read(schema.read_schema_version)
        counts = graph.read(graph_records.count_by_type) if with_counts else None
    except _DOWN:
        return {"status": "degraded", "neo4j": "down"}
    report: dict[str, Any] = {"status": "ok", "neo4j": "up", "schema_version": version}
    if counts is not None:
        report["records"] = counts
    return report
