"""Cooldowns: one question per user per N seconds, shared by every command that asks the engine."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable


class Cooldowns:
    """Remembers when each user last asked; bounded so that it cannot grow without end."""

    def __init__(
        self,
        seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_users: int = 10_000,
    ) -> None:
        self.seconds = seconds
        self._clock = clock
        self._max_users = max_users
        self._last: OrderedDict[int, float] = OrderedDict()

    def retry_after(self, user_id: int) -> float:
        """0 if the user may ask now (and the question is counted), else seconds left to wait."""
        if self.seconds <= 0:
            return 0.0
        now = self._clock()
        last = self._last.get(user_id)
        if last is not None and now - last < self.seconds:
            return self.seconds - (now - last)
        self._last[user_id] = now
        self._last.move_to_end(user_id)
        while len(self._last) > self._max_users:
            self._last.popitem(last=False)
        return 0.0
