"""The LLM-free answerer: picks the retrieved sentences that answer, and cites each one."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import Stemmer
from rapidfuzz import fuzz

from retrieval.answer.kinds import PERSON, PLACE, TIME, wants_room
from retrieval.answer.query import KeyTerm, QueryPlan
from retrieval.index.record import SENTENCE_SEP, ChunkRecord, record_of
from retrieval.tuning import DEFAULT, AnswerTuning
from retrieval.vocabulary import STOP_WORDS as _STOP

REFUSAL = "I couldn't find anything about that in the articles I have."
_WORD = re.compile(r"[a-z0-9]+(?:\+[0-9]+)?")


@dataclass
class Candidate:
    sentence: str
    meta: ChunkRecord
    chunk_rank: int
    order: tuple[int, int]  # place in the article: chunk position, sentence in the chunk
    previous: str = ""  # the sentence before it in its chunk: "the meeting" needs its context
    score: float = 0.0
    cos: float = 0.0  # cosine to the question, when shortlisted
    chunk_id: str = ""  # its sentence vectors are stored under it

    @property
    def context(self) -> str:
        return f"{self.previous} {self.sentence}" if self.previous else self.sentence


_STEMMER = Stemmer.Stemmer("english")  # Snowball, as the keyword index uses: agree = agreed


def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def terms(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


def candidates(docs, first_rank: int = 0) -> list[Candidate]:
    out, seen = [], set()
    for rank, doc in enumerate(docs, first_rank):
        sentences = doc.page_content.split(SENTENCE_SEP)
        for i, sentence in enumerate(sentences):
            record = record_of(doc)
            key = (record.article_id, sentence)
            if sentence.strip() and key not in seen:
                seen.add(key)
                previous = sentences[i - 1] if i else ""
                cand = Candidate(sentence, record, rank, (record.position, i), previous)
                cand.chunk_id = doc.metadata.get("chunk_id") or ""
                out.append(cand)
    last = {}  # a chunk's first sentence reads on from the previous chunk's last, when retrieved
    for cand in out:
        key = (cand.meta.article_id, cand.order[0])
        if key not in last or last[key].order < cand.order:
            last[key] = cand
    for cand in out:
        before = last.get((cand.meta.article_id, cand.order[0] - 1))
        if cand.order[1] == 0 and before is not None:
            cand.previous = before.sentence
    return out


_CAPITAL_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of|and|for|on|the|&)?\s*[A-Z][\w'’-]*)+")
_MINOR = {"of", "and", "for", "on", "the", "&"}


def spelt_out(acronym: str, sentence: str) -> bool:
    """An acronym of the question written out in the sentence: SPC = Strategic Partnership
    Council, JWG = Joint Working Group (minor words may or may not count)."""
    target = acronym.upper()
    for run in _CAPITAL_RUN.findall(sentence):
        words = run.split()
        for drop_minor in (True, False):
            kept = [w for w in words if not (drop_minor and w.lower() in _MINOR)]
            initials = "".join(w[0].upper() for w in kept)
            if target in initials:
                return True
    return False


def has_term(
    term: KeyTerm, sentence: str, meta: ChunkRecord, fuzzy: int = DEFAULT.answer.fuzzy_name
) -> bool:
    """A key term is in a sentence: a variant as a word, a close spelling, or the year published."""
    lower = sentence.lower()
    if term.year is not None and meta.published and meta.published.year == term.year:
        return True
    if term.text.isupper() and len(term.text) >= 2 and spelt_out(term.text, sentence):
        return True
    for variant in term.variants:
        if re.search(rf"(?<![a-z0-9]){re.escape(variant)}(?![a-z0-9])", lower):
            return True
        words = _WORD.findall(lower) if len(variant) >= 5 and not variant[0].isdigit() else []
        if any(fuzz.ratio(variant, w) >= fuzzy for w in words if len(w) >= 4):
            return True  # a misspelt name in the question
    return False


def lexical(cands: list[Candidate], plan: QueryPlan) -> list[float]:
    """Words in common with the question, weighted towards the rarer question words (0..1)."""
    qterms = terms(plan.search_text)
    df: dict[str, int] = {}
    cand_terms = [terms(c.sentence) for c in cands]
    for ts in cand_terms:
        for t in ts & qterms:
            df[t] = df.get(t, 0) + 1
    # a question word found in one candidate says more than one found in all of them
    weight = {t: 1.0 / n for t, n in df.items()}
    # a question word no candidate has still counts against all of them
    total = sum(weight.values()) + sum(1.0 for t in qterms if t not in df) or 1.0
    return [sum(weight.get(t, 0.0) for t in ts & qterms) / total for ts in cand_terms]


def shortlist(
    cands: list[Candidate], words: list[float], plan: QueryPlan, t: AnswerTuning
) -> list[int]:
    """The candidates worth embedding: on the question's own topic first, then most words in
    common, from the best-ranked chunks."""
    topic = topic_terms(plan)
    order = sorted(
        range(len(cands)),
        key=lambda i: (
            -(
                bool(topic & terms(cands[i].context))
                + words[i]
                + t.rank_prior / (1 + cands[i].chunk_rank)
            )
        ),
    )
    return order[: t.shortlist]


def topic_terms(plan: QueryPlan) -> set[str]:
    """The question's own words, beyond countries and the usual question words."""
    return terms(plan.topic_text) - _QUESTION_WORDS


