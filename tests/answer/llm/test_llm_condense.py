"""LLM mode: a follow-up is condensed into a standalone question by the model, and the rewrite
is used only when every name in it was said in the conversation or is in the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from llm_fakes import ScriptedChatModel, prompt_text

from retrieval.conversation import Conversation
from retrieval.engine import Engine

QUESTION = "What did Jaishankar and Badr Albusaidi discuss?"
FIRST = (
    "Jaishankar and Badr Albusaidi discussed deepening bilateral cooperation in a phone "
    "call {{Omani counterpart Badr}}."
)
DRAFT = (
    "Defence Secretary Rajesh Kumar Singh and Mohammed Al Zaabi co-chaired the 13th Joint "
    "Military Cooperation Committee meeting in New Delhi {{Al Zaabi}}."
)


@pytest.fixture
def llm_engine(seeded_engine, real_embedder):
    def make(model: ScriptedChatModel) -> Engine:
        s = seeded_engine.settings.model_copy(update={"llm": "fake:scripted"})
        return Engine(s, embedder=real_embedder, llm_factories={"fake": lambda name, st: model})

    return make


@pytest.fixture
def second_turn(llm_engine):
    """(model, conversation, answer): QUESTION, then `follow_up`, the model saying `responses`."""

    def ask(follow_up: str, *responses: str):
        model = ScriptedChatModel(responses=list(responses))
        conversation, engine = Conversation(), llm_engine(model)
        engine.ask(QUESTION, conversation=conversation)
        return model, conversation, engine.ask(follow_up, conversation=conversation)

    return ask


def test_a_follow_up_is_condensed_and_shown_as_understood(second_turn):
    rewrite = "What defence cooperation did India and Oman discuss at their military committee?"
    model, conversation, answer = second_turn("and on defence?", FIRST, rewrite, DRAFT)
    _, condense, draft = (prompt_text(p) for p in model.prompts)
    assert f"- {QUESTION}" in condense and "and on defence?" in condense
    assert f"<<<QUESTION>>>\n{rewrite}\n<<<END QUESTION>>>" in draft
    assert answer.understood_as == rewrite and "13th" in answer.answer
    assert conversation.questions == [QUESTION, rewrite]


def test_a_rewrite_that_invents_a_name_falls_back_to_the_mechanism(second_turn):
    invented = "What did Jaishankar and Zorblax Quendar discuss on defence?"
    model, _, answer = second_turn("and on defence?", FIRST, invented, DRAFT)
    draft = prompt_text(model.prompts[2])
    assert "Zorblax" not in draft and "and on defence?" in draft
    assert answer.understood_as == f"and on defence? (following up: {QUESTION})"
    assert {Path(c.path).name[:3] for c in answer.citations} == {"000"}


def test_a_turn_that_stands_alone_is_not_sent_to_the_model_to_rewrite(second_turn):
    model, _, _ = second_turn("What did Jaishankar and Motegi discuss in Tokyo?", FIRST, FIRST)
    assert len(model.prompts) == 2 and all(
        "<<<FOLLOW-UP>>>" not in prompt_text(p) for p in model.prompts
    )
