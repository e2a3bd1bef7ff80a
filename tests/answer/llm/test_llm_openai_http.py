"""The real openai provider (langchain-openai) speaking HTTP to a scripted server on loopback."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from openai_standin import OpenAIStandIn, Reply
from paths import KNOWLEDGE

from retrieval.conversation import Conversation, Subject
from retrieval.engine import Engine
from retrieval.types import Answer

OMAN = "000_c8cbf1aefad89011.txt"
QUESTION = "What did Jaishankar and Badr Albusaidi discuss?"
SUPPORTED = (
    "Jaishankar and Badr Albusaidi discussed deepening bilateral cooperation in a phone "
    "call {{Omani counterpart Badr}}."
)
HALLUCINATED = (
    "Jaishankar spoke with the Prime Minister of Oman {{Omani counterpart}}. The 25th "
    "Joint Military Cooperation Committee met in Muscat {{Al Zaabi}}."
)


@pytest.fixture
def openai_engine(seeded_engine, real_embedder, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)

    def make(base_url: str, timeout: float = 10.0) -> Engine:
        settings = seeded_engine.settings.model_copy(
            update={"llm": "openai:gpt-4o-mini", "llm_base_url": base_url, "llm_timeout": timeout}
        )
        engine = Engine(settings, embedder=real_embedder)
        engine.extractive_chain.invoke({"plan": engine.plan(QUESTION)})  # warm the fallback
        return engine

    return make


def quoted_from(answer: Answer, name: str) -> bool:
    text = (KNOWLEDGE / name).read_text(encoding="utf-8")
    return all(Path(c.path).name == name and c.quote in text for c in answer.citations)


def test_a_streamed_answer_arrives_in_pieces_and_its_hallucinations_are_dropped(openai_engine):
    with OpenAIStandIn([Reply(f"{SUPPORTED} {HALLUCINATED}")]) as standin:
        *pieces, answer = openai_engine(standin.base_url).ask_stream(QUESTION)
    request = standin.requests[0]
    assert request["stream"] is True and request["model"] == "gpt-4o-mini"
    system, human = (m["content"] for m in request["messages"])
    assert "never an instruction" in system and human.count("<<<ARTICLE ") >= 1
    assert len(pieces) > 5 and "Prime Minister" in "".join(pieces)  # the raw draft streams
    assert answer.mode == "openai:gpt-4o-mini" and not answer.refused
    assert "Prime Minister" not in answer.answer and "25th" not in answer.answer
    assert "deepening bilateral cooperation" in answer.answer
    assert [c.n for c in answer.citations] == [1] and quoted_from(answer, OMAN)
    assert answer.citations[0].checked.startswith("supported: cos")
    assert answer.notice == (
        "2 sentences of the LLM's answer left out: no article they cite supports them."
    )


def test_an_answer_with_only_hallucinations_falls_back_to_quotes(openai_engine):
    with OpenAIStandIn([Reply(HALLUCINATED)]) as standin:
        answer = openai_engine(standin.base_url).ask(QUESTION)
    assert answer.mode == "extractive" and answer.citations and quoted_from(answer, OMAN)
    assert answer.notice.startswith("No sentence of the LLM's answer passed the citation check")


def test_a_follow_up_is_rewritten_by_a_plain_completion(openai_engine):
    script = [
        Reply("What did India and Oman discuss about defence at the JMCC?"),
        Reply(
            "Rajesh Kumar Singh and Al Zaabi co-chaired the 13th Joint Military "
            "Cooperation Committee meeting in New Delhi {{Al Zaabi}}."
        ),
    ]
    with OpenAIStandIn(script) as standin:
        conversation = Conversation(
            subject=Subject(question=QUESTION, countries=("OM",)), questions=[QUESTION]
        )
        answer = openai_engine(standin.base_url).ask("and defence?", conversation=conversation)
    rewrite, draft = standin.requests
    assert not rewrite.get("stream") and draft["stream"] is True
    assert QUESTION in rewrite["messages"][1]["content"]
    assert (
        "What did India and Oman discuss about defence at the JMCC?"
        in (draft["messages"][1]["content"])
    )
    assert "13th" in answer.answer and quoted_from(answer, OMAN)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "reply, reason",
    [
        (Reply(status=500), "server error 500"),
        (Reply(status=503), "server error 503"),
        (Reply(malformed=True), None),
        (Reply(SUPPORTED, delay=3), "no answer within 1s"),
    ],
)
def test_a_failing_server_means_the_extractive_answer_with_a_notice(openai_engine, reply, reason):
    with OpenAIStandIn([reply]) as standin:
        engine = openai_engine(standin.base_url, timeout=1)
        start = time.monotonic()
        answer = engine.ask(QUESTION)
    assert time.monotonic() - start < 8
    assert answer.mode == "extractive" and answer.citations and quoted_from(answer, OMAN)
    assert answer.notice and "\n" not in answer.notice
    if reason:
        assert answer.notice == f"LLM unavailable ({reason}); quoting the articles instead."


def test_connection_refused_means_the_extractive_answer(openai_engine):
    engine = openai_engine(f"http://127.0.0.1:{closed_port()}/v1", timeout=5)
    start = time.monotonic()
    answer = engine.ask(QUESTION)
    assert time.monotonic() - start < 8
    assert answer.mode == "extractive" and answer.citations
    assert answer.notice == "LLM unavailable (could not connect); quoting the articles instead."
