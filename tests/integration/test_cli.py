"""The `multaqa` command line against the real Neo4j: exit codes, messages, counts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scripts.cli import app
from services.db import Graph
from services.settings import Settings, get_settings
from tests import factories

pytestmark = pytest.mark.neo4j


@pytest.fixture
def cli(settings: Settings, graph: Graph, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A runner whose commands reach the test Neo4j through the environment, as a user's would."""
    monkeypatch.setenv("NEO4J_URI", settings.bolt_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_import_reports_counts_and_a_second_run_changes_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    path = write_jsonl(
        tmp_path / "ok.jsonl", [factories.organization(), factories.youth(), factories.job_offer()]
    )
    first = cli.invoke(app, ["import", str(path)])
    assert first.exit_code == 0, first.output
    assert "youth" in first.output and "created" in first.output
    second = cli.invoke(app, ["import", str(path)])
    assert second.exit_code == 0
    assert "unchanged" in second.output


def test_an_import_leaves_the_records_embedded_and_ready_for_suggestions(
    cli: CliRunner, tmp_path: Path, graph: Graph
) -> None:
    records = [factories.organization(), factories.youth(), factories.mentor()]
    result = cli.invoke(app, ["import", str(write_jsonl(tmp_path / "ok.jsonl", records))])
    assert result.exit_code == 0, result.output
    assert "3 record(s) embedded" in result.output
    rows, _, _ = graph.driver.execute_query(
        "MATCH (n:Entity) WHERE n.embedding IS NULL RETURN count(n) AS n", database_=graph.database
    )
    assert rows[0]["n"] == 0
    suggestions = cli.invoke(app, ["recommend", "mentors", "--for", "y-1"])
    assert suggestions.exit_code == 0, suggestions.output
    assert "m-1" in suggestions.output and "warning" not in suggestions.output


def test_recommend_warns_when_records_lack_their_embedding(cli: CliRunner, graph: Graph) -> None:
    factories.store(graph, factories.youth(), factories.mentor())  # written, never embedded
    result = cli.invoke(app, ["recommend", "mentors", "--for", "y-1"])
    assert result.exit_code == 0, result.output
    assert "2 record(s) are new or changed since they were last embedded" in result.output
    assert "multaqa embed" in result.output


def test_import_of_a_bad_file_exits_1_naming_line_and_field(
    cli: CliRunner, tmp_path: Path, graph: Graph
) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [factories.youth(), factories.mentor(capacity=-3)])
    result = cli.invoke(app, ["import", str(path)])
    assert result.exit_code == 1
    assert "bad.jsonl:2: capacity" in result.output
    assert "nothing was written" in result.output
    records, _, _ = graph.driver.execute_query(
        "MATCH (n:Entity) RETURN count(n) AS n", database_=graph.database
    )
    assert records[0]["n"] == 0


def test_skip_invalid_imports_the_rest(cli: CliRunner, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [factories.youth(), factories.mentor(capacity=-3)])
    result = cli.invoke(app, ["import", "--skip-invalid", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 invalid line(s) skipped" in result.output


def test_a_missing_file_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    assert cli.invoke(app, ["import", str(tmp_path / "nope.jsonl")]).exit_code == 2


def test_seed_demo_then_export_writes_every_record(cli: CliRunner, tmp_path: Path) -> None:
    assert cli.invoke(app, ["seed-demo", "--scale", "0.02"]).exit_code == 0
    target = tmp_path / "out.jsonl"
    result = cli.invoke(app, ["export", str(target)])
    assert result.exit_code == 0, result.output
    types = [json.loads(line)["type"] for line in target.read_text("utf-8").splitlines()]
    assert types.count("youth") == 40 and types.count("job_offer") == 8


def test_seed_demo_is_deterministic(cli: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for target in (first, second):
        cli.invoke(app, ["seed-demo", "--scale", "0.01", "--seed", "3", "--output", str(target)])
    assert first.read_text("utf-8") == second.read_text("utf-8")


def test_create_admin_then_status(cli: CliRunner) -> None:
    result = cli.invoke(
        app, ["create-admin", "--email", "admin@multaqa.ma", "--password", "a-long-admin-password"]
    )
    assert result.exit_code == 0, result.output
    again = cli.invoke(
        app, ["create-admin", "--email", "admin@multaqa.ma", "--password", "a-long-admin-password"]
    )
    assert again.exit_code == 1 and "already exists" in again.output
    status = cli.invoke(app, ["status"])
    assert status.exit_code == 0 and '"neo4j": "up"' in status.output


def test_neo4j_status_of_an_unused_data_directory_exits_1(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(app, ["neo4j", "status", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "not running" in result.output


def test_an_unreachable_server_is_a_clear_error(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    get_settings.cache_clear()
    result = cli.invoke(app, ["migrate"])
    assert result.exit_code == 1 and "cannot reach Neo4j" in result.output
