"""Keeping the candidates in the process when a server starts.

A process keeps the candidates' content (services.candidate_facts) and vectors
(services.candidate_vectors) as requests meet them; a server just started would read each
candidate the first time it is met, for as long as it takes to meet them all. It reads them
instead on a thread of its own while it serves (100,000 records in 57 s at 100k, README
"Issue 14").
"""

from __future__ import annotations

import logging
import threading
import time

from graph import candidates as graph_candidates
from graph.driver import ManagedTransaction
from services import candidate_facts, candidate_vectors
from services.db import Graph
from services.settings import Settings

log = logging.getLogger("multaqa.preload")

# Suggested records, in the order a start keeps them: the smaller kinds first, each read
# by a request of almost every kind.
PRELOADED_TYPES = ("mentor", "job_offer", "organization", "youth")
PRELOAD_BLOCK = 1_000


def preload(graph: Graph, *, settings: Settings, stop: threading.Event | None = None) -> int:
    """Keep the content and vectors of the records that may be suggested, as many as the
    process keeps, most recently written first: a server just started then answers as a warm
    one rather than reading each candidate the first time it is met. By blocks, until `stop`
    is set; returns how many records were read."""
    contents = candidate_facts.kept(settings.kept_facts)
    if contents is None:
        return 0
    vectors = candidate_vectors.kept(graph, settings.kept_vectors)
    ids = graph.read(graph_candidates.suggested_ids, PRELOADED_TYPES, settings.kept_facts)
    done = 0
    for start in range(0, len(ids), PRELOAD_BLOCK):
        if stop is not None and stop.is_set():
            break
        graph.read(_preload_block, ids[start : start + PRELOAD_BLOCK], contents, vectors)
        done += len(ids[start : start + PRELOAD_BLOCK])
    return done


class Preloading:
    """`preload` on a thread of its own while a server serves, stopped with it."""

    def __init__(self, graph: Graph, settings: Settings) -> None:
        self._stop = threading.Event()
        self.done = threading.Event()  # set once every candidate is kept (or it gave up)
        self._thread = threading.Thread(
            target=self._run, args=(graph, settings), name="multaqa-preload", daemon=True
        )

    def start(self) -> Preloading:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def join(self) -> None:
        """Wait until every candidate is kept (a benchmark's warm state)."""
        self._thread.join()

    @property
    def ready(self) -> bool:
        return self.done.is_set()

    def _run(self, graph: Graph, settings: Settings) -> None:
        started = time.perf_counter()
        try:
            count = preload(graph, settings=settings, stop=self._stop)
        except Exception as error:  # noqa: BLE001 - a warm-up never stops a server
            log.warning("keeping the candidates stopped: %s", error)
            return
        finally:
            self.done.set()
        log.info("kept %d candidates in %.1f s", count, time.perf_counter() - started)


def _preload_block(
    tx: ManagedTransaction,
    ids: list[str],
    contents: candidate_facts.CandidateFacts,
    vectors: candidate_vectors.CandidateVectors | None,
) -> None:
    hashed = contents.hashed(tx, ids)
    if vectors is not None:
        vectors.keep(tx, hashed)
