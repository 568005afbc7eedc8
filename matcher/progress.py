"""Progress of a long computation, told as it goes to whoever runs it.

The matcher stays pure: a computation takes a `Report` callback and calls it at each stage
and step; the service running a background job writes what it hears into the job
(`services.jobs.Progress`), which the staff pages show. Stages are short keys ("scoring",
"solving"...) that the pages name in the reader's language.
"""

from __future__ import annotations

from typing import Protocol


class Report(Protocol):
    """Called with the current stage, how far it is (`done` of `total`, 0 when not counted)
    and, for optimisers, the objective of the best solution so far."""

    def __call__(
        self, stage: str, done: int = 0, total: int = 0, *, value: float | None = None
    ) -> None: ...


def silent(stage: str, done: int = 0, total: int = 0, *, value: float | None = None) -> None:
    """A report that tells nobody: the default when nothing follows the computation."""
