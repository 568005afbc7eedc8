"""Files the API hands out (CSV tables, calendars): a body, its type and a name to save it as."""

from fastapi import Response


def attachment(body: str | bytes, *, media_type: str, filename: str) -> Response:
    """A response the browser saves as `filename` instead of showing it."""
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
