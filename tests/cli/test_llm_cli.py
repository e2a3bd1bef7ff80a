"""The CLI with an LLM: the draft streams on a terminal, then the checked answer takes its place."""

from __future__ import annotations

import io
import json

import pytest
from openai_standin import OpenAIStandIn, Reply
from rich.console import Console
from typer.testing import CliRunner

from bot.cli.chat import handle
from bot.cli.commands import app
from bot.cli.streaming import show_streamed
from retrieval.conversation import Conversation
from retrieval.types import Answer, Citation

CHECKED = Answer(
    question="q",
    answer="Jaishankar spoke with Badr Albusaidi. [1]",
    mode="openai:x",
    citations=[
        Citation(
            n=1,
            article_id="a",
            title="EAM Jaishankar, Omani counterpart discuss",
            path="000.txt",
            quote="...",
            checked="supported: cos 0.80, names and numbers ok",
        )
    ],
)
DRAFT = ["Jaishankar ", "spoke with ", "the Prime Minister of Oman ", "[1]."]


def console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=100, color_system=None), buffer


def test_a_terminal_sees_the_draft_then_the_checked_answer():
    term, buffer = console(terminal=True)
    assert show_streamed(term, iter([*DRAFT, CHECKED])) is CHECKED
    shown = buffer.getvalue()
    assert "the Prime Minister of Oman" in shown  # the draft, as it arrived
    assert shown.rstrip().endswith(
        "[1] EAM Jaishankar, Omani counterpart discuss, outlet unknown, date unknown — 000.txt"
    )
    assert shown.index("Prime Minister") < shown.index("Jaishankar spoke with Badr Albusaidi")


def test_a_pipe_gets_only_the_checked_answer():
    pipe, buffer = console(terminal=False)
    show_streamed(pipe, iter([*DRAFT, CHECKED]))
    assert "Prime Minister" not in buffer.getvalue()
    assert buffer.getvalue().startswith("Jaishankar spoke with Badr Albusaidi. [1]")


class StreamingEngine:
    def __init__(self) -> None:
        self.calls = []

    def ask_stream(self, question, *, conversation=None):
        self.calls.append((question, conversation))
        yield from DRAFT
        yield CHECKED


def test_the_chat_streams_in_its_conversation():
    engine, conversation = StreamingEngine(), Conversation()
    term, buffer = console(terminal=True)
    assert handle(engine, "and defence?", conversation, term)
    assert engine.calls == [("and defence?", conversation)]
    assert "Badr Albusaidi. [1]" in buffer.getvalue()


VERBATIM = (
    "Defence Secretary Rajesh Kumar Singh and Oman's Secretary General of Defence, "
    "Mohammed Bin Naseer Bin Ali Al Zaabi, co-chaired the 13th Joint Military "
    "Cooperation Committee (JMCC) meeting in New Delhi {{Al Zaabi}}."
)


@pytest.fixture
def env(tmp_path, knowledge, monkeypatch):
    monkeypatch.setenv("BILATERAL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BILATERAL_KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("BILATERAL_EMBEDDER", "fake")
    monkeypatch.setenv("BILATERAL_LLM", "openai:standin")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return monkeypatch


def test_ask_json_through_the_openai_provider(env):
    with OpenAIStandIn([Reply(VERBATIM + " The meeting was held in Muscat {{Al Zaabi}}.")]) as s:
        env.setenv("BILATERAL_LLM_BASE_URL", s.base_url)
        result = CliRunner().invoke(
            app, ["ask", "--json", "Who co-chaired the 13th JMCC?"], catch_exceptions=False
        )
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.splitlines()[-1])
    assert line["mode"] == "openai:standin" and "Muscat" not in line["answer"]
    assert line["notice"] == (
        "1 sentence of the LLM's answer left out: no article it cites supports it."
    )
    assert [c["checked"].split(":")[0] for c in line["citations"]] == ["supported"]


def test_ask_prints_the_fallback_notice_when_the_server_is_down(env):
    env.setenv("BILATERAL_LLM_BASE_URL", "http://127.0.0.1:9/v1")  # discard port: refused
    result = CliRunner().invoke(
        app, ["ask", "Who co-chaired the 13th JMCC?"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "LLM unavailable (could not connect); quoting the articles instead." in result.stdout
    assert "Sources" in result.stdout and "Traceback" not in result.output


class FailingEngine:
    def ask_stream(self, question, *, conversation=None):
        from retrieval.errors import StoreUnavailable

        raise StoreUnavailable("the store is locked by another program")
        yield  # a generator, as the engine's


def test_a_failed_question_is_one_line_and_the_chat_goes_on():
    term, buffer = console(terminal=False)
    assert handle(FailingEngine(), "What did India and Oman discuss?", Conversation(), term)
    assert "the store is locked by another program" in buffer.getvalue()
    assert "Traceback" not in buffer.getvalue()
