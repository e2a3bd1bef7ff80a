"""The grammar of date expressions in news text, and what each means against a reference day."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel

from retrieval.tuning import DEFAULT

Precision = Literal["day", "week", "month", "year", "range"]

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
DAY = r"[0-3]?\d(?:st|nd|rd|th)?\b"
YEAR = r"(?:19|20)\d\d\b"
NUMBER = r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_SEP = r"\s*(?:-|–|—|to|and|till|until)\s*"
_WORDS = (
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class DateRange(BaseModel, frozen=True):
    """The days an expression can mean, both ends included."""

    start: date
    end: date
    precision: Precision


def month_number(word: str) -> int:
    return _ABBR.index(word[:3].lower()) + 1


def count(word: str) -> int:
    """'3' -> 3, 'two' -> 2, 'a'/'an' -> 1."""
    if word.isdigit():
        return int(word)
    return 1 if word.lower() in ("a", "an") else _WORDS.index(word.lower())


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier, clamped to that month's end."""
    first = add_months(day, -months)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def month_range(first: date) -> DateRange:
    last = calendar.monthrange(first.year, first.month)[1]
    return DateRange(start=first, end=first.replace(day=last), precision="month")


def year_range(year: int) -> DateRange:
    return DateRange(start=date(year, 1, 1), end=date(year, 12, 31), precision="year")


def _span(start: date, end: date, precision: Precision) -> DateRange:
    return DateRange(start=start, end=end, precision=precision)


FUTURE_WEIGHT = DEFAULT.engagements.future_date_weight  # see _explicit


def _distance(day: date, pub: date) -> float:
    return (pub - day).days if day <= pub else FUTURE_WEIGHT * (day - pub).days


def _explicit(m: re.Match[str], pub: date) -> DateRange | None:
    """'July 22-23', '6 December 2021', '30 July-2 August'. A written year belongs to the end;
    a missing one puts the date nearest the publication, a day after it counting as much as
    FUTURE_WEIGHT days before (reports look back more often than ahead, yet "will meet on
    July 12" a week ahead is this year's)."""
    first, last = month_number(m["m"] or m["m2"]), month_number(m["m2"] or m["m"])
    d1, d2 = int(m["d"].rstrip("stndrh")), int((m["d2"] or m["d"]).rstrip("stndrh"))
    try:
        if m["y"]:
            start_year = int(m["y"]) - (last < first)
        else:
            start_year = min(
                (pub.year - 1, pub.year, pub.year + 1),
                key=lambda y: _distance(date(y, first, min(d1, 28 if first == 2 else d1)), pub),
            )
        start, end = date(start_year, first, d1), date(start_year + (last < first), last, d2)
    except ValueError:  # "February 30"
        return None
    return _span(start, end, "day" if start == end else "range") if start <= end else None


def _iso(m: re.Match[str], _: date) -> DateRange | None:
    try:
        day = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    return _span(day, day, "day")


def _qualified_month(m: re.Match[str], pub: date) -> DateRange:
    """'last November' is before the publication month; 'in November' may be that month."""
    month, this = month_number(m["m"]), pub.replace(day=1)
    q = (m["q"] or "").lower()
    if q == "this":
        return month_range(date(pub.year, month, 1))
    if q == "next":
        return month_range(add_months(this, (month - pub.month - 1) % 12 + 1))
    back = (pub.month - month - 1) % 12 + 1 if q == "last" else (pub.month - month) % 12
    return month_range(add_months(this, -back))


def _weekday(m: re.Match[str], pub: date) -> DateRange:
    """'on Wednesday' is the latest Wednesday up to publication; 'last' excludes that day."""
    q, wd = (m["q"] or "").lower(), _WEEKDAYS.index(m["wd"][:3].lower())
    if q == "next":
        day = pub + timedelta((wd - pub.weekday() - 1) % 7 + 1)
    else:
        day = pub - timedelta(
            (pub.weekday() - wd - 1) % 7 + 1 if q == "last" else (pub.weekday() - wd) % 7
        )
    return _span(day, day, "day")


def _day_word(m: re.Match[str], pub: date) -> DateRange:
    word = m[0].lower()
    day = pub - timedelta(1) if word.startswith(("yesterday", "last")) else pub
    day = pub + timedelta(1) if word == "tomorrow" else day
    return _span(day, day, "day")


def _weekend(q: str, pub: date) -> DateRange:
    saturday = pub - timedelta((pub.weekday() - 5) % 7)
    if q in ("next", "coming"):
        saturday += timedelta(7)
    return _span(saturday, saturday + timedelta(1), "range")


