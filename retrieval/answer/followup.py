"""Follow-ups: whether a turn of a conversation stands alone, and what an elliptical one takes
from the conversation's subject.

A turn that names its own subject (a country, a person, an organisation, a rare corpus word)
stands alone and inherits nothing. An elliptical one ("when was that", "and with Japan?", "what
about 2024?") keeps its own slots and inherits the others: the subject's countries and time, and
the articles its answer cited, as a retrieval prior (never a filter), and its topic words in the
search text. The decision is a logistic model over FEATURES, fitted on the calibration
conversations (scripts/fit_followup.py); its numbers are in the tuning object."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from retrieval.answer.query import CorpusWords, QueryPlan, key_terms
from retrieval.conversation import Subject
from retrieval.index.filters import SearchFilter
from retrieval.tuning import FollowUpTuning
from retrieval.types import Answer
from retrieval.vocabulary import ASKING_WORDS, CONTINUATION_OPENERS, REFERRING_WORDS, STOP_WORDS

_WORD = re.compile(r"[a-z][a-z'’]*|\d+")

FEATURES = (
    "new_countries",  # names a country the subject is not about
    "same_countries",  # names only countries the subject is about
    "new_terms",  # key terms (names, acronyms, rare words) the subject does not hold
    "shared_terms",  # key terms the subject holds
    "referring",  # a word that points back: they, that, there, else, ...
    "opener",  # opens as a continuation: "and ...", "what about ..."
    "content_words",  # how much it says of its own
    "own_time",  # names a time of its own
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _content(words: Sequence[str]) -> list[str]:
    return [
        w
        for w in words
        if w not in STOP_WORDS and w not in ASKING_WORDS and w not in REFERRING_WORDS
    ]


def features(plan: QueryPlan, subject: Subject) -> list[float]:
    words = _words(plan.topic_text)
    own = set(plan.filter.countries)
    held = {t.lower() for t in subject.terms} | set(_words(subject.question)) | subject.vocabulary
    # names, not numbers: "the 2nd meeting", "the 1st time" ask about the subject
    keys = [k.text.lower() for k in plan.key_terms if k.year is None and not k.text[0].isdigit()]
    new = [k for k in keys if not held & {k, *_words(k)}]
    question = " ".join(_words(plan.question))
    return [
        1.0 if own - set(subject.countries) else 0.0,
        1.0 if own and own <= set(subject.countries) else 0.0,
        min(len(new), 3) / 3,
        min(len(keys) - len(new), 2) / 2,
        1.0 if REFERRING_WORDS & set(_words(plan.question)) else 0.0,
        1.0 if any(question.startswith(o + " ") for o in CONTINUATION_OPENERS) else 0.0,
        min(len(_content(words)), 8) / 8,
        1.0 if plan.filter.start or plan.filter.end else 0.0,
    ]


def resolve(plan: QueryPlan, subject: Subject | None, t: FollowUpTuning) -> QueryPlan:
    """The plan of a turn of a conversation: as it stands when it stands alone; else with the
    subject's slots it lacks as priors, and the subject's words in its search text."""
    if subject is None or plan.small_talk or plan.hard:
        return plan
    if t.probability(features(plan, subject)) >= t.threshold:
        return plan
    own = plan.filter
    switched = bool(own.countries) and set(own.countries) != set(subject.countries)
    timed = own.start is not None or own.end is not None
    context = [
        SearchFilter(
            countries=own.countries or subject.countries,
            start=own.start if timed else subject.start,
            end=own.end if timed else subject.end,
        )
    ]
    if subject.articles and not switched and not timed:
        context.append(SearchFilter(articles=subject.articles[: t.articles]))
    about = " ".join([subject.question, *subject.follow_ups[-1:]])
    return replace(
        plan,
        search_text=f"{about} {plan.search_text}",
        context=context,
        follow_up=True,
        context_topic=about,
        understood_as=f"{plan.question} (following up: {subject.question})",
    )


_NAME = re.compile(r"\b[A-Z][\w’'-]*[\w]|\b[A-Z]\b")


def words_of(text: str) -> frozenset[str]:
    """The names of an article (its capitalised words, lowercase): a turn's key term among them
    is not new. Names only, to keep a conversation's state small."""
    return frozenset(w for m in _NAME.finditer(text) for w in _words(m.group()))


def next_subject(
    plan: QueryPlan,
    answer: Answer,
    subject: Subject | None,
    found: Sequence[str],
    countries_of: Mapping[str, Sequence[str]],
    vocabulary: frozenset[str] = frozenset(),
) -> Subject | None:
    """The conversation's subject after a turn. A turn that stood alone sets it (a refused one
    too: a follow-up to it is about it, and the article it found first); an answered follow-up
    moves it on to what it cited and the slots it named; a refused one leaves it as it was.
    `found`: the ids of the articles cited (or found first), best first; `vocabulary`: the
    words of the first of them."""
    found = tuple(dict.fromkeys(found))
    partners = tuple(dict.fromkeys(code for a in found for code in countries_of.get(a, ())))
    if subject is None or not plan.follow_up:
        return Subject(
            question=plan.normalised,
            countries=plan.filter.countries or partners[:2],
            start=plan.filter.start,
            end=plan.filter.end,
            terms=tuple(k.text for k in plan.key_terms),
            articles=found,
            vocabulary=vocabulary,
        )
    if answer.refused:
        return subject
    own = plan.filter
    timed = own.start is not None or own.end is not None
    return replace(
        subject,
        countries=own.countries or subject.countries,
        start=own.start if timed else subject.start,
        end=own.end if timed else subject.end,
        terms=tuple(dict.fromkeys([*subject.terms, *(k.text for k in plan.key_terms)])),
        articles=found or subject.articles,
        vocabulary=vocabulary if found else subject.vocabulary,
        follow_ups=(*subject.follow_ups, plan.normalised)[-3:],
    )


def invented(rewrite: str, said: str, corpus: CorpusWords | None) -> list[str]:
    """The names, acronyms and numbers of a model's rewrite of a follow-up that neither the
    conversation said nor the corpus holds: a rewrite that has any invents its subject."""
    known = set(_words(said))
    return [
        term.text
        for term in key_terms(rewrite, [], corpus)
        if not (set(term.variants) & known)
        and not (corpus is not None and any(corpus.doc_freq(v) for v in term.variants))
    ]
