"""ChannelGate: at most N answers worked on at once per channel, a bounded line behind them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

FIRST_GUESS = 2.0  # seconds an answer takes, until answers have been timed
SMOOTHING = 0.2  # weight of the newest answer's time in the running average


class _Channel:
    def __init__(self, answers: int) -> None:
        self.slots = asyncio.Semaphore(answers)
        self.present = 0  # answers under way plus questions waiting for a slot


class Ticket:
    """A place in a channel's line: `async with ticket:` waits for a slot and holds it.
    A ticket that will not be used must be `cancel()`ed, or its place stays taken."""

    def __init__(self, gate: ChannelGate, channel_id: int, channel: _Channel) -> None:
        self._gate, self._channel_id, self._channel = gate, channel_id, channel
        self._started: float | None = None
        self._left = False

    async def __aenter__(self) -> Ticket:
        try:
            await self._channel.slots.acquire()
        except BaseException:  # cancelled while waiting: give the place up
            self.cancel()
            raise
        self._started = self._gate.clock()
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._channel.slots.release()
        started = self._started
        self._leave(None if started is None else self._gate.clock() - started)

    def cancel(self) -> None:
        self._leave(None)

    def _leave(self, seconds: float | None) -> None:
        if not self._left:
            self._left = True
            self._gate._leave(self._channel_id, self._channel, seconds)


class ChannelGate:
    """Per channel: `answers` slots and a line of at most `queue` questions waiting for one.
    Channels with nothing under way are forgotten, so memory follows the channels in use."""

    def __init__(
        self, answers: int, queue: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.answers = answers
        self.queue = queue
        self.clock = clock
        self.average = FIRST_GUESS  # seconds an answer takes, smoothed
        self._channels: dict[int, _Channel] = {}

    def enter(self, channel_id: int) -> Ticket | None:
        """A place in the channel's line, or None when the line is full."""
        channel = self._channels.get(channel_id)
        if channel is None:
            channel = self._channels[channel_id] = _Channel(self.answers)
        if channel.present >= self.answers + self.queue:
            return None
        channel.present += 1
        return Ticket(self, channel_id, channel)

    def busy(self, channel_id: int) -> int:
        """Answers under way and questions waiting in the channel."""
        channel = self._channels.get(channel_id)
        return channel.present if channel else 0

    def retry_after(self) -> float:
        """About how long until a full line has room again: one answer's time, on average."""
        return self.average

    def _leave(self, channel_id: int, channel: _Channel, seconds: float | None) -> None:
        channel.present -= 1
        if seconds is not None:
            self.average += SMOOTHING * (seconds - self.average)
        if channel.present <= 0 and self._channels.get(channel_id) is channel:
            del self._channels[channel_id]
