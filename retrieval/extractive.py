"""The LLM-free answerer: picks the retrieved sentences that answer, and cites each one."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from retrieval.chunking import SENTENCE_SEP
from retrieval.query import KeyTerm, QueryPlan

REFUSAL = "I couldn't find anything about that in the articles I have."
MAX_CHARS = 600  # a short answer: a few sentences a reader takes in at a glance
MAX_SENTENCES = 4
MIN_SCORE = 0.30  # calibrated on tests/eval: below it the nearest sentence is unrelated
_WORD = re.compile(r"[a-z0-9]+(?:\+[0-9]+)?")
_STOP = set(
    """a an the and or of in on at to for with from by about is are was were be been do does did
    what which who when where why how has have had it its this that these those their they them
    his her he she we you i me my our us as also any some there tell india indian""".split()
)


@dataclass
class Candidate:
    sentence: str
    meta: dict
    chunk_rank: int
    order: int  # position in the article: chunk index then sentence index
    score: float = 0.0


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


def candidates(docs) -> list[Candidate]:
    out, seen = [], set()
    for rank, doc in enumerate(docs):
        for i, sentence in enumerate(doc.page_content.split(SENTENCE_SEP)):
            key = (doc.metadata["article_id"], sentence)
            if sentence.strip() and key not in seen:
                seen.add(key)
                out.append(Candidate(sentence, doc.metadata, rank, doc.metadata["position"] * 1000 + i))
    return out


def has_term(term: KeyTerm, sentence: str, meta: dict) -> bool:
    """A key term is in a sentence: a variant as a word, a close spelling, or the year published."""
    lower = sentence.lower()
    if term.year is not None and str(meta.get("published", "")).startswith(str(term.year)):
        return True
    for variant in term.variants:
        if re.search(rf"(?<![a-z0-9]){re.escape(variant)}(?![a-z0-9])", lower):
            return True
        if len(variant) >= 5 and not variant[0].isdigit():
            if any(fuzz.ratio(variant, w) >= 82 for w in _WORD.findall(lower) if len(w) >= 4):
                return True
    return False


def score(cands: list[Candidate], plan: QueryPlan, qvec: np.ndarray, svecs: np.ndarray) -> None:
    """Meaning (cosine) and words in common, weighted towards the rarer question words."""
    qterms = terms(plan.search_text)
    df: dict[str, int] = {}
    cand_terms = [terms(c.sentence) for c in cands]
    for ts in cand_terms:
        for t in ts & qterms:
            df[t] = df.get(t, 0) + 1
    weight = {t: 1.0 / (1 + df.get(t, 0)) ** 0.5 for t in qterms}
    total = sum(weight.values()) or 1.0
    dense = svecs @ qvec
    for cand, ts, cos in zip(cands, cand_terms, dense, strict=True):
        lexical = sum(weight[t] for t in ts & qterms) / total
        cand.score = 0.65 * float(cos) + 0.35 * lexical - 0.01 * cand.chunk_rank


def near_duplicate(a: str, b: str) -> bool:
    ta, tb = terms(a), terms(b)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) > 0.7


def select(cands: list[Candidate], plan: QueryPlan) -> list[Candidate]:
    """Best sentences first, no near-duplicates, covering the key terms, within the length."""
    ranked = sorted(cands, key=lambda c: -c.score)
    if not ranked or ranked[0].score < MIN_SCORE:
        return []
    floor = max(MIN_SCORE, ranked[0].score * 0.75)
    chosen: list[Candidate] = []
    length = 0
    missing = list(plan.key_terms)
    for cand in ranked:
        covers = [t for t in missing if has_term(t, cand.sentence, cand.meta)]
        if cand.score < floor and not (covers and cand.score >= MIN_SCORE):
            continue
        if any(near_duplicate(cand.sentence, c.sentence) for c in chosen):
            continue
        if chosen and (length + len(cand.sentence) > MAX_CHARS or len(chosen) >= MAX_SENTENCES):
            continue
        chosen.append(cand)
        length += len(cand.sentence) + 5
        missing = [t for t in missing if t not in covers]
    if missing:
        return []  # a name, number or year the question hinges on is in none of them
    return chosen


def arrange(chosen: list[Candidate]) -> list[Candidate]:
    """Articles in order of their best sentence; each article's sentences in reading order."""
    best: dict[str, float] = {}
    for cand in chosen:
        aid = cand.meta["article_id"]
        best[aid] = max(best.get(aid, -1.0), cand.score)
    return sorted(chosen, key=lambda c: (-best[c.meta["article_id"]], c.order))
