"""Loading a small ESCO subset into the real Neo4j: counts, idempotency, one skill space."""

from __future__ import annotations

from typing import Any

import pytest

from graph import esco as graph_esco
from graph import schema
from services.db import Graph
from services.esco import DATA_DIR, EscoData, load_esco, read_esco

pytestmark = pytest.mark.neo4j

OCCUPATION_LIMIT = 5


@pytest.fixture(scope="module")
def subset() -> EscoData:
    return read_esco(DATA_DIR).subset(OCCUPATION_LIMIT)


@pytest.fixture
def esco_graph(graph: Graph) -> Graph:
    graph_esco.apply_schema(graph.driver, database=graph.database)
    return graph


def _load(graph: Graph, **options: Any) -> dict[str, int]:
    return load_esco(graph, occupation_limit=OCCUPATION_LIMIT, batch_size=50, **options)


def _scalar(graph: Graph, query: str) -> Any:
    records, _, _ = graph.driver.execute_query(query, database_=graph.database)
    return records[0][0]


def test_apply_schema_creates_the_esco_constraints(esco_graph: Graph) -> None:
    names = schema.constraint_names(esco_graph.driver, database=esco_graph.database)
    assert {"occupation_id", "esco_skill_id", "taxonomy_name", "skill_key"} <= names


def test_load_writes_the_subset(esco_graph: Graph, subset: EscoData) -> None:
    counts = _load(esco_graph)
    expected = {
        "skills": len(subset.skills),
        "occupations": OCCUPATION_LIMIT,
        "relations": len(subset.relations),
    }
    assert {name: counts[name] for name in expected} == expected
    assert counts["skills_written"] == expected["skills"]
    assert counts["relations_written"] == expected["relations"]
    assert esco_graph.read(graph_esco.count_esco) == expected
    essential = sum(r["essential"] for r in subset.relations)
    query = "MATCH ()-[r:NEEDS_SKILL {essential: true}]->() RETURN count(r)"
    assert _scalar(esco_graph, query) == essential


def test_nodes_carry_their_labels_and_keys(esco_graph: Graph, subset: EscoData) -> None:
    _load(esco_graph)
    skill = subset.skills[0]
    records, _, _ = esco_graph.driver.execute_query(
        "MATCH (s:Skill:EscoSkill {id: $id}) RETURN s {.*} AS s",
        id=skill["id"],
        database_=esco_graph.database,
    )
    props = records[0]["s"]
    assert props["key"] == f"esco:{skill['id']}"
    assert props["name"] == props["name_en"] == skill["label_en"]
    assert props["name_fr"] == skill["label_fr"]
    assert props["uri"] == f"http://data.europa.eu/esco/skill/{skill['id']}"
    assert props["skill_type"] == skill["skill_type"]
    occupation = subset.occupations[0]
    records, _, _ = esco_graph.driver.execute_query(
        "MATCH (o:Occupation {id: $id}) RETURN o {.*} AS o",
        id=occupation["id"],
        database_=esco_graph.database,
    )
    props = records[0]["o"]
    assert (props["name_en"], props["name_fr"], props["name_ar"], props["isco_group"]) == (
        occupation["label_en"],
        occupation["label_fr"],
        occupation["label_ar"],
        occupation["isco_group"],
    )


def test_a_second_load_changes_nothing(esco_graph: Graph) -> None:
    first = _load(esco_graph)
    before = esco_graph.read(graph_esco.count_esco)
    nodes = _scalar(esco_graph, "MATCH (n) RETURN count(n)")
    second = _load(esco_graph)
    assert esco_graph.read(graph_esco.count_esco) == before
    assert _scalar(esco_graph, "MATCH (n) RETURN count(n)") == nodes
    assert {k: v for k, v in second.items() if not k.endswith("_written")} == {
        k: v for k, v in first.items() if not k.endswith("_written")
    }
    assert (
        second["skills_written"],
        second["occupations_written"],
        second["relations_written"],
    ) == (0, 0, 0)


