"""The graph handle the use cases share: a driver and the database it writes to."""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, Literal, ParamSpec, TypeVar

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import (
    ConnectionPoolError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.driver import CONSTRAINT_ERROR, GraphUnavailable, IdInUse, open_driver
from services.settings import Settings

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Graph:
    """Runs transaction functions in managed (retried) transactions.

    The retries are ours, not the driver's (its retry time is 0): a deadlock or another
    transient error is retried for up to `retry_for` seconds, but a server that does not
    answer only for `unavailable_after` seconds, then GraphUnavailable (503) is raised, so that
    no request waits half a minute on a Neo4j outage. The pool reconnects by itself once the
    server is back.
    """

    driver: Driver
    database: str | None = None
    unavailable_after: float = 1.5
    retry_for: float = 30.0

    def read(
        self, work: Callable[Concatenate[ManagedTransaction, P], T], *args: P.args, **kw: P.kwargs
    ) -> T:
        """Run `work(tx, ...)` in a read transaction."""
        return self._run("read", work, *args, **kw)

    def write(
        self, work: Callable[Concatenate[ManagedTransaction, P], T], *args: P.args, **kw: P.kwargs
    ) -> T:
        """Run `work(tx, ...)` in a write transaction; it may be retried, so keep it idempotent.

        Raises:
            IdInUse: the write broke a uniqueness constraint (nothing of it was committed).
        """
        return self._run("write", work, *args, **kw)

    def _run(
        self,
        mode: Literal["read", "write"],
        work: Callable[Concatenate[ManagedTransaction, P], T],
        *args: P.args,
        **kw: P.kwargs,
    ) -> T:
        started = time.monotonic()
        delay = 0.05
        while True:
            try:
                with self.driver.session(database=self.database) as session:
                    if mode == "read":
                        return session.execute_read(work, *args, **kw)
                    return session.execute_write(work, *args, **kw)
            except CONSTRAINT_ERROR as error:
                raise IdInUse(str(error.message or error)) from error
            except (ServiceUnavailable, SessionExpired, ConnectionPoolError) as error:
                # A commit whose outcome is unknown must not be replayed blindly.
                if isinstance(error, IncompleteCommit) or (
                    time.monotonic() - started + delay > self.unavailable_after
                ):
                    raise GraphUnavailable(
                        "the database is not answering: try again in a moment"
                    ) from error
            except (DriverError, Neo4jError) as error:
                if not error.is_retryable() or time.monotonic() - started > self.retry_for:
                    raise
            time.sleep(delay * random.uniform(0.8, 1.2))
            delay = min(delay * 2, 1.0)

    def close(self) -> None:
        self.driver.close()


@contextmanager
def embedded_graph(
    settings: Settings, data_dir: Path, *, pagecache: str | None = None
) -> Iterator[tuple[Graph, Settings]]:
    """A private embedded Neo4j on `data_dir` (started, or reused if running) for scripts that
    must never touch the user's database; stopped at the end.

    Yields:
        The graph and the settings that point at it.
    """
    from graph import embedded_server  # the launcher is only needed here

    data_dir.mkdir(parents=True, exist_ok=True)
    info = embedded_server.status(data_dir) or embedded_server.start(
        data_dir,
        bolt_port=embedded_server.free_port(),
        heap=settings.neo4j_heap,
        pagecache=pagecache or settings.neo4j_pagecache,
    )
    local = settings.model_copy(update={"neo4j_uri": info.uri, "neo4j_password": None})
    graph = connect(local)
    try:
        yield graph, local
    finally:
        graph.close()
        embedded_server.stop(data_dir)


@contextmanager
def scratch_graph(
    settings: Settings, data_dir: Path | None = None, *, pagecache: str | None = None
) -> Iterator[tuple[Graph, Settings]]:
    """A graph a benchmark may fill: the server `NEO4J_URI` names when set, else a private
    embedded Neo4j on `data_dir` (a temporary directory when None), stopped at the end.

    Yields:
        The graph and the settings that point at it.
    """
    if not settings.uses_embedded_neo4j:
        graph = connect(settings)
        try:
            yield graph, settings
        finally:
            graph.close()
        return
    with ExitStack() as stack:
        if data_dir is None:
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="multaqa-")))
        yield stack.enter_context(embedded_graph(settings, data_dir, pagecache=pagecache))


def connect(settings: Settings) -> Graph:
    """Open the graph the settings point at (the embedded server unless NEO4J_URI is set)."""
    driver = open_driver(
        settings.bolt_uri,
        settings.neo4j_auth(),
        connection_timeout=settings.neo4j_connect_timeout,
    )
    return Graph(
        driver=driver,
        database=settings.neo4j_database,
        unavailable_after=settings.neo4j_unavailable_after,
    )
