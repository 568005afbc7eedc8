"""Validation rules of the domain models, without a database."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from models.common import term_key
from models.records import RECORD_ADAPTER
from models.youth import Youth, YouthPublic
from services.importer import _validate_one
from services.policy import policy_errors, submitted_policy_errors
from services.record_files import RawLine
from services.settings import Settings
from tests import factories


def test_a_moroccan_phone_number_is_normalised_to_e164() -> None:
    for raw in ("06 12 34 56 78", "0612345678", "+212 6 12 34 56 78", "00212612345678"):
        assert Youth.model_validate(factories.youth(phone=raw)).phone == "+212612345678"


def test_an_invalid_phone_number_is_refused_with_its_field() -> None:
    with pytest.raises(ValidationError) as error:
        Youth.model_validate(factories.youth(phone="12"))
    assert error.value.errors()[0]["loc"] == ("phone",)


def test_language_codes_are_iso_639_and_lowercased() -> None:
    youth = Youth.model_validate(factories.youth(languages=["AR", "zgh", "fr", "ar"]))
    assert youth.languages == ["ar", "zgh", "fr"]
    with pytest.raises(ValidationError, match="ISO 639"):
        Youth.model_validate(factories.youth(languages=["arabic"]))


def test_a_commune_of_the_province_needs_no_coordinates_and_gets_its_canonical_name() -> None:
    youth = Youth.model_validate(factories.youth(location={"commune": "oued-zem"}))
    assert youth.location is not None and youth.location.commune == "Oued Zem"


def test_a_place_outside_the_province_needs_coordinates() -> None:
    with pytest.raises(ValidationError, match="give lat and lon"):
        Youth.model_validate(factories.youth(location={"commune": "Tanger"}))
    youth = Youth.model_validate(
        factories.youth(location={"commune": "Tanger", "lat": 35.76, "lon": -5.83})
    )
    assert youth.location is not None and youth.location.lat == 35.76


def test_out_of_range_coordinates_are_refused() -> None:
    with pytest.raises(ValidationError):
        Youth.model_validate(factories.youth(location={"commune": "X", "lat": 95, "lon": 0}))


def test_unknown_fields_are_refused_on_write_models() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Youth.model_validate(factories.youth(role="admin"))


def test_texts_are_bounded() -> None:
    with pytest.raises(ValidationError):
        Youth.model_validate(factories.youth(name="x" * 121))
    with pytest.raises(ValidationError):
        Youth.model_validate(factories.youth(skills=[f"skill {i}" for i in range(31)]))


def test_equal_terms_written_differently_are_kept_once() -> None:
    youth = Youth.model_validate(factories.youth(skills=["Soudure", " soudure ", "SOUDURE."]))
    assert youth.skills == ["Soudure"]
    assert term_key("  Développement   Web ") == "développement web"


def test_mentor_capacity_cannot_be_negative() -> None:
    with pytest.raises(ValidationError):
        RECORD_ADAPTER.validate_python(factories.mentor(capacity=-1))


def test_an_offer_cannot_expire_before_it_is_published() -> None:
    with pytest.raises(ValidationError, match="before published_on"):
        RECORD_ADAPTER.validate_python(
            factories.job_offer(published_on="2026-05-01", expires_on="2026-04-01")
        )
    with pytest.raises(ValidationError, match="before published_on"):
        RECORD_ADAPTER.validate_python(
            factories.job_offer(published_on="2026-05-01", expires_on="2026-04-29")
        )
    # Closed on the day it was published: its last day to apply is the day before.
    closed = factories.job_offer(published_on="2026-05-01", expires_on="2026-04-30")
    assert RECORD_ADAPTER.validate_python(closed).published_on == dt.date(2026, 5, 1)


def test_the_age_bounds_are_configurable() -> None:
    today = dt.date(2026, 6, 1)
    young = Youth.model_validate(factories.youth(birth_year=2010))  # 16
    assert policy_errors(young, Settings(), today=today)[0].field == "birth_year"
    assert policy_errors(young, Settings(youth_min_age=15), today=today) == []
    old = Youth.model_validate(factories.youth(birth_year=1980))
    assert policy_errors(old, Settings(), today=today)


def test_the_age_bounds_are_told_beside_the_models_own_errors() -> None:
    """A form or an import line shows every error at once, not the rules' after the model's."""
    settings = Settings()
    data = factories.youth(birth_year=str(factories.THIS_YEAR - 11), phone="12")
    raw = RawLine("youths.jsonl", 7, data)
    _, errors = _validate_one(raw, settings)
    assert {(e.line, e.field) for e in errors} == {(7, "phone"), (7, "birth_year")}
    assert [e.code for e in errors if e.field == "birth_year"] == ["age_bounds"]
    # Not when the birth year is itself wrong, nor for other records.
    assert submitted_policy_errors("youth", data, settings, invalid={"birth_year"}) == []
    wrong_year = data | {"birth_year": "20x5"}
    assert submitted_policy_errors("youth", wrong_year, settings, invalid=()) == []
    assert submitted_policy_errors("mentor", data, settings, invalid=()) == []


def test_the_public_view_of_a_youth_holds_no_contact_details() -> None:
    assert not {"email", "phone", "birth_year", "gender"} & set(YouthPublic.model_fields)


def test_production_refuses_the_placeholder_secret() -> None:
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings(env="production")
