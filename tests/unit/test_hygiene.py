"""Finding 8 of issue 13: text normalised and cleaned, formula cells neutralised, encodings."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from pydantic import ValidationError

from models.records import RECORD_ADAPTER, RecordType
from models.user import UserCreate
from models.youth import YouthCreate
from services.record_files import read_records, write_csv
from tests import factories


@pytest.mark.parametrize(
    "name",
    ["\u200b\u200b", "\u200b\ufeff\u2060", "Amina\x00", "\u202eanimA", "Ami\u202dna", "\x07"],
)
def test_names_of_invisible_or_control_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        YouthCreate(name=name)
    assert refused.value.errors()[0]["loc"] == ("name",)


def test_an_invisible_character_inside_a_name_is_removed_so_look_alikes_are_one() -> None:
    assert YouthCreate(name="Mentor AuditA\u200b").name == "Mentor AuditA"


def test_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Hélène, École de Oued Zem")
    youth = YouthCreate(name=decomposed, bio=decomposed, skills=[decomposed])
    assert youth.name == youth.bio == youth.skills[0] == "Hélène, École de Oued Zem"


def test_a_lone_surrogate_or_control_character_is_refused_in_any_text() -> None:
    with pytest.raises(ValidationError) as email:
        UserCreate(email="a\ud800@x.org", password="long enough passphrase")
    assert email.value.errors()[0]["loc"] == ("email",)
    with pytest.raises(ValidationError):
        YouthCreate(name="Amina", bio="line\x1bescape")
    assert YouthCreate(name="Amina", bio="two\nlines\ttab").bio == "two\nlines\ttab"


def test_csv_export_neutralises_formula_cells_and_import_gives_them_back(tmp_path: Path) -> None:
    bio = '=HYPERLINK("http://evil.example","click")'
    record = RECORD_ADAPTER.validate_python(
        factories.youth(bio=bio, skills=["@SUM(A1)", "soudure"], project=None)
    )
    path = tmp_path / "youths.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv([record], RecordType.YOUTH, handle)
    [row] = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert all(
        not cell.startswith(("=", "+", "-", "@")) or cell[1:].isdigit() for cell in row.values()
    )
    assert row["bio"] == "'" + bio
    [line] = list(read_records(path))
    assert RECORD_ADAPTER.validate_python(line.data) == record


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256", "utf-16"])
def test_a_csv_file_is_read_in_utf8_with_or_without_bom_windows_1256_or_utf16(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "mentors.csv"
    path.write_bytes("id,name,skills\nm-9,هند الإدريسي,محاسبة|fiscalité\n".encode(encoding))
    [line] = list(read_records(path))
    assert line.data == {
        "type": "mentor",
        "id": "m-9",
        "name": "هند الإدريسي",
        "skills": ["محاسبة", "fiscalité"],
    }
