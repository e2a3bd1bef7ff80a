"""EngineLike: the part of the engine the bot relies on (duck-typed; retrieval's Engine fits it)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from retrieval import Answer, ArticleInfo, CountryBrief, IngestReport
from retrieval.conversation import Conversation
from retrieval.engagements.scope import BriefScope


@runtime_checkable
class EngineLike(Protocol):
    """Blocking calls; the bot runs them in its thread pool, never on the event loop."""

    def ask(
        self,
        question: str,
        *,
        conversation: Conversation | None = None,
        country: str | None = None,
    ) -> Answer: ...

    def sources(self, country: str | None = None) -> list[ArticleInfo]: ...

    def ingest(self, paths=None) -> IngestReport: ...

    def country_names(self) -> list[tuple[str, str, int]]: ...

    def suggest_countries(self, text: str, limit: int = 25) -> list[tuple[str, str]]: ...


class BriefingEngine(EngineLike, Protocol):
    """An engine that can also brief on one country (optional: /country falls back to ask)."""

    def country_brief(self, name: str, scope: BriefScope | None = None) -> CountryBrief: ...
