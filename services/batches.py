"""Records read, worked on and written back in batches, the graph's part beside the work.

The refresh's steps (embedding, occupation links) read a batch of records, compute on it in
Python (the encoder), then write the result. Done one after the other, the encoder waits for
Neo4j: 28% of a refresh of 3,000 profiles (issue 14). Here one I/O thread reads the next
batch and writes the last one while this thread computes; the writes stay in order and an
error in any of them is raised here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from graph import records as graph_records
from models.records import Record
from services.db import Graph

# False: each batch read, computed and written in turn (benchmarks/bench_refresh.py compares).
OVERLAP = True

Compute = Callable[[list[Record]], Any]
Write = Callable[[Any], None]


def each_batch(
    graph: Graph,
    ids: Sequence[str],
    *,
    batch_size: int,
    compute: Compute,
    write: Write,
    on_written: Callable[[int], None] | None = None,
) -> None:
    """For each batch of `ids`: read the records, `compute` on them, `write` what it returned.

    Args:
        graph: the graph the records are read from.
        ids: the records' ids.
        batch_size: records per read (and per write).
        compute: the records -> what to write (runs in this thread).
        write: writes it (runs in the I/O thread, in the batches' order).
        on_written: told how many records each batch held, once it is written.
    """
    batches = [list(ids[start : start + batch_size]) for start in range(0, len(ids), batch_size)]
    if not OVERLAP:
        for batch in batches:
            records = graph.read(graph_records.read_records, batch)
            write(compute(records))
            if on_written:
                on_written(len(records))
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="graph-io") as io:
        written: Future[None] | None = None
        size = 0
        reading = io.submit(graph.read, graph_records.read_records, batches[0]) if batches else None
        for n in range(len(batches)):
            assert reading is not None
            records = reading.result()
            if n + 1 < len(batches):
                reading = io.submit(graph.read, graph_records.read_records, batches[n + 1])
            result = compute(records)
            if written is not None:
                _done(written, size, on_written)
            written, size = io.submit(write, result), len(records)
        if written is not None:
            _done(written, size, on_written)


def _done(written: Future[None], size: int, on_written: Callable[[int], None] | None) -> None:
    written.result()
    if on_written:
        on_written(size)
