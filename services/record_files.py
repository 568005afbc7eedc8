"""Reading and writing record files: JSON Lines, CSV (one file per record type, or a `type`
column) and Excel workbooks (one sheet per record type, or a `type` column).

The one reader of the CLI, the API and the staff pages. Each parsed line keeps its sheet (or
file) and line number, so that every error can name the row it came from.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from models.records import Record, RecordType

# How the bytes of a CSV file are decoded: "auto" tries UTF-8 (with or without BOM), then
# Windows-1256, the code page of Arabic Excel's "CSV" export.
Encoding = Literal["auto", "utf-8", "cp1256"]
ENCODINGS: tuple[Encoding, ...] = ("auto", "utf-8", "cp1256")
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})

LIST_SEPARATOR = "|"
# A cell a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, @SUM) is written with a
# leading apostrophe, which spreadsheets show as text and the import takes off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d[\d.]*")
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
    # Sheet names staff give their Excel tabs, in French and Arabic too.
    "jeunes": RecordType.YOUTH,
    "شباب": RecordType.YOUTH,
    "الشباب": RecordType.YOUTH,
    "مؤطرون": RecordType.MENTOR,
    "المؤطرون": RecordType.MENTOR,
    "organismes": RecordType.ORGANIZATION,
    "منظمات": RecordType.ORGANIZATION,
    "offres": RecordType.JOB_OFFER,
    "عروض": RecordType.JOB_OFFER,
}


@dataclass(frozen=True)
class RawLine:
    """One record as read from a file, before validation; `problem` when it could not be read."""

    source: str
    line: int
    data: dict[str, Any] | None
    problem: str | None = None


def read_records(path: Path, *, encoding: Encoding = "auto") -> Iterator[RawLine]:
    """Every record of a .jsonl/.json/.ndjson, .csv or .xlsx file, with its line number."""
    return read_bytes(path.name, path.read_bytes(), encoding=encoding)


def read_bytes(name: str, content: bytes, *, encoding: Encoding = "auto") -> Iterator[RawLine]:
    """Every record of a file given as bytes (an upload), its format told by its name."""
    suffix = Path(name).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(content)
    text = decode(content, encoding)
    if suffix == ".csv":
        return _read_csv(name, text)
    return _read_jsonl(name, text)


def decode(content: bytes, encoding: Encoding = "auto") -> str:
    """The text of a file: UTF-8 (a BOM is dropped), UTF-16 with its BOM, Windows-1256, or
    the first that fits."""
    if encoding == "auto" and content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", errors="replace")
    if encoding == "cp1256":
        return content.decode("cp1256", errors="replace")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        if encoding == "utf-8":
            return content.decode("utf-8-sig", errors="replace")
        # Not UTF-8: Arabic Excel exports are Windows-1256 (every byte decodes).
        return content.decode("cp1256", errors="replace")


def detected_encoding(content: bytes) -> Encoding:
    """What "auto" decodes a file as."""
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "cp1256"
    return "utf-8"


def _read_jsonl(name: str, text: str) -> Iterator[RawLine]:
    # Split on newlines only: U+2028 may stand inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield RawLine(name, number, None, f"invalid JSON: {error.msg}")
            continue
        if not isinstance(data, dict):
            yield RawLine(name, number, None, "a line must hold one JSON object")
            continue
        yield RawLine(name, number, data)


def csv_type_of(path: Path) -> RecordType | None:
    """The record type a CSV file or a sheet holds, from its name (youths.csv, Offres, ...)."""
    return _FILE_STEMS.get(path.stem.lower().strip().replace("-", "_").replace(" ", "_"))


def _read_csv(name: str, text: str) -> Iterator[RawLine]:
    file_type = csv_type_of(Path(name))
    handle = io.StringIO(text, newline="")
    # French and Arabic Excel write CSV with semicolons.
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.DictReader(handle, delimiter=delimiter)
    for row in reader:
        data = unflatten(row)
        if not data:
            continue
        if "type" not in data and file_type is not None:
            data["type"] = file_type.value
        yield RawLine(name, reader.line_num, data)


def _read_xlsx(content: bytes) -> Iterator[RawLine]:
    # Imported here: only Excel files need openpyxl (a few hundred ms to import).
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        yield RawLine("xlsx", 1, None, f"not an Excel workbook: {type(error).__name__}")
        return
    try:
        for sheet in workbook.worksheets:
            yield from _read_sheet(sheet.title, sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _read_sheet(title: str, rows: Iterator[tuple[Any, ...]]) -> Iterator[RawLine]:
    sheet_type = csv_type_of(Path(title))
    header: list[str | None] | None = None
    for number, cells in enumerate(rows, start=1):
        if header is None:
            if any(cell not in (None, "") for cell in cells):
                header = [str(c).strip() if c is not None else None for c in cells]
            continue
        data = unflatten(dict(zip(header, (_cell_text(c) for c in cells), strict=False)))
        if not data:
            continue
        if "type" not in data and sheet_type is not None:
            data["type"] = sheet_type.value
        yield RawLine(title, number, data)


def _cell_text(value: Any) -> str | None:
    """A cell as the text a CSV would hold (1999.0 -> "1999", a date -> "2026-05-01")."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def unflatten(row: dict[str | None, Any]) -> dict[str, Any]:
    """A CSV row as a contract record: empty cells left out, lists split, dotted keys nested."""
    data: dict[str, Any] = {}
    for column, cell in row.items():
        if column is None or cell is None or not isinstance(cell, str) or cell.strip() == "":
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
