"""Capacity: what a graph of N profiles costs on disk and in memory, and its index rebuild time.

For each data directory (a graph built by `bench_recommend.py` or `bench_refresh.py`), on a
COPY of it (the original is never opened, so it may serve other benchmarks):

- records by label, and vectors by index (count x dimensions x 4 bytes of float32);
- size on disk: the store files, each kind of index (vector, full-text, range), the
  transaction logs (`du` of the database directories);
- the heap and page cache the embedded Neo4j was given (`SHOW SETTINGS`);
- the rebuild time of every vector index: dropped, created again, waited for until ONLINE,
  one after the other.

    nice -n 10 .venv/bin/python benchmarks/bench_capacity.py /work/bench/s4 /work/bench/100k

Then fits growth to 1M and 10M records (sizes linear in records; the HNSW build n log n).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from graph.embeddings import CREATE_INDEX, VectorIndex
from services.db import Graph, embedded_graph
from services.settings import get_settings

LABELS = """
MATCH (n) UNWIND labels(n) AS label
RETURN label, count(*) AS count ORDER BY count DESC
"""
VECTOR_INDEXES = """
SHOW VECTOR INDEXES YIELD name, labelsOrTypes, properties, options
RETURN name, labelsOrTypes[0] AS label, properties[0] AS property,
       options.indexConfig.`vector.dimensions` AS dim, options AS options
"""
VECTORS_OF = """
MATCH (n) WHERE $label IN labels(n) AND n[$property] IS NOT NULL RETURN count(n) AS count
"""
MEMORY_SETTINGS = """
SHOW SETTINGS YIELD name, value
WHERE name IN ['server.memory.heap.max_size', 'server.memory.pagecache.size']
RETURN name, value
"""
DROP = "DROP INDEX $name"
AWAIT = "CALL db.awaitIndexes(7200)"
MB = 1024 * 1024
ESCO_INDEXES = {VectorIndex.ESCO_SKILL.value, VectorIndex.OCCUPATION.value}
PAGECACHE = "3g"  # as bench_recommend.py serves the 100k graph


def du(path: Path) -> int:
    """Bytes of the files under `path`."""
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def disk(data_dir: Path) -> dict[str, float]:
    """MB on disk: store files, each index kind, transaction logs."""
    database = data_dir / "data" / "databases" / "neo4j"
    indexes = database / "schema" / "index"
    found = {f"index {d.name}": du(d) / MB for d in sorted(indexes.iterdir()) if d.is_dir()}
    store = sum(du(f) for f in database.iterdir() if f.name != "schema") / MB
    found["store files"] = store
    found["transaction logs"] = du(data_dir / "data" / "transactions" / "neo4j") / MB
    return found


def run(graph: Graph, query: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [dict(r) for r in session.run(query, params)]  # type: ignore[arg-type]


def vectors(graph: Graph) -> list[dict[str, Any]]:
    """Each vector index: label, property, dimensions, vectors held, their float32 MB."""
    found = []
    for row in run(graph, VECTOR_INDEXES):
        count = run(graph, VECTORS_OF, label=row["label"], property=row["property"])[0]["count"]
        found.append(row | {"count": count, "mb": count * row["dim"] * 4 / MB})
    return found


def rebuild(graph: Graph, indexes: list[dict[str, Any]]) -> dict[str, float]:
    """Drop and create each vector index again, waiting until it is ONLINE: seconds each."""
    seconds = {}
    for row in indexes:
        index = VectorIndex(row["name"])
        run(graph, DROP, name=index.value)
        start = time.perf_counter()
        options = {"indexConfig": dict(row["options"]["indexConfig"])}
        run(graph, CREATE_INDEX[index], options=options)
        run(graph, AWAIT)
        seconds[index.value] = time.perf_counter() - start
        took = seconds[index.value]
        print(f"    rebuilt {index.value:<32} {row['count']:>8,} vectors {took:>7.1f} s")
    return seconds


def measure(original: Path, scratch: Path) -> dict[str, Any]:
    """Copy the data directory, then measure the copy."""
    copy = scratch / original.name
    start = time.perf_counter()
    shutil.copytree(original / "data", copy / "data", ignore=shutil.ignore_patterns("*lock*"))
    print(f"\n{original} (copied in {time.perf_counter() - start:.0f} s):")
    before = disk(copy)
    with embedded_graph(get_settings(), copy, pagecache=PAGECACHE) as (graph, _):
        labels = {r["label"]: r["count"] for r in run(graph, LABELS)}
        memory = {r["name"]: r["value"] for r in run(graph, MEMORY_SETTINGS)}
        # the launcher gives the heap as -Xmx, which the setting does not show
        memory["server.memory.heap.max_size"] = get_settings().neo4j_heap
        indexes = vectors(graph)
        print(f"  records: {labels.get('Entity', 0):,} ({_top_labels(labels)})")
        print(f"  memory given: {memory}")
        for name, mb in before.items():
            print(f"  {name:<30} {mb:>9.1f} MB")
        for row in indexes:
            print(
                f"  vectors {row['name']:<32} {row['count']:>8,} x {row['dim']} x 4 B "
                f"= {row['mb']:>7.1f} MB"
            )
        print("  vector index rebuild (drop, create, wait until ONLINE):")
        seconds = rebuild(graph, indexes)
    after = disk(copy)
    shutil.rmtree(copy)
    return {
        "data_dir": str(original),
        "records": labels.get("Entity", 0),
        "labels": labels,
        "memory": memory,
        "disk_mb": before,
        "vector_index_mb_after_rebuild": after.get("index vector-2.0", 0.0),
        "vectors": [{k: v for k, v in r.items() if k != "options"} for r in indexes],
        "rebuild_s": seconds,
        "load": list(os.getloadavg()),
    }


def _top_labels(labels: dict[str, int]) -> str:
    kinds = ("Youth", "Mentor", "Organization", "JobOffer", "EscoSkill", "Occupation")
    return ", ".join(f"{labels[k]:,} {k}" for k in kinds if k in labels)


def _of_records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The vector indexes of records (ESCO's stay the same size whatever the records)."""
    return [r for r in rows if r["name"] not in ESCO_INDEXES]


