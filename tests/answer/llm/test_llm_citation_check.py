"""The citation check on its labelled set (real embedder), and reading a draft into an Answer."""

from __future__ import annotations

import pytest
import yaml
from paths import EVAL

from retrieval.answer.llm.citation_check import CitationChecker, facts, present, words
from retrieval.answer.llm.drafts import claims, read_draft
from retrieval.answer.llm.prompt import Source
from retrieval.answer.query import KeyTerm, QueryPlan
from retrieval.index.filters import SearchFilter
from retrieval.index.record import ChunkRecord

LABELLED = yaml.safe_load((EVAL / "citation_support.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checker(real_embedder):
    return CitationChecker(real_embedder)


@pytest.fixture(scope="module")
def verdicts(checker):
    blank = ChunkRecord("x", "x.txt", "")
    return [
        (item, checker.check(item["claim"], [Source(1, blank, item["source"])])[0])
        for item in LABELLED
    ]


def test_the_labelled_set_is_big_and_balanced_enough():
    supported = sum(item["supported"] for item in LABELLED)
    assert len(LABELLED) >= 40 and 15 <= supported <= len(LABELLED) - 15


def test_the_check_agrees_with_the_labels(verdicts):
    tp = sum(1 for item, v in verdicts if item["supported"] and v.supported)
    fp = [item["claim"] for item, v in verdicts if not item["supported"] and v.supported]
    fn = [item["claim"] for item, v in verdicts if item["supported"] and not v.supported]
    precision, recall = tp / (tp + len(fp)), tp / (tp + len(fn))
    print(f"citation check: precision {precision:.3f}, recall {recall:.3f}, missed {fp}")
    assert precision >= 0.9, fp
    assert recall >= 0.9, fn


def test_every_invented_name_number_or_date_is_caught(verdicts):
    for item, v in verdicts:
        if not item["supported"] and v.missing:
            assert not v.supported
    invented = {
        item["claim"]: v
        for item, v in verdicts
        if "Prime Minister" in item["claim"] or "25th" in item["claim"]
    }
    assert invented and not any(v.supported for v in invented.values())
    assert (
        invented[
            "The 25th Joint Military Cooperation Committee meeting was held in New Delhi."
        ].note
        == "unsupported: 25 not in the source"
    )


def test_a_supported_verdict_says_how_it_was_checked(verdicts):
    item, v = verdicts[0]
    assert v.supported and v.quote in item["source"]
    assert v.note.startswith("supported: cos 0.") and v.note.endswith("names and numbers ok")


def test_facts_are_names_numbers_and_dates_normalised():
    assert facts("The thirteenth JMCC met on Dec 04, 2025 in New Delhi.") == [
        "13",
        "jmcc",
        "dec",
        "4",
        "2025",
        "new",
        "delhi",
    ]
    assert "13" in words("the 13th meeting") and "2" in words("two ministers")
    vocabulary = words("Omani counterpart Jaishankar")
    assert present("oman", vocabulary) and present("jaishanker", vocabulary)
    assert not present("muscat", vocabulary) and not present("25", words("the 13th"))


OMAN = Source(
    1,
    ChunkRecord("a", "oman.txt", "", title="Oman call"),
    [
        "External Affairs Minister S Jaishankar had a telephonic conversation with his Omani "
        "counterpart Badr Albusaidi.",
        "Defence Secretary Rajesh Kumar Singh co-chaired the 13th JMCC meeting in New Delhi.",
    ],
)
JAPAN = Source(
    2,
    ChunkRecord("b", "japan.txt", "", title="Japan talks"),
    [
        "Jaishankar held talks with his Japanese counterpart Toshimitsu Motegi in Tokyo.",
    ],
)


def test_marks_split_off_by_the_sentence_splitter_join_their_sentence():
    found = claims(
        "1. Jaishankar met Motegi in Tokyo. [2]\n- Jaishankar spoke to Albusaidi [1, 2]."
    )
    assert [(c.text, c.cited) for c in found] == [
        ("Jaishankar met Motegi in Tokyo.", [2]),
        ("Jaishankar spoke to Albusaidi.", [1, 2]),
    ]


def plan(question: str, *key_terms: str) -> QueryPlan:
    terms = [KeyTerm(t, (t.lower(),)) for t in key_terms]
    return QueryPlan(question, question, SearchFilter(), key_terms=terms)


ASKED = plan("What did Jaishankar discuss with his counterparts?")


def test_citations_are_renumbered_in_order_of_first_use(checker):
    draft = (
        "Jaishankar held talks with Japanese counterpart Toshimitsu Motegi in Tokyo [2]. "
        "Jaishankar had a telephonic conversation with his Omani counterpart Badr "
        "Albusaidi [1][7]."
    )
    reading = read_draft(draft, [OMAN, JAPAN], checker, ASKED, "fake:x")
    answer = reading.answer
    assert [(c.n, c.path) for c in answer.citations] == [(1, "japan.txt"), (2, "oman.txt")]
    assert answer.answer.endswith("Badr Albusaidi. [2]") and "[7]" not in answer.answer
    assert reading.out_of_range == 1 and reading.dropped == 0
    assert answer.citations[1].quote == OMAN.sentences[0]


def test_a_sentence_keeps_only_the_citations_that_support_it(checker):
    draft = "Jaishankar held talks with Toshimitsu Motegi in Tokyo [1][2]."
    answer = read_draft(draft, [OMAN, JAPAN], checker, ASKED, "fake:x").answer
    assert [c.path for c in answer.citations] == ["japan.txt"]
    assert answer.answer == "Jaishankar held talks with Toshimitsu Motegi in Tokyo. [1]"


def test_a_draft_with_nothing_supported_reads_as_nothing(checker):
    reading = read_draft(
        "Jaishankar met the Prime Minister of Oman in Muscat [1].", [OMAN], checker, ASKED, "fake:x"
    )
    assert reading.answer is None and reading.dropped == 1


def test_a_true_sentence_from_an_article_off_the_question_is_left_out(checker):
    draft = (
        "Jaishankar held talks with Toshimitsu Motegi in Tokyo [2]. Jaishankar had a "
        "telephonic conversation with his Omani counterpart Badr Albusaidi [1]."
    )
    reading = read_draft(
        draft, [OMAN, JAPAN], checker, plan("What did Motegi say?", "Motegi"), "fake:x"
    )
    assert [c.path for c in reading.answer.citations] == ["japan.txt"]
    assert reading.off_topic == 1 and reading.answer.notice == (
        "1 sentence of the LLM's answer left out: not about the question."
    )


def test_an_answer_that_misses_a_key_number_of_the_question_is_no_answer(checker):
    draft = "Defence Secretary Rajesh Kumar Singh co-chaired the 13th JMCC meeting [1]."
    reading = read_draft(
        draft, [OMAN], checker, plan("What happened at the 25th JMCC?", "25th", "JMCC"), "fake:x"
    )
    assert reading.answer is None and reading.missing_terms == ["25th"]


def test_a_repeated_sentence_is_said_once(checker):
    sentence = "Jaishankar held talks with Toshimitsu Motegi in Tokyo [2]. "
    answer = read_draft(sentence * 3, [JAPAN], checker, ASKED, "fake:x").answer
    assert answer.answer.count("Motegi") == 1 and answer.notice is None
