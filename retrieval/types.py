"""The engine's own small types: what it hands to front ends (pydantic, JSON-ready)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class ArticleInfo(BaseModel):
    """One article as the store knows it (no body text)."""

    article_id: str
    title: str
    source: str | None = Field(
        default=None, description="The outlet, e.g. a newspaper or wire agency."
    )
    published: date | None = None
    url: str | None = None
    path: str = Field(description="The ingested file (for JSONL: the file and line).")
    countries: list[str] = Field(default_factory=list, description="Partner countries (ISO).")
    chunks: int = 0


class Citation(BaseModel):
    """A numbered source under an answer; `quote` is verbatim article text."""

    n: int
    article_id: str
    title: str
    source: str | None = None
    published: date | None = None
    url: str | None = None
    path: str
    quote: str
    checked: str | None = Field(
        None, description="How the citation was verified (e.g. 'extractive: verbatim')."
    )


class Answer(BaseModel):
    """The engine's answer to one question."""

    question: str
    answer: str
    refused: bool = False
    citations: list[Citation] = Field(default_factory=list)
    mode: str = Field(default="extractive", description="extractive, or the provider:model.")
    notice: str | None = Field(
        default=None, description="One line for the user, e.g. a fallback notice."
    )

    def by_article(self) -> list[tuple[list[int], Citation]]:
        """The citations grouped by article, in order of first use: ([1, 3], first citation)."""
        groups: dict[str, tuple[list[int], Citation]] = {}
        for c in self.citations:
            groups.setdefault(c.article_id, ([], c))[0].append(c.n)
        return list(groups.values())

    def to_json_line(self) -> dict:
        """The CLI's --json object: the public subset of fields."""
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "mode": self.mode,
            "notice": self.notice,
            "citations": [
                {
                    "n": c.n,
                    "title": c.title,
                    "source": c.source,
                    "published": c.published.isoformat() if c.published else None,
                    "url": c.url,
                    "path": c.path,
                    "quote": c.quote,
                    "checked": c.checked,
                }
                for c in self.citations
            ],
        }


class SkippedFile(BaseModel):
    path: str
    reason: str


class IngestReport(BaseModel):
    """Summary of one ingest run."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[SkippedFile] = Field(default_factory=list)
    chunks_embedded: int = 0
    chunks_total: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.skipped


class Engagement(BaseModel):
    """One bilateral engagement reported by an article (a call, visit, meeting, ...)."""

    kind: str = Field(description="phone call, meeting, visit, dialogue, summit, ...")
    date_start: date | None = None
    date_end: date | None = Field(default=None, description="Same as date_start for a single day.")
    date_text: str | None = Field(
        default=None, description="The date as written, e.g. 'on Wednesday'."
    )
    date_precision: str | None = Field(
        None, description="day, week, month, year or range: how exactly the text dates it."
    )
    countries: list[str] = Field(default_factory=list, description="Partner countries (ISO).")
    participants: list[str] = Field(default_factory=list, description="People, roles as written.")
    names: list[str] = Field(
        default_factory=list, description="The participants' names alone, India's side first."
    )
    place: str | None = None
    topics: list[str] = Field(default_factory=list)
    article_id: str
    quote: str = Field(description="The verbatim sentence(s) the engagement rests on.")
    citation: int | None = Field(default=None, description="Number of its citation in the brief.")
    also: list[int] = Field(
        default_factory=list, description="Citations of other articles reporting the same event."
    )


class Theme(BaseModel):
    """A recurring topic of a relationship, with the citations that show it."""

    name: str
    citations: list[int] = Field(default_factory=list)


class CountryBrief(BaseModel):
    """India and one partner country: counts, a dated timeline and recurring themes."""

    country_code: str
    country_name: str
    articles: int = 0
    engagements: list[Engagement] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    message: str | None = Field(default=None, description="Said instead of a timeline.")
