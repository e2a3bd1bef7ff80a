"""Conversations: a turn that names its own subject stands alone; an elliptical one inherits the
slots it lacks, as priors that never drop an article (answer/followup.py), on the seed articles
with the real model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from retrieval.answer.followup import FEATURES, features, invented, next_subject, resolve
from retrieval.answer.query import plan_query, retrieve
from retrieval.conversation import Conversation, Subject
from retrieval.entities.countries import default_index
from retrieval.index.record import record_of
from retrieval.tuning import DEFAULT
from retrieval.types import Answer, Citation

OMAN, US_RUSSIA, JAPAN, ISRAEL = "000", "001", "002", "003"
TODAY = date(2026, 1, 1)


def cited(answer: Answer) -> set[str]:
    return {Path(c.path).name[:3] for c in answer.citations}


def talk(engine, *questions: str) -> list[Answer]:
    conversation = Conversation()
    return [engine.ask(q, conversation=conversation) for q in questions]


def own_plan(question: str):
    return plan_query(question, default_index(), TODAY)


def value(plan, subject, name: str) -> float:
    return features(plan, subject)[FEATURES.index(name)]


def test_an_elliptical_follow_up_is_answered_from_the_subject(seeded_engine):
    first, when = talk(
        seeded_engine, "What did Jaishankar discuss with Badr Albusaidi?", "when was that?"
    )
    assert cited(first) == {OMAN} and first.understood_as is None
    assert cited(when) == {OMAN} and "3 December 2025" in when.answer
    assert when.understood_as == (
        "when was that? (following up: What did Jaishankar discuss with Badr Albusaidi?)"
    )
    # asked alone, the same words have no subject to go on
    assert seeded_engine.ask("when was that?").understood_as is None


def test_a_new_subject_without_a_country_is_not_read_as_the_old_one(seeded_engine):
    oman, baram, when = talk(
        seeded_engine,
        "What did India and Oman discuss?",
        "who did amir baram meet",
        "when was that?",
    )
    assert cited(oman) == {OMAN}
    assert cited(baram) == {ISRAEL} and baram.understood_as is None
    assert cited(when) == {ISRAEL} and "July" in when.answer  # the new subject moved on


def test_a_country_switch_keeps_the_rest_of_the_question(seeded_engine):
    *_, us = talk(
        seeded_engine, "What did Jaishankar discuss with Badr Albusaidi?", "and with the US?"
    )
    assert cited(us) == {US_RUSSIA} and us.understood_as is not None


def test_inherited_slots_favour_and_never_filter(seeded_engine):
    subject = Subject(question="What did India and Oman discuss?", countries=("OM",))
    plan = resolve(own_plan("what else did they talk about"), subject, DEFAULT.followup)
    assert plan.follow_up and plan.filter.countries == ()
    assert [flt.countries for flt in plan.context] == [("OM",)]
    found = {record_of(d).path.split("/")[-1][:3] for d in retrieve(seeded_engine.retriever, plan)}
    assert OMAN in found and found - {OMAN}  # other countries' articles are still there


def test_what_a_turn_names_decides(seeded_engine):
    subject = Subject(
        question="What did Jaishankar discuss with Badr Albusaidi?", countries=("OM",)
    )
    switch = own_plan("and with Japan?")
    assert value(switch, subject, "new_countries") == 1 and value(switch, subject, "opener") == 1
    assert resolve(switch, subject, DEFAULT.followup).follow_up
    named = own_plan("What did Rajnath Singh and Sergei Shoigu discuss at the SCO meeting?")
    assert value(named, subject, "new_terms") == 1
    assert not resolve(named, subject, DEFAULT.followup).follow_up
    assert value(own_plan("when was that?"), subject, "referring") == 1


def test_a_chosen_country_is_never_overridden_by_the_conversation():
    subject = Subject(question="What did India and Oman discuss?", countries=("OM",))
    plan = plan_query("when was that?", default_index(), TODAY, forced_countries=["JP"])
    plan.hard = True
    assert resolve(plan, subject, DEFAULT.followup) is plan


def _answer(*article_ids: str, refused: bool = False) -> Answer:
    cites = [
        Citation(n=i, article_id=a, title="t", path=f"{a}.md", quote="q")
        for i, a in enumerate(article_ids, 1)
    ]
    return Answer(question="q", answer="a", refused=refused, citations=cites)


def test_the_subject_moves_on_with_answers_and_stays_on_refusals():
    first = own_plan("who did amir baram meet")
    subject = next_subject(first, _answer("a1"), None, ["a1"], {"a1": ["IL"]})
    assert subject is not None
    assert subject.articles == ("a1",) and subject.countries == ("IL",)  # from what was cited
    follow = resolve(own_plan("when was that?"), subject, DEFAULT.followup)
    assert follow.follow_up
    assert next_subject(follow, _answer(refused=True), subject, [], {}) is subject
    moved = next_subject(follow, _answer("a2"), subject, ["a2"], {"a2": ["IL"]})
    assert moved is not None
    assert moved.articles == ("a2",) and moved.follow_ups == (follow.normalised,)


def test_a_conversation_starts_afresh():
    conversation = Conversation(subject=Subject(question="q"), questions=["q"])
    conversation.reset()
    assert conversation.subject is None and conversation.questions == []


@pytest.mark.parametrize(
    ("rewrite", "unknown"),
    [
        ("When did Jaishankar speak to Badr Albusaidi?", []),
        ("When did Jaishankar speak to Zorblax Quendar?", ["Zorblax", "Quendar"]),
    ],
)
def test_a_rewrite_may_use_only_names_the_conversation_said(rewrite, unknown):
    said = "What did Jaishankar discuss with Badr Albusaidi? when was that?"
    assert invented(rewrite, said, None) == unknown


def test_a_refused_question_sets_the_subject_from_what_it_found_without_searching_again(
    seeded_engine, monkeypatch
):
    calls = []
    invoke = seeded_engine.retriever.invoke
    monkeypatch.setattr(
        seeded_engine.retriever, "invoke", lambda *a, **kw: calls.append(a) or invoke(*a, **kw)
    )
    conversation = Conversation()
    answer = seeded_engine.ask("did modi call lula in 2019", conversation=conversation)
    assert answer.refused and answer.retrieved
    assert conversation.subject is not None
    assert conversation.subject.articles == (answer.retrieved[0],)
    assert len(calls) == 1  # the answer's own search, not a second one
