"""A brief's timeline as a table people can take elsewhere: CSV rows, JSON records, an iCalendar
file (icalendar) with one all-day VEVENT per dated engagement and its source's URL."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import UTC, date, datetime, timedelta

from retrieval.types import Citation, CountryBrief, Engagement

FORMATS = ("csv", "json", "ics")
COLUMNS = (
    "date_start",
    "date_end",
    "date_precision",
    "kind",
    "country",
    "participants",
    "place",
    "topics",
    "quote",
    "title",
    "source",
    "published",
    "url",
    "also",
)


def rows(brief: CountryBrief) -> list[dict]:
    """One record per engagement, newest first (undated last), with its source."""
    cites = {c.n: c for c in brief.citations}
    out = []
    for e in brief.engagements:
        cite = cites.get(e.citation or 0)
        out.append(
            {
                "date_start": _iso(e.date_start),
                "date_end": _iso(e.date_end or e.date_start),
                "date_precision": e.date_precision or "",
                "kind": e.kind,
                "country": brief.country_name,
                "participants": "; ".join(e.participants),
                "place": e.place or "",
                "topics": "; ".join(e.topics),
                "quote": e.quote,
                "title": cite.title if cite else "",
                "source": (cite.source or "") if cite else "",
                "published": _iso(cite.published) if cite else "",
                "url": _where(cite),
                "also": " ".join(_where(cites.get(n)) for n in e.also if cites.get(n)),
            }
        )
    return out


def to_csv(brief: CountryBrief) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(brief))
    return buffer.getvalue()


def to_json(brief: CountryBrief) -> str:
    return json.dumps(rows(brief), ensure_ascii=False, indent=1) + "\n"


def to_ics(brief: CountryBrief, now: datetime | None = None) -> str:
    """VCALENDAR text; an undated engagement has no place in a calendar and is left out."""
    from icalendar import Calendar, Event

    stamp = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Bilateral//India's bilateral engagements//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"India – {brief.country_name}")
    cites = {c.n: c for c in brief.citations}
    for e in brief.engagements:
        if e.date_start is None:
            continue
        cite = cites.get(e.citation or 0)
        event = Event()
        event.add("uid", f"{_uid(brief, e)}@bilateral")
        event.add("dtstamp", stamp)
        event.add("dtstart", e.date_start)  # all-day: DTEND is the day after the last
        event.add("dtend", (e.date_end or e.date_start) + timedelta(days=1))
        event.add("summary", summary(brief, e))
        event.add("description", _description(e, cite))
        if e.place:
            event.add("location", e.place)
        if cite and cite.url:
            event.add("url", cite.url)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def export(brief: CountryBrief, fmt: str) -> str:
    writers = {"csv": to_csv, "json": to_json, "ics": to_ics}
    return writers[fmt](brief)


def summary(brief: CountryBrief, e: Engagement) -> str:
    """ "Phone call: India – Oman (Jaishankar, Albusaidi)"."""
    who = f" ({', '.join(e.names)})" if e.names else ""
    return f"{e.kind.capitalize()}: India – {brief.country_name}{who}"


def _description(e: Engagement, cite: Citation | None) -> str:
    lines = [e.quote]
    if cite:
        lines.append(f"— {cite.title}" + (f", {cite.source}" if cite.source else ""))
    return "\n".join(lines)


def _uid(brief: CountryBrief, e: Engagement) -> str:
    """Stable across exports: a calendar that imports the file again updates, not duplicates."""
    key = "|".join([brief.country_code, e.article_id, e.kind, _iso(e.date_start), e.quote])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _where(cite: Citation | None) -> str:
    return (cite.url or cite.path or "") if cite else ""
