"""Dates relative to publication, date expressions in sentences, and time filters in questions."""

from __future__ import annotations

from datetime import date

import pytest

from retrieval.text.dates import (
    DateRange,
    dateline,
    find_date_expressions,
    parse_question_time,
    resolve_in_sentence,
    resolve_relative,
)

THURSDAY = date(2025, 12, 4)


def days(start: str, end: str | None = None) -> tuple[date, date]:
    return date.fromisoformat(start), date.fromisoformat(end or start)


def span_of(found: DateRange | None) -> tuple[date, date] | None:
    return (found.start, found.end) if found else None


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("on Wednesday", days("2025-12-03")),
        ("Wednesday", days("2025-12-03")),
        ("on Thursday", days("2025-12-04")),  # the publication day itself
        ("on Friday", days("2025-11-28")),
        ("on Monday night", days("2025-12-01")),
        ("this (Tuesday) evening", days("2025-12-02")),
        ("Tuesday evening", days("2025-12-02")),
        ("last Thursday", days("2025-11-27")),
        ("next Monday", days("2025-12-08")),
        ("yesterday", days("2025-12-03")),
        ("today", days("2025-12-04")),
        ("last night", days("2025-12-03")),
        ("last week", days("2025-11-24", "2025-11-30")),
        ("earlier this week", days("2025-12-01", "2025-12-04")),
        ("this week", days("2025-12-01", "2025-12-07")),
        ("last month", days("2025-11-01", "2025-11-30")),
        ("this month", days("2025-12-01", "2025-12-31")),
        ("earlier this month", days("2025-12-01", "2025-12-04")),
        ("last year", days("2024-01-01", "2024-12-31")),
        ("earlier this year", days("2025-01-01", "2025-12-04")),
        ("two weeks ago", days("2025-11-17", "2025-11-23")),
        ("3 days ago", days("2025-12-01")),
        ("ten days ago", days("2025-11-24")),
        ("a month ago", days("2025-11-01", "2025-11-30")),
        ("seven years ago", days("2018-01-01", "2018-12-31")),
        ("over the weekend", days("2025-11-29", "2025-11-30")),
    ],
)
def test_relative_expressions(expression, expected):
    assert span_of(resolve_relative(expression, THURSDAY)) == expected


@pytest.mark.parametrize(
    "expression, published, expected",
    [
        ("July 22-23", date(2025, 7, 24), days("2025-07-22", "2025-07-23")),
        # days ahead: an event to come ("will visit on July 22-23"), not last year's
        ("July 22-23", date(2025, 7, 20), days("2025-07-22", "2025-07-23")),
        ("July 22-23", date(2025, 1, 20), days("2024-07-22", "2024-07-23")),  # half a year back
        ("22-23 July", date(2025, 7, 24), days("2025-07-22", "2025-07-23")),
        ("December 6", date(2022, 1, 5), days("2021-12-06")),
        ("Dec. 6", date(2021, 12, 10), days("2021-12-06")),
        ("6 December 2021", date(2025, 1, 1), days("2021-12-06")),
        ("December 6, 2021", date(2025, 1, 1), days("2021-12-06")),
        ("the 13th of March", date(2024, 3, 20), days("2024-03-13")),
        ("30 July-2 August", date(2024, 8, 10), days("2024-07-30", "2024-08-02")),
        ("December 30-January 2", date(2022, 1, 5), days("2021-12-30", "2022-01-02")),
        ("July 2024", date(2025, 7, 24), days("2024-07-01", "2024-07-31")),
        ("in 2023", date(2025, 7, 24), days("2023-01-01", "2023-12-31")),
        ("February 29", date(2024, 3, 1), days("2024-02-29")),
        ("2025-12-03", date(2025, 12, 4), days("2025-12-03")),
    ],
)
def test_explicit_dates(expression, published, expected):
    assert span_of(resolve_relative(expression, published)) == expected


@pytest.mark.parametrize(
    "expression, published, expected",
    [
        ("on Wednesday", date(2021, 1, 1), days("2020-12-30")),
        ("yesterday", date(2024, 1, 1), days("2023-12-31")),
        ("last week", date(2021, 1, 6), days("2020-12-28", "2021-01-03")),
        ("last week", date(2025, 12, 7), days("2025-11-24", "2025-11-30")),  # a Sunday
        ("last week", date(2025, 12, 1), days("2025-11-24", "2025-11-30")),  # a Monday
        ("last month", date(2022, 1, 15), days("2021-12-01", "2021-12-31")),
        ("last November", date(2022, 1, 5), days("2021-11-01", "2021-11-30")),
        ("last January", date(2022, 1, 5), days("2021-01-01", "2021-01-31")),
        ("in January", date(2022, 1, 5), days("2022-01-01", "2022-01-31")),
        ("last year", date(2021, 1, 1), days("2020-01-01", "2020-12-31")),
    ],
)
def test_year_boundaries(expression, published, expected):
    assert span_of(resolve_relative(expression, published)) == expected


def test_precision():
    assert resolve_relative("on Monday", THURSDAY).precision == "day"
    assert resolve_relative("last week", THURSDAY).precision == "week"
    assert resolve_relative("July 22-23", THURSDAY).precision == "range"
    assert resolve_relative("last month", THURSDAY).precision == "month"
    assert resolve_relative("in 2023", THURSDAY).precision == "year"


