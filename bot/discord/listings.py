"""Country briefs, article lists and ingest summaries as Discord embeds or text. Pure functions."""

from __future__ import annotations

from datetime import date

import discord
from discord.utils import escape_markdown

from bot.discord.embeds import Section, fitted_embed
from bot.discord.formatting import citation_line, link_text, nice_date, safe_url
from bot.discord.limits import CONTENT, clip
from retrieval import ArticleInfo, CountryBrief, Engagement, IngestReport

BRIEF_COLOUR = discord.Colour.teal()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _when(e: Engagement) -> str:
    if e.date_start and e.date_end and e.date_end != e.date_start:
        return f"{nice_date(e.date_start)} – {nice_date(e.date_end)}"
    return nice_date(e.date_start) or escape_markdown(e.date_text or "") or "undated"


def engagement_line(e: Engagement) -> str:
    """`**3 Dec 2025** · phone call — S Jaishankar, Badr Albusaidi [1]`"""
    line = f"**{_when(e)}** · {escape_markdown(e.kind)}"
    if e.participants:
        line += " — " + escape_markdown(clip(", ".join(e.participants), 200))
    if e.place:
        line += f", {escape_markdown(clip(e.place, 60))}"
    return line + (f" [{e.citation}]" if e.citation is not None else "")


def brief_embeds(brief: CountryBrief) -> list[discord.Embed]:
    """India and one country: article count, dated timeline, themes and sources."""
    parts = [f"**{_plural(brief.articles, 'article')}** about India and {brief.country_name}."]
    if brief.message:
        parts.append(escape_markdown(brief.message))
    ordered = list(brief.engagements)  # the engine's order: newest first, undated last
    themes = [
        escape_markdown(t.name) + ("".join(f" [{n}]" for n in t.citations) if t.citations else "")
        for t in brief.themes
    ]
    embed = fitted_embed(
        title=f"India – {brief.country_name}",
        description="\n\n".join(parts),
        sections=[
            Section("Timeline", [engagement_line(e) for e in ordered], noun="more engagements"),
            Section("Themes", themes, noun="more themes"),
            Section("Sources", [citation_line(c) for c in brief.citations], noun="more sources"),
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


def sources_embeds(articles: list[ArticleInfo], country: str | None = None) -> list[discord.Embed]:
    """The articles answers come from, newest first, trimmed to one message with a count."""
    scope = f"about India and {clip(country, 80)}" if country else "in the knowledge base"
    if not articles:
        text = f"No articles {scope} yet. An admin can add some and run /reindex."
        return [fitted_embed(title="Sources", description=text, colour=BRIEF_COLOUR)]
    newest = sorted(articles, key=lambda a: a.published or date.min, reverse=True)
    hint = "" if country else " Narrow it down with `/sources country:`."
    return [
        fitted_embed(
            title=f"Sources {scope}",
            description=f"{_plural(len(articles), 'article')}.{hint}",
            sections=[Section("Articles", [article_line(a) for a in newest], noun="more articles")],
            footer="Bilateral · answers cite these articles",
            colour=BRIEF_COLOUR,
        )
    ]


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
