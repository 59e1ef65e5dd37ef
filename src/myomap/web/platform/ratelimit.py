"""Rate limits: at most N hits per moving window for one key (an address or an account).

Counted by the ``limits`` library (moving window: the exact log of hits in the last
window). With ``MYOMAP_REDIS_URL`` the log lives in Redis, so every worker of every
instance counts against the same limit; without it, in this process's memory (local mode,
or one worker of one instance). If Redis cannot be reached within ``REDIS_TIMEOUT``, a
limited request gets 503 with Retry-After (``LimiterUnavailable``) rather than going through
unlimited; routes without a limit keep working.

>>> limiter = RateLimiter()
>>> [limiter.hit("login:10.0.0.1", limit=2, window=60.0) > 0 for _ in range(3)]
[False, False, True]
"""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import TYPE_CHECKING

from myomap.errors import MyomapError

if TYPE_CHECKING:
    from limits.strategies import MovingWindowRateLimiter

__all__ = ["NAMESPACE", "LimiterUnavailable", "RateLimiter"]

NAMESPACE = "myomap"
"""The first part of every key, so several applications can share one Redis."""
REDIS_TIMEOUT = 2.0
"""Seconds to wait for Redis before answering 503."""

log = logging.getLogger("myomap.web")


class LimiterUnavailable(MyomapError):
    """The shared rate-limit store (Redis) did not answer: try again soon (503)."""

    status = 503

    def __init__(self) -> None:
        super().__init__("The server cannot check its rate limits just now; try again soon.")
        self.retry_after = 5


class RateLimiter:
    """Moving-window limits in Redis (``redis_url``) or in memory; safe across threads."""

    def __init__(self, redis_url: str | None = None) -> None:
        self.shared = bool(redis_url)
        self._redis_url = redis_url
        self._made: list[MovingWindowRateLimiter] = []
        self._lock = threading.Lock()
        if redis_url:  # a shared store is set up at start, as it always was
            self._strategy()

    def _strategy(self) -> MovingWindowRateLimiter:
        """The counting strategy; in memory it is made on the first limited request, so
        the library (about 0.1 s to import) does not delay the server's start."""
        with self._lock:
            if not self._made:
                from limits.storage import MemoryStorage, RedisStorage
                from limits.strategies import MovingWindowRateLimiter

                storage: MemoryStorage | RedisStorage = (
                    RedisStorage(
                        self._redis_url,
                        wrap_exceptions=True,
                        socket_timeout=REDIS_TIMEOUT,
                        socket_connect_timeout=REDIS_TIMEOUT,
                    )
                    if self._redis_url
                    else MemoryStorage()
                )
                self._made.append(MovingWindowRateLimiter(storage))
            return self._made[0]

    def hit(self, key: str, *, limit: int, window: float) -> int:
        """Count a hit; 0 if allowed, else the seconds to wait before the next one."""
        if limit <= 0:
            return 0
        from limits import RateLimitItemPerSecond
        from limits.errors import StorageError

        strategy = self._strategy()
        item = RateLimitItemPerSecond(limit, max(1, round(window)))
        try:
            if strategy.hit(item, NAMESPACE, key):
                return 0
            reset = strategy.get_window_stats(item, NAMESPACE, key).reset_time
        except StorageError as exc:
            log.error("rate-limit store unavailable: %s", exc.storage_error)
            raise LimiterUnavailable() from exc
        return max(1, math.ceil(reset - time.time()))
