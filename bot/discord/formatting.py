"""Answers as Discord messages: embeds, or plain text when embeds can't be sent. Pure functions."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.discord.embeds import Section, fitted_embed
from bot.discord.limits import CONTENT, clip, pack_lines, split_text
from retrieval import Answer, Citation

ANSWER_COLOUR = discord.Colour.blurple()
REFUSED_COLOUR = discord.Colour.light_grey()
TEXT_MESSAGES = 3  # at most this many plain-text messages for one answer


def nice_date(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def safe_url(url: str | None) -> str | None:
    """An http(s) URL that can sit inside a markdown link, or None."""
    if not url or not url.startswith(("https://", "http://")) or len(url) > 512:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def link_text(text: str, limit: int) -> str:
    """text made safe as the visible part of a masked link."""
    text = " ".join(text.split()).replace("[", "(").replace("]", ")")
    return clip(escape_markdown(text, as_needed=False), limit)


def citation_line(c: Citation, *, links: bool = True, numbers: list[int] | None = None) -> str:
    """`[1] [title](url) — outlet, 3 Dec 2025`, the title linked when there is a URL."""
    title = link_text(c.title or "Untitled article", 150)
    url = safe_url(c.url)
    if url and links:
        head = f"[{title}]({url})"
    elif url:
        head = f"{title} <{url}>"
    else:
        head = title
    meta = ", ".join(x for x in (link_text(c.source or "", 60), nice_date(c.published)) if x)
    marks = "".join(f"[{n}]" for n in (numbers or [c.n]))
    return f"{marks} {head}" + (f" — {meta}" if meta else "")


def how_answered(answer: Answer) -> str:
    """The footer: how the answer was made (answer.mode)."""
    if answer.refused:
        how = "No answer: the articles don't cover this"
    elif answer.mode == "extractive":
        how = "Quoted from the articles (extractive)"
    elif answer.mode.startswith("provider:"):
        how = f"Written by {answer.mode.removeprefix('provider:')} from the cited articles"
    else:
        how = f"Answered by {answer.mode}"
    return f"Bilateral · {how}"


UNDERSTOOD_LIMIT = 200  # characters of the understood question shown


def understood_line(answer: Answer) -> str | None:
    """A follow-up as the engine read it, as one short italic line."""
    if not answer.understood_as:
        return None
    read = clip(" ".join(answer.understood_as.split()), UNDERSTOOD_LIMIT)
    return f"*understood as: {escape_mentions(escape_markdown(read))}*"


def _body(answer: Answer) -> str:
    text = escape_mentions(answer.answer.strip()) or "(The engine gave no text.)"
    if answer.notice:
        text = f"*{escape_markdown(answer.notice.strip())}*\n\n{text}"
    understood = understood_line(answer)
    if understood:
        text = f"{understood}\n\n{text}"
    return text


def answer_embeds(answer: Answer) -> list[discord.Embed]:
    """One message's embeds: the answer, its numbered sources and how it was answered."""
    sources = Section(
        "Sources",
        [citation_line(c, numbers=ns) for ns, c in answer.by_article()],
        noun="more sources",
    )
    embed = fitted_embed(
        title=escape_mentions(" ".join(answer.question.split())),
        description=_body(answer),
        sections=[sources],
        footer=how_answered(answer),
        colour=REFUSED_COLOUR if answer.refused else ANSWER_COLOUR,
    )
    return [embed]


def answer_text(answer: Answer) -> list[str]:
    """The answer as plain messages of at most 2000 characters, split at sentence boundaries."""
    pieces = split_text(_body(answer), CONTENT)
    if answer.citations:
        lines = [
            escape_mentions(citation_line(c, links=False, numbers=ns))
            for ns, c in answer.by_article()
        ]
        pieces += [chunk for chunk, _ in pack_lines(["**Sources**", *lines], CONTENT)]
    pieces[-1] = clip(f"{pieces[-1]}\n-# {how_answered(answer)}", CONTENT)
    if len(pieces) > TEXT_MESSAGES:
        more = "\n*… shortened to fit Discord.*"
        last = clip(pieces[TEXT_MESSAGES - 1], CONTENT - 40) + more
        pieces = [*pieces[: TEXT_MESSAGES - 1], last]
    return pieces
