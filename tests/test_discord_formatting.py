"""Formatting answers, briefs and lists for Discord: within every limit, whatever the input."""

from __future__ import annotations

import random
from datetime import date

import pytest

from bot.discord.formatting import answer_embeds, answer_text, citation_line, how_answered
from bot.discord.limits import CONTENT, embed_violations, size, split_text
from bot.discord.listings import brief_embeds, ingest_summary, sources_embeds
from retrieval.types import (
    Answer,
    ArticleInfo,
    Citation,
    CountryBrief,
    Engagement,
    IngestReport,
    SkippedFile,
    Theme,
)
from tests.discord_standin.fake_data import huge_answer
from tests.discord_standin.limits_check import violations

NASTY = "**bold** _it_ [x](javascript:alert(1)) ](y) `c` > q ~~s~~ ||sp|| @everyone <@1> # h 😀 "


def fits(embeds) -> bool:
    dicts = [e.to_dict() for e in embeds]
    assert embed_violations(dicts) == []
    assert violations({"embeds": dicts}) == []  # the stand-in's own reading of Discord's rules
    return True


def cite(
    n: int,
    title: str = "India and Oman talk",
    url: str | None = "https://x.example/a",
    source: str | None = "The Hindu",
) -> Citation:
    return Citation(
        n=n,
        article_id=f"a{n}",
        title=title,
        source=source,
        published=date(2025, 12, 3),
        url=url,
        path=f"{n}.txt",
        quote="q",
    )


def test_a_plain_answer_reads_well():
    answer = Answer(
        question="What did India and Oman discuss?", answer="They talked. [1]", citations=[cite(1)]
    )
    [embed] = answer_embeds(answer)
    assert embed.title == "What did India and Oman discuss?"
    assert embed.description == "They talked. [1]"
    assert embed.fields[0].name == "Sources"
    assert embed.fields[0].value == (
        "[1] [India and Oman talk](https://x.example/a) — The Hindu, 3 Dec 2025"
    )
    assert embed.footer.text == "Bilateral · Quoted from the articles (extractive)"


def test_the_huge_answer_is_cut_at_a_sentence_and_keeps_its_first_sources():
    [embed] = answer_embeds(huge_answer("Everything?"))
    assert fits([embed])
    assert embed.description.endswith("shortened to fit Discord.*")
    assert "||spoiler||. \n\n*…" in embed.description or "||spoiler||.\n\n*…" in embed.description
    assert embed.fields[0].value.startswith("[1] [")
    assert embed.fields[-1].value.endswith("more sources")
    assert len(embed.title) <= 256 and len(embed.footer.text) <= 2048


@pytest.mark.parametrize(
    "text",
    [
        "x" * 20_000,
        "😀" * 5_000,
        "word " * 5_000,
        "Short. " * 3_000,
        NASTY * 300,
        "\n" * 9_000 + "a",
    ],
)
def test_any_answer_text_fits(text):
    citations = [
        cite(n, title=NASTY * 10, url="https://x.example/" + "p" * 600) for n in range(1, 41)
    ]
    answer = Answer(
        question=text,
        answer=text,
        citations=citations,
        notice=text[:3000],
        mode="provider:" + text[:3000],
    )
    assert fits(answer_embeds(answer))
    pieces = answer_text(answer)
    assert 1 <= len(pieces) <= 3 and all(size(p) <= CONTENT for p in pieces)


def test_random_sizes_always_fit():
    rng = random.Random(20251203)
    for _ in range(150):
        text = "".join(
            rng.choice(["a", " ", ".", "😀", "*", "\n", "[", "]"])
            for _ in range(rng.randint(0, 9000))
        )
        citations = [
            cite(
                n,
                title=text[: rng.randint(0, 800)] or "t",
                url=rng.choice([None, "https://x.example/" + text[:50]]),
            )
            for n in range(1, rng.randint(1, 60))
        ]
        answer = Answer(question=text[: rng.randint(0, 600)], answer=text, citations=citations)
        assert fits(answer_embeds(answer))
        assert all(size(p) <= CONTENT for p in answer_text(answer))


def test_links_are_safe():
    assert citation_line(cite(2, url=None)) == "[2] India and Oman talk — The Hindu, 3 Dec 2025"
    assert "](" not in citation_line(cite(3, url="javascript:alert(1)"))
    line = citation_line(cite(4, title="A [bad] title](x)", url="https://x.example/a (b)"))
    assert line.startswith("[4] [A (bad) title)(x)](https://x.example/a%20%28b%29) — The Hindu")
    assert citation_line(cite(5, source=None)).endswith("— 3 Dec 2025")


def test_mentions_are_neutralised_in_text():
    answer = Answer(question="q", answer="Hello @everyone and @here.", citations=[])
    assert "@everyone" not in answer_text(answer)[0] and "@here" not in answer_text(answer)[0]
    assert "@everyone" not in answer_embeds(answer)[0].description


def test_the_footer_says_how_it_was_answered():
    assert how_answered(Answer(question="q", answer="a", mode="provider:llama3")).endswith(
        "Written by llama3 from the cited articles"
    )
    refused = Answer(question="q", answer="No idea.", refused=True)
    assert "don't cover" in how_answered(refused)
    assert (
        answer_embeds(refused)[0].colour
        != answer_embeds(Answer(question="q", answer="a"))[0].colour
    )


def test_plain_text_splits_at_sentences():
    text = " ".join(f"Sentence number {i} is here." for i in range(300))
    pieces = split_text(text, 2000)
    assert all(p.endswith(".") for p in pieces) and "".join(pieces).count("Sentence") == 300


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
