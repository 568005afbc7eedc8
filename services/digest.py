"""Use case: tell a person when new suggestions appear for them (the `refresh` task).

The best suggestions of each kind the record may receive are computed again; those not
announced before produce one notification, and the announced ids are remembered on a
`:SuggestionDigest` node so that the same suggestion is never announced twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from graph import introductions as graph_intro
from graph import outcomes as graph_outcomes
from graph import recommend as graph_recommend
from graph import records as graph_records
from graph.driver import ManagedTransaction
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from models.records import RecordType
from services import followups
from services.access import SYSTEM
from services.db import Graph
from services.recommendations import recommend
from services.settings import Settings


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
    graph_intro.lock(tx, record_id)  # two refreshes of one record at once: one after the other
    announced = graph_outcomes.announced(tx, record_id)
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
    graph_outcomes.remember_announced(tx, record_id, sorted(announced | set(new)), now)
    return new


def queue_all_refreshes(graph: Graph) -> int:
    """Queue a suggestions refresh for every youth (the weekly job); returns how many."""
    ids = graph.read(graph_records.all_ids, RecordType.YOUTH)
    for record_id in ids:
        followups.refresh_suggestions(record_id)
    return len(ids)
