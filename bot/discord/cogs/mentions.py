"""Mentions: a message mentioning the bot, replying to its answer, or sent by DM is a question."""

from __future__ import annotations

import logging
import re

import discord
from discord.ext import commands

from bot.discord.buckets import QUESTION
from bot.discord.channel_gate import Ticket
from bot.discord.client import BilateralBot
from bot.discord.conversations import own_channel
from bot.discord.errors import NO_MENTIONS, words_for
from bot.discord.guards import Refusal, admission
from bot.discord.replies import reply_answer

log = logging.getLogger(__name__)
WAIT = "⏳"  # on a refused message when a notice saying how long to wait was just given


def replies_to(message: discord.Message) -> list[int]:
    """The message this one replies to, and the one that one replied to (if Discord sent it)."""
    chain: list[int] = []
    ref = message.reference
    while ref is not None and ref.message_id is not None and len(chain) < 2:
        chain.append(ref.message_id)
        resolved = ref.resolved
        ref = resolved.reference if isinstance(resolved, discord.Message) else None
    return chain


class Mentions(commands.Cog):
    def __init__(self, bot: BilateralBot) -> None:
        self.bot = bot

    def _addressed(self, message: discord.Message) -> bool:
        """A DM, a mention, or a reply to one of the bot's messages."""
        me = self.bot.user
        if message.author.bot or me is None:
            return False
        if message.guild is None or any(m.id == me.id for m in message.mentions):
            return True
        ref = message.reference
        if ref is None:
            return False
        resolved = ref.resolved
        replied_to_me = isinstance(resolved, discord.Message) and resolved.author.id == me.id
        return replied_to_me or any(self.bot.conversations.knows(i) for i in replies_to(message))

    def _question(self, message: discord.Message) -> str:
        me = self.bot.user
        text = re.sub(rf"<@!?{me.id}>", " ", message.content) if me else message.content
        return " ".join(text.split())

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self._addressed(message):
            return
        bot = self.bot
        question = self._question(message)
        outcome = admission(bot, message.author.id, message.channel.id, question, QUESTION)
        if isinstance(outcome, Refusal):
            await self._refuse(message, outcome)
            return
        await self._answer(message, question, outcome)

    async def _refuse(self, message: discord.Message, refusal: Refusal) -> None:
        """A short reply saying when to ask again (a message can't be answered ephemerally); a
        member who keeps going within that wait gets a ⏳ reaction, not one reply each."""
        if not refusal.wait or self.bot.buckets.first_notice(message.author.id, refusal.wait):
            await message.reply(refusal.text, allowed_mentions=NO_MENTIONS)
            return
        try:
            await message.add_reaction(WAIT)
        except discord.HTTPException:  # no Add Reactions permission: the notice was given
            log.debug("Could not react to message %s", message.id, exc_info=True)

    async def _answer(self, message: discord.Message, question: str, ticket: Ticket) -> None:
        bot = self.bot
        memory = bot.conversations
        key = memory.key_for(
            channel_id=message.channel.id,
            own_channel=own_channel(message.guild, message.channel),
            message_id=message.id,
            replies_to=replies_to(message),
        )
        conversation = memory.get(key)
        try:
            # typing while it waits its turn, too; then a place among the channel's answers
            async with message.channel.typing(), ticket:
                answer = await bot.run_engine(bot.engine.ask, question, conversation=conversation)
            memory.add(key, message.id)  # before replying: no race
            reply = await reply_answer(bot, message, answer)
        except Exception as exc:
            text, worth_logging = words_for(exc)
            if worth_logging:
                log.exception("Answering message %s failed", message.id)
            await message.reply(text, allowed_mentions=NO_MENTIONS)
            return
        finally:
            ticket.cancel()  # its place, if typing failed before it was used
        memory.link(key, reply.id)


async def setup(bot: BilateralBot) -> None:
    await bot.add_cog(Mentions(bot))