def score(
    cands: list[Candidate],
    plan: QueryPlan,
    words: list[float],
    qvec: np.ndarray,
    vecs: np.ndarray,
    t: AnswerTuning,
) -> None:
    """Meaning (cosine) and words in common; `cands` are the shortlisted ones, `words` theirs.
    The sentence before each one counts through the words (context) and the topic bonus."""
    dense = vecs @ qvec
    wants = answer_type(plan.question)
    topic = topic_terms(plan)  # a follow-up's own subject ("and defence?")
    followed = plan.context_articles  # the article a follow-up's subject was answered from
    for cand, lex, cos in zip(cands, words, dense, strict=True):
        bonus = t.type_bonus if wants and wants.search(cand.sentence) else 0.0
        bonus += t.topic_bonus if topic & terms(cand.context) else 0.0
        bonus += t.context_bonus if cand.meta.article_id in followed else 0.0
        cand.cos = float(cos)
        cand.score = (
            t.dense_weight * float(cos)
            + (1 - t.dense_weight) * lex
            + bonus
            - t.rank_penalty * cand.chunk_rank
        )


def answer_type(question: str) -> re.Pattern | None:
    """What kind of phrase the answer holds, from the question word."""
    q = question.lower()
    if re.search(r"\bwhere\b", q):
        return PLACE
    if re.search(r"\bwho(?:m)?\b|\bwhich (?:\w+ )?(?:officials?|ministers?|leaders?)\b", q):
        return PERSON
    if re.search(r"\bwhen\b|\bwhat (?:date|day|year)\b", q):
        return TIME
    return None


_CONTINUES = re.compile(
    r"(?:The|This|These|That|Those) (?:meeting|meetings|talks|dialogue|visit|call|conversation|"
    r"discussions?|agreement|two|summit|sides|ministers|leaders|statement)\b|"
    r"(?:They|It|He|She|Both sides|Both|During)\b"
)


_QUESTION_WORDS = {
    _stem(w)
    for w in """discuss talk say said agree meet happen relation tie
    cooperation bilateral engagement latest recent news update partnership summarise summarize
    explain describe other about""".split()
}


def next_sentence(cands: list[Candidate], cand: Candidate) -> Candidate | None:
    """The sentence after `cand` in its article: next in its chunk, or first of the next chunk."""
    chunk = cand.order[0]
    for other in cands:
        if other.meta.article_id != cand.meta.article_id:
            continue
        if other.order == (cand.order[0], cand.order[1] + 1):
            return other
    # every sentence of a retrieved chunk is a candidate, so no next one means it ended its chunk
    for other in cands:
        same = other.meta.article_id == cand.meta.article_id
        if same and other.order == (chunk + 1, 0):
            return other
    return None


