"""Feedback buttons: 👍/👎 under every answer, persistent (they work after a restart too)."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import discord

from bot.discord.errors import NO_MENTIONS, SORRY, tell

log = logging.getLogger(__name__)

TEMPLATE = r"bilateral:feedback:(?P<vote>up|down):(?P<origin>[0-9]+)"
EMOJI = {"up": "👍", "down": "👎"}
THANKS = {"up": "Thanks, noted 👍", "down": "Thanks, noted 👎: we'll look into it."}


def _fallback(message: discord.Message | None) -> tuple[str, str]:
    """Question and answer read off the message, for answers the store doesn't know."""
    if message is None:
        return ("", "")
    if message.embeds:
        return (message.embeds[0].title or "", message.embeds[0].description or "")
    return ("", message.content)


class FeedbackButton(discord.ui.DynamicItem[discord.ui.Button], template=TEMPLATE):
    """A vote button whose custom_id names the vote and what asked for the answer (the slash
    command's interaction id, or the id of the message replied to). Being a DynamicItem, it is
    matched by pattern: discord.py keeps no view per answer, however many answers are sent."""

    def __init__(self, vote: str, origin_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                emoji=EMOJI[vote],
                style=discord.ButtonStyle.secondary,
                custom_id=f"bilateral:feedback:{vote}:{origin_id}",
            )
        )
        self.vote = vote
        self.origin_id = origin_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FeedbackButton:
        return cls(match["vote"], int(match["origin"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        message = interaction.message
        try:
            await asyncio.to_thread(
                interaction.client.feedback.record,  # type: ignore[attr-defined]
                message.id if message else 0,
                self.origin_id,
                interaction.user.id,
                self.vote,
                fallback=_fallback(message),
            )
            await interaction.response.send_message(
                THANKS[self.vote], ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        except Exception:  # discord.py would only log it; the user gets a sentence too
            log.exception("Feedback click failed")
            await tell(interaction, SORRY)


def feedback_view(origin_id: int) -> discord.ui.View:
    """The two buttons to send under the answer to origin_id."""
    view = discord.ui.View(timeout=None)
    view.add_item(FeedbackButton("up", origin_id))
    view.add_item(FeedbackButton("down", origin_id))
    return view
