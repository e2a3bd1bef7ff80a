"""Terminal rendering: sentences cite [n]; the source list names each article once."""

from datetime import date

from bot.cli.render import answer_text
from retrieval.types import Answer, Citation


def cite(n, article, title):
    return Citation(
        n=n,
        article_id=article,
        title=title,
        source="Mint",
        published=date(2023, 3, 10),
        path=f"k/{article}.md",
        quote=f"Quote {n}.",
    )


def test_sentences_of_one_article_share_its_source_line():
    answer = Answer(
        question="q",
        answer="Quote 1. [1] Quote 2. [2] Quote 3. [3]",
        citations=[cite(1, "a", "Talks"), cite(2, "a", "Talks"), cite(3, "b", "Summit")],
    )
    lines = answer_text(answer).splitlines()
    assert "[1][2] Talks, Mint, 10 Mar 2023 — k/a.md" in lines
    assert "[3] Summit, Mint, 10 Mar 2023 — k/b.md" in lines
    assert sum("Talks" in line for line in lines) == 1
