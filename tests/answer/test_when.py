"""Date lead-ins for "when" answers: resolved against the publication date, never guessed."""

from datetime import date

from retrieval.answer.when import date_phrase, dated_lead
from retrieval.text.dates import DateRange


def test_phrases_by_precision():
    d = date(2025, 12, 3)
    day = DateRange(start=d, end=d, precision="day")
    assert date_phrase(day) == "On Wednesday, 3 December 2025"
    week = DateRange(start=date(2025, 11, 24), end=date(2025, 11, 30), precision="week")
    assert date_phrase(week) == "In the week of 24–30 November 2025"
    month = DateRange(start=date(2024, 7, 1), end=date(2024, 7, 31), precision="month")
    assert date_phrase(month) == "In July 2024"
    span = DateRange(start=date(2025, 7, 22), end=date(2025, 7, 23), precision="range")
    assert date_phrase(span) == "On 22–23 July 2025"


def test_lead_from_a_weekday_and_none_without_a_date():
    sentence = "The Foreign Minister of Peru met his Indian counterpart in Lima on Friday."
    assert dated_lead(sentence, date(2024, 3, 4)) == "On Friday, 1 March 2024"
    assert dated_lead("The two sides reviewed trade.", date(2024, 3, 4)) is None
    assert dated_lead(sentence, None) is None
