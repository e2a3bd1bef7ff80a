"""Streaming an LLM answer into a deferred interaction: at most one edit a second, then the
checked answer replaces the draft."""

from __future__ import annotations

import asyncio

import discord

from bot.discord.errors import NO_MENTIONS
from retrieval import Answer
from retrieval.conversation import Conversation

EDIT_EVERY = 1.0  # seconds; Discord rate-limits message edits
DRAFT_LIMIT = 1900  # under the 2000-character content limit, with room for the marker


def draft_text(text: str) -> str:
    """The unchecked draft as shown while it is written."""
    text = " ".join(text.split())
    if len(text) > DRAFT_LIMIT:
        text = "…" + text[-DRAFT_LIMIT:]
    return f"{text} ▌\n-# checking the citations…"


async def stream_answer(
    bot, interaction: discord.Interaction, question: str, conversation: Conversation | None = None
) -> tuple[Answer, bool]:
    """Runs engine.ask_stream in the engine's pool and shows its pieces as they come; returns
    the checked answer and whether a draft was shown."""
    stream = getattr(bot.engine, "ask_stream", None)
    if stream is None:
        return await bot.run_engine(bot.engine.ask, question, conversation=conversation), False
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()

    def produce() -> None:
        try:
            for item in stream(question, conversation=conversation):
                loop.call_soon_threadsafe(queue.put_nowait, item)
        except BaseException as exc:  # noqa: BLE001 - handed to the event loop to raise there
            loop.call_soon_threadsafe(queue.put_nowait, exc)

    producer = loop.run_in_executor(bot.executor, produce)
    text, last_edit = "", 0.0
    while True:
        item = await queue.get()
        if isinstance(item, BaseException):
            await producer
            raise item
        if isinstance(item, Answer):
            await producer
            return item, last_edit > 0
        text += item
        if text.strip() and loop.time() - last_edit >= EDIT_EVERY:
            last_edit = loop.time()
            await interaction.edit_original_response(
                content=draft_text(text), allowed_mentions=NO_MENTIONS
            )
