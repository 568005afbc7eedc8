"""Validation errors that name what is wrong without sending the input back.

A 422 shows at most MAX_ERRORS_SHOWN errors, each input cut to a short excerpt: a 5 MB bio or
a body of 300,000 unknown keys is not echoed (finding 2 of issue 13). Lone surrogates, which
UTF-8 cannot encode, are replaced so that the answer itself never fails (finding 8).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.encoders import jsonable_encoder

MAX_ERRORS_SHOWN = 20
MAX_EXCERPT_CHARS = 80


def excerpt(value: Any) -> str:
    """A short excerpt of an input value, for an error message."""
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= MAX_EXCERPT_CHARS else text[: MAX_EXCERPT_CHARS - 1] + "…"


def printable(value: Any) -> Any:
    """The value with lone surrogates replaced by U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}
    return value


def validation_body(errors: list[Any]) -> dict[str, Any]:
    """FastAPI's validation errors as a 422 body: at most MAX_ERRORS_SHOWN, inputs cut short,
    and how many more there were."""
    shown = []
    for error in errors[:MAX_ERRORS_SHOWN]:
        entry = {key: error[key] for key in ("type", "loc", "msg") if key in error}
        if "input" in error and error["type"] != "missing":
            entry["input"] = excerpt(error["input"])
        shown.append(entry)
    body: dict[str, Any] = {"detail": printable(jsonable_encoder(shown))}
    if len(errors) > MAX_ERRORS_SHOWN:
        body["more_errors"] = len(errors) - MAX_ERRORS_SHOWN
    return body