def fit(results: list[dict[str, Any]]) -> None:
    """Least squares through the measured sizes; printed at 1M and 10M records."""
    n = np.array([r["records"] for r in results], dtype=float)
    series = {
        "record vectors MB": [sum(v["mb"] for v in _of_records(r["vectors"])) for r in results],
        "vector index MB": [r["disk_mb"].get("index vector-2.0", 0.0) for r in results],
        "store files MB": [r["disk_mb"]["store files"] for r in results],
        "all indexes MB": [
            sum(mb for k, mb in r["disk_mb"].items() if k.startswith("index")) for r in results
        ],
    }
    print("\nGrowth (least squares a + b*n; the index rebuild c*n*log(n)), n = records:")
    print(f"  {'':<24} {'1M records':>12} {'10M records':>12}")
    for name, ys in series.items():
        b, a = np.polyfit(n, np.array(ys), 1)
        print(f"  {name:<24} {a + b * 1e6:>12,.0f} {a + b * 1e7:>12,.0f}")
    rebuilds = [
        sum(s for name, s in r["rebuild_s"].items() if name not in ESCO_INDEXES) for r in results
    ]
    nlogn = n * np.log(n)
    c = float(np.dot(nlogn, rebuilds) / np.dot(nlogn, nlogn))
    print(
        f"  {'record index rebuild s':<24} {c * 1e6 * math.log(1e6):>12,.0f} "
        f"{c * 1e7 * math.log(1e7):>12,.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dirs", type=Path, nargs="+")
    parser.add_argument("--scratch", type=Path, default=None, help="where the copies go")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args()
    print(f"load {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="capacity-", dir=args.scratch) as scratch:
        results = [measure(d, Path(scratch)) for d in args.data_dirs]
    if len(results) > 1:
        fit(results)
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
