"""The occupations a record's skills lead to, stored by the refresh, read as if walked."""

from __future__ import annotations

from typing import Any

import pytest

from graph import esco as graph_esco
from graph import recommend as graph_recommend
from graph import skill_links as graph_links
from graph import skill_occupations as graph_occupations
from services import importer, skill_occupations
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

# A tiny taxonomy: occupation -> {ESCO skill: essential}.
OCCUPATIONS = {
    "o-farmer": {"s-irrigate": True, "s-prune": True},
    "o-gardener": {"s-prune": True},
    "o-driver": {"s-drive": True},
}


def write_taxonomy(graph: Graph, occupations: dict[str, dict[str, bool]]) -> None:
    skills = sorted({skill for needs in occupations.values() for skill in needs})
    graph.write(
        graph_esco.write_skills,
        [{"id": s, "hash": s, "props": {"id": s, "name_en": s}} for s in skills],
    )
    graph.write(
        graph_esco.write_occupations,
        [{"id": o, "hash": o, "props": {"name_en": o}} for o in occupations],
    )
    graph.write(
        graph_esco.write_occupation_skills,
        [
            {"id": o, "skills": [{"id": s, "essential": e} for s, e in needs.items()]}
            for o, needs in occupations.items()
        ],
    )


def write(graph: Graph, settings: Settings, *records: dict[str, Any]) -> None:
    lines = [importer.RawLine("t", n, r) for n, r in enumerate(records, 1)]
    valid, errors = importer.validate_lines(lines, graph, settings)
    assert not errors, errors
    importer.write_records([v.record for v in valid], graph, settings)


def occupations(graph: Graph, record_id: str) -> list[tuple[str, float]]:
    facts = graph.read(graph_recommend.viewer_facts, record_id)
    assert facts is not None
    return [(o.id, o.weight) for o in facts.profile.occupations]


def test_stored_occupations_read_as_the_walk_and_every_change_of_their_inputs_walks_again(
    graph: Graph, settings: Settings
) -> None:
    write_taxonomy(graph, OCCUPATIONS)
    youth = factories.youth("y-1", skills=["sqi", "taqlim"])
    write(graph, settings, youth, factories.mentor("m-1", skills=["taqlim"]))
    graph.write(
        graph_links.link_terms_by_lexicon,
        [{"key": "sqi", "skills": ["s-irrigate"]}, {"key": "taqlim", "skills": ["s-prune"]}],
    )
    walked = occupations(graph, "y-1")
    assert walked == [("o-farmer", 1.0), ("o-gardener", 0.5)]

    assert skill_occupations.store_stale(graph) >= 2
    assert graph.read(graph_occupations.stale_ids) == []
    assert occupations(graph, "y-1") == walked
    assert occupations(graph, "m-1") == [("o-farmer", 1.0), ("o-gardener", 1.0)]

    # The youth's skills change: its stored occupations are not read any more.
    write(graph, settings, {**youth, "skills": ["sqi"]})
    assert graph.read(graph_occupations.stale_ids) == ["y-1"]
    assert occupations(graph, "y-1") == [("o-farmer", 1.0)]
    skill_occupations.store_stale(graph)
    assert occupations(graph, "y-1") == [("o-farmer", 1.0)]

    # A written skill gets another ESCO link: the records with that skill are walked again.
    graph.write(graph_links.link_terms_by_lexicon, [{"key": "taqlim", "skills": ["s-drive"]}])
    assert graph.read(graph_occupations.stale_ids) == ["m-1"]
    assert {o for o, _ in occupations(graph, "m-1")} == {"o-farmer", "o-gardener", "o-driver"}
    skill_occupations.store_stale(graph)

    # The taxonomy changes which skills an occupation needs: every record is walked again.
    write_taxonomy(graph, {**OCCUPATIONS, "o-gardener": {"s-prune": False}})
    assert set(graph.read(graph_occupations.stale_ids)) >= {"y-1", "m-1"}
    assert occupations(graph, "m-1") == [("o-driver", 1.0), ("o-farmer", 1.0)]
