"""Faults (issue 13): an import killed with SIGKILL half-way, then run again, leaves exactly
the records of the file, each once and complete."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.db import Graph
from services.settings import Settings
from tests import factories

pytestmark = pytest.mark.neo4j

RECORDS = 200
COUNT = "MATCH (n:Youth) RETURN count(n) AS n, count(DISTINCT n.id) AS ids"


def count(graph: Graph) -> tuple[int, int]:
    rows, _, _ = graph.driver.execute_query(COUNT, database_=graph.database)
    return rows[0]["n"], rows[0]["ids"]


def import_process(path: Path, settings: Settings) -> subprocess.Popen[bytes]:
    """`multaqa import` in its own process, writing small batches one at a time."""
    env = os.environ | {
        "MULTAQA_ENV": "test",
        "NEO4J_URI": settings.bolt_uri,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),  # type: ignore[union-attr]
        "MULTAQA_JWT_SECRET": settings.jwt_secret.get_secret_value(),
        "MULTAQA_IMPORT_BATCH_SIZE": "10",
        "MULTAQA_IMPORT_WORKERS": "1",
    }
    env.pop("REDIS_URL", None)
    command = [sys.executable, "-m", "scripts.cli", "import", str(path)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_an_import_killed_half_way_and_run_again_gives_exactly_the_file(
    graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "youths.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(RECORDS):
            youth = factories.youth(f"y-{number:05d}", name=f"Youth {number}")
            handle.write(json.dumps(youth, ensure_ascii=False) + "\n")
    first = import_process(path, settings)
    deadline = time.monotonic() + 600
    while count(graph)[0] < RECORDS // 10:
        assert first.poll() is None, first.stdout.read() if first.stdout else ""
        assert time.monotonic() < deadline, "the import wrote nothing"
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = count(graph)[0]
    assert 0 < killed_at < RECORDS  # killed half-way: some batches written, not all

    again = import_process(path, settings)
    output = again.communicate(timeout=1200)[0].decode(errors="replace")
    assert again.returncode == 0, output
    assert count(graph) == (RECORDS, RECORDS)
    rows, _, _ = graph.driver.execute_query(
        "MATCH (n:Youth) WHERE n.name IS NULL OR n.embedding IS NULL OR NOT (n)-[:HAS_SKILL]->() "
        "RETURN count(n) AS incomplete",
        database_=graph.database,
    )
    assert rows[0]["incomplete"] == 0
