"""Everyone's lists made by blocks equal the lists made one by one, on a seeded demo graph."""

from __future__ import annotations

import datetime as dt

import pytest

from demo.data import generate_demo
from graph import records as graph_records
from matcher.encoders import load_encoder
from matcher.kinds import SuggestionKind as K
from matcher.weights import default_rankers
from models.records import RecordType
from services import importer, recommendations, refresh, suggestion_lists
from services.access import SYSTEM
from services.db import Graph
from services.digest import refresh_all
from services.settings import Settings

pytestmark = pytest.mark.neo4j

TODAY = dt.date(2026, 6, 1)
YOUTH_KINDS = [kind for kind in K if "youth" in kind.viewer_types]


def test_lists_made_by_blocks_equal_those_made_one_by_one_and_the_weekly_refresh_uses_them(
    graph: Graph, settings: Settings
) -> None:
    demo = list(generate_demo(scale=0.2, seed=3, today=TODAY))
    lines = [importer.RawLine("demo", n, r) for n, r in enumerate(demo, start=1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors, errors[:3]
    importer.write_records([v.record for v in valid], graph, settings)
    refresh.refresh_derived(graph, load_encoder("use-multilingual-v3"))
    rankers = default_rankers()
    youths = graph.read(graph_records.all_ids, RecordType.YOUTH)[::4][:36]
    assert len(youths) >= 30

    compared = 0
    for kind in YOUTH_KINDS:
        maker = suggestion_lists.ListMaker(
            graph, kind, rankers=rankers, settings=settings, k=10, lang="ar", today=TODAY
        )
        batched = {}
        for block in suggestion_lists.blocks(youths, 8):  # several blocks, the last one short
            batched.update(maker.lists(block))
        for youth in youths:
            one = recommendations.recommend(
                graph,
                SYSTEM,
                kind,
                youth,
                rankers=rankers,
                settings=settings,
                k=10,
                lang="ar",
                today=TODAY,
            )
            many = batched.get(youth, [])
            assert [(s.id, s.score, list(s.reasons)) for s in many] == [
                (r.id, r.score, r.reasons) for r in one.items
            ], (kind, youth)
            compared += len(one.items)
    assert compared > 400  # most lists are full: the comparison is not of empty lists

    assert refresh_all(graph, rankers=rankers, settings=settings, block=50) > 0
    assert refresh_all(graph, rankers=rankers, settings=settings, block=50) == 0  # once each
