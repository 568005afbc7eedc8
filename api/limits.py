"""Throttling (finding 3 of issue 13): one slowapi Limiter per app, Redis-backed when
REDIS_URL is set, in memory otherwise, and in memory for a while when Redis stops answering
(the API keeps serving; limits are then per process).

Routes use the dependencies below rather than slowapi's decorators, because the keys are
not only the address: sign-in failures are counted per account, introductions and
recommendations per signed-in account.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter
from slowapi import Limiter
from slowapi.util import get_remote_address

from api.deps import CurrentActor
from services.settings import Settings

log = logging.getLogger(__name__)
# After Redis fails, counts go to memory for this long before Redis is tried again.
FALLBACK_SECONDS = 30.0
KEY_PREFIX = "multaqa-limits"


# Seconds: a Redis that stopped answering costs a request a quarter of a second, once.
_REDIS_TIMEOUTS: dict[str, Any] = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}


class RateLimited(Exception):
    """Too many requests; `retry_after` seconds until the window resets."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many requests: try again in {retry_after} s")
        self.retry_after = retry_after


class Throttle:
    """Counts hits per rule and key, and refuses past the rule's limit."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.limiter = Limiter(
            key_func=get_remote_address,
            storage_uri=settings.redis_url or "memory://",
            storage_options=_REDIS_TIMEOUTS if settings.redis_url else {},
            key_prefix=KEY_PREFIX,
            strategy="fixed-window",
            enabled=settings.rate_limits_enabled,
        )
        self._memory: RateLimiter = FixedWindowRateLimiter(MemoryStorage())
        self._redis_failed_at = -math.inf

    def _backend(self) -> RateLimiter:
        if time.monotonic() - self._redis_failed_at < FALLBACK_SECONDS:
            return self._memory
        return self.limiter.limiter

    def _call(self, action: Callable[[RateLimiter], bool]) -> tuple[bool, RateLimiter]:
        backend = self._backend()
        try:
            return action(backend), backend
        except Exception as error:  # the storage is down: count in memory for a while
            log.warning("rate-limit storage failed (%s): counting in memory", error)
            self._redis_failed_at = time.monotonic()
            return action(self._memory), self._memory

    def hit(self, rule: str, *keys: str) -> None:
        """Count one hit; RateLimited past the limit."""
        if not self.limiter.enabled:
            return
        item, keys = parse(rule), (KEY_PREFIX, *keys)
        allowed, backend = self._call(lambda b: b.hit(item, *keys))
        if not allowed:
            raise RateLimited(_retry_after(backend, item, keys))

    def check(self, rule: str, *keys: str) -> None:
        """Refuse if the limit is already reached, without counting a hit."""
        if not self.limiter.enabled:
            return
        item, keys = parse(rule), (KEY_PREFIX, *keys)
        allowed, backend = self._call(lambda b: b.test(item, *keys))
        if not allowed:
            raise RateLimited(_retry_after(backend, item, keys))


def _retry_after(backend: RateLimiter, item: RateLimitItem, keys: tuple[str, ...]) -> int:
    try:
        reset = backend.get_window_stats(item, *keys).reset_time
    except Exception:  # noqa: BLE001 - the storage failed between two calls
        return int(item.get_expiry())
    return max(1, math.ceil(reset - time.time()))


def get_throttle(request: Request) -> Throttle:
    return request.app.state.throttle


ThrottleDep = Annotated[Throttle, Depends(get_throttle)]


def client_address(request: Request) -> str:
    """The caller's address (the proxy in front sets it, see README "Deployment")."""
    return get_remote_address(request)


def per_account(rule_name: str) -> Callable[..., None]:
    """A dependency counting one hit of the named rule for the signed-in account."""

    def _limit(actor: CurrentActor, throttle: ThrottleDep) -> None:
        rule = getattr(throttle.settings.rate_limits, rule_name)
        throttle.hit(rule, rule_name, actor.user_id or "system")

    return _limit


def per_address(rule_name: str) -> Callable[..., None]:
    """A dependency counting one hit of the named rule for the calling address."""

    def _limit(request: Request, throttle: ThrottleDep) -> None:
        rule = getattr(throttle.settings.rate_limits, rule_name)
        throttle.hit(rule, rule_name, client_address(request))

    return _limit
