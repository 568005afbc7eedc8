"""What a denser vector index costs and buys (issue 14, goal 4), in one run.

Rebuilds one vector index of a graph that benchmarks/bench_recommend.py built, once per
configuration of `CONFIGS` (Neo4j's HNSW `vector.hnsw.m` and `vector.hnsw.ef_construction`,
and `vector.quantization.enabled`), and for each prints: the build time, recall@10 against
exact cosine in numpy over every vector of the label (youths as queries, asking the index for
10 and for the 40 candidates the service asks), and the query's p50 / p95. The index is left
as the application creates it (the first configuration) at the end.

    nice -n 10 .venv/bin/python benchmarks/bench_vector_index.py --data-dir /work/bench/100k

Changes the index of --data-dir: run it on a copy when the graph is shared.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
from bench_recommend import CANDIDATES, vectors_of_label

from graph.embeddings import CREATE_INDEX, DROP_INDEX, VectorIndex
from graph.recommend import vector_candidates
from services.db import Graph, scratch_graph
from services.settings import get_settings

# Name, then the HNSW options; the first is what the application creates (Neo4j's defaults).
CONFIGS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("default (m 16, ef 100, quantised)", {}),
    ("not quantised", {"vector.quantization.enabled": False}),
    ("m 32, ef 200", {"vector.hnsw.m": 32, "vector.hnsw.ef_construction": 200}),
    ("m 64, ef 400", {"vector.hnsw.m": 64, "vector.hnsw.ef_construction": 400}),
)
LABELS = {"JobOffer": VectorIndex.JOB_OFFER, "Mentor": VectorIndex.MENTOR}


def rebuild(graph: Graph, index: VectorIndex, dim: int, extra: dict[str, Any]) -> float:
    """Drop and create `index` with `extra` options; seconds until it is online."""
    config = {"vector.dimensions": dim, "vector.similarity_function": "cosine", **extra}
    graph.driver.execute_query(DROP_INDEX, name=index.value, database_=graph.database)
    start = time.perf_counter()
    graph.driver.execute_query(
        CREATE_INDEX[index], options={"indexConfig": config}, database_=graph.database
    )
    graph.driver.execute_query("CALL db.awaitIndexes(3600)", database_=graph.database)
    return time.perf_counter() - start


def measure(
    graph: Graph, index: VectorIndex, ids: list[str], matrix: np.ndarray, queries: np.ndarray
) -> dict[str, float]:
    """Recall@10 asking for 10 and for CANDIDATES, and the query time asking for CANDIDATES."""
    top10, candidates, times = [], [], []
    for query in queries:
        exact = {ids[i] for i in np.argsort(-(matrix @ query))[:10]}
        found = graph.read(vector_candidates, index.value, query.tolist(), 10)
        top10.append(len(exact & {i for i, _ in found}) / 10)
        start = time.perf_counter()
        found = graph.read(vector_candidates, index.value, query.tolist(), CANDIDATES)
        times.append((time.perf_counter() - start) * 1000)
        candidates.append(len(exact & {i for i, _ in found}) / 10)
    return {
        "recall_at_10": statistics.mean(top10),
        "recall_of_candidates": statistics.mean(candidates),
        "p50_ms": statistics.median(times),
        "p95_ms": statistics.quantiles(times, n=20)[18],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--label", choices=sorted(LABELS), default="JobOffer")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args()
    with scratch_graph(get_settings(), args.data_dir, pagecache="3g") as (graph, _):
        _, youths = vectors_of_label(graph, "Youth")
        ids, matrix = vectors_of_label(graph, args.label)
        rng = random.Random(args.seed)
        queries = youths[rng.sample(range(len(youths)), args.queries)]
        index = LABELS[args.label]
        print(f"{index.value}: {len(ids):,} vectors, {args.queries} youths as queries")
        print(f"  {'configuration':<34} build s  recall@10  of {CANDIDATES}   p50 ms  p95 ms")
        found: dict[str, Any] = {}
        for name, extra in (*CONFIGS, CONFIGS[0]):  # ends as the application creates it
            if name in found:
                rebuild(graph, index, matrix.shape[1], extra)
                break
            built = rebuild(graph, index, matrix.shape[1], extra)
            measure(graph, index, ids, matrix, queries[:20])  # warm the new index
            found[name] = {"build_s": built, **measure(graph, index, ids, matrix, queries)}
            f = found[name]
            print(
                f"  {name:<34} {built:7.1f}  {f['recall_at_10']:9.3f}  "
                f"{f['recall_of_candidates']:6.3f}  {f['p50_ms']:7.1f} {f['p95_ms']:7.1f}"
            )
        if args.json:
            print(json.dumps({"index": index.value, "vectors": len(ids), "configs": found}))


if __name__ == "__main__":
    main()
