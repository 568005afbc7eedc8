"""Use case: tell a person when new suggestions appear for them (the `refresh` task).

The best suggestions of each kind the record may receive are computed again (for everyone at
once by the weekly job, `refresh_all`, through the batched lists); those not announced before
produce one notification, and the announced ids are remembered on a
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
from services import suggestion_lists
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


def refresh_all(
    graph: Graph,
    *,
    rankers: Mapping[SuggestionKind, MatchRanker],
    settings: Settings,
    k: int = 5,
    block: int = suggestion_lists.BLOCK,
) -> int:
    """`refresh_suggestions` for every youth (the weekly job), the lists made by blocks
    (`services.suggestion_lists`); returns how many youths heard of new suggestions."""
    kinds = [kind for kind in SuggestionKind if RecordType.YOUTH.value in kind.viewer_types]
    makers = [
        suggestion_lists.ListMaker(graph, kind, rankers=rankers, settings=settings, k=k)
        for kind in kinds
    ]
    told = 0
    for ids in suggestion_lists.blocks(graph.read(graph_records.all_ids, RecordType.YOUTH), block):
        lists = [maker.lists(ids) for maker in makers]
        found = {i: [s.id for by_kind in lists for s in by_kind.get(i, [])] for i in ids}
        told += graph.write(_announce_block_tx, found)
    return told


def _announce_block_tx(tx: ManagedTransaction, found: dict[str, list[str]]) -> int:
    return sum(1 for record_id, ids in found.items() if _announce_tx(tx, record_id, ids))


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
