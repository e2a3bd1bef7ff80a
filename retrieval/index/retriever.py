"""Hybrid retrieval: dense and BM25, fused and diversified, as LangChain Documents.

A plain object with LangChain's `invoke` shape: the extractive path then imports no LangChain
callback or tracing machinery (half a second of every cold question); LLM mode calls it from its LCEL chain."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.documents import Document

from retrieval.index.filters import SearchFilter
from retrieval.index.keyword import KeywordIndex
from retrieval.index.store import StaleIds
from retrieval.tuning import DEFAULT, RetrievalTuning

ID_LIMIT = 5000  # beyond this many chunks a filter goes to Chroma as a `where` clause


def fuse(
    rankings: list[list[str]], rrf_k: int, weights: list[float] | None = None
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of several rankings (chunk ids, best first), each weighted."""
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + weight / (rrf_k + rank + 1)
    return sorted(scores.items(), key=lambda cs: -cs[1])


def article_of(chunk_id: str) -> str:
    return chunk_id.split("-", 1)[0]  # chunk ids start "<article id>-" (record.chunk_id)


def diversify(fused: list[tuple[str, float]], k: int, per_article: int):
    """Top k, at most `per_article` chunks of one article while others are left to show."""
    first, rest, counts = [], [], {}
    for cid, score in fused:
        aid = article_of(cid)
        counts[aid] = counts.get(aid, 0) + 1
        (first if counts[aid] <= per_article else rest).append((cid, score))
    return (first + rest)[:k]


@dataclass
class HybridRetriever:
    """Retrieves chunks for a question; `flt` (a SearchFilter) restricts them by metadata."""

    store: Any  # a ChunkStore or the engine's LiveChunks
    embedder: Any
    keyword: Callable[[], KeywordIndex | None]
    k: int = 6
    tuning: RetrievalTuning = DEFAULT.retrieval

    def invoke(
        self,
        query: str,
        config: Any = None,
        *,
        flt: SearchFilter | None = None,
        prior: SearchFilter | Sequence[SearchFilter] | None = None,
        k: int | None = None,
    ) -> list[Document]:
        """The chunks for `query`, best first (`config` is accepted and unused, as LangChain's
        retrievers take one). `flt` keeps only the chunks it matches; a `prior` (or each of
        several) only favours them: its rankings count `prior_weight` times in the fusion,
        beside the unfiltered ones, so an undated article or one tagged with another country
        can still be found."""
        k = k or self.k
        flt = flt or SearchFilter()
        pool = self.tuning.pool_factor
        vector = self.embedder.embed_query(query)
        index = self.keyword()
        priors = [prior] if isinstance(prior, SearchFilter) else list(prior or ())
        rankings: list[list] = []
        for favour in (p for p in priors if not p.empty):
            both = SearchFilter(
                countries=flt.countries or favour.countries,
                start=flt.start or favour.start,
                end=flt.end or favour.end,
                articles=flt.articles or favour.articles,
            )
            rankings += self._rankings(query, vector, index, both, k * pool)
        plain = self._rankings(query, vector, index, flt, k * pool)
        if not rankings:
            return self._documents(plain, None, k)
        weights = [self.tuning.prior_weight] * len(rankings) + [1.0] * len(plain)
        return self._documents(rankings + plain, weights, k)

    def _rankings(self, query, vector, index, flt: SearchFilter, n: int) -> list[list]:
        """The dense hits (chunks) and the keyword hits (ids, score) for one filter."""
        # a filter the keyword index can answer names the chunks it keeps: Chroma searches
        # those ~3x faster than it evaluates the same `where` (measured at 43k chunks)
        ids = (
            index.allowed(flt, ID_LIMIT)
            if index is not None and index.exact and not flt.empty
            else None
        )
        try:
            dense = self.store.search(vector, n, flt, ids=ids)
        except StaleIds:  # the index is older than the store: let the store filter
            dense = self.store.search(vector, n, flt)
        hits = index.search(query, n, flt) if index else []
        return [dense, hits]

    def _documents(self, rankings: list[list], weights: list[float] | None, k: int):
        dense = [c for ranking in rankings[0::2] for c in ranking]
        ranked = diversify(
            fuse(
                [
                    [c.id for c in r] if i % 2 == 0 else [h[0] for h in r]
                    for i, r in enumerate(rankings)
                ],
                self.tuning.rrf_k,
                weights,
            ),
            k + 4,
            self.tuning.per_article,
        )
        known = {c.id: c for c in dense}
        # only the keyword hits near the top are read from the store; one it no longer has
        # (changed by another process since) is passed over
        near = ranked[:k]
        known |= {c.id: c for c in self.store.get([i for i, _ in near if i not in known])}
        if any(i not in known for i, _ in near):
            known |= {c.id: c for c in self.store.get([i for i, _ in ranked if i not in known])}
        dense_score = {c.id: c.score for c in dense}
        chosen = [(known[i], score) for i, score in ranked if i in known][:k]
        return [
            Document(
                page_content=chunk.text,
                metadata={
                    "record": chunk.record,
                    "chunk_id": chunk.id,
                    "rank": rank,
                    "fused": score,
                    "dense": dense_score.get(chunk.id),
                },
            )
            for rank, (chunk, score) in enumerate(chosen)
        ]
