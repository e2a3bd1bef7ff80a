"""Timeline questions answered from the engagement table instead of one sentence: "when did X
last meet Y", "the first call", "how many times", "which countries ... in June 2025", "what
happened between India and X in 2024". Each event found is one dated line citing the sentence
that reports it; a question the table has nothing for goes to the sentence answerer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from retrieval.answer.query import QueryPlan
from retrieval.answer.when import date_phrase
from retrieval.engagements.briefs import engagement_citation, timeline
from retrieval.engagements.rules import IN_PERSON, KIND_WORDS, MEETING
from retrieval.text.date_rules import DateRange, Precision
from retrieval.types import Answer, ArticleInfo, Engagement

# what a timeline question asks of the table (first match wins)
_MODES = (
    (
        "count",
        r"\bhow (?:many times|often)\b|\bhow many (?:\w+ )?(?:calls|visits|meetings|times)\b",
    ),
    ("countries", r"\b(?:which|what) (?:\w+ )?countries\b"),
    # "when did they first meet", not "where was the first meeting" (an event named by its
    # ordinal) nor "was that the first time"
    ("first", r"\bwhen\b[^?]*\bfirst\b|\bfirst (?:time|call|meeting|visit|talks)\b[^?]*\bwhen\b"),
    (
        "last",
        r"\b(?:last|latest|most recent(?:ly)?|previous)\b(?!\s+(?:year|month|week|"
        r"weekend|day|night|time(?:s)?\b(?! (?:they|he|she|the))))",
    ),
    (
        "list",
        r"\bwhat(?:'s| has| had)? happened\b|\bwhat (?:engagements|interactions|contacts)\b|"
        r"\b(?:list|timeline of)\b.*\b(?:engagements|meetings|calls|visits|talks|interactions)\b|"
        r"\bengagements?\b.*\b(?:with|between)\b",
    ),
)
_CHRONOLOGICAL = re.compile(r"\b(?:oldest|earliest|chronolog\w*|in order)\b")
_RELATIVE = re.compile(r"\b(?:before|after|prior to|ahead of|following|since|until|the day)\b")
MAX_LINES = 8


def timeline_mode(question: str) -> str | None:
    low = question.lower()
    for mode, pattern in _MODES:
        if re.search(pattern, low):
            return mode
    return None


def kinds_named(question: str) -> set[str]:
    """The kinds a question's words name; "met" or "talks" name any in-person kind."""
    low = question.lower()
    kinds = {kind for kind, pattern in KIND_WORDS if re.search(pattern, low)}
    if MEETING in kinds:
        kinds |= set(IN_PERSON)
    return kinds


@dataclass
class Wanted:
    """What a timeline question selects from the table."""

    mode: str
    countries: tuple[str, ...]
    start: date | None
    end: date | None
    kinds: set[str]
    names: list[tuple[str, ...]]  # each key name (its variants) must be in the event's text

    def keeps(self, e: Engagement) -> bool:
        if self.countries and not set(self.countries) & set(e.countries):
            return False
        if self.kinds and e.kind not in self.kinds:
            return False
        if self.start or self.end:
            if e.date_start is None:
                return False
            end = e.date_end or e.date_start
            if (self.start and end < self.start) or (self.end and e.date_start > self.end):
                return False
        text = " ".join([e.quote, *e.participants]).lower()
        words = re.findall(r"[\w'’-]+", text)
        return all(_named(variants, text, words) for variants in self.names)


def _named(variants: tuple[str, ...], text: str, words: list[str]) -> bool:
    for v in variants:
        if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text):
            return True
        if len(v) >= 5 and any(fuzz.ratio(v, w) >= 85 for w in words if len(w) >= 4):
            return True
    return False


def wanted(plan: QueryPlan) -> Wanted | None:
    """What the question asks of the table, or None when it is not a timeline question (or
    names no country, period or person to select by)."""
    mode = timeline_mode(plan.normalised or plan.question)
    if mode is None:
        return None
    countries = tuple(c for c in plan.filter.countries if c != "IN")
    if not countries and plan.follow_up:  # "what happened in 2022?": with the subject's
        countries = tuple(dict.fromkeys(c for f in plan.context for c in f.countries if c != "IN"))
    names = [t.variants or (t.text.lower(),) for t in plan.key_terms if t.year is None]
    start, end = (plan.period.start, plan.period.end) if plan.period else (None, None)
    if not (start or end) and _RELATIVE.search((plan.normalised or plan.question).lower()):
        return None  # "before her visit": a time the table cannot place; the sentences can
    if mode == "countries" and not (start or end or names):
        return None
    if not (countries or names or start or end):
        return None
    kinds = kinds_named(plan.normalised or plan.question)
    return Wanted(mode, countries if mode != "countries" else (), start, end, kinds, names)


def answer_from_table(
    plan: QueryPlan, engagements: list[Engagement], articles: dict[str, ArticleInfo]
) -> Answer | None:
    """The answer from the engagements, or None (nothing found: the sentence answerer tries)."""
    want = wanted(plan)
    if want is None:
        return None
    found = [e for e in engagements if e.article_id in articles and want.keeps(e)]
    groups = [g for g in timeline(found, articles) if g[0].date_start]
    if not groups:
        return None
    if want.mode == "last":
        groups = groups[:1]
    elif want.mode == "first":
        groups = groups[-1:]
    elif _CHRONOLOGICAL.search(plan.question.lower()):
        groups = groups[::-1]
    lines, cites = [], []
    for group in groups[:MAX_LINES]:
        e = group[0]
        info = articles[e.article_id]
        cites.append(engagement_citation(len(cites) + 1, e, info))
        lines.append(f"{_when(e)}: {e.quote} [{len(cites)}]")
    lead = _lead(want, groups, found)
    text = "\n".join([lead, *lines] if lead else lines)
    return Answer(question=plan.question, answer=text, citations=cites, confidence=None)


def _lead(want: Wanted, groups: list[list[Engagement]], found: list[Engagement]) -> str:
    if want.mode == "count":
        n = len(groups)
        return f"The articles report {n} such engagement{'s' if n != 1 else ''}:"
    if want.mode == "countries":
        names = sorted({c for g in groups for c in g[0].countries})
        return f"{len(names)} countr{'ies' if len(names) != 1 else 'y'} ({', '.join(names)}):"
    if len(groups) > MAX_LINES:
        return f"{len(groups)} engagements; the {MAX_LINES} most recent:"
    return ""


def _when(e: Engagement) -> str:
    start = e.date_start
    assert start is not None
    precision: Precision = "day"
    if e.date_end and e.date_end != start:
        precision = "range"
    elif e.date_precision in ("month", "year"):
        precision = "month" if e.date_precision == "month" else "year"
    return date_phrase(DateRange(start=start, end=e.date_end or start, precision=precision))


def with_sentences(table: Answer, sentences: Answer) -> Answer:
    """A "what happened" answer: the table's dated events, then what the sentence answerer
    quotes beyond them (what was agreed, said, signed), numbered on."""
    if sentences.refused:
        return table
    told = " ".join(c.quote for c in table.citations)
    extra = [c for c in sentences.citations if c.quote not in told]
    if not extra:
        return table
    cites = list(table.citations)
    parts = []
    for c in extra:
        cites.append(c.model_copy(update={"n": len(cites) + 1}))
        parts.append(f"{c.quote} [{len(cites)}]")
    text = f"{table.answer}\n{' '.join(parts)}"
    return table.model_copy(update={"answer": text, "citations": cites})
