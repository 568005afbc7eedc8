"""Export: every record in the import format, so export → import → export is the identity."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph import records as graph_records
from models.records import Record, RecordType
from services.db import Graph
from services.importer import WRITE_ORDER
from services.record_files import write_csv, write_jsonl

PAGE = 2000


def iter_records(graph: Graph, kind: RecordType) -> Iterator[Record]:
    """Every record of one kind, ordered by id, read page by page."""
    ids = graph.read(graph_records.all_ids, kind)
    for start in range(0, len(ids), PAGE):
        yield from graph.read(graph_records.read_records, ids[start : start + PAGE])


def export_jsonl(graph: Graph, path: Path) -> dict[str, int]:
    """Write every record to one JSON Lines file, organisations first; counts per type."""
    counts = {}
    with path.open("w", encoding="utf-8") as handle:
        for kind in WRITE_ORDER:
            counts[kind.value] = write_jsonl(iter_records(graph, kind), handle)
    return counts


def export_csv(graph: Graph, directory: Path) -> dict[str, int]:
    """Write one CSV file per record type into a directory; counts per type."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for kind in WRITE_ORDER:
        with (directory / f"{kind.value}s.csv").open("w", encoding="utf-8", newline="") as handle:
            counts[kind.value] = write_csv(iter_records(graph, kind), kind, handle)
    return counts
