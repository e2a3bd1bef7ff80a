"""Pytest fixtures for the Discord tests: a stand-in Discord, a fake engine and the real bot.

Test modules load them with `pytest_plugins = ["discord_standin.fixtures"]`. To run the bot on
another engine (e.g. the real one), override the module-scoped `bot_engine` fixture.
"""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.discord.client import BilateralBot
from retrieval import DiscordSettings

from .fake_engine import FakeEngine
from .server import StandIn


@pytest.fixture(scope="module")
def standin():
    with StandIn(heartbeat_ms=250) as server:
        yield server


@pytest.fixture(scope="module")
def bot_fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture(scope="module")
def bot_engine(bot_fake_engine: FakeEngine):
    return bot_fake_engine


@pytest.fixture(scope="module")
def bot_settings(standin: StandIn, tmp_path_factory: pytest.TempPathFactory) -> DiscordSettings:
    return DiscordSettings(
        token=standin.token,
        guild_id=int(standin.world.guild_id),
        api_base=standin.api_base,
        question_interval=0.3,  # a burst of 3 (the default), then one question every 0.3 s
        feedback_db=tmp_path_factory.mktemp("bot-data") / "feedback.sqlite3",
    )


async def start_bot(bot: BilateralBot, token: str, timeout: float = 15.0) -> asyncio.Task:
    """Starts bot in the running loop; returns its task once it is ready (or raises its error)."""
    task = asyncio.create_task(bot.start(token), name="bilateral-bot")
    ready = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when="FIRST_COMPLETED")
    if task in done:
        ready.cancel()
        task.result()  # raises what stopped the bot
        raise RuntimeError("the bot stopped before it was ready")
    if ready not in done:
        ready.cancel()
        task.cancel()
        raise TimeoutError(f"the bot was not ready within {timeout} s")
    return task


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def discord_bot(standin: StandIn, bot_engine, bot_settings: DiscordSettings):
    """The real BilateralBot, connected to the stand-in, running in the module's event loop."""
    # discord.py's endpoints are process-wide (see bot.discord.endpoints): put them back after
    endpoints = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    bot = BilateralBot(bot_engine, bot_settings, guild_ready_timeout=0.1)
    task = await start_bot(bot, bot_settings.token.get_secret_value())
    yield bot
    await bot.close()
    await asyncio.wait_for(task, 10)
    Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = endpoints
