"""End-to-end tests of the embedded Neo4j launcher (real JVM, real Bolt, no mocks).

Three server starts in total: one unauthenticated server that is stopped and restarted on the
same data directory, and one password-protected server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

from graph.embedded_server import EmbeddedNeo4jError, ServerInfo, free_port, start, status, stop

# No skip when Java or Maven is missing: scripts/bootstrap.sh installs them, and a missing
# install must fail the run, not hide it.
pytestmark = pytest.mark.neo4j

PASSWORD = "s3cret-test"


def _start(data_dir: Path, *, port: int | None = None, password: str | None = None) -> ServerInfo:
    """Start a small server (512m heap, 64m page cache) on a free port unless one is given."""
    return start(
        data_dir,
        bolt_port=port if port is not None else free_port(),
        heap="512m",
        pagecache="64m",
        password=password,
    )


def _driver(info: ServerInfo, auth: tuple[str, str] | None = None) -> Driver:
    """Open a driver that does not retry, so refused auth fails fast."""
    return GraphDatabase.driver(info.uri, auth=auth, max_transaction_retry_time=0)


def _count_people(info: ServerInfo, name: str) -> int:
    """Count ``:Person {name}`` nodes on the server."""
    with _driver(info) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Person {name: $name}) RETURN count(p) AS n", name=name
        )
    return int(records[0]["n"])


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Data directory of the unauthenticated server; whatever runs there is stopped at the end."""
    path = tmp_path_factory.mktemp("neo4j-plain")
    try:
        yield path
    finally:
        stop(path)


@pytest.fixture(scope="module")
def server(data_dir: Path) -> ServerInfo:
    """An unauthenticated server shared by the tests of this module."""
    return _start(data_dir)


def test_server_accepts_unauthenticated_writes(server: ServerInfo, data_dir: Path) -> None:
    assert server.uri == f"bolt://127.0.0.1:{server.bolt_port}"
    assert server.data_dir == data_dir.resolve()
    assert status(data_dir) == server
    with _driver(server) as driver:
        driver.execute_query("CREATE (:Person {name: 'Amina'})")
    assert _count_people(server, "Amina") == 1
    assert (data_dir / "multaqa-neo4j.json").is_file()


def test_second_start_on_same_data_dir_is_refused(server: ServerInfo, data_dir: Path) -> None:
    with pytest.raises(EmbeddedNeo4jError, match="already running") as excinfo:
        _start(data_dir)
    assert str(server.pid) in str(excinfo.value)
    assert status(data_dir) == server


def test_start_refuses_a_taken_port(server: ServerInfo, tmp_path: Path) -> None:
    with pytest.raises(EmbeddedNeo4jError, match="already in use"):
        _start(tmp_path / "other", port=server.bolt_port)


def test_vector_index_query(server: ServerInfo) -> None:
    with _driver(server) as driver:
        driver.execute_query(
            "CREATE VECTOR INDEX vec_t IF NOT EXISTS FOR (n:VecT) ON n.e OPTIONS {indexConfig: "
            "{`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}"
        )
        driver.execute_query(
            "UNWIND [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]] AS v CREATE (:VecT {e: v, v: v})"
        )
        driver.execute_query("CALL db.awaitIndexes(60)")
        records, _, _ = driver.execute_query(
            "CALL db.index.vector.queryNodes('vec_t', 1, [0.9, 0.1, 0.0]) YIELD node, score "
            "RETURN node.v AS v, score"
        )
    assert [record["v"] for record in records] == [[1.0, 0.0, 0.0]]
    assert records[0]["score"] > 0.9


def test_clean_stop_and_restart_keeps_data(server: ServerInfo, data_dir: Path) -> None:
    with _driver(server) as driver:
        driver.execute_query("CREATE (:Person {name: 'Youssef'})")
    assert stop(data_dir) is True
    assert status(data_dir) is None
    assert not (data_dir / "multaqa-neo4j.json").exists()
    assert stop(data_dir) is False
    restarted = _start(data_dir)
    assert restarted.pid != server.pid
    assert _count_people(restarted, "Youssef") == 1
    assert "MULTAQA_NEO4J_STOPPED" in (data_dir / "logs" / "embedded.log.1").read_text()


def test_password_protects_bolt(tmp_path: Path) -> None:
    info = _start(tmp_path, password=PASSWORD)
    try:
        assert PASSWORD.encode() not in Path(f"/proc/{info.pid}/cmdline").read_bytes()
        for auth in (None, ("neo4j", "wrong-password")):
            with _driver(info, auth) as driver, pytest.raises(AuthError):
                driver.execute_query("RETURN 1")
        with _driver(info, ("neo4j", PASSWORD)) as driver:
            records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
    finally:
        stop(tmp_path)


def test_short_password_is_rejected_before_starting(tmp_path: Path) -> None:
    with pytest.raises(EmbeddedNeo4jError, match="at least 8 characters"):
        _start(tmp_path, password="short")
    assert not (tmp_path / "multaqa-neo4j.json").exists()
