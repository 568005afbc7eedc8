"""Use case: store the ESCO occupations each record's skills lead to (graph.skill_occupations).

A step of the refresh (services.refresh.link_to_esco), after the skills are linked to ESCO: it
stores the walk of every record whose stored occupations are missing or stale, so that
suggestions read them instead of walking them for each candidate of each request. Until it
runs, those records are walked when read: the suggestions are the same, only slower.
"""

from __future__ import annotations

from graph import skill_occupations as graph_occupations
from services.db import Graph

BATCH = 1000


def store_stale(graph: Graph) -> int:
    """Store the occupations of every record without them; returns how many records."""
    ids = graph.read(graph_occupations.stale_ids)
    for start in range(0, len(ids), BATCH):
        graph.write(graph_occupations.store, ids[start : start + BATCH])
    return len(ids)
