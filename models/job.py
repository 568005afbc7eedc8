"""Background jobs started from a page (imports, cohort drafts, event schedules): their state
and progress, as the page that polls them shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, Field


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    REJECTED = "rejected"  # the input was refused (an import with invalid rows): nothing written
    FAILED = "failed"  # an unexpected error; the message is kept

    @property
    def finished(self) -> bool:
        return self not in (JobStatus.QUEUED, JobStatus.RUNNING)


@dataclass(frozen=True)
class Job:
    """One background job: what it is about, where it is, and its result once finished."""

    id: str
    kind: str  # "import", ...
    status: JobStatus
    stage: str  # what it is doing now ("writing", "embedding", "solving", ...)
    done: int
    total: int
    value: float | None  # an optimiser's best objective so far
    created_at: dt.datetime
    created_by: str | None
    subject: str | None  # what it works on: a file name, a cohort or event id
    result: str | None  # the kind's own result, as JSON
    error: str | None
    finished_at: dt.datetime | None
    has_input: bool = False  # it still keeps its uploaded file

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0


class ImportLineProblem(BaseModel):
    """One invalid row of an import, as a page shows it (the reason by its code)."""

    source: str  # the sheet or file
    line: int
    field: str
    code: str | None = None
    message: str  # in English, for the CLI and logs
    value: str | None = None  # what the cell held, shortened

    @property
    def column(self) -> str:
        """The column as the file names it: "languages" for its first item "languages.0"
        (the item is shown by its value)."""
        return ".".join(part for part in self.field.split(".") if not part.isdigit())


class ImportOutcome(BaseModel):
    """What an import job found and did."""

    encoding: str | None = None  # how a CSV file was read
    lines: int = 0  # records read
    created: dict[str, int] = Field(default_factory=dict)
    updated: dict[str, int] = Field(default_factory=dict)
    unchanged: dict[str, int] = Field(default_factory=dict)
    embedded: int = 0
    skipped_invalid: bool = False
    error_count: int = 0  # problems found (a row may have several)
    invalid_rows: int = 0
    errors: list[ImportLineProblem] = Field(default_factory=list)  # the first MAX_SHOWN

    def total(self, counts: dict[str, int]) -> int:
        return sum(counts.values())
