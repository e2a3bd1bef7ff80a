"""What users see when something fails: one short sentence; the log gets the traceback."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.discord.limits import CONTENT, clip

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong while answering that. Please try again in a moment."
NO_MENTIONS = discord.AllowedMentions.none()


async def tell(interaction: discord.Interaction, text: str) -> None:
    """Sends text to the user ephemerally, whether or not the interaction was answered already."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException:
        log.warning("Could not tell the user about an error", exc_info=True)


class BilateralTree(app_commands.CommandTree):
    """The command tree, with an error handler that never shows a traceback in Discord."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.CommandNotFound):
            text = "That command isn't available any more; Discord may take a minute to refresh."
        elif isinstance(error, app_commands.NoPrivateMessage):
            text = "That command only works in a server."
        elif isinstance(error, app_commands.CheckFailure):
            text = "You can't use that command here."
        elif type(original := getattr(error, "original", error)) is LookupError:
            # the engine's "no such country (did you mean …?)", written for users; a KeyError or
            # IndexError (subclasses, from bugs) goes the general way
            text = clip(str(original), CONTENT)
        else:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("/%s failed", command, exc_info=error)
            text = SORRY
        await tell(interaction, text)
