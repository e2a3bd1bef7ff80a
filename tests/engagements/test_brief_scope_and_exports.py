"""Briefs people can use: a period and kinds as typed, the timeline as CSV, JSON and a calendar
that icalendar reads back, and a chart drawn without a display."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import icalendar
import pytest

from retrieval.engagements.briefs import build_brief
from retrieval.engagements.chart import chart_png, counts
from retrieval.engagements.exports import to_csv, to_ics, to_json
from retrieval.engagements.scope import BriefScope, scope_of
from retrieval.errors import BadInput
from retrieval.types import ArticleInfo, Engagement

TODAY = date(2026, 12, 6)


def test_periods_and_kinds_read_as_people_type_them():
    scope = scope_of("June 2024", "2025", ["calls", "Visit", "2+2"], TODAY)
    assert (scope.since, scope.until) == (date(2024, 6, 1), date(2025, 12, 31))
    assert scope.kinds == ("phone call", "visit", "dialogue")
    assert scope_of("2024-06", "Q3 2024", None, TODAY).until == date(2024, 9, 30)
    assert scope_of("last year", None, [], TODAY).since == date(2025, 1, 1)
    assert scope_of(None, None, None, TODAY).empty


@pytest.mark.parametrize(
    ("since", "until", "kinds", "says"),
    [
        ("someday", None, None, "not a date"),
        (None, None, ["party"], "not a kind of engagement"),
        ("2025", "2024", None, "starts"),
    ],
)
def test_what_cannot_be_read_is_named(since, until, kinds, says):
    with pytest.raises(BadInput, match=says):
        scope_of(since, until, kinds, TODAY)


def engagement(kind, start, end=None, *, article="a1", place=None):
    return Engagement(
        kind=kind,
        date_start=start,
        date_end=end,
        countries=["OM"],
        names=["S Jaishankar", "Badr Albusaidi"],
        participants=["EAM S Jaishankar", "Foreign Minister Badr Albusaidi"],
        place=place,
        article_id=article,
        quote=f"They held a {kind} on that day.",
    )


ARTICLES = {
    "a1": ArticleInfo(
        article_id="a1",
        title="India and Oman talk",
        source="Gulf Wire",
        published=date(2024, 7, 1),
        url="https://news.example/om/1",
        path="om1.md",
    )
}
EVENTS = [
    engagement("phone call", date(2024, 6, 20)),
    engagement("visit", date(2023, 12, 30), date(2024, 1, 2), place="Muscat"),
    engagement("meeting", date(2022, 3, 1)),
    engagement("meeting", None),
]


def brief(scope=None):
    return build_brief("OM", "Oman", list(ARTICLES.values()), EVENTS, ARTICLES, scope)


def test_a_scope_keeps_what_overlaps_it_and_says_what_it_left_out():
    scoped = brief(BriefScope(since=date(2024, 1, 1)))
    assert [e.kind for e in scoped.engagements] == ["phone call", "visit"]  # the visit overlaps
    assert scoped.outside == 2 and scoped.scope == "since 1 January 2024"  # and the undated one
    none = brief(BriefScope(kinds=("summit",)))
    assert not none.engagements
    assert none.message == (
        "No summits between India and Oman in the articles (4 engagements outside that)."
    )
    assert brief().outside == 0 and brief().scope is None


def test_the_calendar_has_one_all_day_event_per_dated_engagement():
    text = to_ics(brief())
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 3  # the undated meeting has no day to sit on
    visit = next(e for e in events if str(e["summary"]).startswith("Visit"))
    assert visit.decoded("dtstart") == date(2023, 12, 30)
    assert visit.decoded("dtend") == date(2024, 1, 3)  # exclusive: the day after the last
    assert str(visit["location"]) == "Muscat" and str(visit["url"]) == "https://news.example/om/1"
    assert "They held a visit" in str(visit["description"])
    assert str(visit["summary"]) == "Visit: India – Oman (S Jaishankar, Badr Albusaidi)"
    again = icalendar.Calendar.from_ical(to_ics(brief()))
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == {str(e["uid"]) for e in events}


def test_csv_and_json_hold_every_engagement_with_its_source():
    rows = list(csv.DictReader(io.StringIO(to_csv(brief()))))
    assert len(rows) == 4 and rows[0]["kind"] == "phone call"
    assert rows[0]["url"] == "https://news.example/om/1" and rows[0]["date_start"] == "2024-06-20"
    assert rows[-1]["date_start"] == ""  # undated last
    assert json.loads(to_json(brief())) == rows


def test_the_chart_is_a_png_of_every_quarter_between_the_first_and_last():
    span, by_kind = counts(brief())
    assert span[0] == (2022, 1) and span[-1] == (2024, 2) and len(span) == 10
    assert sum(by_kind["meeting"]) == 1 and sum(by_kind["visit"]) == 1
    png = chart_png(brief())
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert chart_png(brief(BriefScope(kinds=("summit",)))) is None  # nothing dated to draw
