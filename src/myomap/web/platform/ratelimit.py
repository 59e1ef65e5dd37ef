"""Rate limits: at most N hits per window for one key (an address or an account).

In-process: each worker counts for itself, so with W workers a client may get up to W×N
through per window (docs/security.md says so). Sign-in failures are also counted per email
in the database (``storage/accounts.py``), which holds across workers.

>>> limiter = RateLimiter()
>>> [limiter.hit("login:10.0.0.1", limit=2, window=60.0, at=0.0) for _ in range(3)]
[0, 0, 60]
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

__all__ = ["RateLimiter"]

MAX_KEYS = 100_000


class RateLimiter:
    """A sliding log of hit times per key; thread-safe."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, *, limit: int, window: float, at: float | None = None) -> int:
        """Count a hit; 0 if allowed, else the seconds to wait before the next one."""
        if limit <= 0:
            return 0
        stamp = time.monotonic() if at is None else at
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                if len(self._hits) >= MAX_KEYS:
                    self._forget(stamp, window)
                hits = self._hits[key] = deque()
            while hits and hits[0] <= stamp - window:
                hits.popleft()
            if len(hits) >= limit:
                return max(1, math.ceil(hits[0] + window - stamp))
            hits.append(stamp)
            return 0

    def _forget(self, stamp: float, window: float) -> None:
        stale = [k for k, v in self._hits.items() if not v or v[-1] <= stamp - window]
        for key in stale or list(self._hits)[: MAX_KEYS // 2]:
            del self._hits[key]
