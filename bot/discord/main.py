"""run_bot: starts the Discord bot for the CLI (`bilateral bot`), failing with one clear line."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable

import discord

from bot.discord.client import BilateralBot
from bot.discord.engine_port import EngineLike
from retrieval import DiscordSettings

log = logging.getLogger(__name__)

EXIT_CONFIG = 2  # nothing was tried: the settings are incomplete
EXIT_REFUSED = 1  # Discord said no


def _fail(message: str, code: int) -> SystemExit:
    print(f"bilateral bot: {message}", file=sys.stderr)
    return SystemExit(code)


async def serve(
    engine_factory: Callable[[], EngineLike], settings: DiscordSettings, token: str
) -> None:
    """Builds the engine (off the loop), then runs the bot until it is closed."""
    engine = await asyncio.to_thread(engine_factory)
    async with BilateralBot(engine, settings) as bot:
        await bot.start(token)


def run_bot(engine_factory: Callable[[], EngineLike], settings: DiscordSettings) -> None:
    """Runs the bot until Ctrl-C; a missing or rejected token exits non-zero with one line on
    stderr. The token itself is never logged or printed."""
    token = settings.token.get_secret_value().strip() if settings.token else ""
    if not token:
        raise _fail("no Discord bot token is set (DISCORD_TOKEN).", EXIT_CONFIG)
    if not logging.getLogger().handlers:
        discord.utils.setup_logging()
    try:
        asyncio.run(serve(engine_factory, settings, token))
    except discord.LoginFailure:
        raise _fail(
            "Discord rejected the bot token (401 Unauthorized); check it in the developer portal.",
            EXIT_REFUSED,
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise _fail(
            "Discord refused the Message Content intent; enable it for this bot in the developer "
            "portal (Bot > Privileged Gateway Intents).",
            EXIT_REFUSED,
        ) from None
    except KeyboardInterrupt:
        log.info("Stopped.")
