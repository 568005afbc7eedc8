"""Throttling of the pages and the API alike: one slowapi Limiter per app, Redis-backed when
REDIS_URL is set, in memory otherwise, and in memory for a while when Redis stops answering
(the app keeps serving; limits are then per process).

The rules are the `rate_limits` settings. Routes and pages use the dependencies below rather
than slowapi's decorators because not every key is the address: failed sign-ins are counted
per account too, introductions and suggestions per signed-in account.
"""

# No `from __future__ import annotations` here: the dependencies built in per_account name a
# local in their annotations, which FastAPI can only read when annotations are evaluated.
import logging
import math
import time
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter
from slowapi import Limiter
from slowapi.util import get_remote_address

from api.deps import get_actor
from services.access import Actor
from services.errors import InvalidCredentials
from services.settings import Settings

log = logging.getLogger(__name__)
# After Redis fails, counts go to memory for this long before Redis is tried again.
FALLBACK_SECONDS = 30.0
KEY_PREFIX = "multaqa-limits"
# Seconds: a Redis that stopped answering costs a request a quarter of a second, once.
_REDIS_TIMEOUTS: dict[str, Any] = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
T = TypeVar("T")


class RateLimited(Exception):
    """Too many requests; `retry_after` seconds until the window resets."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many requests: try again in {retry_after} s")
        self.retry_after = retry_after


class Throttle:
    """Counts hits per rule and key, and refuses past the rule's limits."""

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

    def hit(self, rule_name: str, key: str) -> None:
        """Count one hit of the named rule for `key`; RateLimited past any of its limits."""
        self._apply(rule_name, key, count=True)

    def check(self, rule_name: str, key: str) -> None:
        """Refuse if a limit of the named rule is already reached, without counting a hit."""
        self._apply(rule_name, key, count=False)

    def _apply(self, rule_name: str, key: str, *, count: bool) -> None:
        if not self.limiter.enabled:
            return
        keys = (KEY_PREFIX, rule_name, key)
        for item in parse_many(getattr(self.settings.rate_limits, rule_name)):
            allowed, backend = self._call("hit" if count else "test", item, keys)
            if not allowed:
                raise RateLimited(_retry_after(backend, item, keys))

    def _backend(self) -> RateLimiter:
        if time.monotonic() - self._redis_failed_at < FALLBACK_SECONDS:
            return self._memory
        return self.limiter.limiter

    def _call(
        self, method: str, item: RateLimitItem, keys: tuple[str, ...]
    ) -> tuple[bool, RateLimiter]:
        """`hit` or `test` on the storage in use; on a storage failure, on memory."""
        backend = self._backend()
        try:
            return bool(getattr(backend, method)(item, *keys)), backend
        except Exception as error:  # the storage is down: count in memory for a while
            log.warning("rate-limit storage failed (%s): counting in memory", error)
            self._redis_failed_at = time.monotonic()
            return bool(getattr(self._memory, method)(item, *keys)), self._memory


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
    """The caller's address (behind a proxy, uvicorn's --proxy-headers sets it)."""
    return get_remote_address(request)


def per_account(
    rule_name: str, actor_from: Callable[..., Actor] = get_actor
) -> Callable[..., None]:
    """A dependency counting one hit of the named rule for the signed-in account (the API's
    bearer token by default; pages pass their session's actor)."""

    def _limit(actor: Annotated[Actor, Depends(actor_from)], throttle: ThrottleDep) -> None:
        throttle.hit(rule_name, actor.user_id or "system")

    return _limit


def per_address(rule_name: str) -> Callable[..., None]:
    """A dependency counting one hit of the named rule for the calling address."""

    def _limit(request: Request, throttle: ThrottleDep) -> None:
        throttle.hit(rule_name, client_address(request))

    return _limit


def guarded_sign_in(
    request: Request, throttle: Throttle, email: str, attempt: Callable[[], T]
) -> T:
    """Run a sign-in attempt unless this account or address failed too often; a failure is
    counted against both (a right password is never slowed down by them)."""
    keys = {
        "sign_in_failures_per_account": email.strip().lower(),
        "sign_in_failures_per_address": client_address(request),
    }
    for rule_name, key in keys.items():
        throttle.check(rule_name, key)
    try:
        return attempt()
    except InvalidCredentials:
        for rule_name, key in keys.items():
            throttle.hit(rule_name, key)
        raise
