"""What a question asks: its filters (countries, time), its key terms, and follow-up context."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from retrieval.answer.kinds import question_kind
from retrieval.answer.wording import normalise
from retrieval.entities.countries import CountryIndex
from retrieval.index.filters import SearchFilter
from retrieval.text.dates import TimeFilter, parse_question_time
from retrieval.tuning import DEFAULT, AnswerTuning
from retrieval.vocabulary import ASKING_WORDS as _ASKING
from retrieval.vocabulary import GENERAL_QUESTION_WORDS as _GENERAL
from retrieval.vocabulary import NOT_KEY_TERMS as _NOT_KEY
from retrieval.vocabulary import ORDINALS
from retrieval.vocabulary import SMALL_TALK_WORDS as _SMALL_TALK

# hyphenated names ("Jaishankar-Motegi talks") are separate names
_TOKEN = re.compile(r"\d\+\d|\d{1,4}(?:st|nd|rd|th)?\b|[A-Za-z][A-Za-z'’.]*[A-Za-z]|[A-Z]")
_WHEN = re.compile(r"^\s*when\b|\b(?:what|which) (?:date|day)\b", re.I)


@dataclass(frozen=True)
class KeyTerm:
    """A name, acronym, number or year the quoted sentences must contain (any variant)."""

    text: str
    variants: tuple[str, ...]
    year: int | None = None


@dataclass
class QueryPlan:
    question: str
    search_text: str
    filter: SearchFilter
    key_terms: list[KeyTerm] = field(default_factory=list)
    country_names: list[str] = field(default_factory=list)
    asks_when: bool = False
    small_talk: bool = False  # "hi", "thanks": nothing to look up
    general: bool = False  # "What did India and X discuss?": about the whole relationship
    topic_text: str = ""  # the question without its country names
    kind: str = "what"  # answer/kinds.py: what sort of answer the question wants
    hard: bool = False  # the filter was chosen (/country, --country), not read from the words
    normalised: str = ""  # the question as read (address dropped, short forms spelt out)
    # a follow-up's inheritance from the conversation (answer/followup.py): priors, never filters
    context: list[SearchFilter] = field(default_factory=list)
    follow_up: bool = False
    context_topic: str = ""  # a follow-up's subject, in words: its sentences are on topic
    understood_as: str | None = None
    period: TimeFilter | None = None  # the time the words name, exactly (the filter pads it)

    @property
    def context_articles(self) -> set[str]:
        """The articles a follow-up's subject cited (ids)."""
        return {a for flt in self.context for a in flt.articles}

    def scope(self) -> tuple[SearchFilter | None, list[SearchFilter]]:
        """The retriever's (flt, priors): countries filter; a time the words name only favours
        (a misread date or an undated article must not lose the answer); a country chosen
        with /country or --country filters with the time. What a follow-up inherits favours."""
        if self.hard:
            return self.filter, list(self.context)
        return SearchFilter(countries=self.filter.countries), [self.filter, *self.context]


class CorpusWords(Protocol):
    """What the corpus says of a word: how many of its `rows` (chunks) hold it, and which of
    its words a misspelt one stands for (the keyword index answers both)."""

    @property
    def rows(self) -> int: ...

    def doc_freq(self, word: str) -> int: ...

    def spelling(self, word: str, min_ratio: float) -> str | None: ...


def retrieve(retriever, plan: QueryPlan, config: Any = None) -> list:
    """The retriever's documents for a plan, in its scope (QueryPlan.scope)."""
    flt, priors = plan.scope()
    return retriever.invoke(plan.search_text, config, flt=flt, prior=priors)


