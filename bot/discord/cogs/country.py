"""/country: India's engagements with one partner country, as a brief with a dated timeline."""

from __future__ import annotations

import io
import logging
from datetime import date

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
from retrieval.engagements.chart import chart_png
from retrieval.engagements.rules import KINDS
from retrieval.engagements.scope import scope_of
from retrieval.types import CountryBrief

CHART_FILE = "timeline.png"
log = logging.getLogger(__name__)


class Country(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot

    @app_commands.command()
    @app_commands.describe(
        name="A partner country, e.g. Oman, Russia or the United States",
        since="Only engagements from then on: 2024, June 2024, 2024-06-15, Q1 2024",
        until="Only engagements up to the end of then",
        kind="Only one kind of engagement",
    )
    @app_commands.choices(kind=[app_commands.Choice(name=k, value=k) for k in KINDS])
    async def country(
        self,
        interaction: discord.Interaction,
        name: str,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
    ) -> None:
        """India and one country: engagements over time, with sources and a chart."""
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
            # a date or kind it cannot read is BadInput: BilateralTree.on_error says why
            scope = scope_of(since, until, [kind] if kind else None, date.today())
            result = await bot.run_engine(brief, name, scope)  # or UnknownCountry, as BadInput
            png = await bot.run_engine(chart_or_none, result)
        sent = await send_brief(interaction, result, png)
        # a reply to the brief (or the thread or DM it is in) goes on about that country
        key = command_key(interaction)
        bot.conversations.start(key).about_country(result.country_code, result.country_name)
        bot.conversations.add(key, sent.id)

    @country.autocomplete("name")
    async def name_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await country_choices(self.bot, current)


def chart_or_none(brief: CountryBrief) -> bytes | None:
    """The brief's chart; None if it cannot be drawn here (the timeline is what matters)."""
    try:
        return chart_png(brief)
    except Exception:  # noqa: BLE001 - a missing font or backend must not lose the brief
        log.warning("no chart for %s", brief.country_name, exc_info=True)
        return None


async def send_brief(
    interaction: discord.Interaction, brief: CountryBrief, png: bytes | None
) -> discord.WebhookMessage:
    """The brief's embeds with its chart attached and shown in the first embed; without the
    chart if the upload is refused (the timeline is what matters)."""
    embeds = brief_embeds(brief)
    if png is not None:
        embeds[0].set_image(url=f"attachment://{CHART_FILE}")
        try:
            return await interaction.followup.send(
                embeds=embeds,
                file=discord.File(io.BytesIO(png), filename=CHART_FILE),
                allowed_mentions=NO_MENTIONS,
                wait=True,
            )
        except discord.HTTPException:
            embeds = brief_embeds(brief)
    return await interaction.followup.send(embeds=embeds, allowed_mentions=NO_MENTIONS, wait=True)


async def setup(bot: BilateralBot) -> None:
    await bot.add_cog(Country(bot))
