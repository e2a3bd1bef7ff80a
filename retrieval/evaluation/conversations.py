"""Conversations of a development set, scored turn by turn against the same questions asked
alone: is a follow-up answered as well as the question it stands for, spelled out in full; is
a new subject answered as well as when asked in a fresh conversation; is a follow-up the
articles cannot answer refused."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from retrieval.conversation import Conversation
from retrieval.errors import BadInput
from retrieval.evaluation.qa import EvalItem

FOLLOW_UPS = ("follow_up", "country_switch", "time_switch")


class EvalTurn(BaseModel):
    ask: str = Field(description="The turn as typed in the conversation.")
    standalone: str = Field(description="The question it stands for, spelled out in full.")
    shape: str = Field(
        description="first, follow_up, country_switch, time_switch, new_subject, "
        "unanswerable_follow_up."
    )
    any_of: list[list[str]] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    kind: str = "answerable"

    @field_validator("any_of", mode="before")
    @classmethod
    def _strings(cls, groups):
        return [[str(s) for s in g] for g in groups or []]

    def item(self, question: str) -> EvalItem:
        return EvalItem.model_validate(
            {"question": question, "any_of": self.any_of, "files": self.files, "kind": self.kind}
        )


class EvalConversation(BaseModel):
    id: str
    turns: list[EvalTurn]


class TurnResult(BaseModel):
    conversation: str
    shape: str
    ask: str
    understood_as: str | None
    answer: str
    refused: bool
    fact: bool  # in the conversation
    fact_alone: bool  # the standalone question (a follow-up) or the turn (else) asked alone
    refused_alone: bool


def load_conversations(paths: list[Path]) -> list[EvalConversation]:
    files = [f for p in paths for f in (sorted(p.glob("*.yaml")) if p.is_dir() else [p])]
    found: list[EvalConversation] = []
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            found += [EvalConversation.model_validate(raw) for raw in data]
        except (OSError, UnicodeDecodeError, yaml.YAMLError, ValidationError, TypeError) as exc:
            raise BadInput(f"cannot read the conversations in {path}: {exc}") from None
    return found


def run_conversations(engine, conversations: list[EvalConversation], scorer) -> list[TurnResult]:
    """Every conversation asked turn by turn in a conversation of its own; every turn after
    the first also asked alone (a follow-up: the question it stands for)."""
    results: list[TurnResult] = []
    for conv in conversations:
        state = Conversation()
        for turn in conv.turns:
            answer = engine.ask(turn.ask, conversation=state)
            scored = scorer.score(turn.item(turn.ask), answer)
            alone_q = turn.standalone if turn.shape in FOLLOW_UPS else turn.ask
            alone = answer if turn.shape == "first" else engine.ask(alone_q)
            scored_alone = scorer.score(turn.item(alone_q), alone)
            results.append(
                TurnResult(
                    conversation=conv.id,
                    shape=turn.shape,
                    ask=turn.ask,
                    understood_as=answer.understood_as,
                    answer=answer.answer,
                    refused=answer.refused,
                    fact=scored.fact,
                    fact_alone=scored_alone.fact,
                    refused_alone=alone.refused,
                )
            )
    return results


class ConversationScores(BaseModel):
    turns: int
    follow_ups: int
    follow_up_fact: float
    follow_up_fact_alone: float
    follow_up_ratio: float  # in the conversation / spelled out in full, asked alone
    new_subjects: int
    new_subject_fact: float
    new_subject_fact_alone: float
    new_subject_gap: float  # asked alone minus in the conversation (points of 1)
    unanswerable_follow_ups: int
    refused_unanswerable_follow_ups: float


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 1.0


def score_conversations(results: list[TurnResult]) -> ConversationScores:
    follow = [r for r in results if r.shape in FOLLOW_UPS]
    new = [r for r in results if r.shape == "new_subject"]
    una = [r for r in results if r.shape == "unanswerable_follow_up"]
    fact, alone = _share([r.fact for r in follow]), _share([r.fact_alone for r in follow])
    new_fact, new_alone = _share([r.fact for r in new]), _share([r.fact_alone for r in new])
    return ConversationScores(
        turns=len(results),
        follow_ups=len(follow),
        follow_up_fact=fact,
        follow_up_fact_alone=alone,
        follow_up_ratio=round(fact / alone, 4) if alone else 1.0,
        new_subjects=len(new),
        new_subject_fact=new_fact,
        new_subject_fact_alone=new_alone,
        new_subject_gap=round(new_alone - new_fact, 4),
        unanswerable_follow_ups=len(una),
        refused_unanswerable_follow_ups=_share([r.refused for r in una]),
    )
