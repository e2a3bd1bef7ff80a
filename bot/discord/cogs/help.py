"""/help: what the bot does and how to ask it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import BilateralBot
from bot.discord.embeds import fitted_embed
from bot.discord.errors import NO_MENTIONS
from bot.discord.guards import pace
from retrieval import DiscordSettings

HELP = """I answer questions about India's bilateral engagements (calls, visits, dialogues, \
agreements) from the news articles in my knowledge base, and every answer cites its sources.

**/ask** `question` — e.g. *What did India and Oman discuss in December 2025?*
**/country** `name` `[since] [until] [kind]` — India and one country: a dated timeline with a \
chart, themes and sources; *since: 2024*, *until: June 2025*, *kind: visit* narrow it.
**/sources** `[country] [page]` — the articles my answers come from, a page at a time.
**/reindex** — re-read the article folder (members with Manage Server only).

You can also mention me with a question, or send me a DM. Reply to my answer to ask a \
follow-up (*and defence?*): I remember the last few questions of a thread or reply chain.
Rate an answer with 👍 or 👎 so that we can improve it. I only know what the articles say."""


def help_embed(settings: DiscordSettings) -> discord.Embed:
    return fitted_embed(
        title="Bilateral: India's bilateral engagements, from the news",
        description=HELP,
        footer=f"Questions of up to {settings.max_question_chars} characters. Each member may "
        f"ask {pace(settings)} (/country and /sources count half).",
        colour=discord.Colour.blurple(),
    )


class Help(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot

    @app_commands.command(name="help")
    async def help_command(self, interaction: discord.Interaction) -> None:
        """How to ask Bilateral about India's bilateral relations."""
        await interaction.response.send_message(
            embed=help_embed(self.bot.settings),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )


async def setup(bot: BilateralBot) -> None:
    await bot.add_cog(Help(bot))
