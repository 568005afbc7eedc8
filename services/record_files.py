"""Reading and writing record files: JSON Lines, and CSV with one file per record type.

Each parsed line keeps its line number, so that every error can name the line it came from.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from models.records import Record, RecordType

LIST_SEPARATOR = "|"
# A cell a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, @SUM) is written with a
# leading apostrophe, which spreadsheets show as text and the import takes off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d[\d.]*")
# What a file may be written in, tried in this order when it has no byte-order mark.
ENCODINGS = ("utf-8", "cp1256")
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1256": "Windows-1256"}
log = logging.getLogger(__name__)

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


def decode(path: Path, *, encoding: str | None = None) -> tuple[str, str]:
    """The text of a record file and the encoding it was read in.

    Without `encoding`: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1256 (the
    Arabic Windows code page, which also holds the French accented letters of Windows-1252).

    Raises:
        UndecodableFile: the file is not in the encoding given, naming the line.
    """
    raw = path.read_bytes()
    if encoding is None:
        if raw.startswith(codecs.BOM_UTF8):
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8-sig"
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return _strict(raw, "utf-16", path), "utf-16"
        for candidate in ENCODINGS:
            try:
                return raw.decode(candidate), candidate
            except UnicodeDecodeError:
                continue
    chosen = encoding or ENCODINGS[0]
    return _strict(raw, chosen, path), chosen


class UndecodableFile(ValueError):
    """A record file that is not in the encoding it must be in."""

    def __init__(self, source: str, line: int, encoding: str) -> None:
        name = _ENCODING_NAMES.get(encoding, encoding)
        super().__init__(
            f"{source}:{line}: not readable as {name}: save the file as UTF-8 "
            "(or Windows-1256), or give its encoding"
        )
        self.source, self.line = source, line


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UndecodableFile(path.name, line, encoding) from error


def _open_text(path: Path) -> tuple[io.StringIO | None, RawLine | None]:
    try:
        text, encoding = decode(path)
    except UndecodableFile as error:
        return None, RawLine(error.source, error.line, None, str(error))
    if encoding not in ("utf-8", "utf-8-sig"):
        log.info("%s read as %s", path.name, _ENCODING_NAMES.get(encoding, encoding))
    return io.StringIO(text, newline=None if path.suffix.lower() != ".csv" else ""), None


def _read_jsonl(path: Path) -> Iterator[RawLine]:
    handle, problem = _open_text(path)
    if handle is None:
        yield problem  # type: ignore[misc]
        return
    with handle:
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
    handle, problem = _open_text(path)
    if handle is None:
        yield problem  # type: ignore[misc]
        return
    with handle:
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
        value: Any = _unescaped(cell.strip())
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
        row = flatten(record.model_dump(mode="json", exclude_none=True))
        writer.writerow({key: neutralised(value) for key, value in row.items()})
        count += 1
    return count


def neutralised(value: Any) -> Any:
    """A cell that a spreadsheet would not run as a formula (numbers are left as they are)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _unescaped(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


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
