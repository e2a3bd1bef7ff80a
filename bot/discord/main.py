"""run_bot: starts the Discord bot for the CLI (`bilateral bot`), failing with one clear line."""

from __future__ import annotations

import asyncio
import logging
import re
import sys
from collections.abc import Callable

import aiohttp
import discord

from bot.discord.client import BilateralBot
from bot.discord.engine_port import EngineLike
from retrieval import DiscordSettings

log = logging.getLogger(__name__)

EXIT_FAILED = 1  # no token, a token that is not one, or Discord said no or could not be reached
# what the developer portal's Bot > Reset Token gives: three base64url parts joined by dots
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
PORTAL = "the Discord developer portal (Bot > Reset Token)"


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


def token_problem(token: str) -> str | None:
    """What is wrong with a token, named by its setting (never quoting it), or None."""
    if not token:
        return f"DISCORD_TOKEN is not set; set it to the bot's token from {PORTAL}."
    if token.lower().startswith("bot "):
        return "DISCORD_TOKEN starts with 'Bot '; set it to the token alone."
    if not TOKEN_SHAPE.fullmatch(token):
        return (
            "DISCORD_TOKEN is not a bot token (three parts joined by dots); copy it again from "
            f"{PORTAL}."
        )
    return None


def run_bot(engine_factory: Callable[[], EngineLike], settings: DiscordSettings) -> None:
    """Runs the bot until Ctrl-C; a missing, malformed or rejected token exits 1 with one line
    on stderr, before anything is loaded when it can be told from the token alone. The token
    itself is never logged or printed."""
    token = settings.token.get_secret_value().strip() if settings.token else ""
    if problem := token_problem(token):
        raise _fail(problem, EXIT_FAILED)
    if not logging.getLogger().handlers:
        discord.utils.setup_logging()
    try:
        asyncio.run(serve(engine_factory, settings, token))
    except discord.LoginFailure:
        raise _fail(
            "Discord rejected the bot token in DISCORD_TOKEN (401 Unauthorized); check it in "
            "the developer portal.",
            EXIT_FAILED,
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise _fail(
            "Discord refused the Message Content intent; enable it for this bot in the developer "
            "portal (Bot > Privileged Gateway Intents).",
            EXIT_FAILED,
        ) from None
    except aiohttp.ClientConnectionError as exc:
        reason = " ".join(str(exc).split())
        raise _fail(f"cannot reach Discord at {settings.api_base}: {reason}", EXIT_FAILED) from None
    except KeyboardInterrupt:
        log.info("Stopped.")
