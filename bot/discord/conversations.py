"""Conversations: the engine's conversation state of each thread, DM or reply chain."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import discord

from retrieval.conversation import Conversation


def own_channel(guild, channel) -> bool:
    """A thread or a DM is one conversation by itself."""
    return guild is None or isinstance(channel, discord.Thread)


def command_key(interaction: discord.Interaction) -> int:
    """The conversation a slash command starts: its thread's or DM's, else one of its own that
    a reply to its answer continues."""
    channel = interaction.channel
    if channel is not None and own_channel(interaction.guild, channel):
        return channel.id
    return interaction.id


class Conversations:
    """Bounded memory: at most max_conversations (the least recently used go first).

    A conversation is keyed by the thread or DM channel it happens in, or, in a plain channel, by
    the message that started the reply chain; every message of a chain maps to that key.
    """

    def __init__(self, *, turns: int = 4, max_conversations: int = 1000) -> None:
        self.turns = turns  # questions kept per conversation (an LLM's condensing step reads them)
        self.max_conversations = max_conversations
        self._states: OrderedDict[int, Conversation] = OrderedDict()
        self._chain: OrderedDict[int, int] = OrderedDict()  # message id -> conversation key

    def key_for(
        self, *, channel_id: int, own_channel: bool, message_id: int, replies_to: Sequence[int] = ()
    ) -> int:
        """own_channel: a thread or DM, one conversation by itself. replies_to: the message replied
        to, then the one that replied to, and so on: the first known one names the chain."""
        if own_channel:
            return channel_id
        for earlier in replies_to:
            if earlier in self._chain:
                return self._chain[earlier]
        return message_id

    def knows(self, message_id: int) -> bool:
        """Whether message_id is part of a conversation (a reply to it is a follow-up)."""
        return message_id in self._chain

    def get(self, key: int) -> Conversation:
        """The conversation under key (a new one if none): the engine reads and moves it on."""
        state = self._states.get(key)
        if state is None:
            state = self._states[key] = Conversation(max_questions=self.turns)
        self._states.move_to_end(key)
        while len(self._states) > self.max_conversations:
            self._states.popitem(last=False)
        return state

    def start(self, key: int) -> Conversation:
        """A fresh conversation under key (a new /ask), replacing any there."""
        self._states.pop(key, None)
        return self.get(key)

    def history(self, key: int) -> list[str]:
        """The conversation's questions as understood, oldest first."""
        state = self._states.get(key)
        return list(state.questions) if state is not None else []

    def add(self, key: int, *message_ids: int) -> None:
        """Marks the messages (question, reply) as part of the conversation under key."""
        self.get(key)
        self.link(key, *message_ids)

    def link(self, key: int, *message_ids: int) -> None:
        for message_id in message_ids:
            self._chain[message_id] = key
            self._chain.move_to_end(message_id)
        while len(self._chain) > self.max_conversations * self.turns * 2:
            self._chain.popitem(last=False)
