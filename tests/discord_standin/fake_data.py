"""The fake engine's knowledge: four real seed articles, what they say, and country aliases."""

from __future__ import annotations

from datetime import date

from retrieval.types import Answer, ArticleInfo, Citation

ARTICLES = [
    ArticleInfo(
        article_id="om-2025-12-04",
        title="EAM Jaishankar, Omani counterpart discuss deepening bilateral cooperation",
        source="Business Standard (ANI)",
        published=date(2025, 12, 4),
        url="https://news.example/om/jaishankar-albusaidi",
        path="000.txt",
        countries=["OM"],
        chunks=4,
    ),
    ArticleInfo(
        article_id="us-ru-2022-01-05",
        title="Jaishankar reviews bilateral ties with US, Russia ahead of talks",
        source="Hindustan Times",
        published=date(2022, 1, 5),
        url=None,
        path="001.txt",
        countries=["US", "RU"],
        chunks=3,
    ),
    ArticleInfo(
        article_id="ru-2023-04-28",
        title="SCO Summit 2023: India, Russia resolve to strengthen defence cooperation",
        source="Business Standard (PTI)",
        published=date(2023, 4, 28),
        url="https://news.example/ru/sco-singh-shoigu",
        path="004.txt",
        countries=["RU"],
        chunks=5,
    ),
    ArticleInfo(
        article_id="jp-2020-10-07",
        title="India, Japan hold strategic dialogue",
        source="Oneindia",
        published=date(2020, 10, 7),
        url="https://news.example/jp/strategic-dialogue",
        path="002.txt",
        countries=["JP"],
    ),
]
QUOTES = {  # (article, country) -> what the article says, verbatim enough for a fake
    ("om-2025-12-04", "OM"): "S Jaishankar had a telephonic conversation with his Omani "
    "counterpart Badr Albusaidi and discussed the deepening of bilateral cooperation.",
    ("us-ru-2022-01-05", "US"): "Jaishankar had a broad-ranging conversation with US secretary "
    "of state Antony Blinken on current bilateral issues and the Indo-Pacific.",
    ("us-ru-2022-01-05", "RU"): "Jaishankar spoke to Russian foreign minister Sergey Lavrov and "
    "discussed the follow-up to the annual summit and the 2+2 meeting.",
    ("ru-2023-04-28", "RU"): "Rajnath Singh and Sergei Shoigu vowed to strengthen the "
    "India-Russia military partnership, including industrial cooperation.",
    ("jp-2020-10-07", "JP"): "Jaishankar held wide-ranging talks with Toshimitsu Motegi in Tokyo.",
}
COUNTRIES = {  # code -> (name, aliases); a few more than the KB covers, like the real alias table
    "OM": ("Oman", ("oman", "omani", "muscat")),
    "RU": ("Russia", ("russia", "russian", "lavrov")),
    "US": ("United States", ("united states", "us", "usa", "america", "american", "blinken")),
    "JP": ("Japan", ("japan", "japanese", "tokyo")),
    "RO": ("Romania", ("romania",)),
    "SO": ("Somalia", ("somalia",)),
    "IL": ("Israel", ("israel",)),
    "FR": ("France", ("france",)),
}


def cite(n: int, article: ArticleInfo, quote: str) -> Citation:
    return Citation(
        n=n,
        article_id=article.article_id,
        title=article.title,
        source=article.source,
        published=article.published,
        url=article.url,
        path=article.path,
        quote=quote,
        checked="extractive: verbatim",
    )


def huge_answer(question: str) -> Answer:
    """Far over every Discord limit: 20,000 characters, 40 long-titled citations, markdown."""
    sentence = (
        "India and **Oman** _reaffirmed_ ties @everyone [1] `code` > quote ~~strike~~ ||spoiler||. "
    )
    citations = [
        Citation(
            n=n,
            article_id=f"a{n}",
            title=f"[{n}] A *very* long_title ](x) " * 12,
            source="The Outlet " * 10,
            published=date(2024, 1, n % 28 + 1),
            url=f"https://news.example/{n}/" + "p" * 300,
            path=f"{n}.txt",
            quote="q",
        )
        for n in range(1, 41)
    ]
    text = (sentence * (20_000 // len(sentence) + 1))[:20_000]
    return Answer(
        question=question * 20,
        answer=text,
        citations=citations,
        mode="provider:fake",
        notice="Fake notice " * 50,
    )
