"""Domain errors that every entry point (API, CLI, workers) maps to its own way of failing."""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base of the errors a use case raises on purpose."""


class NotFound(DomainError):
    """No such record, or not one the caller may know of."""


class Forbidden(DomainError):
    """The caller is known but may not do this."""


class Conflict(DomainError):
    """The request clashes with what is stored (an id or email already used)."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of the input."""

    field: str
    message: str
    # What kind of problem (pydantic's error type, or a rule's name), so that a page can say it
    # in the reader's language; None when only the message is known.
    code: str | None = None
    # The bound a number broke (pydantic's ge / le), so that the page can say it.
    limit: int | float | None = None


class InvalidInput(DomainError):
    """The input breaks a rule that a model alone cannot check (age bounds, references)."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


class LimitReached(DomainError):
    """Too many of something in a period (pending requests, requests per day)."""


class InvalidCredentials(DomainError):
    """Wrong e-mail or password, or an unusable token, session or reset link."""


class AccountSuspended(InvalidCredentials):
    """Staff suspended the account: it signs in neither on the pages nor with a token."""
