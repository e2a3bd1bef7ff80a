"""The engine front ends talk to: ingest, ask, sources. Heavy parts load once, on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path

from retrieval.answering import ExtractiveAnswerer, build_chain
from retrieval.countries import CountryIndex
from retrieval.embedding import Embedder, make_embedder
from retrieval.ingest import Ingestor, IngestProgress
from retrieval.keyword import KeywordIndex
from retrieval.query import plan_query
from retrieval.retriever import HybridRetriever
from retrieval.settings import Settings
from retrieval.store import ChunkStore, collection_name, make_client
from retrieval.types import Answer, ArticleInfo, IngestReport


class Engine:
    """One per process; safe to call from several threads (the bot's pool)."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None,
                 client=None, today: Callable[[], date] = date.today) -> None:
        self.settings = settings
        self._embedder = embedder
        self._client = client
        self.today = today
        self._lock = threading.RLock()
        self._keyword: KeywordIndex | None = None
        self._keyword_stale = True

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or make_embedder(self.settings)

    @cached_property
    def store(self) -> ChunkStore:
        client = self._client or make_client(self.settings)
        return ChunkStore(client, collection_name(self.settings.collection, self.embedder.identity))

    @cached_property
    def countries(self) -> CountryIndex:
        return CountryIndex()

    @cached_property
    def chain(self):
        retriever = HybridRetriever(store=self.store, embedder=self.embedder,
                                    keyword=self.keyword_index, k=self.settings.top_k)
        return build_chain(retriever, ExtractiveAnswerer(self.embedder, self.store))

    def keyword_index(self) -> KeywordIndex:
        with self._lock:
            if self._keyword is None or self._keyword_stale:
                self._keyword = KeywordIndex(self.store.all_chunks())
                self._keyword_stale = False
            return self._keyword

    def ingest(self, paths: Sequence[Path] | None = None,
               progress: IngestProgress | None = None) -> IngestReport:
        ingestor = Ingestor(self.store, self.embedder, self.countries, self.settings.chunk_size,
                            int(self.settings.max_file_mb * 1_000_000))
        with self._lock:
            report = ingestor.run(list(paths or [self.settings.knowledge_dir]), progress)
            self._keyword_stale = True
        return report

    def ensure_ingested(self, progress: IngestProgress | None = None) -> IngestReport | None:
        """Ingest the knowledge dir if the store is empty (first run)."""
        if self.store.count() == 0:
            return self.ingest(progress=progress)
        return None

    def plan(self, question: str, history: Sequence[str] = (), country: str | None = None):
        """What the question asks for: search text, filters, key terms (query.QueryPlan)."""
        forced = []
        if country:
            found = self.countries.resolve(country)
            if found is None:
                raise LookupError(f"unknown country {country!r}")
            forced.append(found.code)
        question = " ".join(question.split())
        return plan_query(question, history, self.countries, self.today(), forced)

    def ask(self, question: str, *, history: Sequence[str] = (),
            country: str | None = None) -> Answer:
        return self.chain.invoke({"plan": self.plan(question, history, country)})

    def retrieve(self, question: str, *, country: str | None = None) -> list[str]:
        """The paths of the articles retrieval finds for a question, best first (for eval)."""
        plan = self.plan(question, (), country)
        retriever = HybridRetriever(store=self.store, embedder=self.embedder,
                                    keyword=self.keyword_index, k=self.settings.top_k)
        docs = retriever.invoke(plan.search_text, flt=plan.filter)
        return list(dict.fromkeys(doc.metadata["path"] for doc in docs))

    def sources(self, country: str | None = None) -> list[ArticleInfo]:
        code = None
        if country:
            found = self.countries.resolve(country)
            if found is None:
                raise LookupError(f"unknown country {country!r}")
            code = found.code
        infos = []
        for state in self.store.articles().values():
            meta = state.metadata
            if code and code not in (meta.get("countries") or ()):
                continue
            infos.append(ArticleInfo(
                article_id=state.article_id, title=meta.get("title") or state.path,
                source=meta.get("source") or None, published=meta.get("published") or None,
                url=meta.get("url") or None, path=state.path,
                countries=list(meta.get("countries") or ()), chunks=len(state.ids)))
        return sorted(infos, key=lambda a: (a.published or date.min, a.title), reverse=True)
