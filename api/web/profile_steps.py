"""The steps of /me (GOV.UK "one thing per page"), and each step's form as record fields.

A youth tells about themselves, then their skills and interests, what they seek and their
project; a mentor their bio and skills, then sectors and capacity; an organisation member
describes the organisation, then its sectors, needs and offers. Each step saves its own fields
(the first one creates the record), so nothing typed is lost between steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from api.web import forms
from matcher.i18n import N_
from models.records import RecordType

LIST_FIELDS = frozenset({"skills", "interests", "sectors", "needs", "offers"})
CHOICE_FIELDS = frozenset({"languages", "seeking"})
# Optional fields: an emptied one is cleared (null), not kept.
OPTIONAL_FIELDS = frozenset({"birth_year", "phone"})


@dataclass(frozen=True)
class Step:
    slug: str  # /me/<slug>
    title: str  # a gettext message id
    fields: tuple[str, ...]  # form fields, in order ("commune" and "project" are grouped)


ABOUT = "about"
STEPS: dict[RecordType, tuple[Step, ...]] = {
    RecordType.YOUTH: (
        Step(
            ABOUT, N_("About you"), ("name", "birth_year", "bio", "commune", "languages", "phone")
        ),
        Step("skills", N_("Your skills and interests"), ("skills", "interests")),
        Step("seeking", N_("What you are looking for"), ("seeking",)),
        Step("project", N_("Your project (if you have one)"), ("project",)),
    ),
    RecordType.MENTOR: (
        Step(ABOUT, N_("About you"), ("name", "bio", "skills", "commune", "languages", "phone")),
        Step(
            "mentoring", N_("Your sectors and how many people you mentor"), ("sectors", "capacity")
        ),
    ),
    RecordType.ORGANIZATION: (
        Step(
            ABOUT,
            N_("About the organisation"),
            ("name", "kind", "description", "commune", "languages", "phone"),
        ),
        Step("needs", N_("Its sectors, needs and offers"), ("sectors", "needs", "offers")),
    ),
}


def steps_of(kind: RecordType) -> tuple[Step, ...]:
    return STEPS.get(kind, ())


def find(kind: RecordType, slug: str) -> tuple[int, Step] | None:
    """The step with this slug and its position (0 = first), or None."""
    for position, step in enumerate(steps_of(kind)):
        if step.slug == slug:
            return position, step
    return None


def step_data(step: Step, form: FormData) -> dict[str, Any]:
    """The step's fields as the record's create/update fields. A field emptied on its step is
    sent empty (or null), so that it is cleared rather than kept."""
    data: dict[str, Any] = {}
    for name in step.fields:
        if name in LIST_FIELDS:
            data[name] = forms.terms(form, name)
        elif name in CHOICE_FIELDS:
            data[name] = forms.choices(form, name)
        elif name == "commune":
            commune = forms.text(form, "commune")
            data["location"] = {"commune": commune} if commune else None
        elif name == "project":
            data["project"] = _project(form)
        elif name == "capacity":
            data["capacity"] = forms.text(form, "capacity") or 2
        elif name in OPTIONAL_FIELDS:
            data[name] = forms.text(form, name) or None
        else:
            data[name] = forms.text(form, name)
    if step.slug == ABOUT and "kind" in step.fields:
        data["kind"] = data["kind"] or None
    return data


def _project(form: FormData) -> dict[str, str] | None:
    title = forms.text(form, "project-title")
    description = forms.text(form, "project-description")
    if not title and not description:
        return None
    stage = forms.text(form, "project-stage") or "idea"
    return {"title": title, "description": description, "stage": stage}
