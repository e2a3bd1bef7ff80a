"""The engine's own small types: what it hands to front ends (pydantic, JSON-ready)."""

from __future__ import annotations

from datetime import date, datetime

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
    confidence: float | None = Field(
        default=None, description="The abstention model's confidence that the answer holds."
    )
    understood_as: str | None = Field(
        default=None, description="A follow-up as the engine read it, in the conversation's light."
    )
    evidence: list[float] | None = Field(
        default=None, exclude=True, description="The abstention features (for fitting)."
    )
    retrieved: list[str] | None = Field(
        default=None,
        exclude=True,
        description="Ids of the articles retrieval found, best first (a conversation's subject "
        "when the answer was refused).",
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
            "understood_as": self.understood_as,
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
    fetched: list[str] = Field(
        default_factory=list, description="Web pages fetched and saved for this ingest (URLs)."
    )

    @property
    def ok(self) -> bool:
        return not self.skipped


class Removal(BaseModel):
    """What `remove` took out of the store."""

    articles: list[ArticleInfo] = Field(default_factory=list)
    chunks: int = 0
    files_kept: list[str] = Field(
        default_factory=list,
        description="Files outside the data dir that were left alone: ingesting their folder "
        "again adds them back.",
    )


class Count(BaseModel):
    """How many articles one country or outlet has."""

    name: str
    code: str | None = Field(default=None, description="The country's ISO code.")
    articles: int


class SourceCounts(BaseModel):
    """The articles in the store counted per partner country and per outlet, most first."""

    articles: int = 0
    countries: list[Count] = Field(default_factory=list)
    outlets: list[Count] = Field(default_factory=list)


class FeedInfo(BaseModel):
    """A followed RSS or Atom feed."""

    url: str
    title: str | None = None
    items: int = Field(default=0, description="Items the feed listed when last read.")
    refreshed: datetime | None = None
    status: str | None = Field(default=None, description="How the last refresh went.")


class FeedResult(BaseModel):
    """One feed's refresh."""

    url: str
    status: str = Field(description="'not modified', 'N new, N changed, N unchanged', or why not.")
    ok: bool = True


class FeedReport(BaseModel):
    """One refresh of every followed feed: each feed's result, the items skipped with their
    reasons, and the ingest of what was fetched."""

    feeds: list[FeedResult] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    ingest: IngestReport | None = None

    @property
    def ok(self) -> bool:
        return (
            all(f.ok for f in self.feeds)
            and not self.skipped
            and (self.ingest is None or self.ingest.ok)
        )


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
    scope: str | None = Field(
        default=None, description="What the timeline is limited to, in words (kinds, period)."
    )
    outside: int = Field(default=0, description="Engagements left out by the scope.")
