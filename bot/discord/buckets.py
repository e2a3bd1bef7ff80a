"""Per-member token buckets: a burst of questions, then one every few seconds."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

QUESTION = 1.0  # /ask and a mention: the engine searches and answers
LISTING = 0.5  # /country and /sources: read off the catalogue, no search


@dataclass
class _Bucket:
    tokens: float
    at: float  # when tokens was last brought up to date
    told_until: float = 0.0  # a refusal notice covers this member's refusals until then


class MemberBuckets:
    """Each member holds up to `burst` tokens, one coming back every `interval` seconds; a
    command takes its cost. Bounded: the least recently seen members are forgotten (a forgotten
    member starts again with a full bucket, which is what they would have by then anyway)."""

    def __init__(
        self,
        burst: int,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_members: int = 10_000,
    ) -> None:
        self.burst = burst
        self.interval = interval
        self._clock = clock
        self._max_members = max_members
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()

    def _bucket(self, member_id: int) -> _Bucket:
        now = self._clock()
        bucket = self._buckets.get(member_id)
        if bucket is None:
            bucket = self._buckets[member_id] = _Bucket(float(self.burst), now)
        else:
            refill = (now - bucket.at) / self.interval if self.interval > 0 else self.burst
            bucket.tokens = min(self.burst, bucket.tokens + refill)
            bucket.at = now
        self._buckets.move_to_end(member_id)
        while len(self._buckets) > self._max_members:
            self._buckets.popitem(last=False)
        return bucket

    def take(self, member_id: int, cost: float = QUESTION) -> float:
        """0 if the member may go ahead (cost is taken), else the seconds until they may."""
        if self.interval <= 0:
            return 0.0
        bucket = self._bucket(member_id)
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return 0.0
        return (cost - bucket.tokens) * self.interval

    def give_back(self, member_id: int, cost: float = QUESTION) -> None:
        """Returns a cost taken for a command that was then not run (e.g. a full channel)."""
        if self.interval > 0:
            bucket = self._bucket(member_id)
            bucket.tokens = min(self.burst, bucket.tokens + cost)

    def first_notice(self, member_id: int, wait: float) -> bool:
        """Whether a refusal should be told in words: the first one in a wait is, the ones
        after it (a member who keeps going) are not, until that wait is over."""
        bucket = self._bucket(member_id)
        now = self._clock()
        if now < bucket.told_until:
            return False
        bucket.told_until = now + wait
        return True
