"""Country briefs, article lists and ingest summaries for Discord: within limits, always."""

from __future__ import annotations

import re
from datetime import date, timedelta

from discord_standin.adversarial import NASTY, cite, fits

from bot.discord.limits import CONTENT, size
from bot.discord.listings import article_line, brief_embeds, ingest_summary
from bot.discord.source_pages import PAGE_ROOM, paginate, sources_page
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


def _articles(n: int, title: str = NASTY) -> list[ArticleInfo]:
    return [
        ArticleInfo(
            article_id=str(i),
            title=f"Article {i} " + title,
            source="Outlet",
            published=date(2020, 1, 1) - timedelta(days=i),  # newest first: 0, 1, 2, ...
            url=f"https://x.example/{i}",
            path=f"{i}",
        )
        for i in range(n)
    ]


def test_sources_come_in_pages_that_each_fit_and_together_list_every_article():
    articles = _articles(500)
    first, page, pages = sources_page(articles, None, 1)
    assert (page, pages) == (1, 50) and fits([first])
    assert "500 articles, newest first" in first.description
    assert first.footer.text.startswith("Page 1 of 50")
    seen = []
    for n in range(1, pages + 1):
        [embed_page, shown, _] = sources_page(articles, None, n)
        assert shown == n and fits([embed_page])
        seen += re.findall(r"^(\d+)\. \[Article (\d+) ", embed_page.description, re.M)
    assert [int(rank) for rank, _ in seen] == list(range(1, 501))  # numbered across pages
    assert [int(i) for _, i in seen] == list(range(500))  # each once, newest first
    last, page, _ = sources_page(articles, None, 99)
    assert page == 50 and "500. [Article 499" in last.description  # past the end: the last
    [empty, page, pages] = sources_page([], "Tuvalu", 3)
    assert "No articles about India and Tuvalu yet" in empty.description and pages == 1


def test_pages_shrink_to_fit_long_lines():
    long = _articles(30, title="x" * 140)
    for article in long:
        article.url = "https://x.example/" + "p" * 480
    pages = paginate([article_line(a) for a in long])
    assert sum(len(p) for p in pages) == 30 and len(pages) > 3  # ~650 characters a line
    assert all(sum(size(line) + 1 for line in p) <= PAGE_ROOM for p in pages)
    assert all(fits([sources_page(long, None, n)[0]]) for n in range(1, len(pages) + 1))


def test_a_brief_lists_each_article_once():
    one, two = cite(1, title="First article"), cite(2, title="Second article", url=None)
    again = one.model_copy(update={"n": 3})  # the first article, cited for another engagement
    same_page = cite(4, title="First article, ingested twice")
    same_page.article_id = "elsewhere"  # another file, the same URL
    engagements = [
        Engagement(
            kind="call", date_start=date(2025, 1, 3), article_id="a1", quote="q", citation=1
        ),
        Engagement(
            kind="visit",
            date_start=date(2025, 1, 2),
            article_id="a2",
            quote="q",
            citation=2,
            also=[4],
        ),
        Engagement(
            kind="talks", date_start=date(2025, 1, 1), article_id="a1", quote="q", citation=3
        ),
    ]
    brief = CountryBrief(
        country_code="OM",
        country_name="Oman",
        articles=2,
        engagements=engagements,
        themes=[Theme(name="trade", citations=[1, 3, 2])],
        citations=[one, two, again, same_page],
    )
    [embed] = brief_embeds(brief)
    fields = {f.name: f.value for f in embed.fields}
    sources = fields["Sources"].splitlines()
    assert len(sources) == 2 and sources[0].startswith("[1] [First article](")
    assert sources[1].startswith("[2] Second article")
    assert [line.rsplit("·", 1)[1] for line in fields["Timeline"].splitlines()] == [
        " call [1]",
        " visit [2] [1]",
        " talks [1]",
    ]
    assert fields["Themes"] == "trade [1] [2]"


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
