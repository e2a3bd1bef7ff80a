"""/reindex: re-read the article folder into the knowledge base (Manage Server only)."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import BilateralBot
from bot.discord.errors import NO_MENTIONS
from bot.discord.listings import ingest_summary


class Reindex(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot
        self._running = asyncio.Lock()

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def reindex(self, interaction: discord.Interaction) -> None:
        """Re-read the article folder and update the knowledge base (Manage Server only)."""
        # default_permissions only hides the command; server admins can change who sees it
        if not interaction.permissions.manage_guild:
            await interaction.response.send_message(
                "Only members with the Manage Server permission can reindex.",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        if self._running.locked():
            await interaction.response.send_message(
                "A reindex is already running; its summary will come when it ends.",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )
            return
        await interaction.response.defer(thinking=True, ephemeral=True)
        async with self._running:
            report = await self.bot.run_engine(self.bot.engine.ingest)
        await interaction.followup.send(
            ingest_summary(report), ephemeral=True, allowed_mentions=NO_MENTIONS
        )


async def setup(bot: BilateralBot) -> None:
    await bot.add_cog(Reindex(bot))