def near_duplicate(a: str, b: str, share: float) -> bool:
    ta, tb = terms(a), terms(b)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) > share


def select(cands: list[Candidate], plan: QueryPlan, t: AnswerTuning) -> list[Candidate]:
    """Best sentences first, no near-duplicates, covering the key terms, within the length."""
    # a question about the whole relationship ("What did India and Oman discuss?") matches no
    # sentence closely, yet every sentence of the country's articles is on topic
    topic = topic_terms(plan)
    ranked = sorted(cands, key=lambda c: -c.score)
    if topic and not plan.general:
        # near in meaning without any of the question's own words (or, for a follow-up, of
        # its subject's): another subject
        topic |= terms(plan.context_topic) - _QUESTION_WORDS
        ranked = [c for c in ranked if topic & terms(c.context)]
    # within a country's articles, a sentence with the question's own words (or any sentence,
    # for a question about the whole relationship) is on topic even if not close in meaning
    scoped = plan.general or (plan.filter.countries and topic)
    least = t.min_score_general if scoped else t.min_score
    ranked = [c for c in ranked if c.score >= least]
    if not ranked:
        return []
    chosen: list[Candidate] = []

    room = wants_room(plan.kind)
    max_chars = t.max_chars_room if room else t.max_chars
    max_sentences = t.max_sentences_room if room else t.max_sentences

    def fits(cand: Candidate, required: bool = False) -> bool:
        """Within the budget, and saying something new; a sentence that holds a key term the
        answer lacks is evidence the answer needs, whatever its length."""
        length = sum(len(c.sentence) + 5 for c in chosen)
        if not chosen:
            return True
        return (
            required or (length + len(cand.sentence) <= max_chars and len(chosen) < max_sentences)
        ) and not any(near_duplicate(cand.sentence, c.sentence, t.near_duplicate) for c in chosen)

    def missing() -> list[KeyTerm]:
        return [
            k
            for k in plan.key_terms
            if not any(has_term(k, c.sentence, c.meta, t.fuzzy_name) for c in chosen)
        ]

    chosen.append(ranked[0])
    # names, numbers and years the question hinges on come first: they decide if we answer
    while missing():
        gaps = missing()
        covering = [
            c
            for c in ranked
            if c not in chosen
            and fits(c, required=True)
            and any(has_term(k, c.sentence, c.meta, t.fuzzy_name) for k in gaps)
        ]
        # a name or year is held by the article that answers, or by one that answers as well:
        # a sentence of a weaker article holding the year is another event
        articles = {c.meta.article_id for c in chosen}
        floor = ranked[0].score * t.relative_floor_other
        covering = [c for c in covering if c.meta.article_id in articles or c.score >= floor]
        if not covering:
            return []
        chosen.append(
            max(
                covering,
                key=lambda c: (
                    sum(has_term(k, c.sentence, c.meta, t.fuzzy_name) for k in gaps),
                    c.score,
                ),
            )
        )
    # the best sentence's own continuation ("The meeting ...", "They ...") reads on from it
    follow = next_sentence(cands, ranked[0])
    for _ in range(2):
        if (
            follow is None
            or not _CONTINUES.match(follow.sentence)
            or follow.score < t.min_score / 2
        ):
            break
        if follow not in chosen and fits(follow):
            chosen.append(follow)
        follow = next_sentence(cands, follow)
    # the answering article's other sentences read as its context; another article's must
    # answer nearly as well on their own
    own = {c.meta.article_id for c in chosen}
    for cand in ranked:
        share = t.relative_floor if cand.meta.article_id in own else t.relative_floor_other
        if cand.score >= ranked[0].score * share and cand not in chosen and fits(cand):
            chosen.append(cand)
    return chosen


def arrange(chosen: list[Candidate]) -> list[Candidate]:
    """Articles in order of their best sentence; each article's sentences in reading order."""
    best: dict[str, float] = {}
    for cand in chosen:
        aid = cand.meta.article_id
        best[aid] = max(best.get(aid, -1.0), cand.score)
    return sorted(chosen, key=lambda c: (-best[c.meta.article_id], c.order))
