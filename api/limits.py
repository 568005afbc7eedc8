"""Throttling with slowapi: one Limiter for the app (Redis when REDIS_URL is set, else memory).

Pages throttle sign-in, sign-up and password reset per client address; the rate is the
`page_auth_rate` setting (e.g. "10/minute"), read when a request is counted.
"""

from __future__ import annotations

import os

from fastapi import Request
from slowapi import Limiter
from slowapi.util import get_remote_address

from services.settings import get_settings


def _storage_uri() -> str:
    url = os.environ.get("REDIS_URL") or os.environ.get("MULTAQA_REDIS_URL")
    return url or "memory://"


def client_key(request: Request) -> str:
    """The client address, within the app's scope: one scope for every process of a
    deployment (they share Redis), a private one per app in tests (each starts at zero)."""
    scope = getattr(request.app.state, "limit_scope", "multaqa")
    return f"{scope}:{get_remote_address(request)}"


limiter = Limiter(key_func=client_key, storage_uri=_storage_uri())


def page_auth_rate() -> str:
    """How many sign-in, sign-up or reset posts one address may make (a setting)."""
    return get_settings().page_auth_rate
