"""Answers formatted for Discord: readable, and within every limit whatever the input."""

from __future__ import annotations

import random

import pytest
from discord_standin.adversarial import NASTY, cite, fits
from discord_standin.fake_data import huge_answer

from bot.discord.formatting import answer_embeds, answer_text, citation_line, how_answered
from bot.discord.limits import CONTENT, size, split_text
from retrieval.types import Answer


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


def test_a_follow_up_says_how_it_was_read_in_one_short_italic_line():
    from bot.discord.formatting import UNDERSTOOD_LIMIT, understood_line

    plain = Answer(question="q", answer="a")
    assert understood_line(plain) is None
    read = Answer(question="q", answer="a", understood_as="when was *that* @everyone " + "x" * 400)
    line = understood_line(read)
    assert line is not None and line.startswith("*understood as: when was \\*that\\*")
    assert line.endswith("…*") and len(line) < UNDERSTOOD_LIMIT + 40
    assert "@everyone" not in line  # no mention can ride along
    assert answer_embeds(read)[0].description.startswith(line)