def names_something(word: str, corpus: CorpusWords | None, t: AnswerTuning) -> bool:
    """A lowercase word that names something an answer must hold: not a word of general English
    (text.lexicon), and in the corpus (at least `key_idf` rare), a misspelling of a name in it, or
    in neither (an unknown name: `unknown_words_key`). Case says nothing in a channel."""
    from retrieval.index.lexicon import english_stems, english_words, misspelt_word

    lexicon = english_words()
    if corpus is None or corpus.rows == 0 or not lexicon or word in lexicon:
        return False
    if len(word) < 3 or not word.isalpha() or misspelt_word(word, t.spelling_ratio):
        return False
    df = corpus.doc_freq(word)
    if df == 0:
        fixed = corpus.spelling(word, t.spelling_ratio)
        if fixed is None:
            return t.unknown_words_key
        return fixed not in english_stems()  # a misspelt name, not a misspelt word
    return math.log(corpus.rows / df) >= t.key_idf


def key_terms(
    question: str,
    country_spans: list[tuple[int, int]],
    corpus: CorpusWords | None = None,
    tuning: AnswerTuning = DEFAULT.answer,
) -> list[KeyTerm]:
    terms: dict[str, KeyTerm] = {}
    for match in _TOKEN.finditer(question):
        word = match.group().strip("'’.-")
        if any(s <= match.start() < e for s, e in country_spans) or not word:
            continue
        lower = word.lower().removesuffix("'s").removesuffix("’s")
        if lower in _NOT_KEY:
            continue
        if word.islower() and lower not in _ASKING and names_something(lower, corpus, tuning):
            terms[lower] = KeyTerm(word, (lower,))
            continue
        if match.start() == len(question) - len(question.lstrip()) and not word.isupper():
            continue  # a question's first word is capitalised anyway ("Summarise ...")
        if lower in ORDINALS:  # '1st' is 'first' in the article, and 'first-ever'
            terms[lower] = KeyTerm(word, (lower, ORDINALS[lower]))
        elif re.fullmatch(r"(19|20)\d\d", word):
            terms[word] = KeyTerm(word, (word,), year=int(word))
        elif (
            word[0].isdigit()
            or (word.isupper() and len(word) >= 2)
            or (word[0].isupper() and len(word) >= 3)
        ):
            # "Al" of "Al Busaidi", "S" of "S Jaishankar" are spelt too many ways to require
            terms[lower] = KeyTerm(word, (lower,))
    return list(terms.values())


def _strip_spans(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


def plan_query(
    question: str,
    countries: CountryIndex,
    today: date,
    forced_countries: Sequence[str] = (),
    corpus: CorpusWords | None = None,
    tuning: AnswerTuning = DEFAULT.answer,
) -> QueryPlan:
    """Understand one question by itself (answer/followup.py adds what a follow-up inherits).
    The question is read as normalised (address dropped, short forms spelt out); the plan keeps
    it as typed."""
    typed, question = question, normalise(question)
    mentions = [m for m in countries.find_in_text(question) if m.country.code != "IN"]
    codes = list(dict.fromkeys([*forced_countries, *(m.country.code for m in mentions)]))
    spans = [m.span for m in countries.find_in_text(question)]
    when = parse_question_time(question, today)
    found = key_terms(question, spans, corpus, tuning)
    names = [c.name for c in (countries.lookup(code) for code in codes) if c is not None]
    # an article may report a period a little after it ends
    end = when.end + timedelta(days=31) if when and when.end else None
    flt = SearchFilter(countries=tuple(codes), start=when.start if when else None, end=end)
    return QueryPlan(
        question=typed,
        search_text=question,
        normalised=question,
        filter=flt,
        key_terms=found,
        country_names=names,
        asks_when=bool(_WHEN.search(question)),
        small_talk=all(w in _SMALL_TALK for w in re.findall(r"[a-z]+", question.lower())),
        general=bool(codes)
        and all(
            w in _GENERAL for w in re.findall(r"[a-z]+", _strip_spans(question, spans).lower())
        ),
        topic_text=_strip_spans(question, spans),
        hard=bool(forced_countries),
        kind=question_kind(question),
        period=when,
    )
