"""Country briefs, article lists and ingest summaries for Discord: within limits, always."""

from __future__ import annotations

from datetime import date

from discord_standin.adversarial import NASTY, cite, fits

from bot.discord.limits import CONTENT, size
from bot.discord.listings import brief_embeds, ingest_summary, sources_embeds
from retrieval.types import (
    ArticleInfo,
    CountryBrief,
    Engagement,
    IngestReport,
    SkippedFile,
    Theme,
)


def test_a_long_brief_fits():
    engagements = [
        Engagement(
            kind=NASTY,
            date_start=date(2020, 1, 1 + i % 28),
            participants=[NASTY] * 5,
            place=NASTY,
            article_id="a",
            quote="q",
            citation=i,
        )
        for i in range(300)
    ] + [Engagement(kind="call", date_text="on Wednesday", article_id="a", quote="q")]
    brief = CountryBrief(
        country_code="OM",
        country_name="Oman",
        articles=300,
        engagements=engagements,
        themes=[Theme(name=NASTY, citations=[1, 2])] * 80,
        citations=[cite(n, title=NASTY * 5) for n in range(1, 301)],
        message=NASTY * 100,
    )
    [embed] = brief_embeds(brief)
    assert fits([embed])
    assert embed.title == "India – Oman"
    assert "more engagements" in embed.fields[-1].value or any(
        "more engagements" in f.value for f in embed.fields
    )


def test_an_empty_brief_says_so():
    brief = CountryBrief(country_code="TV", country_name="Tuvalu", message="No articles yet.")
    [embed] = brief_embeds(brief)
    assert "0 articles" in embed.description and "No articles yet." in embed.description
    assert not embed.fields


def test_sources_list_is_trimmed_with_a_count():
    articles = [
        ArticleInfo(
            article_id=str(i),
            title=f"Article {i} " + NASTY,
            source="Outlet",
            published=date(2020, 1, 1 + i % 28),
            url=f"https://x.example/{i}",
            path=f"{i}",
        )
        for i in range(500)
    ]
    [embed] = sources_embeds(articles)
    assert fits([embed])
    assert "500 articles" in embed.description
    assert any("more articles" in f.value for f in embed.fields)
    [empty] = sources_embeds([], "Tuvalu")
    assert "No articles about India and Tuvalu yet" in empty.description


def test_ingest_summary_is_short():
    report = IngestReport(
        added=2,
        unchanged=3,
        seconds=1.25,
        chunks_embedded=7,
        chunks_total=40,
        skipped=[SkippedFile(path="x" * 300, reason="empty")] * 1000,
    )
    text = ingest_summary(report)
    assert text.startswith("Reindexed in 1.2 s: 2 added") and size(text) <= CONTENT
