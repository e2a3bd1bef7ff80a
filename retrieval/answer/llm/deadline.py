"""An iterator that gives up after a time limit, whatever the provider behind it does."""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


def within(seconds: float, produce: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The items `produce()` yields, made in a worker thread; TimeoutError once `seconds` pass.

    An in-process model cannot be interrupted and an HTTP client's timeout is per read, not per
    answer: only a deadline held outside the producer bounds the whole answer. A producer left
    behind stops at its next item.
    """
    items: queue.Queue = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        try:
            for item in produce():
                if stop.is_set():
                    return
                items.put((item, None))
            items.put((_END, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer as it is
            items.put((_END, exc))

    context = contextvars.copy_context()  # LangChain's callbacks and config travel in it
    threading.Thread(target=context.run, args=(work,), daemon=True, name="llm-call").start()
    end = time.monotonic() + seconds
    try:
        while True:
            try:
                item, error = items.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"no answer within {seconds:g}s") from None
            if error is not None:
                raise error
            if item is _END:
                return
            yield item
    finally:
        stop.set()
