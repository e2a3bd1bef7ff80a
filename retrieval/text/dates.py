"""When things happened: the dates an article's sentences imply, and time filters in questions."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pydantic import BaseModel, Field

from retrieval.text.date_rules import (
    DAY,
    MONTH,
    NUMBER,
    RULES,
    YEAR,
    DateRange,
    Rule,
    count,
    months_before,
)

__all__ = [
    "DateRange",
    "TimeFilter",
    "find_date_expressions",
    "parse_question_time",
    "resolve_in_sentence",
    "resolve_relative",
]

_REPORTING = (
    r"(?:said|says|told|tweeted|posted|wrote|stated|announced|added|noted|statement"
    r"|readout)"
)
# A date next to a reporting verb dates the report ("tweeted on Tuesday"), not the event.
_REPORTED_BEFORE = re.compile(rf"\b{_REPORTING}\b(?:\W+\w+){{0,2}}\W*$", re.I)
_REPORTED_AFTER = re.compile(rf"^\W*(?:\w+\W+){{0,2}}{_REPORTING}\b", re.I)
# Month words that are also everyday words when written in lower case ("may", "march").
_WORD_MONTHS = ("may", "mar", "march")


class TimeFilter(BaseModel, frozen=True):
    """A window a question asks about; `span` is where it is said, so callers can cut it out."""

    start: date | None = Field(description="First day included; None: no lower bound.")
    end: date | None = Field(description="Last day included; None: no upper bound.")
    span: tuple[int, int]
    text: str


def _scan(text: str) -> list[tuple[re.Match[str], Rule]]:
    """Date expressions in `text`, longest first where they overlap, then in reading order."""
    found = []
    for rule in RULES:
        for m in rule.pattern.finditer(text):
            months = [m.groupdict().get(g) for g in ("m", "m2")]
            if rule.needs_qualifier and not m["q"]:
                continue
            if any(w and w.rstrip(".") in _WORD_MONTHS for w in months):  # "may", not "May"
                continue
            found.append((m, rule))
    found.sort(key=lambda hit: (hit[0].start() - hit[0].end(), hit[0].start()))
    kept: list[tuple[re.Match[str], Rule]] = []
    for m, rule in found:
        if all(m.end() <= k.start() or m.start() >= k.end() for k, _ in kept):
            kept.append((m, rule))
    return sorted(kept, key=lambda hit: hit[0].start())


def find_date_expressions(sentence: str) -> list[tuple[str, tuple[int, int]]]:
    """The date expressions in a sentence, with their character spans, in reading order."""
    return [(m[0], m.span()) for m, _ in _scan(sentence)]


def resolve_relative(expression: str, published: date) -> DateRange | None:
    """What an expression means in an article published on `published`; None if unknown."""
    text = expression.strip().rstrip(",;:")
    for rule in RULES:
        m = rule.pattern.fullmatch(text)
        if m is not None:
            return rule.resolve(m, published)
    hits = _scan(text)
    return hits[0][1].resolve(hits[0][0], published) if len(hits) == 1 else None


# A wire dateline opens a story: "Brasilia, July 9 (IANS)", "New Delhi [India], November 18
# (ANI):", "TOKYO, Oct 7 -". It dates the filing, not the event, and is what the story's own
# "on Tuesday" counts back from.
_DATELINE = re.compile(
    rf"^\W*[A-Z][\w.'’ -]{{1,40}}?(?:\s*\[[^\]]{{1,30}}\])?,\s*"
    rf"(?P<d>(?:{MONTH})\.?\s*{DAY}(?:,?\s*{YEAR})?|{DAY}\s+(?:{MONTH})(?:,?\s*{YEAR})?)"
    rf"\s*(?:\((?:[^()]{{1,40}})\))?\s*(?:[:\-–—]|(?=(?-i:[A-Z])))",
    re.I,
)


def dateline(sentence: str, published: date) -> tuple[int, DateRange] | None:
    """(where the dateline ends, the day it names) when the sentence opens with one."""
    m = _DATELINE.match(sentence)
    if m is None:
        return None
    found = resolve_relative(m["d"], published)
    return (m.end(), found) if found and found.start == found.end else None


def resolve_in_sentence(sentence: str, published: date) -> DateRange | None:
    """The date of the sentence's main event: the most specific date not attached to a reporting
    verb ("tweeted on Tuesday that they spoke on Monday" -> Monday), else the most specific.
    A dateline is the day the rest counts from, and the event's date only when nothing else
    dates it."""
    filed = dateline(sentence, published)
    if filed is not None:
        rest, day = filed
        found = resolve_in_sentence(sentence[rest:], day.start)
        return found if found is not None else day
    ranked = []
    for m, rule in _scan(sentence):
        found = rule.resolve(m, published)
        if found is None:
            continue
        reported = bool(
            _REPORTED_BEFORE.search(sentence[max(0, m.start() - 60) : m.start()])
            or _REPORTED_AFTER.search(sentence[m.end() : m.end() + 40])
        )
        ranked.append(((reported, (found.end - found.start).days, m.start()), found))
    return min(ranked, key=lambda r: r[0])[1] if ranked else None


_POINT = (
    rf"(?:{DAY}\s+(?:of\s+)?{MONTH},?\s*(?:{YEAR})?|{MONTH}\s*{DAY}(?:,?\s*{YEAR})?"
    rf"|{MONTH},?\s*{YEAR}|(?:last|this|next|previous)\s+(?:week|month|year|{MONTH})"
    rf"|today|yesterday|{YEAR})"
)
_POINT_OR_MONTH = rf"(?:{_POINT}|{MONTH})"
_BETWEEN = re.compile(
    rf"\b(?:between|from)\s+(?P<a>{_POINT_OR_MONTH})\s*"
    rf"(?:and|to|till|until|through|-|–)\s*(?P<b>{_POINT_OR_MONTH})",
    re.I,
)
_YEARS = re.compile(
    rf"\b(?:(?:in|during|from)\s+)?(?P<a>{YEAR})\s*[-–/]\s*(?P<b>(?:19|20)?\d\d)\b", re.I
)
_SINCE = re.compile(rf"\b(?P<op>since|after|from)\s+(?P<a>{_POINT_OR_MONTH})", re.I)
_BEFORE = re.compile(
    rf"\b(?P<op>before|until|till|prior\s+to|up\s+to|by)\s+"
    rf"(?P<a>{_POINT_OR_MONTH})",
    re.I,
)
_ROLLING = re.compile(
    rf"\b(?:(?:in|over|during|within)\s+)?(?P<the>the\s+)?(?P<w>past|last)\s+"
    rf"(?:(?P<n>{NUMBER})\s+)?(?P<u>day|week|month|year)s?\b",
    re.I,
)
_IN_MONTH = re.compile(rf"\b(?:in|during)\s+(?P<a>{MONTH})(?!\s*\d)", re.I)
_AT = re.compile(rf"\b(?:(?:in|during|on|for|of)\s+)?(?P<a>{_POINT})", re.I)


def _point(text: str, today: date) -> DateRange | None:
    if re.fullmatch(r"this\s+(?:may|march)", text):  # "this may be": a verb, not a month
        return None
    return resolve_relative(text, today)


def _window(m: re.Match[str], today: date) -> tuple[date | None, date | None] | None:
    """The [start, end] a matched filter means, or None when it does not parse."""
    pattern = m.re
    if pattern is _BETWEEN:
        b = _point(m["b"], today)
        # "between January and March 2022": a bare month takes its year from the end
        a = _point(m["a"], min(today, b.end) if b and re.fullmatch(MONTH, m["a"], re.I) else today)
        return (a.start, b.end) if a and b and a.start <= b.end else None
    if pattern is _YEARS:
        a, b = int(m["a"]), int(m["b"]) + (2000 if len(m["b"]) == 2 else 0)
        return (date(a, 1, 1), date(b, 12, 31)) if a <= b else None
    if pattern is _ROLLING:
        if not (m["w"].lower() == "past" or m["n"] or m["the"]):
            return None  # "last year" is the calendar year, a point
        n, unit = count(m["n"] or "1"), m["u"].lower()
        months = {"month": n, "year": 12 * n}.get(unit)
        days = 7 * n if unit == "week" else n
        start = months_before(today, months) if months else today - timedelta(days)
        return start, today
    found = _point(m["a"], today)
    if found is None:
        return None
    op = (m.groupdict().get("op") or "").lower()
    if pattern is _SINCE:
        return (found.end + timedelta(1) if op == "after" else found.start), None
    if pattern is _BEFORE:
        return None, (found.start - timedelta(1) if op == "before" else found.end)
    return found.start, found.end


def parse_question_time(question: str, today: date) -> TimeFilter | None:
    """The time window a question sets ("in 2023", "since 2022", "last December"), or None;
    vague words ("recently", "lately") set no hard window."""
    for pattern in (_BETWEEN, _YEARS, _SINCE, _BEFORE, _ROLLING, _IN_MONTH, _AT):
        for m in pattern.finditer(question):
            window = _window(m, today)
            if window is not None:
                return TimeFilter(start=window[0], end=window[1], span=m.span(), text=m[0])
    return None
