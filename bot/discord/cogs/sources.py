"""/sources: the news articles the answers come from, optionally for one country, in pages."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.autocomplete import country_choices
from bot.discord.buckets import LISTING
from bot.discord.client import BilateralBot
from bot.discord.errors import NO_MENTIONS
from bot.discord.guards import admit
from bot.discord.source_pager import PageButton, pager_view
from bot.discord.source_pages import PAGE_ARTICLES, sources_page


class Sources(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot

    @app_commands.command()
    @app_commands.describe(
        country="Only articles about India and this country",
        page=f"Which page of the list to show ({PAGE_ARTICLES} articles a page)",
    )
    async def sources(
        self,
        interaction: discord.Interaction,
        country: str | None = None,
        page: app_commands.Range[int, 1, 100_000] = 1,
    ) -> None:
        """List the news articles that answers are drawn from."""
        bot = self.bot
        ticket = await admit(bot, interaction, None, LISTING)
        if ticket is None:
            return
        async with ticket:
            articles = await bot.run_lookup(bot.engine.sources, country)
        embed, page, pages = sources_page(articles, country, page)
        await interaction.followup.send(
            embeds=[embed], view=pager_view(page, pages, country), allowed_mentions=NO_MENTIONS
        )

    @sources.autocomplete("country")
    async def country_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await country_choices(self.bot, current)


async def setup(bot: BilateralBot) -> None:
    bot.add_dynamic_items(PageButton)
    await bot.add_cog(Sources(bot))
