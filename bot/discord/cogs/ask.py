"""/ask: one question to the engine, answered with numbered sources."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.buckets import QUESTION
from bot.discord.client import BilateralBot
from bot.discord.conversations import command_key
from bot.discord.guards import admit
from bot.discord.live import stream_answer
from bot.discord.replies import send_answer


class Ask(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot

    @app_commands.command()
    @app_commands.describe(question="e.g. What did India and Oman discuss in December 2025?")
    async def ask(self, interaction: discord.Interaction, question: str) -> None:
        """Ask about India's bilateral engagements; the answer cites news articles."""
        bot = self.bot
        ticket = await admit(bot, interaction, question, QUESTION)
        if ticket is None:
            return
        memory, key = bot.conversations, command_key(interaction)
        conversation = memory.start(key)  # a new /ask starts a conversation
        async with ticket:  # a place among the channel's answers under way
            answer, drafted = await stream_answer(bot, interaction, question, conversation)
        sent = await send_answer(interaction, answer, replace_draft=drafted)
        if sent is not None:
            memory.add(key, sent.id)


async def setup(bot: BilateralBot) -> None:
    await bot.add_cog(Ask(bot))
