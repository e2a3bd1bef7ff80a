"""Questions of two parts ("who chaired the talks, and where were they held?"): each part is
answered in turn, the second in the light of the first (as a follow-up in a conversation of
their own), and the answers are put together, their citations numbered on."""

from __future__ import annotations

import re

from retrieval.types import Answer

# a new question starts: after "?", or after "and" / ", and" before a question word
_BOUNDARY = re.compile(
    r"(?:\?\s*|,?\s+(?:and|n|&)\s+|;\s*)"
    r"(?=(?:what|which|who|whom|whose|where|when|how|why|did|was|were|has|have)\b)",
    re.I,
)
_MIN_WORDS = 2  # "when and where did they meet" is one question, not "when" + "where ..."


def split_parts(question: str) -> list[str]:
    """The question's parts, or the question alone when it has one."""
    pieces = [p.strip(" ,;") for p in _BOUNDARY.split(question.strip())]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or any(len(p.split()) < _MIN_WORDS for p in pieces):
        return [question]
    return pieces


def _renumbered(text: str, offset: int) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m[1]) + offset}]", text)


def merged(question: str, parts: list[str], answers: list[Answer]) -> Answer:
    """One answer: each answered part's text in turn, citations numbered on; a part the
    articles do not answer is said to be so. All refused: the first refusal."""
    if all(a.refused for a in answers):
        return answers[0].model_copy(update={"question": question})
    texts, cites, retrieved = [], [], []
    for part, answer in zip(parts, answers, strict=True):
        retrieved += answer.retrieved or []
        if answer.refused:
            texts.append(f"(Nothing in the articles on: {part.rstrip('?')}?)")
            continue
        offset = len(cites)
        texts.append(_renumbered(answer.answer, offset))
        cites += [c.model_copy(update={"n": c.n + offset}) for c in answer.citations]
    sure = [a.confidence for a in answers if not a.refused and a.confidence is not None]
    out = Answer(
        question=question,
        answer="\n".join(texts),
        citations=cites,
        confidence=min(sure) if sure else None,
    )
    out.retrieved = list(dict.fromkeys(retrieved))
    return out
