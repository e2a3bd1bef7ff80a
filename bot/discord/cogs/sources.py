"""/sources: the news articles the answers come from, optionally for one country."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.autocomplete import country_choices
from bot.discord.client import BilateralBot
from bot.discord.errors import NO_MENTIONS
from bot.discord.listings import sources_embeds


class Sources(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot

    @app_commands.command()
    @app_commands.describe(country="Only articles about India and this country")
    async def sources(self, interaction: discord.Interaction, country: str | None = None) -> None:
        """List the news articles that answers are drawn from."""
        bot = self.bot  # a cheap listing: no cooldown
        await interaction.response.defer(thinking=True)
        articles = await bot.run_lookup(bot.engine.sources, country)
        await interaction.followup.send(
            embeds=sources_embeds(articles, country), allowed_mentions=NO_MENTIONS
        )

    @sources.autocomplete("country")
    async def country_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await country_choices(self.bot, current)


async def setup(bot: BilateralBot) -> None:
    await bot.add_cog(Sources(bot))
