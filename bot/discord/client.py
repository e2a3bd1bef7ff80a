"""BilateralBot: the discord.py client holding the engine, the settings and shared state."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import discord
from discord.ext import commands

from bot.discord.buckets import MemberBuckets
from bot.discord.channel_gate import ChannelGate
from bot.discord.conversations import Conversations
from bot.discord.endpoints import use_api_base, use_gateway
from bot.discord.engine_port import EngineLike
from bot.discord.errors import NO_MENTIONS, BilateralTree
from bot.discord.feed_refresh import FeedRefresher
from bot.discord.feedback_store import FeedbackStore
from bot.discord.sync import sync_commands
from retrieval import DiscordSettings

log = logging.getLogger(__name__)
T = TypeVar("T")

EXTENSIONS = tuple(
    f"bot.discord.cogs.{name}"
    for name in ("ask", "country", "sources", "help", "reindex", "mentions", "feedback")
)


def bot_intents() -> discord.Intents:
    """Guilds, guild messages and DMs, with message content (a privileged intent to enable)."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = True
    return intents


class BilateralBot(commands.Bot):
    """Slash commands and mentions over an engine; extra options go to commands.Bot."""

    def __init__(self, engine: EngineLike, settings: DiscordSettings, **options: Any) -> None:
        # a text-only bot: discord.py's own switches for its "voice will NOT be supported"
        # warnings (PyNaCl, davey), which it gives when a client is built
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        super().__init__(
            command_prefix=commands.when_mentioned,  # required by commands.Bot; no prefix commands
            help_command=None,
            intents=bot_intents(),
            allowed_mentions=NO_MENTIONS,
            tree_cls=BilateralTree,
            **options,
        )
        self.engine = engine
        self.settings = settings
        self.executor = ThreadPoolExecutor(
            max_workers=settings.engine_workers, thread_name_prefix="bilateral-engine"
        )
        self.buckets = MemberBuckets(settings.question_burst, settings.question_interval)
        self.gate = ChannelGate(settings.channel_answers, settings.channel_queue)
        self.conversations = Conversations()
        self.feedback = FeedbackStore(settings.feedback_db)
        self.feed_refresh = FeedRefresher(engine, settings.feed_refresh_minutes)

    async def run_engine(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Runs a slow engine call (ask, brief, ingest) in the bot's pool, off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    async def run_lookup(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Runs a quick engine call (autocomplete, article list) in asyncio's default pool, so it
        is not queued behind slow questions: autocomplete must answer within 3 s."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    async def login(self, token: str) -> None:
        use_api_base(self.settings.api_base)
        await super().login(token)

    async def connect(self, *, reconnect: bool = True) -> None:
        await use_gateway(self.http, self.settings)
        await super().connect(reconnect=reconnect)

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        stamp = self.settings.feedback_db.parent / "discord_commands.sha256"
        await sync_commands(self.tree, self.settings.guild_id, stamp)
        self.feed_refresh.start()

    async def on_ready(self) -> None:
        log.info("Connected as %s to %d guild(s)", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: questions in messages are the mentions cog's."""

    async def close(self) -> None:
        await self.feed_refresh.stop()
        await super().close()
        self.executor.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(self.feedback.close)
