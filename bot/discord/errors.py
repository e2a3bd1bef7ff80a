"""What users see when something fails: one short sentence; the log gets the traceback."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.discord.limits import CONTENT, clip
from retrieval import (
    BadInput,
    EmbedderUnavailable,
    FetchFailed,
    LLMUnavailable,
    NotAPartner,
    SettingsError,
    StoreUnavailable,
    UnknownCountry,
    UnknownSource,
)

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong while answering that. Please try again in a moment."
NO_MENTIONS = discord.AllowedMentions.none()
LATER = "so I can't answer right now; the bot's operator can see why in its log."

# The user's to put right, said in their terms (None: the engine's message, written for users)
TOLD: dict[type[Exception], str | None] = {
    app_commands.CommandNotFound: "That command isn't available any more; Discord may take a minute to refresh.",
    app_commands.NoPrivateMessage: "That command only works in a server.",
    app_commands.CheckFailure: "You can't use that command here.",
    UnknownCountry: None,
    NotAPartner: None,
    BadInput: None,
    UnknownSource: None,
    FetchFailed: None,
}
# The operator's to put right: the user gets a sentence, the log the details
LOGGED: dict[type[Exception], str] = {
    StoreUnavailable: "The article store can't be reached just now. Please try again in a while.",
    EmbedderUnavailable: f"The search model could not be loaded, {LATER}",
    LLMUnavailable: f"The answering model is not set up properly, {LATER}",
    SettingsError: f"The bot is not configured properly, {LATER}",
}


def words_for(error: BaseException) -> tuple[str, bool]:
    """What the user reads when a command or a question fails, and whether to log the error
    (anything not named above is a bug: SORRY, and the traceback to the log)."""
    for kind in type(error).__mro__:
        if kind in TOLD:
            return TOLD[kind] or clip(str(error), CONTENT), False
        if kind in LOGGED:
            return LOGGED[kind], True
    return SORRY, True


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
        text, worth_logging = words_for(getattr(error, "original", error))
        if worth_logging:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("/%s failed", command, exc_info=error)
        await tell(interaction, text)
