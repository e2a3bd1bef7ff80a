"""Scripted chat models for the LLM tests: LangChain's fake chat model, reading its prompt."""

from __future__ import annotations

import re
import time
from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field

_CITE = re.compile(r"\{\{(.+?)\}\}")
_BLOCK = re.compile(r"<<<ARTICLE (\d+)>>>\n(.*?)<<<END ARTICLE \1>>>", re.S)


def fill(template: str, prompt: str) -> str:
    """`{{phrase}}` becomes [n], n the article in the prompt that holds the phrase ([99] if none).

    Retrieval decides the numbering, so a script names the article by a phrase of it instead.
    """
    blocks = _BLOCK.findall(prompt)

    def number(match: re.Match) -> str:
        phrase = match.group(1).lower()
        return next((f"[{n}]" for n, body in blocks if phrase in body.lower()), "[99]")

    return _CITE.sub(number, template)


def prompt_text(messages: list[BaseMessage]) -> str:
    return "\n".join(str(m.content) for m in messages)


class ScriptedChatModel(FakeListChatModel):
    """Replies from a script, in order, streaming word by word; records every prompt it gets."""

    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    error: BaseException | None = None

    def _next(self, messages: list[BaseMessage]) -> str:
        self.prompts.append(messages)
        if self.error is not None:
            raise self.error
        if self.sleep:
            time.sleep(self.sleep)
        reply = self.responses[min(self.i, len(self.responses) - 1)]
        self.i += 1
        return fill(reply, prompt_text(messages))

    def _call(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> str:
        return self._next(messages)

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any):
        for piece in re.findall(r"\S+\s*", self._next(messages)):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
