"""A page's error summary lists its errors in the order of the fields on the page."""

from __future__ import annotations

from api.web import forms
from services.errors import FieldError


def test_errors_follow_the_fields_of_the_page_whatever_found_them_first() -> None:
    found = [
        FieldError("phone", "wrong", "phone"),  # the model's error
        FieldError("project.title", "missing", "missing"),
        FieldError("unknown", "wrong"),
        FieldError("birth_year", "age 11 is outside 18–35", "age_bounds"),  # a rule's, later
    ]
    shown = forms.in_form_order(
        forms.shown_errors(found, "fr"), ("name", "birth_year", "project", "phone")
    )
    assert [e.field for e in shown] == ["birth_year", "project-title", "phone", "unknown"]
