"""The text of a record that its embedding is computed from.

One function per kind, so that what the encoder sees is explicit: the words a person or an
organisation chose to describe themself, their skills and sectors, never contact details.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SEPARATOR = ". "


def _join(parts: Iterable[str | None]) -> str:
    return SEPARATOR.join(part.strip() for part in parts if part and part.strip())


def _listed(items: Iterable[str]) -> str:
    return ", ".join(items)


def profile_text(record: dict[str, Any]) -> str:
    """The whole profile as one text (a record of the import contract, as a dict)."""
    kind = record["type"]
    if kind == "youth":
        project = record.get("project") or {}
        return _join(
            [
                record.get("bio"),
                _listed(record.get("skills", [])),
                _listed(record.get("interests", [])),
                project.get("title"),
                project.get("description"),
            ]
        )
    if kind == "mentor":
        return _join(
            [
                record.get("bio"),
                _listed(record.get("skills", [])),
                _listed(record.get("sectors", [])),
            ]
        )
    if kind == "organization":
        return _join(
            [
                record.get("name"),
                record.get("description"),
                _listed(record.get("sectors", [])),
                _listed(record.get("offers", [])),
            ]
        )
    if kind == "job_offer":
        return _join(
            [
                record.get("title"),
                record.get("description"),
                _listed(record.get("required_skills", [])),
            ]
        )
    raise ValueError(f"no profile text for records of type {kind!r}")


def needs_text(record: dict[str, Any]) -> str:
    """What an organisation or a project holder is looking for (to meet others' offers)."""
    if record["type"] == "organization":
        return _listed(record.get("needs", []))
    if record["type"] == "youth":
        project = record.get("project") or {}
        return _join([project.get("title"), project.get("description")])
    return ""


def offers_text(record: dict[str, Any]) -> str:
    """What an organisation brings to partners."""
    return _listed(record.get("offers", [])) if record["type"] == "organization" else ""
