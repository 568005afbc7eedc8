"""Reading and writing record files, without a database."""

from __future__ import annotations

from pathlib import Path

from models.records import RECORD_ADAPTER, RecordType
from services.record_files import detected_encoding, read_bytes, read_records, write_csv
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


def test_an_excel_workbook_gives_one_record_type_per_sheet_with_its_row_numbers() -> None:
    content = factories.workbook(
        {
            "Youths": [
                ["id", "name", "birth_year", "skills", "location.commune"],
                ["y-1", "سلمى", 2001.0, "couture|خياطة", "Oued Zem"],
                [None, None, None, None, None],
                ["y-2", "Youssef", 1999, None, "Khouribga"],
            ],
            "Offres": [["id", "title", "organization_id"], ["j-1", "Soudeur", "o-1"]],
        }
    )
    lines = list(read_bytes("lists.xlsx", content))
    assert [(line.source, line.line) for line in lines] == [
        ("Youths", 2),
        ("Youths", 4),
        ("Offres", 2),
    ]
    assert lines[0].data == {
        "type": "youth",
        "id": "y-1",
        "name": "سلمى",
        "birth_year": "2001",
        "skills": ["couture", "خياطة"],
        "location": {"commune": "Oued Zem"},
    }
    assert lines[2].data == {
        "type": "job_offer",
        "id": "j-1",
        "title": "Soudeur",
        "organization_id": "o-1",
    }


def test_a_sheet_with_a_type_column_holds_several_record_types() -> None:
    content = factories.workbook(
        {"Liste": [["type", "id", "name"], ["mentor", "m-1", "Karim"], ["youth", "y-1", "Amal"]]}
    )
    assert [line.data["type"] for line in read_bytes("x.xlsx", content) if line.data] == [
        "mentor",
        "youth",
    ]


def test_a_file_that_is_not_a_workbook_is_one_unreadable_line() -> None:
    [line] = list(read_bytes("lists.xlsx", b"not a zip"))
    assert line.data is None and line.problem and "not an Excel workbook" in line.problem


def test_a_windows_1256_csv_is_detected_and_read_with_its_arabic() -> None:
    content = "id;name;skills\ny-1;سلمى بناني;خياطة|طبخ\n".encode("cp1256")
    assert detected_encoding(content) == "cp1256"
    [line] = list(read_bytes("youths.csv", content))
    assert line.data == {
        "type": "youth",
        "id": "y-1",
        "name": "سلمى بناني",
        "skills": ["خياطة", "طبخ"],
    }
    # Chosen on the page, the encoding is used as given.
    assert list(read_bytes("youths.csv", content, encoding="cp1256")) == [line]


def test_a_utf8_csv_with_a_byte_order_mark_keeps_its_first_column() -> None:
    content = "\ufeffid,name\ny-1,سلمى\n".encode()
    assert detected_encoding(content) == "utf-8"
    [line] = list(read_bytes("youths.csv", content))
    assert line.data == {"type": "youth", "id": "y-1", "name": "سلمى"}
