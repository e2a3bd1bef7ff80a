"""/country: India's engagements with one partner country, as a brief with a dated timeline."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.autocomplete import country_choices
from bot.discord.buckets import LISTING
from bot.discord.client import BilateralBot
from bot.discord.conversations import command_key
from bot.discord.errors import NO_MENTIONS
from bot.discord.guards import admit
from bot.discord.listings import brief_embeds
from bot.discord.replies import send_answer


class Country(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot

    @app_commands.command()
    @app_commands.describe(name="A partner country, e.g. Oman, Russia or the United States")
    async def country(self, interaction: discord.Interaction, name: str) -> None:
        """India and one country: engagements over time, with sources."""
        bot = self.bot
        ticket = await admit(bot, interaction, name, LISTING)
        if ticket is None:
            return
        brief = getattr(bot.engine, "country_brief", None)
        if brief is None:  # an engine without briefs: ask it instead
            question = f"What has India done with {name}?"
            async with ticket:
                answer = await bot.run_engine(bot.engine.ask, question, country=name)
            await send_answer(interaction, answer)
            return
        async with ticket:
            result = await bot.run_engine(brief, name)  # UnknownCountry: BilateralTree.on_error
        sent = await interaction.followup.send(
            embeds=brief_embeds(result), allowed_mentions=NO_MENTIONS, wait=True
        )
        # a reply to the brief (or the thread or DM it is in) goes on about that country
        key = command_key(interaction)
        bot.conversations.start(key).about_country(result.country_code, result.country_name)
        bot.conversations.add(key, sent.id)

    @country.autocomplete("name")
    async def name_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await country_choices(self.bot, current)


async def setup(bot: BilateralBot) -> None:
    await bot.add_cog(Country(bot))
