"""FakeEngine: a deterministic engine over four canned articles (Oman, Russia, US, Japan)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from retrieval.conversation import Conversation, Subject
from retrieval.engagements.scope import BriefScope
from retrieval.errors import UnknownCountry
from retrieval.types import (
    Answer,
    ArticleInfo,
    CountryBrief,
    Engagement,
    IngestReport,
    Theme,
)

from .fake_data import ARTICLES, COUNTRIES, QUOTES, cite, huge_answer


@dataclass
class AskCall:
    question: str
    history: tuple[str, ...]  # the conversation's earlier questions, as the engine saw them
    country: str | None


class FakeEngine:
    """Knobs: slow (s per ask), huge (20,000-char answers, 40 citations), crowded (40 countries),
    fail (ask raises), more_articles (that many more in sources()). Calls are recorded,
    thread-safely, in asks / ingests; most_at_once is the most asks that ran at the same time."""

    def __init__(self) -> None:
        self.slow = 0.0
        self.huge = self.crowded = self.fail = False
        self.more_articles = 0
        self.asks: list[AskCall] = []
        self.ingests = 0
        self.running = self.most_at_once = 0
        self._lock = threading.Lock()

    def reset(self) -> None:
        self.__init__()

    def code_of(self, text: str | None) -> str | None:
        """The country a text names (an ISO code, a name or an alias), or None."""
        text = (text or "").strip()
        if text.upper() in COUNTRIES:
            return text.upper()
        words = " ".join(re.findall(r"[a-z]+", text.lower()))
        for code, (_name, aliases) in COUNTRIES.items():
            if any(re.search(rf"\b{re.escape(alias)}\b", words) for alias in aliases):
                return code
        return None

    def ask(
        self,
        question: str,
        *,
        conversation: Conversation | None = None,
        country: str | None = None,
    ) -> Answer:
        history = tuple(conversation.questions) if conversation is not None else ()
        with self._lock:
            self.asks.append(AskCall(question, history, country))
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            answer = self._answer(question, history, country)
        finally:
            with self._lock:
                self.running -= 1
        if conversation is not None:  # as the real engine does: the conversation moves on
            conversation.remember(question, Subject(question=question))
        return answer

    def _answer(self, question: str, history: Sequence[str], country: str | None) -> Answer:
        if self.slow:
            time.sleep(self.slow)
        if self.fail:
            raise RuntimeError("the fake engine was told to fail")
        if self.huge:
            return huge_answer(question)
        if country and self.code_of(country) is None:
            raise UnknownCountry(country)  # as the real engine does
        code = self.code_of(country) or self.code_of(question)
        understood = None
        for earlier in reversed(history):  # a follow-up ("and defence?") stays on the country
            if code is None and self.code_of(earlier):
                code, understood = self.code_of(earlier), f"{question} (following up: {earlier})"
        hits = [
            (a, QUOTES[(a.article_id, code)]) for a in ARTICLES if (a.article_id, code) in QUOTES
        ]
        if "defence" in question.lower():
            hits.sort(key=lambda hit: "military" not in hit[1])
        if not hits:
            return Answer(
                question=question,
                refused=True,
                answer="The articles I have don't say anything about that.",
            )
        citations = [cite(n, a, quote) for n, (a, quote) in enumerate(hits, 1)]
        text = " ".join(f"{c.quote} [{c.n}]" for c in citations)
        return Answer(question=question, answer=text, citations=citations, understood_as=understood)

    def sources(self, country: str | None = None) -> list[ArticleInfo]:
        code = self.code_of(country)
        if country and code is None:
            raise UnknownCountry(country)
        found = [a for a in ARTICLES if country is None or code in a.countries]
        return found + [
            ArticleInfo(
                article_id=f"more-{i}",
                title=f"More coverage, part {i}",
                source="The Daily Example",
                published=date(2019, 1, 1) - timedelta(days=i),
                url=f"https://news.example/more/{i}",
                path=f"more/{i}.txt",
                countries=[code or "OM"],
            )
            for i in range(1, self.more_articles + 1)
        ]

    def ingest(self, paths=None) -> IngestReport:
        with self._lock:
            self.ingests += 1
        return IngestReport(unchanged=len(ARTICLES), chunks_total=12, seconds=0.2)

    def country_names(self) -> list[tuple[str, str, int]]:
        if self.crowded:
            return [(f"X{i}", f"Country {i}", 40 - i) for i in range(40)]
        counts = {code: sum(code in a.countries for a in ARTICLES) for code in COUNTRIES}
        rows = [(code, COUNTRIES[code][0], n) for code, n in counts.items() if n]
        return sorted(rows, key=lambda row: (-row[2], row[1]))

    def suggest_countries(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        text = text.strip().lower()
        ranked = sorted(
            (not name.lower().startswith(text), name, code)
            for code, (name, aliases) in COUNTRIES.items()
            if any(text in alias for alias in (name.lower(), *aliases))
        )
        return [(code, name) for _, name, code in ranked][:limit]

    def country_brief(self, name: str, scope: BriefScope | None = None) -> CountryBrief:
        code = self.code_of(name)
        if code is None:
            raise UnknownCountry(name, ["Oman", "Russia"])
        answer = self.ask(f"What has India done with {COUNTRIES[code][0]}?", country=code)
        # as the engine does: one citation per engagement, so an article reporting two
        # engagements (here: every article) is cited twice
        events, citations = [], []
        for c in answer.citations:
            for kind in ("talks", "agreement"):
                citations.append(c.model_copy(update={"n": len(citations) + 1}))
                events.append(
                    Engagement(
                        kind=kind,
                        date_start=c.published,
                        countries=[code],
                        article_id=c.article_id,
                        participants=["S Jaishankar"],
                        quote=c.quote,
                        citation=len(citations),
                    )
                )
        kept = [e for e in events if scope is None or scope.keeps(e)]
        return CountryBrief(
            country_code=code,
            country_name=COUNTRIES[code][0],
            articles=len(answer.citations),
            engagements=kept,
            scope=scope.describe() if scope and not scope.empty else None,
            outside=len(events) - len(kept),
            themes=[Theme(name="bilateral cooperation", citations=[1, 2])],
            citations=citations,
        )
