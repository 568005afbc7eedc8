"""Import benchmark: batched UNWIND writes against one transaction per record, in one run.

Generates demo profiles (youths, mentors, organisations), imports them into an empty database
through the real import path (validation included), then empties the database and writes the
same records one transaction per record. Prints records/s for both and their ratio.

    .venv/bin/python benchmarks/bench_import.py                 # 10,000 and 100,000 records
    .venv/bin/python benchmarks/bench_import.py --sizes 10000 --naive-limit 2000

Uses NEO4J_URI when set; otherwise starts an embedded Neo4j in a temporary directory.
Targets (issue 2): 100,000 profiles in under 60 s; batched at least 20x the naive path.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from demo.data import generate_demo
from graph import records as graph_records
from graph import schema
from models.records import Record
from services import importer
from services.db import Graph, scratch_graph
from services.record_files import RawLine
from services.settings import Settings, get_settings

PROFILE_TYPES = {"youth", "mentor", "organization"}
PROFILES_PER_SCALE = 2350  # 2,000 youths + 150 mentors + 200 organisations


def demo_profiles(count: int) -> list[RawLine]:
    """The first `count` demo profiles (organisations, mentors, then youths)."""
    scale = count / PROFILES_PER_SCALE * 1.01
    profiles = (r for r in generate_demo(scale=scale, seed=7) if r["type"] in PROFILE_TYPES)
    return [RawLine("bench", n, r) for n, r in zip(range(1, count + 1), profiles, strict=False)]


def empty(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run(
            "MATCH (n:Entity) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
        session.run(
            "MATCH (n) WHERE n:Skill OR n:Sector OR n:Resource OR n:Language "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def validated(graph: Graph, lines: list[RawLine], settings: Settings) -> list[Record]:
    valid, errors = importer.validate_lines(lines, graph, settings)
    if errors:
        raise SystemExit(f"demo data did not validate: {errors[:3]}")
    return [v.record for v in valid]


def batched(graph: Graph, records: list[Record], settings: Settings) -> int:
    """The import path: UNWIND batches of `import_batch_size`, one transaction each."""
    return importer.write_records(records, graph, settings).written


def naive(graph: Graph, records: list[Record], settings: Settings) -> int:
    """The same queries, one record and one transaction at a time."""
    for record in records:
        graph.write(graph_records.write_rows, [graph_records.to_row(record)])
    return len(records)


Writer = Callable[[Graph, list[Record], Settings], int]


def timed(
    label: str, write: Writer, graph: Graph, records: list[Record], settings: Settings
) -> tuple[float, float]:
    """Empty the database, write the records, print and return (seconds, records/s)."""
    empty(graph)
    start = time.perf_counter()
    written = write(graph, records, settings)
    seconds = time.perf_counter() - start
    rate = written / seconds
    print(f"  {label:<36} {written:>8,} records {seconds:>7.1f} s {rate:>8,.0f} records/s")
    return seconds, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--warmup", type=int, default=5000, help="records to warm up on (0: none)")
    parser.add_argument(
        "--naive-limit",
        type=int,
        default=None,
        help="write about this many records (an even sample) the naive way (default: all)",
    )
    args = parser.parse_args()
    with scratch_graph(get_settings()) as (graph, settings):
        schema.migrate(graph.driver, database=graph.database)
        if args.warmup:
            warm_up(graph, settings, args.warmup)
        for size in args.sizes:
            run_size(graph, settings, size, args.naive_limit)
        empty(graph)


def warm_up(graph: Graph, settings: Settings, size: int) -> None:
    """Both paths once on a small set, so that neither pays for the JVM's just-in-time compiler."""
    records = validated(graph, demo_profiles(size), settings)
    empty(graph)
    batched(graph, records, settings)
    empty(graph)
    naive(graph, records[: size // 5], settings)
    print(f"(warmed up on {size:,} records)\n")


def run_size(graph: Graph, settings: Settings, size: int, naive_limit: int | None) -> None:
    """Validate once, then write the same records both ways; print rates and the ratio."""
    print(f"{size:,} profiles (batch size {settings.import_batch_size}):")
    empty(graph)
    start = time.perf_counter()
    records = validated(graph, demo_profiles(size), settings)
    validation = time.perf_counter() - start
    print(
        f"  {'validation (both paths share it)':<36} {len(records):>8,} records "
        f"{validation:>7.1f} s"
    )
    fast_seconds, fast = timed("write: batched UNWIND", batched, graph, records, settings)
    # A stride sample keeps the mix of types and text lengths of the whole set.
    stride = max(1, len(records) // naive_limit) if naive_limit else 1
    sample = records[::stride]
    _, slow = timed("write: one transaction per record", naive, graph, sample, settings)
    total = validation + fast_seconds
    print(
        f"  import end to end (validate + batched write): {total:.1f} s, "
        f"{len(records) / total:,.0f} records/s"
    )
    print(f"  ratio batched / naive (write): {fast / slow:.1f}x\n")


if __name__ == "__main__":
    main()
