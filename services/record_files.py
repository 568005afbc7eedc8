"""Reading and writing record files: JSON Lines, and CSV with one file per record type.

Each parsed line keeps its line number, so that every error can name the line it came from.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from models.records import Record, RecordType

LIST_SEPARATOR = "|"

# CSV columns per type; nested fields are flattened with a dot (location.commune).
CSV_COLUMNS: dict[RecordType, tuple[str, ...]] = {
    RecordType.YOUTH: (
        "id",
        "name",
        "birth_year",
        "bio",
        "skills",
        "interests",
        "languages",
        "location.commune",
        "location.lat",
        "location.lon",
        "seeking",
        "project.title",
        "project.description",
        "project.stage",
        "email",
        "phone",
        "gender",
        "axis",
    ),
    RecordType.MENTOR: (
        "id",
        "name",
        "bio",
        "skills",
        "sectors",
        "languages",
        "location.commune",
        "location.lat",
        "location.lon",
        "capacity",
        "email",
        "phone",
    ),
    RecordType.ORGANIZATION: (
        "id",
        "name",
        "kind",
        "description",
        "sectors",
        "needs",
        "offers",
        "languages",
        "location.commune",
        "location.lat",
        "location.lon",
        "email",
        "phone",
    ),
    RecordType.JOB_OFFER: (
        "id",
        "title",
        "description",
        "organization_id",
        "required_skills",
        "location.commune",
        "location.lat",
        "location.lon",
        "contract",
        "languages",
        "published_on",
        "expires_on",
    ),
}
LIST_FIELDS = frozenset(
    {"skills", "interests", "languages", "seeking", "sectors", "needs", "offers", "required_skills"}
)
_FILE_STEMS = {
    "youth": RecordType.YOUTH,
    "youths": RecordType.YOUTH,
    "mentor": RecordType.MENTOR,
    "mentors": RecordType.MENTOR,
    "organization": RecordType.ORGANIZATION,
    "organizations": RecordType.ORGANIZATION,
    "organisation": RecordType.ORGANIZATION,
    "organisations": RecordType.ORGANIZATION,
    "job_offer": RecordType.JOB_OFFER,
    "job_offers": RecordType.JOB_OFFER,
    "offers": RecordType.JOB_OFFER,
    "jobs": RecordType.JOB_OFFER,
}


@dataclass(frozen=True)
class RawLine:
    """One record as read from a file, before validation; `problem` when it could not be read."""

    source: str
    line: int
    data: dict[str, Any] | None
    problem: str | None = None


def read_records(path: Path) -> Iterator[RawLine]:
    """Every record of a .jsonl/.json/.ndjson or .csv file, with its line number."""
    if path.suffix.lower() == ".csv":
        yield from _read_csv(path)
    else:
        yield from _read_jsonl(path)


def _read_jsonl(path: Path) -> Iterator[RawLine]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                yield RawLine(path.name, number, None, f"invalid JSON: {error.msg}")
                continue
            if not isinstance(data, dict):
                yield RawLine(path.name, number, None, "a line must hold one JSON object")
                continue
            yield RawLine(path.name, number, data)


def csv_type_of(path: Path) -> RecordType | None:
    """The record type a CSV file holds, from its name (youths.csv, job_offers.csv, ...)."""
    return _FILE_STEMS.get(path.stem.lower().replace("-", "_"))


def _read_csv(path: Path) -> Iterator[RawLine]:
    file_type = csv_type_of(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            data = unflatten(row)
            if "type" not in data and file_type is not None:
                data["type"] = file_type.value
            yield RawLine(path.name, reader.line_num, data)


def unflatten(row: dict[str | None, Any]) -> dict[str, Any]:
    """A CSV row as a contract record: empty cells left out, lists split, dotted keys nested."""
    data: dict[str, Any] = {}
    for column, cell in row.items():
        if column is None or cell is None or cell.strip() == "":
            continue
        key = column.strip()
        value: Any = cell.strip()
        if key in LIST_FIELDS:
            value = [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
        if "." in key:
            outer, inner = key.split(".", 1)
            data.setdefault(outer, {})[inner] = value
        else:
            data[key] = value
    return data


def write_jsonl(records: Iterable[Record], handle: TextIO) -> int:
    """Write records as JSON Lines (UTF-8, Arabic kept readable); returns how many."""
    count = 0
    for record in records:
        handle.write(record_json(record) + "\n")
        count += 1
    return count


def record_json(record: Record) -> str:
    """One record as one line of the contract."""
    return json_line(record.model_dump(mode="json", exclude_none=True))


def json_line(data: dict[str, Any]) -> str:
    """A dict as one JSON line, Arabic kept readable."""
    return json.dumps(data, ensure_ascii=False)


def write_csv(records: Iterable[Record], kind: RecordType, handle: TextIO) -> int:
    """Write records of one type as CSV with a header row; returns how many."""
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS[kind], extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(flatten(record.model_dump(mode="json", exclude_none=True)))
        count += 1
    return count


def flatten(data: dict[str, Any]) -> dict[str, Any]:
    """The inverse of `unflatten`."""
    row: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            row |= {f"{key}.{inner}": v for inner, v in value.items()}
        elif isinstance(value, list):
            row[key] = LIST_SEPARATOR.join(value)
        else:
            row[key] = value
    return row