@pytest.mark.parametrize(
    "expression",
    [
        "soon",
        "the day before",
        "some time ago",
        "",
        "a few days ago",
        "February 29 2023",
        "Feb 30",
    ],
)
def test_unknown_is_none(expression):
    assert resolve_relative(expression, date(2023, 3, 1)) is None


def test_find_date_expressions():
    sentence = (
        "The foreign minister said on Tuesday that the two sides met in Nairobi on "
        "March 3-4 and would meet again in 2026, after talks last week."
    )
    found = find_date_expressions(sentence)
    assert [text for text, _ in found] == ["on Tuesday", "March 3-4", "in 2026", "last week"]
    assert all(sentence[s:e] == text for text, (s, e) in found)


def test_find_ignores_may_and_march_as_words():
    assert find_date_expressions("They may march on; talks may resume in 5 may.") == []
    assert find_date_expressions("Talks in May and in March") == [
        ("in May", (6, 12)),
        ("in March", (17, 25)),
    ]
    assert find_date_expressions("a 2023 report, Vision 2030") == []  # bare years are too loose


def test_resolve_in_sentence_prefers_the_event_over_the_report():
    sentence = (
        "Kenya's minister tweeted on Friday that she had spoken to her Indian counterpart "
        "on Wednesday evening."
    )
    assert span_of(resolve_in_sentence(sentence, THURSDAY)) == days("2025-12-03")
    reported = "Brazil on Thursday said the visit took place last week."
    assert span_of(resolve_in_sentence(reported, THURSDAY)) == days("2025-11-24", "2025-11-30")
    specific = "Earlier this month, the ministers met in Hanoi on December 2."
    assert span_of(resolve_in_sentence(specific, THURSDAY)) == days("2025-12-02")
    assert resolve_in_sentence("The two sides agreed to deepen ties.", THURSDAY) is None


TODAY = date(2025, 12, 4)


@pytest.mark.parametrize(
    "question, start, end, text",
    [
        (
            "What did India and Ghana discuss in 2023?",
            date(2023, 1, 1),
            date(2023, 12, 31),
            "in 2023",
        ),
        ("talks with Chile last December", date(2024, 12, 1), date(2024, 12, 31), "last December"),
        ("visits since 2022", date(2022, 1, 1), None, "since 2022"),
        ("engagements before 2021", None, date(2020, 12, 31), "before 2021"),
        ("calls in January 2022", date(2022, 1, 1), date(2022, 1, 31), "in January 2022"),
        ("between 2020 and 2022", date(2020, 1, 1), date(2022, 12, 31), "between 2020 and 2022"),
        (
            "between january and march 2022",
            date(2022, 1, 1),
            date(2022, 3, 31),
            "between january and march 2022",
        ),
        ("what happened this year", date(2025, 1, 1), date(2025, 12, 31), "this year"),
        ("meetings last year", date(2024, 1, 1), date(2024, 12, 31), "last year"),
        ("talks in the past 2 years", date(2023, 12, 4), date(2025, 12, 4), "in the past 2 years"),
        ("after March 2021", date(2021, 4, 1), None, "after March 2021"),
        ("until 2021", None, date(2021, 12, 31), "until 2021"),
        ("summits from 2019 to 2021", date(2019, 1, 1), date(2021, 12, 31), "from 2019 to 2021"),
        ("the 2019-20 talks", date(2019, 1, 1), date(2020, 12, 31), "2019-20"),
        (
            "what happened on december 3, 2025",
            date(2025, 12, 3),
            date(2025, 12, 3),
            "on december 3, 2025",
        ),
    ],
)
def test_question_filters(question, start, end, text):
    found = parse_question_time(question, TODAY)
    assert found is not None
    assert (found.start, found.end, found.text) == (start, end, text)
    assert question[found.span[0] : found.span[1]] == text


def test_last_december_in_january_is_the_previous_year():
    found = parse_question_time("talks last December", date(2026, 1, 10))
    assert (found.start, found.end) == (date(2025, 12, 1), date(2025, 12, 31))


@pytest.mark.parametrize(
    "question",
    [
        "what did they discuss recently",
        "any news lately",
        "India Oman talks",
        "this may be hard",
        "the 2+2 dialogue",
        "talks over the past few months",
    ],
)
def test_no_hard_filter(question):
    assert parse_question_time(question, TODAY) is None


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # the dateline is the filing day: "on Tuesday" counts back from it, not from publication
        (
            "Brasilia, July 9 (IANS) Prime Minister Narendra Modi on Tuesday met President Lula.",
            date(2025, 7, 8),
            date(2025, 7, 8),
        ),
        (
            "NEW DELHI, Dec 3 (Reuters) - India and Oman held talks on Monday.",
            date(2023, 12, 4),
            date(2023, 11, 27),  # filed on Sunday 3 December; published Monday the 4th
        ),
        ("Tokyo, Oct 07: The two ministers held talks.", date(2020, 10, 8), date(2020, 10, 7)),
        (
            "New Delhi, Aug 29 Defence Minister Rajnath Singh held talks on Monday.",
            date(2023, 8, 30),
            date(2023, 8, 28),
        ),
    ],
)
def test_a_dateline_dates_the_filing_and_what_it_counts_from(sentence, published, expected):
    found = resolve_in_sentence(sentence, published)
    assert found is not None and found.start == found.end == expected


def test_a_comma_after_a_place_is_not_a_dateline():
    assert dateline("Muscat, Oman, said the minister on Tuesday.", date(2023, 8, 29)) is None
    assert dateline("India and Oman, May 5 was the day.", date(2023, 8, 29)) is None
