"""The answer chain: plan -> retriever -> extractive answer, composed in LCEL."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np
from langchain_core.documents import Document

from retrieval.answer.abstention import confidence, features, vetoed
from retrieval.answer.extractive import (
    REFUSAL,
    Candidate,
    arrange,
    candidates,
    has_term,
    lexical,
    next_sentence,
    score,
    select,
    shortlist,
)
from retrieval.answer.query import QueryPlan, retrieve
from retrieval.answer.when import dated_lead
from retrieval.index.embedding import Embedder
from retrieval.index.record import ChunkRecord, record_of
from retrieval.tuning import DEFAULT, Tuning
from retrieval.types import Answer, Citation


class SentenceVectors:
    """Vectors of retrieved sentences: those ingest stored with their chunk (read by chunk id),
    else encoded now and kept between questions (a store older than stored sentence vectors)."""

    def __init__(
        self,
        embedder: Embedder,
        stored: Callable[[Sequence[str]], dict[str, np.ndarray]] | None = None,
        maxsize: int = 20_000,
    ) -> None:
        self.embedder, self.stored, self.maxsize = embedder, stored, maxsize
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.lock = threading.Lock()  # the bot answers from several threads

    def __call__(self, cands: Sequence[Candidate]) -> np.ndarray:
        if not cands:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        ids = list(dict.fromkeys(c.chunk_id for c in cands if c.chunk_id))
        found = self.stored(ids) if self.stored and ids else {}
        rows: list[np.ndarray | None] = []
        for cand in cands:
            vecs, i = found.get(cand.chunk_id), cand.order[1]
            rows.append(vecs[i] if vecs is not None and i < len(vecs) else None)
        missing = [c.sentence for c, row in zip(cands, rows, strict=True) if row is None]
        if missing:
            encoded = iter(self.encode(missing))
            rows = [row if row is not None else next(encoded) for row in rows]
        return np.stack(cast(list[np.ndarray], rows))

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Vectors of texts, encoded once and kept (most recently used first out last)."""
        with self.lock:
            return np.stack(self._encoded(sentences)) if sentences else np.zeros((0, 1))

    def _encoded(self, sentences: list[str]) -> list[np.ndarray]:
        missing = list(dict.fromkeys(s for s in sentences if s not in self.cache))
        if missing:
            for sentence, vec in zip(missing, self.embedder.embed(missing), strict=True):
                self.cache[sentence] = vec
            while len(self.cache) > self.maxsize:
                self.cache.popitem(last=False)
        for s in sentences:
            self.cache.move_to_end(s)
        return [self.cache[s] for s in sentences]


def citation(n: int, meta: ChunkRecord, quote: str, checked: str) -> Citation:
    return Citation(
        n=n,
        article_id=meta.article_id,
        title=meta.label,
        source=meta.source,
        published=meta.published,
        url=meta.url,
        path=meta.path,
        quote=quote,
        checked=checked,
    )


def refusal(question: str, plan: QueryPlan | None = None) -> Answer:
    text = REFUSAL
    if plan and plan.country_names and not plan.key_terms:
        names = ", ".join(plan.country_names)
        text = f"I couldn't find anything about that for {names} in the articles I have."
    return Answer(question=question, answer=text, refused=True)


SMALL_TALK = (
    "Hello! I answer questions about India's bilateral engagements from the news "
    'articles I have, citing each one: try "What did India and Oman discuss?" or '
    '"When did Jaishankar speak with Lavrov?"'
)


