"""Platform rules that depend on configuration, checked on every write path."""

from __future__ import annotations

import datetime as dt

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
    age = (today or dt.date.today()).year - record.birth_year
    if settings.youth_min_age <= age <= settings.youth_max_age:
        return []
    return [
        FieldError(
            "birth_year",
            f"age {age} is outside {settings.youth_min_age}–{settings.youth_max_age}",
            code="age_bounds",
        )
    ]
