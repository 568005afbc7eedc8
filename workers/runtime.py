"""What a task needs, opened once per process: settings, the graph, the encoder (and the
rankers in use, read afresh for each task that asks).

A Neo4j driver cannot be shared across forked processes, so each worker process opens its own
(`worker_process_init`); in eager mode (no Redis) the API process hands over its own graph.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

from matcher.encoders import Encoder, load_encoder
from matcher.kinds import SuggestionKind
from matcher.ranker import MatchRanker
from services.db import Graph, connect
from services.settings import Settings, get_settings
from services.training import active_rankers

_lock = threading.Lock()
_state: dict[str, object] = {}


def configure(
    settings: Settings, graph: Graph | None = None, encoder: Encoder | None = None
) -> None:
    """Use these settings (and this open graph and loaded encoder) for the tasks run in this
    process."""
    with _lock:
        _state.clear()
        _state["settings"] = settings
        if graph is not None:
            _state["graph"] = graph
            _state["owns_graph"] = False
        if encoder is not None:
            _state["encoder"] = encoder


def settings() -> Settings:
    return _state.get("settings") or get_settings()  # type: ignore[return-value]


def graph() -> Graph:
    with _lock:
        if "graph" not in _state:
            _state["graph"] = connect(settings())
            _state["owns_graph"] = True
        return _state["graph"]  # type: ignore[return-value]


def encoder() -> Encoder:
    with _lock:
        if "encoder" not in _state:
            _state["encoder"] = load_encoder(settings().encoder)
        return _state["encoder"]  # type: ignore[return-value]


def rankers() -> Mapping[SuggestionKind, MatchRanker]:
    """The rankers in use now: a version trained since the worker started is picked up."""
    return active_rankers(graph())


def close() -> None:
    """Close what this process opened (a graph handed over by the API stays open)."""
    with _lock:
        if _state.get("owns_graph"):
            _state["graph"].close()  # type: ignore[attr-defined]
        _state.clear()