class ExtractiveAnswerer:
    """Quotes the sentences that answer, each with its citation; refuses when none do."""

    def __init__(
        self,
        embedder: Embedder,
        store=None,
        tuning: Tuning = DEFAULT,
        sentences: Callable[[Sequence[str]], dict[str, np.ndarray]] | None = None,
    ) -> None:
        """`sentences` reads the stored sentence vectors of chunks, by chunk id."""
        self.embedder = embedder
        self.tuning = tuning.answer
        self.abstention = tuning.abstention
        self.store = store  # to read on past the end of a chunk
        self.vectors = SentenceVectors(embedder, sentences)

    def _score(self, cands, plan: QueryPlan) -> None:
        """Score every candidate; only a shortlist is embedded (the cost of a question)."""
        words = lexical(cands, plan)
        keep = shortlist(cands, words, plan, self.tuning)
        for cand in cands:
            cand.score = -1.0  # off the shortlist: never quoted
        pool = [cands[i] for i in keep]
        qvec = self.embedder.embed_query(plan.search_text)
        score(
            pool,
            plan,
            [words[i] for i in keep],
            qvec,
            self.vectors(pool),
            self.tuning,
        )

    def _read_on(self, cands: list, plan: QueryPlan) -> None:
        """If the best sentence ends its chunk, bring in the next chunk: it may continue it."""
        if self.store is None:
            return
        best = max(cands, key=lambda c: c.score)
        if next_sentence(cands, best) is not None:
            return
        nxt = self.store.neighbour(best.meta.article_id, best.meta.position + 1)
        if nxt is not None:
            doc = Document(
                page_content=nxt.text, metadata={"record": nxt.record, "chunk_id": nxt.id}
            )
            extra = candidates([doc], first_rank=best.chunk_rank)
            if extra:
                extra[0].previous = best.sentence
                cands += extra
                self._score(cands, plan)

    def _with_key_terms(self, docs: list, plan: QueryPlan) -> list:
        """A retrieved article whose retrieved chunks lack a name the question asks about
        brings in its chunk that holds the most of them (the search kept two chunks of it, and
        not that one), when the question names someone by full name and the article's
        first chunks by surname only."""
        names = [k for k in plan.key_terms if k.year is None]
        if not names or self.store is None:
            return docs
        out = list(docs)
        for aid in list(dict.fromkeys(record_of(d).article_id for d in docs))[
            : self.tuning.complete_articles
        ]:
            mine = [d for d in out if record_of(d).article_id == aid]
            text, meta = " ".join(d.page_content for d in mine), record_of(mine[0])
            missing = [k for k in names if not has_term(k, text, meta)]
            if not missing:
                continue
            have = {d.metadata.get("chunk_id") for d in mine}
            held = [
                (sum(has_term(k, c.text, c.record) for k in missing), -c.record.position, c)
                for c in self.store.article_chunks(aid)
                if c.id not in have
            ]
            best = max(held, key=lambda h: h[:2], default=None)
            if best is not None and best[0] > 0:
                chunk = best[2]
                doc = Document(
                    page_content=chunk.text, metadata={"record": chunk.record, "chunk_id": chunk.id}
                )
                out.insert(out.index(mine[-1]) + 1, doc)
        return out

    def _with_a_date(self, chosen: list, cands: list) -> list:
        """A "when" answer whose sentences date nothing takes the best-scored sentence near the
        top that does (in place of its last one): the date is what was asked."""
        if any(dated_lead(c.sentence, c.meta.published) for c in chosen):
            return chosen
        near = sorted(cands, key=lambda c: -c.score)[: self.tuning.when_pool]
        dated = next(
            (c for c in near if c not in chosen and dated_lead(c.sentence, c.meta.published)),
            None,
        )
        return chosen if dated is None else arrange([*chosen[:-1], dated])

    def __call__(self, inputs: dict) -> Answer:
        plan: QueryPlan = inputs["plan"]
        if plan.small_talk:
            return Answer(question=plan.question, answer=SMALL_TALK, refused=True)
        cands = candidates(self._with_key_terms(inputs["docs"], plan))
        if not cands:
            return refusal(plan.question, plan)
        self._score(cands, plan)
        self._read_on(cands, plan)
        if plan.asks_when:  # a sentence that dates its event answers "when"
            for cand in sorted(cands, key=lambda c: -c.score)[: self.tuning.when_pool]:
                if dated_lead(cand.sentence, cand.meta.published):
                    cand.score += self.tuning.when_bonus
        chosen = arrange(select(cands, plan, self.tuning))
        if not chosen:
            return refusal(plan.question, plan)
        if plan.asks_when:
            chosen = self._with_a_date(chosen, cands)
        evidence = features(plan, chosen, cands)
        sure = confidence(evidence, self.abstention)
        if sure < self.abstention.threshold or vetoed(evidence, self.abstention):
            answer = refusal(plan.question, plan)
            return answer.model_copy(update={"confidence": sure, "evidence": evidence})
        lead = None
        if plan.asks_when:  # the dated sentence goes first, under its date
            dated = [(c, dated_lead(c.sentence, c.meta.published)) for c in chosen]
            first = next(((c, d) for c, d in dated if d), None)
            if first:  # with the sentences of its own article only: one event, one date
                lead = first[1]
                aid = first[0].meta.article_id
                chosen = [first[0]] + [
                    c for c in chosen if c is not first[0] and c.meta.article_id == aid
                ]
        parts, cites = [], []
        for cand in chosen:
            n = len(cites) + 1
            cites.append(citation(n, cand.meta, cand.sentence, "extractive: verbatim sentence"))
            parts.append(f"{cand.sentence} [{n}]")
        text = " ".join(parts)
        text = f"{lead}: {text}" if lead else text
        return Answer(
            question=plan.question,
            answer=text,
            citations=cites,
            confidence=sure,
            evidence=evidence,
        )


class ExtractiveChain:
    """{"plan": QueryPlan} -> Answer: retrieve, then quote. Plain calls with a Runnable's
    `invoke`, so that the extractive path loads none of LangChain's runnable and tracing
    machinery (LLM mode composes this one in LCEL as its fallback)."""

    def __init__(self, retriever, answerer) -> None:
        self.retriever, self.answerer = retriever, answerer

    def invoke(self, inputs: dict, config: Any = None) -> Answer:
        plan = inputs["plan"]
        docs = retrieve(self.retriever, plan, config)
        answer = self.answerer({**inputs, "docs": docs})
        answer.retrieved = list(dict.fromkeys(record_of(d).article_id for d in docs))
        return answer


def build_chain(retriever, answerer) -> ExtractiveChain:
    return ExtractiveChain(retriever, answerer)
