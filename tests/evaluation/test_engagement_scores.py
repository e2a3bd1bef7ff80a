"""Engagement extraction scored against labels: partner, kind and date decide a match; a
background mention found counts neither way; labelled dates may be a day, a month or a range."""

from __future__ import annotations

from datetime import date

from retrieval.entities.countries import default_index
from retrieval.evaluation.engagements import _span, score_engagements
from retrieval.types import Engagement


def found(kind: str, day: date | None, country: str = "OM") -> Engagement:
    return Engagement(kind=kind, date_start=day, countries=[country], article_id="a", quote="q")


def label(kind: str, when: str | None, **extra) -> dict:
    return {"partner": "Oman", "kind": kind, "date": when, **extra}


def test_label_dates_are_days_months_and_ranges():
    assert _span("2025-04-05") == (date(2025, 4, 5), date(2025, 4, 5))
    assert _span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert _span("2022-03-30/2022-04-01") == (date(2022, 3, 30), date(2022, 4, 1))
    assert _span(None) is None


def test_precision_recall_and_exactness():
    labels = {
        "a.md": [
            label("call", "2025-12-03"),
            label("dialogue", "2025-11"),
            label("visit", "2019-05-01", background=True),
            label("exercise", "2025-10"),
        ]
    }
    extracted = {
        "a.md": [
            found("phone call", date(2025, 12, 3)),  # right, exact
            found("joint committee", date(2025, 11, 27)),  # right: a dialogue's kind, in the month
            found("visit", date(2019, 5, 1)),  # the background visit: neither way
            found("meeting", date(2025, 12, 3), country="JP"),  # another partner: wrong
        ]
    }
    scores = score_engagements(extracted, labels, default_index())
    assert (scores.labelled, scores.found, scores.right) == (3, 3, 2)
    assert scores.precision == round(2 / 3, 4) and scores.recall == round(2 / 3, 4)
    assert scores.exact_date == 1.0 and scores.exact_kind == 0.5
