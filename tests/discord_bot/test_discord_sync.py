"""Global command sync happens once per command set, not at every start."""

from __future__ import annotations

import asyncio

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route
from discord_standin.fake_engine import FakeEngine
from discord_standin.fixtures import start_bot
from discord_standin.server import StandIn

from bot.discord.client import BilateralBot
from retrieval import DiscordSettings


@pytest.mark.asyncio
async def test_global_sync_only_when_the_commands_changed(tmp_path):
    endpoints = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    try:
        with StandIn(heartbeat_ms=250) as standin:
            settings = DiscordSettings(
                token=standin.token,
                api_base=standin.api_base,
                feedback_db=tmp_path / "feedback.sqlite3",
            )
            for _ in range(2):
                bot = BilateralBot(FakeEngine(), settings, guild_ready_timeout=0.1)
                task = await start_bot(bot, standin.token)
                await bot.close()
                await asyncio.wait_for(task, 10)
            syncs = standin.calls_of("sync")
            assert len(syncs) == 1 and "/guilds/" not in syncs[0].path
            assert (tmp_path / "discord_commands.sha256").exists()
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = endpoints
