"""What the bot sent to the stand-in (Call), waiting for it from any thread, and test handles."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Call:
    """One HTTP request the bot made. kind: callback, followup, edit_original, channel_message,
    sync, typing, reaction (json: the emoji), thread, login, other, unknown."""

    kind: str
    method: str
    path: str
    json: Any = None
    status: int = 200
    response: Any = None
    query: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    interaction_id: str | None = None
    token: str | None = None
    channel_id: str | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def message(self) -> dict:
        """The message payload sent: a callback's data, or the body of a message request."""
        if self.kind == "callback":
            return (self.json or {}).get("data") or {}
        return self.json or {}

    @property
    def ok(self) -> bool:
        return self.status < 300


class Recorder:
    """Thread-safe list of calls; wait_for works from any event loop."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._waiters: list[
            tuple[Callable[[Call], bool], asyncio.Future, asyncio.AbstractEventLoop]
        ] = []

    def add(self, call: Call) -> Call:
        with self._lock:
            self.calls.append(call)
            for waiter in list(self._waiters):
                predicate, future, loop = waiter
                if predicate(call):
                    self._waiters.remove(waiter)
                    loop.call_soon_threadsafe(_resolve, future, call)
        return call

    def where(self, predicate: Callable[[Call], bool]) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if predicate(c)]

    async def wait_for(self, predicate: Callable[[Call], bool], timeout: float, what: str) -> Call:
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        with self._lock:
            for call in self.calls:
                if predicate(call):
                    return call
            waiter = (predicate, future, loop)
            self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise AssertionError(f"no {what} within {timeout} s") from None
        finally:
            with self._lock:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)


def _resolve(future: asyncio.Future, call: Call) -> None:
    if not future.done():
        future.set_result(call)


@dataclass
class InteractionHandle:
    """An interaction the test sent; await what the bot answered."""

    recorder: Recorder
    id: str
    token: str
    payload: dict
    sent_at: float = field(default_factory=time.monotonic)

    async def callback(self, timeout: float = 5.0) -> Call:
        """The bot's first response (type 4 message, 5 deferred, 6/7 component, 8 choices)."""
        return await self.recorder.wait_for(
            lambda c: c.kind == "callback" and c.interaction_id == self.id,
            timeout,
            f"callback for interaction {self.id}",
        )

    async def deferred(self, timeout: float = 3.0) -> Call:
        return await self.callback(timeout)

    async def final(self, timeout: float = 15.0) -> Call:
        """The answer: the callback itself, or after a deferral the follow-up / @original edit."""
        first = await self.callback(timeout)
        if first.json.get("type") not in (5, 6):
            return first
        return await self.recorder.wait_for(
            lambda c: c.token == self.token and c.kind in ("followup", "edit_original") and c.ok,
            timeout,
            f"answer to interaction {self.id}",
        )

    def calls(self) -> list[Call]:
        return self.recorder.where(lambda c: c.interaction_id == self.id or c.token == self.token)


@dataclass
class MessageHandle:
    """A message the test posted as a user; await the bot's reply to it."""

    recorder: Recorder
    message: dict
    sent_at: float = field(default_factory=time.monotonic)

    @property
    def id(self) -> str:
        return self.message["id"]

    async def reply(self, timeout: float = 15.0) -> Call:
        return await self.recorder.wait_for(
            lambda c: (
                c.kind == "channel_message"
                and c.ok
                and str(((c.json or {}).get("message_reference") or {}).get("message_id"))
                == self.id
            ),
            timeout,
            f"reply to message {self.id}",
        )
