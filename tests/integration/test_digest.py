"""New suggestions are announced once: the refresh task's use case, on the real Neo4j."""

from __future__ import annotations

import pytest

from graph import introductions as graph_intro
from matcher.weights import default_rankers
from services.db import Graph
from services.digest import refresh_suggestions
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j
SECTOR = "agroalimentaire et produits du terroir"


def test_new_suggestions_are_announced_once_and_later_ones_again(
    graph: Graph, settings: Settings
) -> None:
    factories.store(graph, factories.youth("y-1"), factories.mentor("m-1", sectors=[SECTOR]))
    first = refresh_suggestions(graph, "y-1", rankers=default_rankers(), settings=settings)
    assert first == ["m-1"]
    assert refresh_suggestions(graph, "y-1", rankers=default_rankers(), settings=settings) == []
    factories.store(graph, factories.mentor("m-2", sectors=[SECTOR]))
    assert refresh_suggestions(graph, "y-1", rankers=default_rankers(), settings=settings) == [
        "m-2"
    ]
    notes = graph.read(graph_intro.list_notifications, ["y-1"], unread=True, limit=10, offset=0)
    assert sorted(n.about_id for n in notes if n.event == "new_suggestions") == [
        "m-1",
        "m-2",
    ]
