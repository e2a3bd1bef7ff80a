"""Delivering an Answer: as an interaction follow-up or as a reply, with the feedback buttons."""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.discord.errors import NO_MENTIONS
from bot.discord.feedback_view import feedback_view
from bot.discord.formatting import answer_embeds, answer_text
from retrieval import Answer

log = logging.getLogger(__name__)


async def _remember(client: discord.Client, origin_id: int, answer: Answer) -> None:
    try:
        await asyncio.to_thread(client.feedback.remember, origin_id, answer)  # type: ignore[attr-defined]
    except Exception:  # feedback is a nicety; never lose the answer over it
        log.warning("Could not store the answer to %s for feedback", origin_id, exc_info=True)


async def send_answer(
    interaction: discord.Interaction, answer: Answer, replace_draft: bool = False
) -> discord.Message | None:
    """Answers a deferred interaction with the answer's embeds and 👍/👎 buttons; returns the
    message (a reply to it continues the conversation)."""
    await _remember(interaction.client, interaction.id, answer)
    # the first follow-up of a deferred interaction replaces its "thinking…" message; after a
    # streamed draft, the checked answer replaces the draft itself
    if replace_draft:
        return await interaction.edit_original_response(
            content=None,
            embeds=answer_embeds(answer),
            view=feedback_view(interaction.id),
            allowed_mentions=NO_MENTIONS,
        )
    return await interaction.followup.send(
        embeds=answer_embeds(answer),
        view=feedback_view(interaction.id),
        allowed_mentions=NO_MENTIONS,
        wait=True,
    )


def _can_embed(message: discord.Message) -> bool:
    if message.guild is None:
        return True
    try:
        return message.channel.permissions_for(message.guild.me).embed_links  # type: ignore[union-attr,arg-type]
    except Exception:  # partial channel objects: assume the usual
        return True


async def reply_answer(
    client: discord.Client, message: discord.Message, answer: Answer
) -> discord.Message:
    """Replies to message with the answer (as plain text where embeds are not allowed)."""
    await _remember(client, message.id, answer)
    if _can_embed(message):
        reply = await message.reply(
            embeds=answer_embeds(answer),
            view=feedback_view(message.id),
            allowed_mentions=NO_MENTIONS,
        )
    else:
        first, *rest = answer_text(answer)
        reply = await message.reply(
            first, view=feedback_view(message.id), allowed_mentions=NO_MENTIONS
        )
        for piece in rest:
            await message.channel.send(piece, allowed_mentions=NO_MENTIONS)
    return reply
