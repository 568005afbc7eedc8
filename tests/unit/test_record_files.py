"""Reading and writing record files, without a database."""

from __future__ import annotations

from pathlib import Path

from models.records import RECORD_ADAPTER, RecordType
from services.record_files import read_records, write_csv
from tests import factories


def test_jsonl_lines_keep_their_numbers_and_bad_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"type": "youth", "id": "y-1", "name": "A"}\n\n{broken\n[1]\n', "utf-8")
    lines = list(read_records(path))
    assert [line.line for line in lines] == [1, 3, 4]
    assert lines[0].data == {"type": "youth", "id": "y-1", "name": "A"}
    assert lines[1].problem is not None and "invalid JSON" in lines[1].problem
    assert lines[2].problem == "a line must hold one JSON object"


def test_a_csv_file_round_trips_through_write_and_read(tmp_path: Path) -> None:
    record = RECORD_ADAPTER.validate_python(factories.youth())
    path = tmp_path / "youths.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv([record], RecordType.YOUTH, handle)
    [line] = list(read_records(path))
    assert line.line == 2
    assert RECORD_ADAPTER.validate_python(line.data) == record


def test_a_csv_file_takes_its_type_from_its_name(tmp_path: Path) -> None:
    path = tmp_path / "mentors.csv"
    path.write_text("id,name,skills\nm-9,Hind,comptabilité|fiscalité\n", "utf-8")
    [line] = list(read_records(path))
    assert line.data == {
        "type": "mentor",
        "id": "m-9",
        "name": "Hind",
        "skills": ["comptabilité", "fiscalité"],
    }
