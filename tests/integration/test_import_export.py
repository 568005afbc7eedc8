"""Bulk import and export against the real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from services import exporter, importer
from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j


def write_jsonl(path: Path, records: list[dict[str, Any] | str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sample() -> list[dict[str, Any]]:
    return [
        factories.organization("o-1"),
        factories.mentor("m-1"),
        factories.youth("y-1"),
        factories.youth(
            "y-2",
            name="Youssef",
            email=None,
            phone=None,
            skills=["soudure"],
            location={"commune": "Khouribga"},
        ),
        factories.job_offer("j-1"),
    ]


def count(graph: Graph, query: str) -> int:
    records, _, _ = graph.driver.execute_query(query, database_=graph.database)
    return records[0][0]


def graph_shape(graph: Graph) -> tuple[int, int]:
    """Nodes and relationships, but the audit log (which records every import, even refused)."""
    return (
        count(graph, "MATCH (n) WHERE NOT n:AuditEntry RETURN count(n)"),
        count(graph, "MATCH ()-[r]->() RETURN count(r)"),
    )


def test_an_import_writes_records_with_shared_skill_sector_and_place_nodes(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    report = importer.import_files(graph, [write_jsonl(tmp_path / "a.jsonl", sample())], settings)
    assert dict(report.created) == {"organization": 1, "mentor": 1, "youth": 2, "job_offer": 1}
    # The youth and the mentor meet at one "comptabilité" skill node.
    assert (
        count(
            graph,
            "MATCH (:Youth {id:'y-1'})-[:HAS_SKILL]->(s:Skill)<-[:OFFERS_SKILL]-"
            "(:Mentor {id:'m-1'}) RETURN count(s)",
        )
        == 1
    )
    assert (
        count(
            graph,
            "MATCH (:Organization {id:'o-1'})-[:POSTED]->(:JobOffer {id:'j-1'}) RETURN count(*)",
        )
        == 1
    )
    assert (
        count(
            graph,
            "MATCH (:Youth {id:'y-1'})-[:LOCATED_IN]->(:Place {key:'oued_zem'}) RETURN count(*)",
        )
        == 1
    )
    assert count(graph, "MATCH (y:Youth {id:'y-1'}) RETURN y.phone = '+212612345678'")


def test_re_importing_the_same_file_changes_nothing(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", sample())
    importer.import_files(graph, [path], settings)
    shape = graph_shape(graph)
    report = importer.import_files(graph, [path], settings)
    assert report.written == 0
    assert sum(report.unchanged.values()) == 5
    assert graph_shape(graph) == shape


def test_a_changed_field_updates_the_node_and_replaces_its_relationships(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    importer.import_files(graph, [write_jsonl(tmp_path / "a.jsonl", sample())], settings)
    changed = factories.youth("y-1", bio="Nouvelle bio", skills=["soudure", "marketing"])
    report = importer.import_files(graph, [write_jsonl(tmp_path / "b.jsonl", [changed])], settings)
    assert report.updated["youth"] == 1
    assert count(graph, "MATCH (y:Youth {id:'y-1'}) RETURN y.bio = 'Nouvelle bio'")
    skills = graph.driver.execute_query(
        "MATCH (:Youth {id:'y-1'})-[r:HAS_SKILL]->(s) RETURN s.key AS k ORDER BY r.pos",
        database_=graph.database,
    ).records
    assert [r["k"] for r in skills] == ["soudure", "marketing"]


@pytest.mark.parametrize(
    ("bad_line", "field"),
    [
        ("{not json", "line"),
        ('["a", "list"]', "line"),
        ({"id": "x-1", "name": "No type"}, "type"),
        ({"type": "alien", "id": "x-1", "name": "Unknown type"}, "type"),
        ({"type": "youth", "name": "No id"}, "id"),
        ({"type": "youth", "id": "y-9"}, "name"),
        ({"type": "job_offer", "id": "j-9"}, "title"),
        (factories.youth("y-9", birth_year=1950), "birth_year"),
        (factories.youth("y-9", phone="123"), "phone"),
        (factories.youth("y-9", email="not-an-email"), "email"),
        (factories.youth("y-9", languages=["klingon"]), "languages.0"),
        (factories.youth("y-9", location={"commune": "Atlantis"}), "location"),
        (factories.youth("y-9", seeking=["money"]), "seeking.0"),
        (factories.youth("y-9", unexpected="x"), "unexpected"),
        (factories.mentor("m-9", capacity=-2), "capacity"),
        (factories.organization("o-9", kind="party"), "kind"),
        (factories.job_offer("j-9", organization_id="o-404"), "organization_id"),
        (factories.job_offer("j-9", contract="slavery"), "contract"),
        (factories.youth("m-1"), "id"),  # the id of the mentor on line 2
        (factories.youth("y-1"), "id"),  # a duplicate id within the file
    ],
)
def test_a_bad_line_is_reported_with_its_number_and_field_and_nothing_is_written(
    graph: Graph, settings: Settings, tmp_path: Path, bad_line: Any, field: str
) -> None:
    before = graph_shape(graph)
    records: list[Any] = [*sample(), bad_line]
    path = write_jsonl(tmp_path / "bad.jsonl", records)
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_files(graph, [path], settings)
    [error] = rejected.value.errors
    assert (error.line, error.field) == (6, field)
    assert graph_shape(graph) == before


def test_skip_invalid_imports_the_valid_lines_and_reports_the_others(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path = write_jsonl(
        tmp_path / "mixed.jsonl", [*sample(), factories.youth("y-9", birth_year=1950)]
    )
    report = importer.import_files(graph, [path], settings, skip_invalid=True)
    assert [(e.line, e.field) for e in report.errors] == [(6, "birth_year")]
    assert count(graph, "MATCH (y:Youth) RETURN count(y)") == 2


def test_an_invalid_line_leaves_what_was_stored_before_untouched(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    importer.import_files(graph, [write_jsonl(tmp_path / "a.jsonl", sample())], settings)
    stored = exporter.export_jsonl(graph, tmp_path / "before.jsonl")
    changed = [factories.youth("y-1", name="Changed"), factories.youth("y-5", phone="1")]
    with pytest.raises(importer.ImportRejected):
        importer.import_files(graph, [write_jsonl(tmp_path / "b.jsonl", changed)], settings)
    assert exporter.export_jsonl(graph, tmp_path / "after.jsonl") == stored
    assert (tmp_path / "after.jsonl").read_text() == (tmp_path / "before.jsonl").read_text()


def test_export_then_import_into_an_empty_database_then_export_gives_the_same_records(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    importer.import_files(graph, [write_jsonl(tmp_path / "a.jsonl", sample())], settings)
    first = tmp_path / "first.jsonl"
    exporter.export_jsonl(graph, first)
    graph.driver.execute_query("MATCH (n:Entity) DETACH DELETE n", database_=graph.database)
    importer.import_files(graph, [first], settings)
    second = tmp_path / "second.jsonl"
    exporter.export_jsonl(graph, second)
    assert first.read_text("utf-8") == second.read_text("utf-8")
    exported = [json.loads(line) for line in first.read_text("utf-8").splitlines()]
    assert [r["id"] for r in exported] == ["o-1", "m-1", "y-1", "y-2", "j-1"]
    assert exported[2]["skills"] == ["comptabilité", "تصميم مواقع الويب"]


def test_csv_files_import_like_json_lines_and_export_back(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    importer.import_files(graph, [write_jsonl(tmp_path / "a.jsonl", sample())], settings)
    exporter.export_csv(graph, tmp_path / "csv")
    jsonl = tmp_path / "from-jsonl.jsonl"
    exporter.export_jsonl(graph, jsonl)
    graph.driver.execute_query("MATCH (n:Entity) DETACH DELETE n", database_=graph.database)
    csv_files = sorted((tmp_path / "csv").glob("*.csv"))
    # Organisations before offers, whatever order the files come in.
    importer.import_files(graph, csv_files, settings)
    again = tmp_path / "from-csv.jsonl"
    exporter.export_jsonl(graph, again)
    assert again.read_text("utf-8") == jsonl.read_text("utf-8")


def test_a_bad_csv_row_is_reported_with_its_file_line(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "youths.csv"
    path.write_text("id,name,birth_year\ny-1,Ali,2001\ny-2,Omar,abc\n", "utf-8")
    with pytest.raises(importer.ImportRejected) as rejected:
        importer.import_files(graph, [path], settings)
    assert [(e.source, e.line, e.field) for e in rejected.value.errors] == [
        ("youths.csv", 3, "birth_year")
    ]


def test_cypher_in_text_fields_is_stored_as_text(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    evil = "x'}) MATCH (n) DETACH DELETE n //"
    path = write_jsonl(
        tmp_path / "evil.jsonl", [*sample(), factories.youth("y-3", name=evil, skills=[evil])]
    )
    importer.import_files(graph, [path], settings)
    assert count(graph, "MATCH (y:Youth) RETURN count(y)") == 3
    assert count(graph, "MATCH (y:Youth {id: 'y-3'}) RETURN y.name") == evil


def test_every_import_is_in_the_audit_log_without_the_people_it_holds(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", sample())
    importer.import_files(graph, [path], settings)
    rows, _, _ = graph.driver.execute_query(
        "MATCH (a:AuditEntry {action: 'import'}) RETURN a.detail AS detail, a.actor_id AS who",
        database_=graph.database,
    )
    [entry] = rows
    assert (
        entry["who"] == "system" and "5 created" in entry["detail"] and "a.jsonl" in entry["detail"]
    )
    assert "salma@example.ma" not in entry["detail"] and "Salma" not in entry["detail"]
