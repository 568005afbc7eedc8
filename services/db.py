"""The graph handle the use cases share: a driver and the database it writes to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from neo4j import Driver, ManagedTransaction

from graph.driver import open_driver
from services.settings import Settings

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Graph:
    """Runs transaction functions in managed (retried) transactions."""

    driver: Driver
    database: str | None = None

    def read(
        self, work: Callable[Concatenate[ManagedTransaction, P], T], *args: P.args, **kw: P.kwargs
    ) -> T:
        """Run `work(tx, ...)` in a read transaction."""
        with self.driver.session(database=self.database) as session:
            return session.execute_read(work, *args, **kw)

    def write(
        self, work: Callable[Concatenate[ManagedTransaction, P], T], *args: P.args, **kw: P.kwargs
    ) -> T:
        """Run `work(tx, ...)` in a write transaction; it may be retried, so keep it idempotent."""
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work, *args, **kw)

    def close(self) -> None:
        self.driver.close()


def connect(settings: Settings) -> Graph:
    """Open the graph the settings point at (the embedded server unless NEO4J_URI is set)."""
    driver = open_driver(settings.bolt_uri, settings.neo4j_auth())
    return Graph(driver=driver, database=settings.neo4j_database)
