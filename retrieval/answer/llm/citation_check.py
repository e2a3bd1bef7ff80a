"""Whether a cited source supports a generated sentence: its meaning, names, numbers and dates."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz

from retrieval.answer.chain import SentenceVectors
from retrieval.answer.extractive import terms
from retrieval.answer.llm.prompt import Source
from retrieval.index.embedding import Embedder
from retrieval.tuning import DEFAULT
from retrieval.vocabulary import HOME_WORDS as HOME
from retrieval.vocabulary import NUMBER_WORDS as _NUMBER_WORDS
from retrieval.vocabulary import SENTENCE_OPENERS as _NOT_NAMES

# Calibrated on tests/eval/citation_support.yaml (55 labelled claims) with all-MiniLM-L6-v2, the
# same with the onnx and the sentence-transformers backends. The name/number check catches 18 of
# the 23 unsupported claims; of the 5 it cannot, these thresholds catch 3 and keep 31 of the 32
# supported ones. Stricter (0.55/0.8) keeps only 27. Missed: an antonym ("disappointing" for
# "excellent") and a swapped side, whose words and meaning-vectors match the source.
MIN_COS = DEFAULT.citations.min_cos
MIN_COVERAGE = DEFAULT.citations.min_coverage
MIN_TERMS = DEFAULT.citations.min_terms  # "PWNED." or "Yes." states nothing to check

MARKER = re.compile(r"\s*\[(?:(?:source|article)\s*)?(\d+(?:\s*[,;]\s*\d+)*)\]", re.I)
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?|[A-Za-z][A-Za-z'’]*")


def strip_markers(text: str) -> str:
    return " ".join(MARKER.sub("", text).split())


def _normal(token: str) -> str:
    low = token.lower().removesuffix("'s").removesuffix("’s").strip("'’")
    if low in _NUMBER_WORDS:
        return _NUMBER_WORDS[low]
    if low[:1].isdigit():
        low = re.sub(r"(st|nd|rd|th)$", "", low).replace(",", "")
        return low.lstrip("0") or "0"
    return low


def words(text: str) -> set[str]:
    return {_normal(t) for t in _TOKEN.findall(text)}


def facts(claim: str) -> list[str]:
    """The names, numbers and dates a claim states (normalised), which its source must give too."""
    found = []
    for token in _TOKEN.findall(claim):
        low = token.lower()
        number = token[0].isdigit() or low in _NUMBER_WORDS
        if number or (token[0].isupper() and low not in _NOT_NAMES):
            found.append(_normal(token))
    return list(dict.fromkeys(f for f in found if f))


def present(fact: str, vocabulary: set[str]) -> bool:
    """A fact is in the source: the same number; a name as written, a form of it, or misspelt."""
    if fact in vocabulary or fact[0].isdigit():
        return fact in vocabulary
    for word in vocabulary:
        if min(len(word), len(fact)) >= 4 and (word.startswith(fact) or fact.startswith(word)):
            return True  # Oman / Omani, Israel / Israeli
        if len(fact) >= 6 and word[:1] == fact[:1] and fuzz.ratio(fact, word) >= 88:
            return True  # Jaishanker / Jaishankar
    return False


def source_vocabulary(source: Source) -> set[str]:
    text = " ".join([source.header, *source.sentences])
    published = source.meta.published
    if published:
        text += " " + published.strftime("%d %B %Y %A")
    # every article is about one of India's engagements, and often says only "the two countries"
    return words(text) | HOME


@dataclass
class Verdict:
    """What the check found for one citation of one sentence."""

    source: Source
    supported: bool
    quote: str
    cos: float
    coverage: float
    missing: list[str] = field(default_factory=list)
    had_facts: bool = False
    content: set[str] = field(default_factory=set)

    @property
    def note(self) -> str:
        if self.supported:
            names = "names and numbers ok" if self.had_facts else "no names or numbers to match"
            return f"supported: cos {self.cos:.2f}, {names}"
        if self.missing:
            return f"unsupported: {', '.join(self.missing[:3])} not in the source"
        if len(self.content) < MIN_TERMS:
            return "unsupported: too short to check"
        return f"unsupported: cos {self.cos:.2f}, words {self.coverage:.2f}"


class CitationChecker:
    """Checks a sentence against the sources it cites, with the engine's own embedder."""

    def __init__(
        self, embedder: Embedder, min_cos: float = MIN_COS, min_coverage: float = MIN_COVERAGE
    ) -> None:
        self.vectors = SentenceVectors(embedder)
        self.min_cos, self.min_coverage = min_cos, min_coverage
        self._lock = threading.Lock()  # the bot checks answers from several threads

    def similarity(self, question: str, text: str) -> float:
        with self._lock:
            a, b = self.vectors.encode([question, text])
        return float(a @ b)

    def check(self, sentence: str, cited: Sequence[Source]) -> list[Verdict]:
        """One verdict per cited source; names and numbers may come from any of them."""
        claim = strip_markers(sentence)
        stated = facts(claim)
        vocabulary = set().union(*(source_vocabulary(s) for s in cited)) if cited else set()
        missing = [f for f in stated if not present(f, vocabulary)]
        with self._lock:
            qvec = self.vectors.encode([claim])[0]
        content = terms(claim)
        verdicts = []
        for source in cited:
            singles = [s for s in source.sentences if s.strip()] or [source.header]
            pairs = [f"{a} {b}" for a, b in zip(singles, singles[1:], strict=False)]
            with self._lock:
                sims = self.vectors.encode(singles + pairs) @ qvec
            best = int(np.argmax(sims[: len(singles)]))
            cos = float(sims.max())
            source_terms = terms(" ".join([source.header, *singles]))
            coverage = len(content & source_terms) / len(content) if content else 1.0
            ok = (
                not missing
                and cos >= self.min_cos
                and coverage >= self.min_coverage
                and len(content) >= MIN_TERMS
            )
            verdicts.append(
                Verdict(source, ok, singles[best], cos, coverage, missing, bool(stated), content)
            )
        return verdicts
