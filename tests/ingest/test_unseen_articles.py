"""Beyond the seeds: articles in other outlets' formats (fixtures written for this test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import FIXTURES

from retrieval.engine import Engine
from retrieval.settings import Settings

UNSEEN = FIXTURES / "unseen"

CASES = [
    ("What did India and Vietnam agree?", "maritime security", "vietnam_thehindu.txt"),
    ("Who co-chaired the India-Vietnam Joint Commission?", "Bui Thanh Son", "vietnam_thehindu.txt"),
    ("What did Modi and Macron discuss?", "jet engine", "france_ndtv.html"),
    (
        "What did India and France agree on critical minerals?",
        "joint working group",
        "france_ndtv.html",
    ),
    ("What did India sign with Australia?", "critical minerals", "australia_mint.md"),
    ("When was the first India-Australia annual summit?", "10 March 2023", "australia_mint.md"),
    ("What did Jaishankar discuss with the Saudi foreign minister?", "energy", "saudi_ians.jsonl"),
    (
        "Where did India and Saudi Arabia hold the SPC ministerial meeting?",
        "Riyadh",
        "saudi_ians.jsonl",
    ),
    ("What trade target did India and Brazil set?", "$20 billion", "brazil_reuters.txt"),
]
UNANSWERABLE = [
    "What did India and Japan discuss?",
    "What did Modi discuss with the Chinese president?",
    "What did Macron and Modi agree about Mars?",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory, real_embedder) -> Engine:
    data = tmp_path_factory.mktemp("unseen")
    engine = Engine(Settings(data_dir=data, knowledge_dir=UNSEEN), embedder=real_embedder)
    report = engine.ingest()
    assert report.ok and report.added == 5, report
    return engine


def test_metadata_found_in_each_format(engine):
    by_file = {Path(a.path.split(":")[0]).name: a for a in engine.sources()}
    hindu = by_file["vietnam_thehindu.txt"]
    assert hindu.title == "India, Vietnam agree to expand defence and maritime cooperation"
    assert str(hindu.published) == "2024-03-14" and hindu.countries == ["VN"]
    assert hindu.source is None  # the text does not name its outlet; nothing is guessed
    ndtv = by_file["france_ndtv.html"]
    assert (ndtv.source, str(ndtv.published), ndtv.countries) == ("NDTV", "2023-07-14", ["FR"])
    assert by_file["australia_mint.md"].source == "Mint"
    assert by_file["saudi_ians.jsonl"].countries == ["SA"]
    reuters = by_file["brazil_reuters.txt"]
    assert reuters.published is None and reuters.countries == ["BR"]
    assert not reuters.title.startswith("BRASILIA")


@pytest.mark.parametrize(("question", "fact", "file"), CASES)
def test_answers_cite_the_right_article(engine, question, fact, file):
    answer = engine.ask(question)
    assert not answer.refused, question
    assert fact.lower() in answer.answer.lower(), answer.answer
    assert file in {Path(c.path.split(":")[0]).name for c in answer.citations}


def test_headline_is_not_quoted_as_body(engine):
    answer = engine.ask("What did Modi and Macron discuss?")
    assert all("Hold Talks In Paris" not in c.quote for c in answer.citations)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_what_the_articles_do_not_say_is_refused(engine, question):
    answer = engine.ask(question)
    assert answer.refused and not answer.citations
