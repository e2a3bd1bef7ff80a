"""Answers and article lists as terminal text (rich markup), pure functions of engine types."""

from __future__ import annotations

import re
from datetime import date

from rich.markup import escape

from retrieval import (
    Answer,
    ArticleInfo,
    Citation,
    CountryBrief,
    Engagement,
    FeedInfo,
    FeedReport,
    IngestReport,
    Removal,
    SourceCounts,
)
from retrieval.types import Count


def human_date(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "date unknown"


def source_line(c: Citation, numbers: list[int] | None = None) -> str:
    where = c.url or c.path
    outlet = c.source or "outlet unknown"
    marks = "".join(f"[{n}]" for n in (numbers or [c.n]))
    return f"{marks} {c.title}, {outlet}, {human_date(c.published)} — {where}"


_MARK = re.compile(r"\[(\d+)\]")


def marks_markup(text: str) -> str:
    """Text as rich markup with its `[n]` citation marks styled (a pipe gets them plain)."""
    # escape() leaves "[1]" alone: rich reads no tag in it, so the marks are found after it
    return _MARK.sub(r"[bold cyan][\1][/]", escape(text))


def answer_markup(answer: Answer) -> str:
    """The answer with its citation marks highlighted, then the sources under it."""
    body = marks_markup(answer.answer)
    lines = []
    if answer.understood_as:  # a follow-up, as the engine read it
        lines.append(f"[dim]↳ understood as: {escape(answer.understood_as)}[/]")
    if answer.notice:
        lines.append(f"[yellow]{escape(answer.notice)}[/]")
    lines.append(f"[dim]{body}[/]" if answer.refused else body)
    if answer.citations:
        lines.append("")
        lines.append("[bold]Sources[/]")
        lines += [f"[cyan]{escape(source_line(c, ns))}[/]" for ns, c in answer.by_article()]
    return "\n".join(lines)


def answer_text(answer: Answer) -> str:
    """Plain text, for pipes and logs."""
    lines = [f"↳ understood as: {answer.understood_as}"] if answer.understood_as else []
    lines += [answer.notice] if answer.notice else []
    lines.append(answer.answer)
    if answer.citations:
        lines += ["", "Sources:", *(source_line(c, ns) for ns, c in answer.by_article())]
    return "\n".join(lines)


def sources_lines(articles: list[ArticleInfo]) -> list[str]:
    if not articles:
        return ["No articles yet: run `bilateral ingest`."]
    return [
        f"{human_date(a.published):>12}  {a.title}  ({a.source or 'outlet unknown'})"
        f"{'  [' + ', '.join(a.countries) + ']' if a.countries else ''}"
        for a in articles
    ]


def counts_lines(counts: SourceCounts) -> list[str]:
    """How many articles per partner country and per outlet, most first, on a line each."""
    if not counts.articles:
        return []

    def row(label: str, rows: list[Count]) -> str:
        return f"{label}: " + ", ".join(f"{r.name} {r.articles}" for r in rows)

    lines = [f"{_plural(counts.articles, 'article')}"]
    if counts.countries:
        lines.append(row("By country", counts.countries))
    lines.append(row("By outlet", counts.outlets))
    return lines


def removal_lines(removal: Removal) -> list[str]:
    lines = [
        f"removed {a.title} ({a.source or 'outlet unknown'}, {human_date(a.published)}): "
        f"{_plural(a.chunks, 'chunk')}"
        for a in removal.articles
    ]
    lines += [
        f"note: {path} is still there; delete it, or an ingest of its folder adds it again"
        for path in removal.files_kept
    ]
    return lines


def feed_lines(feeds: list[FeedInfo]) -> list[str]:
    if not feeds:
        return ["No feeds followed: `bilateral feed add URL` follows one."]
    lines = []
    for f in feeds:
        when = (
            f"{f.refreshed:%d %b %Y %H:%M} UTC: {f.status}" if f.refreshed else "not refreshed yet"
        )
        lines.append(f"{f.url}  {f.title or '(untitled)'}, {_plural(f.items, 'item')}; {when}")
    return lines


def feed_report_lines(report: FeedReport) -> list[str]:
    """A line per feed, then the items skipped (each with its reason), then the ingest."""
    if not report.feeds:
        return ["No feeds followed: `bilateral feed add URL` follows one."]
    lines = [f"{f.url}: {f.status if f.ok else 'failed: ' + f.status}" for f in report.feeds]
    lines += [f"skipped {s.path}: {s.reason}" for s in report.skipped]
    if report.ingest is not None:
        lines += report_lines(report.ingest)
    return lines


def report_lines(report: IngestReport) -> list[str]:
    lines = [f"skipped {s.path}: {s.reason}" for s in report.skipped]
    if report.fetched:
        lines.append(f"fetched {_plural(len(report.fetched), 'page')}: {', '.join(report.fetched)}")
    lines.append(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped, {report.removed} removed; "
        f"{report.chunks_embedded} chunks embedded, {report.chunks_total} in store; "
        f"{report.seconds:.1f}s"
    )
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def engagement_when(e: Engagement) -> str:
    """'3 Dec 2025', '24–30 Nov 2025', 'Jul 2024', '2024', or 'date unknown'."""
    start, end = e.date_start, e.date_end or e.date_start
    if start is None or end is None:
        return "date unknown"
    if e.date_precision == "month":
        return f"{start:%b %Y}"
    if e.date_precision == "year":
        return f"{start.year}"
    if start == end:
        return human_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{human_date(end)}"
    head = f"{start.day} {start:%b}" if start.year == end.year else human_date(start)
    return f"{head} – {human_date(end)}"


def engagement_line(e: Engagement) -> str:
    """`3 Dec 2025  phone call  S Jaishankar – Badr Albusaidi  (New Delhi)  [defence] [1]`"""
    parts = [f"{engagement_when(e):>16}", f"{e.kind:<15}"]
    people = e.names or e.participants
    if people:
        shown = " – ".join(people[:4]) + (" …" if len(people) > 4 else "")
        parts.append(_clip(shown, 70))
    if e.place:
        parts.append(f"({_clip(e.place, 50)})")
    if e.topics:
        parts.append(f"[{', '.join(e.topics[:4])}{', …' if len(e.topics) > 4 else ''}]")
    marks = [n for n in (e.citation, *e.also) if n is not None]
    return "  ".join(parts) + ("  " + "".join(f"[{n}]" for n in marks) if marks else "")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def brief_lines(brief: CountryBrief, limit: int = 12) -> list[str]:
    """One screen: counts, the timeline newest first, recurring themes, the sources cited."""
    scope = f" ({brief.scope}; {brief.outside} outside)" if brief.scope else ""
    lines = [
        f"India – {brief.country_name}: {_plural(brief.articles, 'article')}, "
        f"{_plural(len(brief.engagements), 'engagement')}{scope}"
    ]
    if brief.message:
        lines.append(brief.message)
    shown = brief.engagements[:limit]
    for e in shown:
        lines.append(engagement_line(e))
        lines.append(f"{'':>18}“{_clip(e.quote, 150)}”")  # what the line rests on, verbatim
    if len(brief.engagements) > limit:
        lines.append(f"{'':>16}… and {len(brief.engagements) - limit} more (--json lists all)")
    cited = {n for e in shown for n in (e.citation, *e.also) if n is not None}
    if brief.themes:
        themes = [f"{t.name} {''.join(f'[{n}]' for n in t.citations)}" for t in brief.themes]
        lines += ["", "Themes: " + "; ".join(themes)]
    by_article: dict[str, list[Citation]] = {}
    for c in brief.citations:
        if c.n in cited:
            by_article.setdefault(c.article_id, []).append(c)
    if by_article:
        lines += ["", "Sources"]
        for group in by_article.values():  # one line per article, with each of its numbers
            lines.append(source_line(group[0], [c.n for c in group]))
    return lines
