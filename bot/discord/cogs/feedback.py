"""Feedback: registers the 👍/👎 buttons, so clicks on any answer (even older ones) are handled."""

from __future__ import annotations

from bot.discord.client import BilateralBot
from bot.discord.feedback_view import FeedbackButton


async def setup(bot: BilateralBot) -> None:
    bot.add_dynamic_items(FeedbackButton)
