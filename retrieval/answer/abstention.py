"""Whether an answer is worth giving: a logistic model over what the evidence shows, fitted on
the calibration half of the development set (`python scripts/fit_abstention.py`), its weights
and threshold in the tuning object. A near miss (the right people, the wrong year, place or
figure) is close in meaning to an answer; what tells it apart is what the evidence lacks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from retrieval.answer.extractive import Candidate, has_term, terms, topic_terms
from retrieval.answer.kinds import holds_wanted
from retrieval.answer.query import QueryPlan
from retrieval.tuning import AbstentionTuning
from retrieval.vocabulary import ASKING_WORDS

_ASKING = terms(" ".join(ASKING_WORDS))  # stemmed once: a sentence need not hold them

FEATURES = (
    "best_score",  # the best quoted sentence's score (meaning and words in common)
    "best_cos",  # its cosine to the question
    "terms_quoted",  # share of the question's own words the quoted sentences hold
    "terms_article",  # share the cited article holds, title included
    "time_missed",  # the question names a time that the cited article's date and words miss
    "type_missing",  # the answer lacks what the question asks for (a number, a date, a place...)
    "keys_unquoted",  # share of the key terms (names, numbers, years) the quoted sentences lack
    "keys_absent",  # share of them the cited article lacks
)


def _share(wanted: set[str], text: str) -> float:
    return len(wanted & terms(text)) / len(wanted) if wanted else 1.0


def _time_missed(plan: QueryPlan, text: str, published: date | None) -> float:
    flt = plan.filter
    if flt.start is None and flt.end is None:
        return 0.0
    if published is not None:
        after = flt.start is None or published >= flt.start
        before = flt.end is None or published <= flt.end
        if after and before:
            return 0.0
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)}
    first = flt.start.year if flt.start else 1900
    last = flt.end.year if flt.end else 2100
    return 0.0 if any(first <= y <= last for y in years) else 1.0


def features(
    plan: QueryPlan, chosen: Sequence[Candidate], cands: Sequence[Candidate]
) -> list[float]:
    best = max(chosen, key=lambda c: c.score)
    article = best.meta.article_id
    article_text = " ".join(
        [best.meta.title, *(c.sentence for c in cands if c.meta.article_id == article)]
    )
    quoted = " ".join(c.context for c in chosen)
    wanted = topic_terms(plan) - _ASKING
    keys = plan.key_terms
    unquoted = [k for k in keys if not any(has_term(k, c.sentence, c.meta) for c in chosen)]
    absent = [k for k in unquoted if not has_term(k, article_text, best.meta)]
    return [
        best.score,
        best.cos,
        _share(wanted, quoted),
        _share(wanted, article_text),
        _time_missed(plan, article_text, best.meta.published),
        0.0 if holds_wanted(plan.kind, " ".join(c.sentence for c in chosen)) else 1.0,
        len(unquoted) / len(keys) if keys else 0.0,
        len(absent) / len(keys) if keys else 0.0,
    ]


def vetoed(values: Sequence[float], t: AbstentionTuning) -> bool:
    """A yes/no feature named in `vetoes` holds: withhold whatever the confidence."""
    return any(values[FEATURES.index(name)] >= 1.0 for name in t.vetoes)


def confidence(values: Sequence[float], t: AbstentionTuning) -> float:
    """The model's probability that the answer holds."""
    return t.probability(values)
