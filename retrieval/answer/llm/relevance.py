"""Whether a supported sentence answers the question asked, not just some question."""

from __future__ import annotations

import math
from collections.abc import Iterable

from retrieval.answer.extractive import has_term
from retrieval.answer.llm.prompt import Source
from retrieval.answer.query import KeyTerm, QueryPlan
from retrieval.tuning import DEFAULT

# A true sentence from the wrong article is the small models' favourite mistake: asked who
# co-chaired the 13th JMCC, SmolLM2 copies a sentence about the India-US 2+2. On its drafts for
# tests/eval/questions.yaml (replayed by tests/llm_eval.py) the key-name checks below take the
# citation precision of the final answers from 0.88 to 0.97; this floor on the meaning (question
# against sentence or quote) to 0.99; 0.3 gains nothing more and drops more sentences.
MIN_TOPIC = DEFAULT.citations.min_topic


def source_text(source: Source) -> str:
    return " ".join([source.header, *source.sentences])


def names_enough(plan: QueryPlan, source: Source) -> bool:
    """The article names at least half of the question's key names and numbers."""
    if not plan.key_terms:
        return True
    text = source_text(source)
    found = sum(has_term(t, text, source.meta) for t in plan.key_terms)
    return found >= math.ceil(len(plan.key_terms) / 2)


def covers(sources: Iterable[Source], term: KeyTerm) -> bool:
    """A key name or number of the question ("25th") is in one of the cited articles."""
    return any(has_term(term, source_text(s), s.meta) for s in sources)
