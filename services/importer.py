"""Bulk import: validate every line first, then write in batches, or write nothing.

The contract is in README.md ("Import and export"). Re-importing a file changes nothing;
a changed field updates its node; relationships are replaced, never duplicated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from pydantic import ValidationError

from graph import records as graph_records
from graph import users as graph_users
from matcher.encoders import Encoder, load_encoder
from models.audit import AuditAction
from models.records import RECORD_ADAPTER, Record, RecordType, poster_of
from services import audit, refresh
from services.access import SYSTEM
from services.db import Graph
from services.errors import FieldError
from services.policy import policy_errors, submitted_policy_errors
from services.profiles import field_errors
from services.record_files import RawLine, read_records
from services.settings import Settings

# Organisations go first: offers point at them.
WRITE_ORDER = (RecordType.ORGANIZATION, RecordType.MENTOR, RecordType.YOUTH, RecordType.JOB_OFFER)


@dataclass(frozen=True)
class LineError:
    """Why one line was refused."""

    source: str
    line: int
    field: str
    message: str
    # What kind of problem (pydantic's error type, or a rule's name), so that a page can say it
    # in its reader's language.
    code: str | None = None

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class ValidLine:
    """A record that passed validation and where it came from."""

    source: str
    line: int
    record: Record


@dataclass
class ImportReport:
    """What an import did, per record type."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    errors: list[LineError] = field(default_factory=list)
    embedded: int = 0  # records embedded (and linked to ESCO) after the write

    @property
    def written(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


class ImportRejected(Exception):
    """The file holds invalid lines and `skip_invalid` was not given: nothing was written."""

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(f"{len(errors)} invalid line(s); nothing was written")
        self.errors = errors


ProgressCallback = Callable[[int], None]


def validate_lines(
    lines: Iterable[RawLine], graph: Graph, settings: Settings
) -> tuple[list[ValidLine], list[LineError]]:
    """Validate each line alone, then ids and references across the file and the graph."""
    valid: list[ValidLine] = []
    errors: list[LineError] = []
    for raw in lines:
        record, problems = _validate_one(raw, settings)
        errors.extend(problems)
        if record is not None:
            valid.append(ValidLine(raw.source, raw.line, record))
    valid, duplicates = _drop_duplicate_ids(valid)
    errors.extend(duplicates)
    valid, reference_errors = _check_against_graph(valid, graph)
    errors.extend(reference_errors)
    errors.sort(key=lambda e: (e.source, e.line))
    return valid, errors


def import_files(
    graph: Graph,
    paths: Sequence[Path],
    settings: Settings,
    *,
    encoder: Encoder | None = None,
    skip_invalid: bool = False,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Import record files, then make what was written ready for suggestions (see
    `import_lines`)."""
    lines = (raw for path in paths for raw in read_records(path))
    return import_lines(
        graph, lines, settings, encoder=encoder, skip_invalid=skip_invalid, progress=progress
    )


@dataclass(frozen=True)
class ImportProgress:
    """Callbacks of a long import: lines validated, records written, records embedded."""

    on_validated: Callable[[int], None] | None = None
    on_written: ProgressCallback | None = None
    on_embed_total: Callable[[int], None] | None = None
    on_embedded: Callable[[int], None] | None = None


def import_lines(
    graph: Graph,
    lines: Iterable[RawLine],
    settings: Settings,
    *,
    encoder: Encoder | None = None,
    skip_invalid: bool = False,
    progress: ImportProgress | None = None,
) -> ImportReport:
    """Validate, write, then embed and link to ESCO what was created or changed, so that the
    records are ready for suggestions when the import returns, whatever door it came through.

    With invalid lines, nothing is written unless `skip_invalid`. `encoder` defaults to the
    configured one (loaded once per process).

    Raises:
        ImportRejected: invalid lines were found and `skip_invalid` is False.
    """
    progress = progress or ImportProgress()
    valid, errors = validate_lines(lines, graph, settings)
    files = ", ".join(sorted({v.source for v in valid} | {e.source for e in errors}))[:120]
    if errors and not skip_invalid:
        refused = f"refused: {len(errors)} invalid line(s), nothing written; {files}"
        audit.record(graph, SYSTEM, AuditAction.IMPORT, detail=refused)
        raise ImportRejected(errors)
    if progress.on_validated:
        progress.on_validated(len(valid))
    report = write_records(
        [v.record for v in valid], graph, settings, on_progress=progress.on_written
    )
    report.errors = errors
    audit.record(
        graph,
        SYSTEM,
        AuditAction.IMPORT,
        detail=f"{sum(report.created.values())} created, {sum(report.updated.values())} updated, "
        f"{len(errors)} line(s) refused; {files}",
    )
    # Records new or changed since their last embedding: exactly those this import wrote
    # (and any left over by an earlier interrupted refresh).
    refreshed = refresh.refresh_derived(
        graph,
        encoder or load_encoder(settings.encoder),
        on_total=progress.on_embed_total,
        on_progress=progress.on_embedded,
    )
    report.embedded = refreshed.embedded
    return report


def write_records(
    records: Sequence[Record],
    graph: Graph,
    settings: Settings,
    *,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Write validated records in batches of `settings.import_batch_size`, one transaction each.

    Batches of one type are written by `settings.import_workers` threads at once, so that the
    client prepares the next batch while the server writes one; types go in WRITE_ORDER, so
    an offer's organisation is always written before the offer.
    """
    report = ImportReport()
    by_type: dict[RecordType, list[Record]] = {kind: [] for kind in WRITE_ORDER}
    for record in records:
        by_type[RecordType(record.type)].append(record)
    size = settings.import_batch_size
    with ThreadPoolExecutor(max_workers=settings.import_workers) as pool:
        for kind, of_kind in by_type.items():
            batches = [of_kind[start : start + size] for start in range(0, len(of_kind), size)]
            for batch, written in zip(
                batches, pool.map(_write_batch, repeat(graph), batches), strict=True
            ):
                existed = sum(written.values())
                report.updated[kind.value] += existed
                report.created[kind.value] += len(written) - existed
                report.unchanged[kind.value] += len(batch) - len(written)
                if on_progress:
                    on_progress(len(batch))
    return report


def _write_batch(graph: Graph, batch: Sequence[Record]) -> dict[str, bool]:
    return graph.write(graph_records.write_rows, [graph_records.to_row(r) for r in batch])


def _validate_one(raw: RawLine, settings: Settings) -> tuple[Record | None, list[LineError]]:
    if raw.data is None:
        problem = raw.problem or "unreadable"
        return None, [LineError(raw.source, raw.line, "line", problem, "unreadable")]
    kind = raw.data.get("type")
    if kind not in {k.value for k in RecordType}:
        known = ", ".join(k.value for k in RecordType)
        message = f"'{kind}' is not a record type ({known})" if kind else f"missing ({known})"
        return None, [LineError(raw.source, raw.line, "type", message, "record_type")]
    try:
        record = RECORD_ADAPTER.validate_python(raw.data)
    except ValidationError as error:
        errors = [
            FieldError(_without_type(e.field, kind), e.message, e.code) for e in field_errors(error)
        ]
        errors += submitted_policy_errors(
            kind, raw.data, settings, invalid={e.field for e in errors}
        )
        return None, [LineError(raw.source, raw.line, e.field, e.message, e.code) for e in errors]
    problems = policy_errors(record, settings)
    return (None if problems else record), [
        LineError(raw.source, raw.line, p.field, p.message, p.code) for p in problems
    ]


def _without_type(field_name: str, kind: str) -> str:
    # The discriminated union prefixes every location with the type tag.
    return field_name.removeprefix(f"{kind}.") or field_name


def _drop_duplicate_ids(valid: list[ValidLine]) -> tuple[list[ValidLine], list[LineError]]:
    first_seen: dict[str, ValidLine] = {}
    kept, errors = [], []
    for item in valid:
        earlier = first_seen.get(item.record.id)
        if earlier is None:
            first_seen[item.record.id] = item
            kept.append(item)
        else:
            message = f"id {item.record.id} is already used on line {earlier.line}"
            errors.append(LineError(item.source, item.line, "id", message, "duplicate_id"))
    return kept, errors


def _check_against_graph(
    valid: list[ValidLine], graph: Graph
) -> tuple[list[ValidLine], list[LineError]]:
    """Ids already used by another kind or owned by an account; offers pointing at
    organisations that do not exist."""
    referenced = {poster for v in valid if (poster := poster_of(v.record))}
    in_file: dict[str, str] = {v.record.id: v.record.type for v in valid}
    stored = graph.read(graph_records.types_of, set(in_file) | referenced)
    owned = graph.read(graph_users.owned_ids, sorted(set(in_file) & set(stored)))
    kept, errors = [], []
    for item in valid:
        problem = _conflict(item.record, stored, in_file)
        if problem is None and item.record.id in owned:
            # An account's own record: an import must not hand it (and its contacts) over.
            problem = (
                "id",
                f"id {item.record.id} is a record that an account created or "
                "owns: an import may not change it (staff edit it through the API)",
                "owned_id",
            )
        if problem:
            errors.append(LineError(item.source, item.line, *problem))
        else:
            kept.append(item)
    return kept, errors


def _conflict(
    record: Record, stored: dict[str, str], in_file: dict[str, str]
) -> tuple[str, str, str] | None:
    """(field, message, code) of a clash with the graph or the file, or None."""
    if stored.get(record.id, record.type) != record.type:
        return "id", f"id {record.id} already belongs to a {stored[record.id]}", "id_kind"
    organization_id = poster_of(record)
    if organization_id:
        kind = in_file.get(organization_id) or stored.get(organization_id)
        if kind != RecordType.ORGANIZATION.value:
            message = f"no organization with id {organization_id}"
            return "organization_id", message, "unknown_organization"
    return None
