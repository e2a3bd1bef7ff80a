"""A question of two parts that is refused as a whole is answered part by part, the second in
the light of the first, and the answers are put together with their citations numbered on."""

from __future__ import annotations

import pytest

from retrieval.answer.parts import merged, split_parts
from retrieval.types import Answer, Citation


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "who chaired the 10th india armenia consultations and where were they",
            ["who chaired the 10th india armenia consultations", "where were they"],
        ),
        (
            "Who came, and which peace process did they discuss?",
            ["Who came", "which peace process did they discuss?"],
        ),
        ("when and where did they meet", ["when and where did they meet"]),
        (
            "did jaishankar and blinken discuss afghanistan",
            ["did jaishankar and blinken discuss afghanistan"],
        ),
        ("What did India and Oman discuss?", ["What did India and Oman discuss?"]),
    ],
)
def test_where_a_question_has_two_parts(question, parts):
    assert split_parts(question) == parts


def cite(n: int, quote: str) -> Citation:
    return Citation(n=n, article_id="a", title="t", quote=quote, checked="extractive", path="a.md")


def test_answers_are_put_together_numbered_on():
    first = Answer(
        question="q1",
        answer="A met B. [1] They talked. [2]",
        citations=[cite(1, "A met B."), cite(2, "They talked.")],
    )
    second = Answer(question="q2", answer="In Delhi. [1]", citations=[cite(1, "In Delhi.")])
    refused = Answer(question="q3", answer="I couldn't find anything.", refused=True)
    both = merged("q", ["q1", "q2"], [first, second])
    assert both.answer == "A met B. [1] They talked. [2]\nIn Delhi. [3]"
    assert [c.n for c in both.citations] == [1, 2, 3] and not both.refused
    one = merged("q", ["who met", "where was it"], [first, refused])
    assert one.answer.endswith("(Nothing in the articles on: where was it?)")
    assert merged("q", ["a b", "c d"], [refused, refused]).refused


def test_a_refused_two_part_question_is_answered_in_parts(fake_engine, monkeypatch):
    fake_engine.ingest()
    whole = fake_engine._answer

    def refuse_the_whole(plan, conversation):
        if ", and " in plan.question:  # as the answerer refuses some questions of two parts
            return Answer(question=plan.question, answer="I couldn't find anything.", refused=True)
        return whole(plan, conversation)

    monkeypatch.setattr(fake_engine, "_answer", refuse_the_whole)
    question = "What did Jaishankar and Badr Albusaidi discuss, and what did Rajnath Singh and Sergei Shoigu agree?"
    answer = fake_engine.ask(question)
    assert not answer.refused and answer.question == question
    assert {c.path.rsplit("/", 1)[-1][:3] for c in answer.citations} >= {"000", "004"}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
