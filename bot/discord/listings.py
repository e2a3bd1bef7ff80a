"""Country briefs, article lines and ingest summaries as Discord embeds or text. Pure functions."""

from __future__ import annotations

import discord
from discord.utils import escape_markdown

from bot.discord.embeds import Section, fitted_embed
from bot.discord.formatting import citation_line, link_text, nice_date, safe_url
from bot.discord.limits import CONTENT, clip
from retrieval import ArticleInfo, Citation, CountryBrief, Engagement, IngestReport

BRIEF_COLOUR = discord.Colour.teal()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _when(e: Engagement) -> str:
    if e.date_start and e.date_end and e.date_end != e.date_start:
        return f"{nice_date(e.date_start)} – {nice_date(e.date_end)}"
    return nice_date(e.date_start) or escape_markdown(e.date_text or "") or "undated"


def _marks(numbers: list[int]) -> str:
    return "".join(f" [{n}]" for n in dict.fromkeys(numbers))


def engagement_line(e: Engagement, renumber: dict[int, int] | None = None) -> str:
    """`**3 Dec 2025** · phone call — S Jaishankar, Badr Albusaidi [1] [3]`: its own source,
    then the other articles reporting the same event."""
    line = f"**{_when(e)}** · {escape_markdown(e.kind)}"
    if e.participants:
        line += " — " + escape_markdown(clip(", ".join(e.participants), 200))
    if e.place:
        line += f", {escape_markdown(clip(e.place, 60))}"
    cited = [n for n in (e.citation, *e.also) if n is not None]
    return line + _marks([(renumber or {}).get(n, n) for n in cited])


def by_article(citations: list[Citation]) -> tuple[list[Citation], dict[int, int]]:
    """Each cited article once, numbered in order of first citation, and the brief's citation
    numbers mapped to those. The engine cites once per engagement, so an article reporting two
    engagements has two numbers; one page (the same URL) ingested twice is one article too."""
    merged: list[Citation] = []
    renumber: dict[int, int] = {}
    seen: dict[str, int] = {}  # article id or URL -> its number
    for c in citations:
        keys = [c.article_id] + ([c.url] if c.url else [])
        number = next((seen[k] for k in keys if k in seen), None)
        if number is None:
            number = len(merged) + 1
            merged.append(c.model_copy(update={"n": number}))
        for key in keys:
            seen.setdefault(key, number)
        renumber[c.n] = number
    return merged, renumber


def brief_embeds(brief: CountryBrief) -> list[discord.Embed]:
    """India and one country: article count, dated timeline, themes and sources (each article
    listed once)."""
    parts = [f"**{_plural(brief.articles, 'article')}** about India and {brief.country_name}."]
    if brief.scope:
        parts[0] += f" Showing {escape_markdown(brief.scope)} ({brief.outside} outside)."
    if brief.message:
        parts.append(escape_markdown(brief.message))
    sources, renumber = by_article(brief.citations)
    ordered = list(brief.engagements)  # the engine's order: newest first, undated last
    themes = [
        escape_markdown(t.name) + _marks([renumber.get(n, n) for n in t.citations])
        for t in brief.themes
    ]
    embed = fitted_embed(
        title=f"India – {brief.country_name}",
        description="\n\n".join(parts),
        sections=[
            Section(
                "Timeline",
                [engagement_line(e, renumber) for e in ordered],
                noun="more engagements",
            ),
            Section("Themes", themes, noun="more themes"),
            Section("Sources", [citation_line(c) for c in sources], noun="more sources"),
        ],
        footer="Bilateral · timeline drawn from the cited articles",
        colour=BRIEF_COLOUR,
    )
    return [embed]


def article_line(a: ArticleInfo) -> str:
    """`[title](url) — outlet, 3 Dec 2025`"""
    title = link_text(a.title or a.path, 150)
    url = safe_url(a.url)
    head = f"[{title}]({url})" if url else title
    meta = ", ".join(x for x in (link_text(a.source or "", 60), nice_date(a.published)) if x)
    return head + (f" — {meta}" if meta else "")


def ingest_summary(report: IngestReport) -> str:
    """One short paragraph for /reindex, within a message's 2000 characters."""
    text = (
        f"Reindexed in {report.seconds:.1f} s: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.removed} removed; "
        f"{report.chunks_embedded} chunks embedded, {report.chunks_total} in total."
    )
    if report.skipped:
        skipped = "; ".join(f"{clip(s.path, 80)} ({clip(s.reason, 80)})" for s in report.skipped)
        text += f"\n{_plural(len(report.skipped), 'file')} skipped: {escape_markdown(skipped)}"
    return clip(text, CONTENT)
