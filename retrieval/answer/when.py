"""Answers to "when did..." lead with the date, resolved against the article's publication date."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from retrieval.text.dates import DateRange, resolve_in_sentence


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def date_phrase(found: DateRange) -> str:
    """'On Monday, 3 January 2022', 'In the week of 24–30 November 2025', 'In July 2024'."""
    start, end = found.start, found.end
    if found.precision == "day" or start == end:
        return f"On {start:%A}, {_day(start)}"
    if found.precision == "week":
        return (
            f"In the week of {start.day} {start:%B}–{_day(end)}"
            if start.month != end.month
            else f"In the week of {start.day}–{_day(end)}"
        )
    if found.precision == "month":
        return f"In {start:%B %Y}"
    if found.precision == "year":
        return f"In {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"On {start.day}–{_day(end)}"
    return f"Between {_day(start)} and {_day(end)}"


@lru_cache(maxsize=4096)  # asked of the same sentences for the bonus, the pick and the lead
def dated_lead(sentence: str, published: date | None) -> str | None:
    """The date the sentence's event happened, as a lead-in, or None if the text does not say."""
    if not published:
        return None
    found = resolve_in_sentence(sentence, published)
    return date_phrase(found) if found else None
