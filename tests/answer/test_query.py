"""Question planning: filters, key terms, follow-ups, small talk."""

from datetime import date

from retrieval.answer.followup import resolve
from retrieval.answer.query import plan_query
from retrieval.conversation import Subject
from retrieval.entities.countries import CountryIndex
from retrieval.tuning import DEFAULT

INDEX = CountryIndex()
TODAY = date(2026, 11, 22)


def plan(question):
    return plan_query(question, INDEX, TODAY)


def test_countries_in_any_form_become_a_filter_and_india_never_does():
    assert plan("What did the Omani minister tell India?").filter.countries == ("OM",)
    assert set(plan("Indo-US and Russian talks").filter.countries) == {"US", "RU"}
    assert plan("What did India do?").filter.countries == ()


def test_key_terms_are_names_numbers_and_years_not_question_words():
    question = "Summarise the Jaishankar-Motegi talks at the 2+2 in 2020"
    terms = {t.text for t in plan(question).key_terms}
    assert terms == {"Jaishankar", "Motegi", "2+2", "2020"}
    assert plan("What did the External Affairs Minister discuss?").key_terms == []


def test_time_expressions_filter_by_publication_date():
    flt = plan("What did India and Japan agree in 2023?").filter
    assert flt.start == date(2023, 1, 1) and flt.end.year == 2024  # a month's grace to report it
    assert plan("India and Oman since 2022").filter.start == date(2022, 1, 1)


def test_follow_up_inherits_the_subject_as_a_prior():
    subject = Subject(question="What did India and Oman discuss?", countries=("OM",))
    follow = resolve(plan("and defence?"), subject, DEFAULT.followup)
    assert follow.filter.countries == () and follow.context[0].countries == ("OM",)
    assert "Oman" in follow.search_text and "defence" in follow.search_text


def test_small_talk_and_when_questions_are_recognised():
    assert plan("hi there!").small_talk and plan("What can you do?").small_talk
    assert not plan("What did India and Oman discuss?").small_talk
    assert plan("When did Jaishankar call Lavrov?").asks_when
    assert not plan("What happened when Jaishankar called?").asks_when
