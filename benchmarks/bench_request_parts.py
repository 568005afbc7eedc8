"""Where a request's time goes, in one run: the candidate sources as four parallel queries
(before issue 14) and as one query, the candidates' facts (cosines by Neo4j, as before; from
the vectors kept in the process; with the occupations' details kept too; and with the
candidates' content kept, their state read), the gathering in one transaction, and the whole
`recommend`; p50/p95 over 100 youths per kind (after 20
not counted). Then whole requests with the collector as a process starts it and with the heap
settled as a server's start leaves it (services.heap), by blocks in turns: p50/p95/p99.

    .venv/bin/python benchmarks/bench_request_parts.py --data-dir /work/bench/s4

on a graph that benchmarks/bench_recommend.py built (Neo4j is started on the directory).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from graph import candidates as graph_candidates
from graph import occupation_details, schema
from graph import recommend as graph_recommend
from matcher.encoders import load_encoder
from matcher.kinds import SuggestionKind as K
from matcher.weights import default_rankers
from services import candidate_facts, candidate_vectors, heap
from services import recommendations as service
from services.access import SYSTEM
from services.db import Graph, scratch_graph
from services.settings import Settings, get_settings


def four_queries(graph: Graph, kind: K, viewer: Any, query: str, limits: dict[str, Any]) -> None:
    """The sources as the service read them before: one query each, in parallel."""
    with ThreadPoolExecutor(4) as pool:
        found: list[Future[Any]] = []
        if viewer.embedding is not None:
            vector = viewer.embedding.tolist()
            found.append(
                pool.submit(
                    graph.read,
                    graph_recommend.vector_candidates,
                    limits["index"],
                    vector,
                    limits["limit"],
                )
            )
        others = limits["others"]
        found.append(
            pool.submit(graph.read, graph_recommend.neighbour_candidates, kind, viewer.id, others)
        )
        found.append(
            pool.submit(graph.read, graph_recommend.occupation_candidates, kind, viewer.id, others)
        )
        found.append(
            pool.submit(
                graph.read, graph_recommend.lexical_candidates, kind.target_type, query, others
            )
        )
        for future in found:
            future.result()


def measure(graph: Graph, settings: Settings, kind: K, viewers: list[str]) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    rankers = default_rankers()
    kept = candidate_vectors.kept(graph, settings.kept_vectors)
    contents = candidate_facts.kept(settings.kept_facts)
    for n, viewer_id in enumerate(viewers):
        viewer, query = graph.read(service._viewer, SYSTEM, kind, viewer_id, None)
        limits = service.source_limits(kind, 10)
        marks = [time.perf_counter()]
        four_queries(graph, kind, viewer, query, limits)
        marks.append(time.perf_counter())
        [sources] = graph.read(
            graph_candidates.candidate_sources,
            kind,
            [service.source_query(kind, viewer, query)],
            **limits,
        )
        marks.append(time.perf_counter())
        ids = service.merged(sources, viewer_id)[0]
        occupation_details.KEEP = False  # the occupations' names and sectors from the store
        graph.read(service._candidate_facts, viewer, ids, None)
        marks.append(time.perf_counter())
        graph.read(service._candidate_facts, viewer, ids, kept)
        marks.append(time.perf_counter())
        occupation_details.KEEP = True
        graph.read(service._candidate_facts, viewer, ids, kept)
        marks.append(time.perf_counter())
        graph.read(service._candidate_facts, viewer, ids, kept, contents)
        marks.append(time.perf_counter())
        service._gathered(graph, SYSTEM, kind, viewer_id, None, 10, settings)
        marks.append(time.perf_counter())
        service.recommend(graph, SYSTEM, kind, viewer_id, rankers=rankers, settings=settings)
        marks.append(time.perf_counter())
        if n >= 20:
            for label, start, end in zip(LABELS, marks, marks[1:], strict=False):
                times[label].append((end - start) * 1000)
    print(kind.value, f"(content kept of {len(contents or [])} records)")
    for label in LABELS:
        q = statistics.quantiles(times[label], n=20)
        print(f"  {label:<37} p50 {statistics.median(times[label]):6.1f}  p95 {q[18]:6.1f} ms")


def collector(graph: Graph, settings: Settings, viewers: list[str], *, block: int = 20) -> None:
    """Whole requests (mentors, jobs, peers in turn) with the collector as a process starts it
    and with the heap settled as a server's start leaves it (services.heap), by blocks of
    `block` viewers in turns, so that both see the same load: p50, p95, p99."""
    rankers = default_rankers()
    times: dict[bool, list[float]] = {False: [], True: []}
    every = candidate_facts.SETTLE_EVERY
    for n, start in enumerate(range(0, len(viewers), block)):
        settled = n % 2 == 1
        if settled:
            heap.settle()
        candidate_facts.SETTLE_EVERY = every if settled else 10**12
        for viewer_id in viewers[start : start + block]:
            for kind in (K.MENTORS, K.JOBS, K.PEERS):
                began = time.perf_counter()
                service.recommend(
                    graph, SYSTEM, kind, viewer_id, rankers=rankers, settings=settings
                )
                times[settled].append((time.perf_counter() - began) * 1000)
        gc.unfreeze()
    candidate_facts.SETTLE_EVERY = every
    print("the collector, mentors, jobs and peers in turn")
    for settled, label in ((False, "as a process starts it"), (True, "heap settled (now)")):
        q = statistics.quantiles(times[settled], n=100)
        print(
            f"  {label:<37} p50 {statistics.median(times[settled]):6.1f}  "
            f"p95 {q[94]:6.1f}  p99 {q[98]:6.1f} ms"
        )


LABELS = (
    "sources, 4 parallel queries (before)",
    "sources, one query",
    "candidates' facts, Neo4j cosines",
    "candidates' facts, kept vectors",
    "… and kept occupation details",
    "… and kept content (now)",
    "gathered in one transaction",
    "whole recommend",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/work/bench/s4"))
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    with scratch_graph(get_settings(), args.data_dir, pagecache="3g") as (graph, settings):
        schema.migrate(graph.driver, database=graph.database)  # as a server's start does
        # Held as a server holds it: the collector walks its objects too.
        encoder = load_encoder(settings.encoder)
        records, _, _ = graph.driver.execute_query("MATCH (n:Youth) RETURN n.id AS id")
        ids = [r["id"] for r in records]
        rng = random.Random(args.seed)
        for kind in (K.MENTORS, K.JOBS):
            measure(graph, settings, kind, rng.sample(ids, 120))
        collector(graph, settings, rng.sample(ids, 400))
        del encoder


if __name__ == "__main__":
    main()
