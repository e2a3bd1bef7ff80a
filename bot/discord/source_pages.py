"""The article list of /sources as numbered pages, each one embed within Discord's limits."""

from __future__ import annotations

from datetime import date

import discord

from bot.discord.embeds import fitted_embed
from bot.discord.limits import EMBED_DESCRIPTION, clip, size
from bot.discord.listings import BRIEF_COLOUR, article_line
from retrieval import ArticleInfo

PAGE_ARTICLES = 10
HEADER_ROOM = 300  # of the description, kept for the count and hint above the list
PAGE_ROOM = EMBED_DESCRIPTION - HEADER_ROOM


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def newest_first(articles: list[ArticleInfo]) -> list[ArticleInfo]:
    return sorted(articles, key=lambda a: a.published or date.min, reverse=True)


def paginate(lines: list[str]) -> list[list[str]]:
    """Lines in pages of at most PAGE_ARTICLES, each page within PAGE_ROOM (a line too long
    for a page by itself is clipped). At least one page, empty for no lines."""
    pages: list[list[str]] = [[]]
    used = 0
    for line in lines:
        line = clip(line, PAGE_ROOM)
        cost = size(line) + 1
        if pages[-1] and (len(pages[-1]) >= PAGE_ARTICLES or used + cost > PAGE_ROOM):
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += cost
    return pages


def sources_page(
    articles: list[ArticleInfo], country: str | None, page: int
) -> tuple[discord.Embed, int, int]:
    """One page of the list, newest first and numbered across pages: (embed, the page shown,
    how many pages). A page past the end shows the last one."""
    scope = f"about India and {clip(country, 80)}" if country else "in the knowledge base"
    if not articles:
        text = f"No articles {scope} yet. An admin can add some and run /reindex."
        return fitted_embed(title="Sources", description=text, colour=BRIEF_COLOUR), 1, 1
    ordered = newest_first(articles)
    pages = paginate([f"{i}. {article_line(a)}" for i, a in enumerate(ordered, 1)])
    page = min(max(page, 1), len(pages))
    hint = "" if country else " Narrow it down with `/sources country:`."
    head = f"{_plural(len(articles), 'article')}, newest first.{hint}"
    embed = fitted_embed(
        title=f"Sources {scope}",
        description=head + "\n\n" + "\n".join(pages[page - 1]),
        footer=f"Page {page} of {len(pages)} · Bilateral · answers cite these articles",
        colour=BRIEF_COLOUR,
    )
    return embed, page, len(pages)
