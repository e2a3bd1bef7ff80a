"""The bot's background feed refresh: every BILATERAL_FEED_REFRESH_MINUTES (0: never), on a
thread of its own, so that questions never wait for a feed or a page to download."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)


class FeedRefresher:
    """Runs `engine.refresh_feeds()` at start, then every `minutes`; an engine without feeds
    (none followed, or no such method) costs nothing. A failed refresh is logged, never fatal."""

    def __init__(self, engine: object, minutes: float) -> None:
        self.refresh = getattr(engine, "refresh_feeds", None)
        self.interval = minutes * 60
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-refresh")
        self.task: asyncio.Task | None = None
        self.runs = 0

    def start(self) -> None:
        if self.interval > 0 and self.refresh is not None and self.task is None:
            self.task = asyncio.create_task(self._every_interval(), name="feed-refresh")

    async def _every_interval(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                report = await loop.run_in_executor(self.pool, self.refresh)  # type: ignore[arg-type]
                for feed in getattr(report, "feeds", ()):
                    (log.info if feed.ok else log.warning)("feed %s: %s", feed.url, feed.status)
                for item in getattr(report, "skipped", ()):
                    log.info("feed item skipped, %s: %s", item.path, item.reason)
            except Exception:  # noqa: BLE001 - the next round tries again
                log.warning("feed refresh failed", exc_info=True)
            self.runs += 1
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        self.pool.shutdown(wait=False, cancel_futures=True)  # a refresh under way finishes
