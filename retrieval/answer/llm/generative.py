"""The generative chain: follow-up rewritten, retrieve, prompt, stream, check; else the fallback."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from retrieval.answer.chain import refusal
from retrieval.answer.followup import invented
from retrieval.answer.llm.citation_check import CitationChecker
from retrieval.answer.llm.deadline import within
from retrieval.answer.llm.drafts import read_draft
from retrieval.answer.llm.prompt import (
    ANSWER_PROMPT,
    FENCE_LINE,
    REWRITE_PROMPT,
    STOP,
    answer_inputs,
    number_sources,
    rewrite_inputs,
)
from retrieval.answer.query import QueryPlan
from retrieval.answer.query import retrieve as retrieve_in_scope
from retrieval.types import Answer

log = logging.getLogger("bilateral.llm")
MAX_REWRITE_CHARS = 300


def reason(exc: BaseException) -> str:
    """A few words on why the model gave no answer, for the one-line notice."""
    status = getattr(exc, "status_code", None) or getattr(
        getattr(exc, "response", None), "status_code", None
    )
    name = type(exc).__name__
    if isinstance(exc, TimeoutError) or "Timeout" in name:
        return str(exc) if isinstance(exc, TimeoutError) else "timed out"
    if isinstance(status, int):
        return f"server error {status}" if status >= 500 else f"HTTP {status}"
    if "Connect" in name or isinstance(exc, ConnectionError):
        return "could not connect"
    return name


def standalone(text: str, question: str) -> str:
    """The model's rewrite when it looks like one question; the original otherwise."""
    lines = [
        line.strip().strip('"“”')
        for line in text.strip().splitlines()
        if line.strip() and not FENCE_LINE.match(line)
    ]
    first = lines[0].removeprefix("Standalone question:").strip() if lines else ""
    return first if 0 < len(first) <= MAX_REWRITE_CHARS else question


class GenerativeAnswerer:
    """{"plan", "history"} -> text pieces as the model writes, then the checked Answer."""

    def __init__(
        self,
        retriever,
        model: BaseChatModel,
        checker: CitationChecker,
        fallback: Any,  # the extractive chain: invoke({"plan"}) -> Answer
        *,
        mode: str,
        timeout: float,
    ) -> None:
        self.checker, self.fallback, self.mode, self.timeout = checker, fallback, mode, timeout
        self.retriever = retriever
        # RunnableLambda[dict, ...]: the lambdas read keys of the chain's input dict
        self.rewrite = (
            RunnableLambda[dict, dict](lambda x: rewrite_inputs(x["plan"].question, x["history"]))
            | REWRITE_PROMPT
            | model
            | StrOutputParser()
        ).with_config(run_name="rewrite_follow_up")
        retrieve = RunnableLambda[dict, list](
            lambda x: retrieve_in_scope(retriever, x["plan"])
        ).with_config(run_name="retrieve")
        self.prepare = (
            RunnablePassthrough.assign(plan=RunnableLambda(self._plan))
            | RunnablePassthrough.assign(docs=retrieve)
            | RunnablePassthrough.assign(sources=lambda x: number_sources(x["docs"]))
        )
        self.draft = (
            RunnableLambda[dict, dict](lambda x: answer_inputs(x["plan"].search_text, x["sources"]))
            | ANSWER_PROMPT
            | model.bind(stop=STOP)
            | StrOutputParser()
        ).with_config(run_name="draft")

    def _plan(self, inputs: dict) -> QueryPlan:
        """A follow-up (answer/followup.py) rewritten by the model into a standalone question,
        kept only when every name it uses was said in the conversation or is in the corpus;
        otherwise the mechanism's reading stands. The filters stay the engine's."""
        plan: QueryPlan = inputs["plan"]
        if not inputs.get("history") or not plan.follow_up:
            return plan
        rewritten = standalone(self.rewrite.invoke(inputs), plan.question)
        said = " ".join([*inputs["history"], plan.question])
        unknown = invented(rewritten, said, self.retriever.keyword())
        if rewritten == plan.question or unknown:
            log.debug("rewrite %r of %r not used (unknown: %s)", rewritten, plan.question, unknown)
            return plan
        log.debug("follow-up %r rewritten as %r", plan.question, rewritten)
        return dataclasses.replace(plan, search_text=rewritten, understood_as=rewritten)

    def _produce(self, inputs: dict) -> Iterator[dict | str]:
        prepared = self.prepare.invoke(inputs)
        yield prepared
        if prepared["sources"]:
            yield from self.draft.stream(prepared)

    def stream(self, inputs: dict) -> Iterator[str | Answer]:
        plan: QueryPlan = inputs["plan"]
        prepared, pieces = None, []
        try:
            for item in within(self.timeout, lambda: self._produce(inputs)):
                if isinstance(item, dict):
                    prepared = item
                elif item:
                    pieces.append(item)
                    yield item
        except Exception as exc:  # noqa: BLE001 - any failure of the model means the fallback
            log.warning("LLM call failed, answering extractively: %r", exc)
            yield self._fallback(plan, f"LLM unavailable ({reason(exc)})")
            return
        if prepared is None or not prepared["sources"]:
            yield refusal(plan.question, plan).model_copy(update={"mode": self.mode})
            return
        reading = read_draft(
            "".join(pieces), prepared["sources"], self.checker, prepared["plan"], self.mode
        )
        if reading.answer is not None:
            understood = prepared["plan"].understood_as
            yield reading.answer.model_copy(update={"understood_as": understood})
        elif reading.missing_terms:
            yield self._fallback(
                plan,
                "The LLM's checked answer does not mention " + ", ".join(reading.missing_terms),
            )
        else:
            yield self._fallback(plan, "No sentence of the LLM's answer passed the citation check")

    def invoke(self, inputs: dict) -> Answer:
        answer = None
        for item in self.stream(inputs):
            answer = item
        assert isinstance(answer, Answer)
        return answer

    def _fallback(self, plan: QueryPlan, why: str) -> Answer:
        answer: Answer = self.fallback.invoke({"plan": plan})
        notice = f"{why}." if answer.refused else f"{why}; quoting the articles instead."
        return answer.model_copy(update={"notice": notice})
