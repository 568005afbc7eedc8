"""In-app notifications, as their recipients read them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class Notification(BaseModel):
    id: str
    event: str
    text: str
    introduction_id: str | None = None
    about_id: str | None = None
    offer_id: str | None = None  # the job offer an application or invitation is for
    party_id: str
    created_at: dt.datetime
    read_at: dt.datetime | None = None
