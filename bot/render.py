"""Answers and article lists as terminal text (rich markup), pure functions of engine types."""

from __future__ import annotations

import re
from datetime import date

from rich.markup import escape

from retrieval.types import Answer, ArticleInfo, Citation, IngestReport


def human_date(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "date unknown"


def source_line(c: Citation) -> str:
    where = c.url or c.path
    outlet = c.source or "outlet unknown"
    return f"[{c.n}] {c.title}, {outlet}, {human_date(c.published)} — {where}"


def answer_markup(answer: Answer) -> str:
    """The answer with its citation marks highlighted, then the sources under it."""
    body = escape(answer.answer)
    body = re.sub(r"\\\[(\d+)]", r"[bold cyan]\\[\1][/]", body)
    lines = []
    if answer.notice:
        lines.append(f"[yellow]{escape(answer.notice)}[/]")
    lines.append(f"[dim]{body}[/]" if answer.refused else body)
    if answer.citations:
        lines.append("")
        lines.append("[bold]Sources[/]")
        lines += [f"[cyan]{escape(source_line(c))}[/]" for c in answer.citations]
    return "\n".join(lines)


def answer_text(answer: Answer) -> str:
    """Plain text, for pipes and logs."""
    lines = [answer.notice] if answer.notice else []
    lines.append(answer.answer)
    if answer.citations:
        lines += ["", "Sources:", *(source_line(c) for c in answer.citations)]
    return "\n".join(lines)


def sources_lines(articles: list[ArticleInfo]) -> list[str]:
    if not articles:
        return ["No articles yet: run `bilateral ingest`."]
    return [
        f"{human_date(a.published):>12}  {a.title}  ({a.source or 'outlet unknown'})"
        f"{'  [' + ', '.join(a.countries) + ']' if a.countries else ''}"
        for a in articles
    ]


def report_lines(report: IngestReport) -> list[str]:
    lines = [f"skipped {s.path}: {s.reason}" for s in report.skipped]
    lines.append(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped, {report.removed} removed; "
        f"{report.chunks_embedded} chunks embedded, {report.chunks_total} in store; "
        f"{report.seconds:.1f}s"
    )
    return lines
