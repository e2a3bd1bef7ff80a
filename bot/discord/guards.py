"""Cheap checks made before a question reaches the engine: its length and the user's cooldown."""

from __future__ import annotations

import math

from bot.discord.cooldown import Cooldowns
from bot.discord.errors import NO_MENTIONS
from retrieval import DiscordSettings

EXAMPLE = "Ask me about India's bilateral relations, e.g. *What did India and Oman discuss?*"


def refusal(
    settings: DiscordSettings, cooldowns: Cooldowns, user_id: int, question: str
) -> str | None:
    """A polite sentence saying why the question won't be answered now, or None to go ahead."""
    if not question.strip():
        return EXAMPLE
    if len(question) > settings.max_question_chars:
        return (
            f"That question is {len(question)} characters long; please keep it under "
            f"{settings.max_question_chars} and ask one thing at a time."
        )
    wait = cooldowns.retry_after(user_id)
    if wait:
        return f"One question at a time, please: you can ask again in {math.ceil(wait)} s."
    return None


async def admit(bot, interaction, question: str) -> bool:
    """Refuse (ephemerally) or defer at once, well inside Discord's 3 seconds; True to go on."""
    if reason := refusal(bot.settings, bot.cooldowns, interaction.user.id, question):
        await interaction.response.send_message(
            reason, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return False
    await interaction.response.defer(thinking=True)
    return True
