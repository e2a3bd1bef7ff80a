"""Checks made before a command reaches the engine: the question's length, the member's bucket
and the channel's line. A refusal says why, and when to try again."""

from __future__ import annotations

import math
from dataclasses import dataclass

import discord

from bot.discord.channel_gate import Ticket
from bot.discord.errors import NO_MENTIONS
from retrieval import DiscordSettings

EXAMPLE = "Ask me about India's bilateral relations, e.g. *What did India and Oman discuss?*"


@dataclass(frozen=True)
class Refusal:
    text: str
    wait: float  # seconds until asking again can work; 0: not as asked (too long, empty)


def seconds(wait: float) -> str:
    return f"{max(1, math.ceil(wait))} s"


def pace(settings: DiscordSettings) -> str:
    """`up to 3 questions in a row, then one every 5 s`"""
    if settings.question_interval <= 0:
        return "as many questions as they like"
    return (
        f"up to {settings.question_burst} questions in a row, then one every "
        f"{settings.question_interval:g} s"
    )


def question_problem(settings: DiscordSettings, question: str) -> str | None:
    """Why a question can't be asked as it is, or None."""
    if not question.strip():
        return EXAMPLE
    if len(question) > settings.max_question_chars:
        return (
            f"That question is {len(question)} characters long; please keep it under "
            f"{settings.max_question_chars} and ask one thing at a time."
        )
    return None


def admission(
    bot, member_id: int, channel_id: int, text: str | None, cost: float
) -> Ticket | Refusal:
    """A place in the channel's line (the member's bucket paid), or the reason there is none.
    text: the question or name to check; None for a command without one (/sources)."""
    settings: DiscordSettings = bot.settings
    if text is not None and (problem := question_problem(settings, text)):
        return Refusal(problem, 0.0)
    wait = bot.buckets.take(member_id, cost)
    if wait:
        return Refusal(
            f"You're asking quickly: you can ask again in {seconds(wait)} ({pace(settings)}).",
            wait,
        )
    ticket = bot.gate.enter(channel_id)
    if ticket is None:
        bot.buckets.give_back(member_id, cost)
        wait = bot.gate.retry_after()
        busy = bot.gate.busy(channel_id)
        return Refusal(
            f"This channel has {busy} question{'' if busy == 1 else 's'} on the go already; "
            f"please ask again in {seconds(wait)}.",
            wait,
        )
    return ticket


async def admit(
    bot, interaction: discord.Interaction, text: str | None, cost: float
) -> Ticket | None:
    """Refuse ephemerally, or defer at once (well inside Discord's 3 seconds) and return the
    channel ticket to hold while the engine works (`async with ticket:`)."""
    channel_id = interaction.channel_id or interaction.user.id
    outcome = admission(bot, interaction.user.id, channel_id, text, cost)
    if isinstance(outcome, Refusal):
        await interaction.response.send_message(
            outcome.text, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return None
    try:
        await interaction.response.defer(thinking=True)
    except BaseException:
        outcome.cancel()
        raise
    return outcome