def _period(m: re.Match[str], pub: date) -> DateRange:
    """'last week' is the Monday-Sunday week before publication's; 'this month' the calendar
    month; 'earlier this year' runs to publication; 'the past year' is a rolling window."""
    q, unit = " ".join((m["q"] or "over").lower().split()), m["u"].lower()
    if unit == "weekend":
        return _weekend(q, pub)
    if q == "past":
        back = {"week": 0, "month": 1, "year": 12}[unit]
        return _span(months_before(pub, back) if back else pub - timedelta(7), pub, "range")
    shift = {"last": -1, "previous": -1, "next": 1, "coming": 1, "early next": 1}.get(q, 0)
    if unit == "week":
        monday = pub - timedelta(pub.weekday()) + timedelta(7 * shift)
        whole = _span(monday, monday + timedelta(6), "week")
    elif unit == "month":
        whole = month_range(add_months(pub, shift))
    else:
        whole = year_range(pub.year + shift)
    if q in ("earlier this", "early this"):
        return whole.model_copy(update={"end": pub})
    if q in ("later this", "end of this"):
        return whole.model_copy(update={"start": pub})
    return whole


def _ago(m: re.Match[str], pub: date) -> DateRange:
    n, unit = count(m["n"]), m["u"].lower()
    if unit == "day":
        return _span(pub - timedelta(n), pub - timedelta(n), "day")
    if unit == "week":
        monday = pub - timedelta(pub.weekday() + 7 * n)
        return _span(monday, monday + timedelta(6), "week")
    return month_range(add_months(pub, -n)) if unit == "month" else year_range(pub.year - n)


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date], DateRange | None]
    needs_qualifier: bool = False  # a bare "2023" or "November" is too loose to pick out of text


def _rule(pattern: str, resolve: Callable, needs_qualifier: bool = False) -> Rule:
    return Rule(re.compile(pattern, re.I), resolve, needs_qualifier)


RULES = (
    _rule(r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)\b", _iso),
    _rule(
        rf"\b(?P<m>{MONTH})\s*(?P<d>{DAY})(?:{_SEP}(?:(?P<m2>{MONTH})\s*)?(?P<d2>{DAY}))?"
        rf"(?:,?\s*(?P<y>{YEAR}))?",
        _explicit,
    ),
    _rule(
        rf"\b(?P<d>{DAY})(?:\s+(?:of\s+)?(?P<m>{MONTH}))?(?:{_SEP}(?P<d2>{DAY}))?\s*(?:of\s+)?"
        rf"(?P<m2>{MONTH})(?:,?\s*(?P<y>{YEAR}))?",
        _explicit,
    ),
    _rule(
        rf"\b(?P<m>{MONTH}),?\s*(?P<y>{YEAR})",
        lambda m, _: month_range(date(int(m["y"]), month_number(m["m"]), 1)),
    ),
    _rule(  # "April last year", "in March of next year": the month of the year it names
        rf"\b(?P<m>{MONTH})\s+(?:of\s+)?(?P<q>last|this|next|previous)\s+year\b",
        lambda m, pub: month_range(
            date(
                pub.year + {"last": -1, "previous": -1, "next": 1}.get(m["q"].lower(), 0),
                month_number(m["m"]),
                1,
            )
        ),
    ),
    _rule(
        rf"(?:\b(?P<q>last|this|next|early|late|in|during|mid)[\s-]+)?\b(?P<m>{MONTH})",
        _qualified_month,
        needs_qualifier=True,
    ),
    _rule(
        rf"\b(?:(?P<q>last|this|next|on|past)\s+)?\(?(?P<wd>{WEEKDAY})\)?"
        r"(?:\s+(?:morning|afternoon|evening|night))?\b",
        _weekday,
    ),
    _rule(
        r"\b(?:yesterday|today|tonight|tomorrow|last\s+night|(?:earlier|later)\s+today"
        r"|this\s+(?:morning|afternoon|evening))\b",
        _day_word,
    ),
    _rule(
        r"\b(?:the\s+)?(?P<q>(?:earlier|later|early)\s+this|early\s+next|end\s+of\s+this|last"
        r"|this|next|previous|past|coming)\s+(?P<u>week|month|year|weekend)\b",
        _period,
    ),
    _rule(r"\b(?:over|at|during)\s+the\s+(?P<u>weekend)\b(?P<q>)", _period),
    _rule(rf"\b(?P<n>{NUMBER})\s+(?P<u>day|week|month|year)s?\s+ago\b", _ago),
    _rule(
        rf"(?:\b(?P<q>in|during|throughout|early|late|mid)[\s-]+)?\b(?P<y>{YEAR})",
        lambda m, _: year_range(int(m["y"])),
        needs_qualifier=True,
    ),
)
