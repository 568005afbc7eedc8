"""Use case: tell a person when new suggestions appear for them (the `refresh` task).

The best suggestions of each kind the record may receive are computed again; those not
announced before produce one notification, and the announced ids are remembered on a
`:SuggestionDigest` node so that the same suggestion is never announced twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from graph import introductions as graph_intro
from graph import recommend as graph_recommend
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from services.access import SYSTEM
from services.db import Graph
from services.recommendations import recommend
from services.settings import Settings

ANNOUNCED: LiteralString = """
OPTIONAL MATCH (d:SuggestionDigest {id: $id}) RETURN coalesce(d.announced, []) AS announced
"""
REMEMBER: LiteralString = """
MERGE (d:SuggestionDigest {id: $id}) SET d.announced = $announced, d.at = $now
"""


def refresh_suggestions(
    graph: Graph,
    record_id: str,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    k: int = 5,
) -> list[str]:
    """Compute the record's suggestions; notify it of those never announced. Returns them."""
    record_type = graph.read(graph_recommend.type_of, record_id)
    if record_type is None:
        return []
    found = [
        item.id
        for kind in SuggestionKind
        if record_type in kind.viewer_types
        for item in recommend(
            graph, SYSTEM, kind, record_id, rankers=rankers, settings=settings, k=k
        ).items
    ]
    return graph.write(_announce_tx, record_id, found)


def _announce_tx(tx: ManagedTransaction, record_id: str, found: list[str]) -> list[str]:
    announced = set(tx.run(ANNOUNCED, id=record_id).single(strict=True)["announced"])
    new = [i for i in dict.fromkeys(found) if i not in announced]
    if not new:
        return []
    now = dt.datetime.now(dt.UTC)
    digest = hashlib.sha256("|".join(sorted(new)).encode()).hexdigest()[:12]
    note: dict[str, Any] = {
        "id": f"digest:{record_id}:{digest}",  # the same news is never written twice
        "party_id": record_id,
        "event": "new_suggestions",
        "about_id": new[0],
        "count": len(new),
        "created_at": now,
    }
    graph_intro.merge_notification(tx, note)
    tx.run(REMEMBER, id=record_id, announced=sorted(announced | set(new)), now=now).consume()
    return new
