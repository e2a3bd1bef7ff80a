"""Conversations: the last few questions of each thread, DM or reply chain, for follow-ups."""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str


class Conversations:
    """Bounded memory: at most max_conversations, each with its last `turns` questions and answers.

    A conversation is keyed by the thread or DM channel it happens in, or, in a plain channel, by
    the message that started the reply chain; every message of a chain maps to that key.
    """

    def __init__(self, *, turns: int = 4, max_conversations: int = 1000) -> None:
        self.turns = turns
        self.max_conversations = max_conversations
        self._turns: OrderedDict[int, deque[Turn]] = OrderedDict()
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

    def history(self, key: int) -> list[str]:
        """Earlier questions of the conversation, oldest first: what the engine gets as history."""
        return [t.question for t in self._turns.get(key, ())]

    def add(self, key: int, question: str, answer: str, *message_ids: int) -> None:
        """Stores a turn, and the messages (question, reply) that belong to the conversation."""
        turns = self._turns.setdefault(key, deque(maxlen=self.turns))
        turns.append(Turn(question, answer))
        self._turns.move_to_end(key)
        while len(self._turns) > self.max_conversations:
            self._turns.popitem(last=False)
        self.link(key, *message_ids)

    def link(self, key: int, *message_ids: int) -> None:
        for message_id in message_ids:
            self._chain[message_id] = key
            self._chain.move_to_end(message_id)
        while len(self._chain) > self.max_conversations * self.turns * 2:
            self._chain.popitem(last=False)
