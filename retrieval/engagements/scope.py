"""Which engagements a brief shows: a period (since / until, as people write them: "2024",
"June 2024", "2024-06-15", "last year") and kinds ("call", "visits", "2+2" is a dialogue)."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, Field

from retrieval.engagements.rules import KIND_WORDS, KINDS
from retrieval.errors import BadInput
from retrieval.text.date_rules import add_months, month_range
from retrieval.text.dates import resolve_relative
from retrieval.types import Engagement


class BriefScope(BaseModel, frozen=True):
    """A period (either end open) and kinds (none: every kind)."""

    since: date | None = Field(default=None, description="First day included.")
    until: date | None = Field(default=None, description="Last day included.")
    kinds: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def empty(self) -> bool:
        return not self.dated and not self.kinds

    def keeps(self, e: Engagement) -> bool:
        """An engagement of a kind asked for whose dates overlap the period (an undated one
        cannot be placed in a period: it is left out of a dated scope)."""
        if self.kinds and e.kind not in self.kinds:
            return False
        if not self.dated:
            return True
        if e.date_start is None:
            return False
        end = e.date_end or e.date_start
        return (self.since is None or end >= self.since) and (
            self.until is None or e.date_start <= self.until
        )

    def describe(self) -> str:
        """ "phone calls and visits from 1 January 2024 to 31 December 2024" and the like."""
        parts = []
        if self.kinds:
            parts.append(" and ".join(plural(k) for k in self.kinds))
        if self.since and self.until:
            parts.append(f"from {_day(self.since)} to {_day(self.until)}")
        elif self.since:
            parts.append(f"since {_day(self.since)}")
        elif self.until:
            parts.append(f"until {_day(self.until)}")
        return " ".join(parts)


def plural(kind: str) -> str:
    return kind if kind.endswith("s") else f"{kind}s"


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def kind_named(word: str) -> str:
    """The engagement kind a word means: "call", "calls", "Phone call", "2+2"; BadInput (with
    the kinds there are) when it means none."""
    w = " ".join(word.casefold().split())
    if w in KINDS or w.removesuffix("s") in KINDS:
        return w if w in KINDS else w.removesuffix("s")
    named = [kind for kind, pattern in KIND_WORDS if re.search(pattern, w)]
    if len(named) == 1:
        return named[0]
    raise BadInput(f"{word!r} is not a kind of engagement; the kinds are: {', '.join(KINDS)}.")


_MONTH = re.compile(r"(\d{4})-(\d{1,2})")  # 2024-06: a month
_QUARTER = re.compile(r"q([1-4])\s*(\d{4})|(\d{4})\s*-?\s*q([1-4])", re.I)  # Q1 2024, 2024-Q1


def day_of(text: str, today: date, *, end: bool) -> date:
    """The first (or, with `end`, the last) day of a period as written; BadInput if none."""
    text = " ".join(text.split())
    if (m := _MONTH.fullmatch(text)) and 1 <= int(m[2]) <= 12:
        found = month_range(date(int(m[1]), int(m[2]), 1))
        return found.end if end else found.start
    if m := _QUARTER.fullmatch(text):
        quarter, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        first = date(year, 3 * quarter - 2, 1)
        return month_range(add_months(first, 2)).end if end else first
    found = resolve_relative(text, today)
    if found is None:
        raise BadInput(
            f"{text!r} is not a date I can read: try 2024, June 2024, 2024-06, Q1 2024, 2024-06-15 or last year."
        )
    return found.end if end else found.start


def scope_of(
    since: str | None, until: str | None, kinds: list[str] | None, today: date
) -> BriefScope:
    """The scope of the front ends' options, as typed; BadInput names what is wrong."""
    start = day_of(since, today, end=False) if since else None
    stop = day_of(until, today, end=True) if until else None
    if start and stop and start > stop:
        raise BadInput(f"the period starts ({start}) after it ends ({stop}).")
    named = tuple(dict.fromkeys(kind_named(k) for k in kinds or [] if k.strip()))
    return BriefScope(since=start, until=stop, kinds=named)
