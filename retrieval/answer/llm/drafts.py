"""A model's draft read into an Answer: its sentences and [n] marks, checked, then renumbered."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from retrieval.answer.chain import citation
from retrieval.answer.extractive import REFUSAL
from retrieval.answer.llm.citation_check import MARKER, CitationChecker, Verdict, strip_markers
from retrieval.answer.llm.prompt import FENCE_LINE, Source
from retrieval.answer.llm.relevance import MIN_TOPIC, covers, names_enough
from retrieval.answer.query import QueryPlan
from retrieval.text.sentences import split_sentences
from retrieval.types import Answer, Citation

REFUSED = re.compile(
    r"\bnot (?:in|found in|mentioned in|covered (?:in|by)) the (?:articles?|sources?)\b"
    r"|\b(?:articles?|sources?) (?:do|does) not (?:say|mention|contain|answer|provide)\b"
    r"|\bno information\b",
    re.I,
)
_STRAY = re.compile(r"\[n\]")  # the prompt's placeholder, copied
_HEADER = re.compile(r"\|\s*published\b", re.I)  # an article's header line, copied
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_LEAD = re.compile(r"^\s*(?:answer|response)\s*:\s*", re.I)


@dataclass
class Claim:
    """One sentence of the draft and the source numbers it cites, in the order written."""

    text: str
    cited: list[int] = field(default_factory=list)


@dataclass
class Reading:
    """What became of a draft: the answer (None = nothing survived) and what was dropped."""

    answer: Answer | None
    dropped: int = 0  # unsupported by the articles they cite, or citing none
    off_topic: int = 0  # supported, but not about the question
    out_of_range: int = 0
    missing_terms: list[str] = field(default_factory=list)  # key names no kept sentence gives

    @property
    def notice(self) -> str | None:
        """One line on what was left out, or None."""
        n = self.dropped + self.off_topic
        if not n:
            return None
        head = f"{n} sentence{'' if n == 1 else 's'} of the LLM's answer left out: "
        if not self.off_topic:
            return head + (
                "no article it cites supports it."
                if n == 1
                else "no article they cite supports them."
            )
        if not self.dropped:
            return head + "not about the question."
        return head + "unsupported by the articles cited, or not about the question."


def claims(draft: str) -> list[Claim]:
    """Sentences with their marks; a mark that pysbd split off joins the sentence before it."""
    out: list[Claim] = []
    for line in draft.splitlines():
        if FENCE_LINE.match(line):
            continue
        line = _LEAD.sub("", _BULLET.sub("", line))
        for sentence in split_sentences(line):
            numbers = [
                int(n)
                for m in MARKER.finditer(sentence)
                for n in re.split(r"\s*[,;]\s*", m.group(1))
            ]
            text = strip_markers(_STRAY.sub("", sentence))
            if not re.search(r"\w", text) and out:
                out[-1].cited += numbers
            elif text:
                out.append(Claim(re.sub(r"\s+([.,;:!?])", r"\1", text), numbers))
    return out


def on_topic(plan: QueryPlan, claim: str, verdict: Verdict, checker: CitationChecker) -> bool:
    if not names_enough(plan, verdict.source):
        return False
    return (
        max(
            checker.similarity(plan.search_text, claim),
            checker.similarity(plan.search_text, verdict.quote),
        )
        >= MIN_TOPIC
    )


def read_draft(
    draft: str, sources: Sequence[Source], checker: CitationChecker, plan: QueryPlan, mode: str
) -> Reading:
    """Keep the sentences their cited sources support and that are about the question; number
    citations in order of first use. No answer (None) when the kept ones miss a key name."""
    by_number = {s.n: s for s in sources}
    reading = Reading(None)
    parts: list[str] = []
    cites: dict[tuple[str, str], Citation] = {}
    used: dict[int, Source] = {}
    seen: list[str] = []
    said_not_found = False
    for claim in claims(draft):
        valid = [n for n in dict.fromkeys(claim.cited) if n in by_number]
        reading.out_of_range += len(set(claim.cited)) - len(valid)
        if not valid or _HEADER.search(claim.text):
            said_not_found |= bool(REFUSED.search(claim.text))
            reading.dropped += not REFUSED.search(claim.text)
            continue
        if any(fuzz.ratio(claim.text, said) >= 90 for said in seen):
            continue  # a small model repeats itself: judged once, said at most once
        seen.append(claim.text)
        kept = [v for v in checker.check(claim.text, [by_number[n] for n in valid]) if v.supported]
        if not kept:
            reading.dropped += 1
            continue
        kept = [v for v in kept if on_topic(plan, claim.text, v, checker)]
        if not kept:
            reading.off_topic += 1
            continue
        used.update((v.source.n, v.source) for v in kept)
        marks = []
        for verdict in kept:
            key = (verdict.source.meta.article_id, verdict.quote)
            if key not in cites:
                cites[key] = citation(
                    len(cites) + 1, verdict.source.meta, verdict.quote, verdict.note
                )
            marks.append(f"[{cites[key].n}]")
        parts.append(f"{claim.text} {''.join(dict.fromkeys(marks))}")
    if parts:
        reading.missing_terms = [t.text for t in plan.key_terms if not covers(used.values(), t)]
    if parts and not reading.missing_terms:
        reading.answer = Answer(
            question=plan.question,
            answer=" ".join(parts),
            citations=list(cites.values()),
            mode=mode,
            notice=reading.notice,
        )
    elif said_not_found and not parts:
        reading.answer = Answer(
            question=plan.question, refused=True, mode=mode, answer=REFUSAL, notice=None
        )
    return reading
