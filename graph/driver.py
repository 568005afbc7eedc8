"""Opening the Neo4j driver: the one place that knows how to reach the server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, NotificationDisabledClassification
from neo4j import ManagedTransaction as ManagedTransaction  # services type their tx functions
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.exceptions import (
    Neo4jError as Neo4jError,  # services catch what Neo4j refuses
)
from pydantic import TypeAdapter

T = TypeVar("T")


class GraphUnavailable(RuntimeError):
    """Neo4j cannot be reached or refuses the credentials."""


class IdInUse(RuntimeError):
    """A write met a uniqueness constraint: the id (or e-mail) is someone else's already."""


# Failures that go away by themselves (Neo4j restarting, a deadlock): worth a retry.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    GraphUnavailable,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
# What a health check meets when Neo4j is down or refuses the query.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (ServiceUnavailable, Neo4jError, OSError)
# The driver's exception for a broken uniqueness constraint (`services.db` turns it into IdInUse).
CONSTRAINT_ERROR = ConstraintError


def open_driver(
    uri: str,
    auth: tuple[str, str] | None,
    *,
    check: bool = True,
    connection_timeout: float = 3.0,
    max_transaction_retry_time: float = 0.0,
) -> Driver:
    """Open a driver and, by default, check the server answers.

    Args:
        uri: Bolt or neo4j URI.
        auth: (user, password), or None when the server has authentication off.
        check: verify connectivity now, so that a wrong address fails here with a clear message.
        connection_timeout: seconds to open a connection, and to wait for one from the pool.
        max_transaction_retry_time: the driver's own retries of managed transactions; 0 by
            default because services.db.Graph retries (short on an outage, long on deadlocks).

    Raises:
        GraphUnavailable: the server is down, unreachable or refuses the credentials.
    """
    driver = GraphDatabase.driver(
        uri,
        auth=auth,
        max_connection_pool_size=50,
        connection_timeout=connection_timeout,
        connection_acquisition_timeout=connection_timeout,
        max_transaction_retry_time=max_transaction_retry_time,
        # "Label or type does not exist yet" is normal on a young graph, not worth a log line.
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
    )
    if check:
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as error:
            driver.close()
            raise GraphUnavailable(f"cannot reach Neo4j at {uri}: {error}") from error
    return driver


def native(value: Any) -> Any:
    """A driver temporal value (DateTime, Date) as the Python one; anything else unchanged.

    The one conversion of driver values: `graph/` applies it before handing values out.
    """
    return value.to_native() if hasattr(value, "to_native") else value


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def typed(cls: type[T], props: Mapping[str, Any]) -> T:
    """A node's (or row's) properties as `cls`, a frozen dataclass or a pydantic model.

    Driver dates become Python ones (`native`), then pydantic checks and converts each field
    (a status string to its enum, a list to a tuple); properties `cls` does not name, such as
    `lock_seq` or later additions, are left out. How every `{.*}` projection leaves `graph/`.
    """
    return _adapter(cls).validate_python({key: native(value) for key, value in props.items()})


def _adapter(cls: type[T]) -> TypeAdapter[T]:
    found = _ADAPTERS.get(cls)
    if found is None:
        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found
