"""Platform rules that depend on configuration, checked on every write path.

They are checked on the values as submitted too when the model rejects other fields, so that a
form or an import line shows every error at once rather than the rules' after the model's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from models.records import Record
from models.youth import Youth
from services.errors import FieldError
from services.settings import Settings


def policy_errors(
    record: Record, settings: Settings, *, today: dt.date | None = None
) -> list[FieldError]:
    """What in a validated record breaks the platform's rules (today: the youth age bounds)."""
    if not isinstance(record, Youth) or record.birth_year is None:
        return []
    return _age_errors(record.birth_year, settings, today)


def submitted_policy_errors(
    kind: str,
    data: Mapping[str, Any],
    settings: Settings,
    *,
    invalid: Collection[str],
    today: dt.date | None = None,
) -> list[FieldError]:
    """The rules broken by submitted values that the model could not validate as a whole,
    for the fields it found no error in (`invalid`: the fields it did)."""
    if kind != "youth" or "birth_year" in invalid:
        return []
    try:
        birth_year = int(str(data.get("birth_year")).strip())
    except ValueError:
        return []
    return _age_errors(birth_year, settings, today)


def _age_errors(birth_year: int, settings: Settings, today: dt.date | None) -> list[FieldError]:
    age = (today or dt.date.today()).year - birth_year
    if settings.youth_min_age <= age <= settings.youth_max_age:
        return []
    return [
        FieldError(
            "birth_year",
            f"age {age} is outside {settings.youth_min_age}–{settings.youth_max_age}",
            code="age_bounds",
        )
    ]
