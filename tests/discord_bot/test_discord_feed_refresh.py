"""The bot refreshes the feeds every BILATERAL_FEED_REFRESH_MINUTES on a thread of its own:
answers never wait for it, a failed refresh is logged, 0 turns it off."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from discord_standin.fake_engine import FakeEngine

from bot.discord.feed_refresh import FeedRefresher
from retrieval import DiscordSettings
from retrieval.types import FeedReport, FeedResult

pytest_plugins = ["discord_standin.fixtures"]
pytestmark = pytest.mark.asyncio(loop_scope="module")


class FeedEngine(FakeEngine):
    """The fake engine with feeds whose refresh blocks its thread for `refresh_s` seconds."""

    def __init__(self, refresh_s: float = 0.0, fail: bool = False) -> None:
        super().__init__()
        self.refresh_s, self.fail_refresh = refresh_s, fail
        self.refreshes: list[tuple[float, float, str]] = []  # (start, end, thread name)
        self.refresh_started = threading.Event()

    def refresh_feeds(self) -> FeedReport:
        self.refresh_started.set()
        started = time.monotonic()
        time.sleep(self.refresh_s)  # a download, an ingest: blocking
        self.refreshes.append((started, time.monotonic(), threading.current_thread().name))
        if self.fail_refresh:
            raise RuntimeError("the feed server is down")
        return FeedReport(feeds=[FeedResult(url="http://127.0.0.1/feed.xml", status="1 new")])


async def loop_lag(seconds: float) -> float:
    """The longest the event loop kept a 10 ms sleep waiting, over `seconds`."""
    worst, end = 0.0, time.monotonic() + seconds
    while time.monotonic() < end:
        before = time.monotonic()
        await asyncio.sleep(0.01)
        worst = max(worst, time.monotonic() - before - 0.01)
    return worst


async def test_refreshes_repeat_on_their_own_thread_and_the_loop_stays_free():
    engine = FeedEngine(refresh_s=0.4)
    refresher = FeedRefresher(engine, minutes=0.5 / 60)  # every half second
    refresher.start()
    lag = await loop_lag(1.6)
    await refresher.stop()
    assert len(engine.refreshes) >= 2, engine.refreshes
    assert {name for *_, name in engine.refreshes} == {"feed-refresh_0"}
    assert lag < 0.2


async def test_a_failing_refresh_is_logged_and_tried_again(caplog):
    engine = FeedEngine(fail=True)
    refresher = FeedRefresher(engine, minutes=0.1 / 60)
    refresher.start()
    await asyncio.sleep(0.5)
    await refresher.stop()
    assert len(engine.refreshes) >= 2
    assert "feed refresh failed" in caplog.text and "the feed server is down" in caplog.text


async def test_zero_minutes_or_no_feeds_starts_nothing():
    for engine, minutes in ((FeedEngine(), 0.0), (FakeEngine(), 60.0)):
        refresher = FeedRefresher(engine, minutes)
        refresher.start()
        assert refresher.task is None
        await refresher.stop()


async def test_the_setting_is_read_from_its_variable(monkeypatch):
    from retrieval.settings import load_settings

    assert load_settings().discord.feed_refresh_minutes == 60
    monkeypatch.setenv("BILATERAL_FEED_REFRESH_MINUTES", "0")
    assert load_settings().discord.feed_refresh_minutes == 0


# The real bot against the stand-in: an answer arrives while a long refresh is under way.


@pytest.fixture(scope="module")
def bot_engine() -> FeedEngine:
    return FeedEngine(refresh_s=4.0)


@pytest.fixture(scope="module")
def bot_settings(bot_settings: DiscordSettings) -> DiscordSettings:
    return bot_settings.model_copy(update={"feed_refresh_minutes": 1.0})


async def test_questions_are_answered_while_the_feeds_refresh(standin, discord_bot, bot_engine):
    assert bot_engine.refresh_started.wait(5)  # the first refresh starts with the bot
    handle = await standin.send_slash(
        "ask", {"question": "What did India and Oman discuss?"}, user=standin.world.new_person()
    )
    final = await handle.final(3)
    assert final.ok and "Oman" in str(final.message["embeds"])
    assert final.at - handle.sent_at < 1.5
    assert bot_engine.refreshes == []  # answered while the 4-second refresh was still running
