"""FeedbackView: the 👍/👎 buttons under every answer; persistent, so clicks survive restarts."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.discord.errors import SORRY, tell

log = logging.getLogger(__name__)

UP = "bilateral:feedback:up"
DOWN = "bilateral:feedback:down"


def _fallback(message: discord.Message | None) -> tuple[str, str]:
    """Question and answer read off the message, for answers the store doesn't know."""
    if message is None:
        return ("", "")
    if message.embeds:
        return (message.embeds[0].title or "", message.embeds[0].description or "")
    return ("", message.content)


class FeedbackView(discord.ui.View):
    """One instance is registered at start-up (bot.add_view) and handles clicks on every answer."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(emoji="👍", style=discord.ButtonStyle.secondary, custom_id=UP)
    async def up(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        await self._vote(interaction, "up")

    @discord.ui.button(emoji="👎", style=discord.ButtonStyle.secondary, custom_id=DOWN)
    async def down(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        await self._vote(interaction, "down")

    async def _vote(self, interaction: discord.Interaction, vote: str) -> None:
        message = interaction.message
        store = interaction.client.feedback  # type: ignore[attr-defined]
        await asyncio.to_thread(
            store.record,
            message.id if message else 0,
            interaction.user.id,
            vote,
            fallback=_fallback(message),
        )
        thanks = "Thanks, noted 👍" if vote == "up" else "Thanks, noted 👎: we'll look at this answer."
        await interaction.response.send_message(thanks, ephemeral=True)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item
    ) -> None:
        log.error("Feedback click failed", exc_info=error)
        await tell(interaction, SORRY)