def test_a_changed_link_is_updated_and_a_stale_one_removed(
    esco_graph: Graph, subset: EscoData
) -> None:
    _load(esco_graph)
    relation = subset.relations[0]
    esco_graph.driver.execute_query(
        "MATCH (o:Occupation {id: $o})-[r:NEEDS_SKILL]->(s:EscoSkill {id: $s}) "
        "SET r.essential = NOT r.essential "
        "WITH o MATCH (x:EscoSkill) WHERE NOT (o)-->(x) WITH o, x LIMIT 1 "
        "CREATE (o)-[:NEEDS_SKILL {essential: true}]->(x)",
        o=relation["occupation_id"],
        s=relation["skill_id"],
        database_=esco_graph.database,
    )
    counts = _load(esco_graph)
    assert counts["relations_written"] == 1
    assert esco_graph.read(graph_esco.count_esco)["relations"] == len(subset.relations)


def test_esco_and_free_text_skills_share_the_skill_space(esco_graph: Graph) -> None:
    esco_graph.driver.execute_query(
        "MERGE (:Skill {key: 'soudure', name: 'Soudure'})", database_=esco_graph.database
    )
    counts = _load(esco_graph)
    assert _scalar(esco_graph, "MATCH (s:Skill) RETURN count(s)") == counts["skills"] + 1
    assert _scalar(esco_graph, "MATCH (s:Skill {key: 'soudure'}) RETURN count(s)") == 1
    assert _scalar(esco_graph, "MATCH (s:Skill:EscoSkill {key: 'soudure'}) RETURN count(s)") == 0
    assert _scalar(esco_graph, "MATCH (s:Skill) RETURN count(DISTINCT s.key)") == (
        counts["skills"] + 1
    )
    not_esco_keyed = "MATCH (s:EscoSkill) WHERE NOT s.key STARTS WITH 'esco:' RETURN count(s)"
    assert _scalar(esco_graph, not_esco_keyed) == 0


def test_the_load_is_recorded_on_the_taxonomy_node(esco_graph: Graph, subset: EscoData) -> None:
    assert esco_graph.read(graph_esco.read_taxonomy) is None
    _load(esco_graph)
    taxonomy = esco_graph.read(graph_esco.read_taxonomy)
    assert taxonomy is not None
    assert taxonomy.version == "1.1.1"
    assert taxonomy.loaded_at is not None
    assert taxonomy.occupations == OCCUPATION_LIMIT
    assert _scalar(esco_graph, "MATCH (t:Taxonomy) RETURN count(t)") == 1


def test_read_view_gives_the_occupation_skills_and_labels(
    esco_graph: Graph, subset: EscoData
) -> None:
    _load(esco_graph)
    view = esco_graph.read(graph_esco.read_view)
    expected = {
        occupation_id: sorted(skills)
        for occupation_id, skills in subset.occupation_skills().items()
    }
    assert view.occupation_skills == expected
    assert [o.id for o in view.occupations] == [o["id"] for o in subset.occupations]
    assert view.occupations[0].name_ar == subset.occupations[0]["label_ar"]
    assert view.occupations[0].alt_en == subset.occupations[0]["alt_en"]
    assert [s.id for s in view.skills] == [s["id"] for s in subset.skills]


def test_progress_is_reported_per_phase(esco_graph: Graph, subset: EscoData) -> None:
    seen: list[tuple[str, int, int]] = []
    _load(esco_graph, on_progress=lambda phase, done, total: seen.append((phase, done, total)))
    phases = list(dict.fromkeys(phase for phase, _, _ in seen))
    assert phases == ["skills", "occupations", "relations"]
    last = {phase: (done, total) for phase, done, total in seen}
    assert last["skills"] == (len(subset.skills), len(subset.skills))
    assert last["relations"] == (len(subset.relations), len(subset.relations))
