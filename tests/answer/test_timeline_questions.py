"""Timeline questions are answered from the engagement table: one dated line per event, each
citing the sentence that reports it; other questions, and those the table has nothing for, go
to the sentence answerer."""

from __future__ import annotations

import pytest

from retrieval.answer.timeline import kinds_named, timeline_mode
from retrieval.engagements.briefs import CHECKED


@pytest.mark.parametrize(
    ("question", "mode"),
    [
        ("when did jaishankar last speak to the israeli fm", "last"),
        ("When was their most recent meeting?", "last"),
        ("what happened between india and oman in 2024", "list"),
        ("list indias engagements with iran in order, oldest 1st", "list"),
        ("how many times have india and japan held the 2+2", "count"),
        ("which countries did india hold talks with in june 2025", "countries"),
        ("when did modi and lula first meet", "first"),
        ("what did they discuss last year", None),
        ("What did India and Oman discuss?", None),
        ("who did jaishankar meet last week", None),
    ],
)
def test_what_a_question_asks_of_the_table(question, mode):
    assert timeline_mode(question) == mode


def test_the_kinds_a_question_names():
    assert kinds_named("when did they last speak on the phone") == {"phone call"}
    assert "summit" in kinds_named("when did the two leaders last meet")
    assert kinds_named("what happened between india and oman") == set()


def test_when_last_is_one_dated_line_from_the_table(fake_engine):
    fake_engine.ingest()
    answer = fake_engine.ask("When did Jaishankar last speak to his Omani counterpart?")
    assert not answer.refused and len(answer.citations) == 1
    cite = answer.citations[0]
    assert cite.checked == CHECKED and "Oman" in cite.quote
    assert answer.answer.startswith("On Wednesday, 3 December 2025: ")
    assert answer.answer.endswith("[1]")


def test_what_happened_lists_every_event_of_the_relationship(fake_engine):
    fake_engine.ingest()
    answer = fake_engine.ask("what happened between india and russia")
    events = [c for c in answer.citations if c.checked == CHECKED]
    lines = answer.answer.splitlines()[: len(events)]
    assert len(events) >= 2  # the table's events first, one dated line each, newest first
    assert all(line.endswith(f"[{n}]") for n, line in enumerate(lines, 1))
    assert all(line.startswith(("On ", "In ", "Between ")) for line in lines)
    # then what the sentences add, numbered on, never a quote the events already gave
    added = answer.citations[len(events) :]
    assert all(c.checked != CHECKED for c in added)
    assert not {c.quote for c in added} & {c.quote for c in events}


def test_a_question_the_table_cannot_answer_goes_to_the_sentences(fake_engine):
    fake_engine.ingest()
    answer = fake_engine.ask("When did India and Atlantis last hold a summit in 1890?")
    assert all(c.checked != CHECKED for c in answer.citations)
