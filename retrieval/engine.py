"""The engine front ends talk to: ingest, ask, sources. Heavy parts load once, on first use."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.runnables import RunnableLambda

from retrieval.answer.chain import ExtractiveAnswerer, build_chain
from retrieval.answer.query import plan_query
from retrieval.engagements.catalogue import CATALOGUE_KIND, Catalogue, load_parts, save_parts
from retrieval.engagements.store import read_all
from retrieval.entities.countries import CountryIndex
from retrieval.errors import UnknownSource
from retrieval.index.embedding import Embedder
from retrieval.index.encoders import make_embedder
from retrieval.index.keyword import KeywordIndex, open_index
from retrieval.index.record import record_of
from retrieval.index.retriever import HybridRetriever
from retrieval.index.snapshots import one_writer, snapshot
from retrieval.index.store import ArticleState, ChunkStore, collection_name, make_client
from retrieval.ingest.pipeline import Ingestor, IngestProgress, file_of
from retrieval.ingest.removal import articles_named
from retrieval.settings import Settings
from retrieval.tuning import Tuning
from retrieval.types import (
    Answer,
    ArticleInfo,
    CountryBrief,
    Engagement,
    FeedReport,
    IngestReport,
    Removal,
    SourceCounts,
)
from retrieval.web.feeds import FeedList
from retrieval.web.fetch import Fetcher
from retrieval.web.pages import WebPages
from retrieval.web.refresh import FeedRefresh

UNSETTLED_S = 30.0  # how long an index built while another process ingests is kept

if TYPE_CHECKING:  # the LLM side is imported only when BILATERAL_LLM asks for it
    from retrieval.answer.llm.generative import GenerativeAnswerer
    from retrieval.answer.llm.providers import ChatModelFactory


class Engine:
    """One per process; safe to call from several threads (the bot's pool)."""

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        client=None,
        today: Callable[[], date] = date.today,
        llm_factories: Mapping[str, ChatModelFactory] | None = None,
    ) -> None:
        self.settings = settings
        self.tuning = Tuning.load(settings.tuning_file)
        self._llm_factories = llm_factories  # extra providers, e.g. a scripted one in tests
        self._embedder = embedder
        self._loading: Future | None = None  # preload()
        self._client = client
        self.today = today
        self._lock = threading.RLock()
        self.ingests = 0  # ingests run by this engine (a process that wrote tidies up on exit)
        self._keyword: tuple[str, float, KeywordIndex] | None = None  # (generation, built, index)
        self._catalogue: tuple[tuple[str, int], Catalogue] | None = None  # (state, snapshot)

    @cached_property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = (
                self._loading.result()
                if self._loading is not None
                else make_embedder(self.settings)
            )
        return self._embedder

    def preload(self) -> None:
        """Start loading the encoder on a thread: a one-shot command overlaps it with opening
        the store (its session is built outside the GIL). Errors surface where it is used."""
        if self._embedder is None and self._loading is None:
            self._loading = Future()
            threading.Thread(target=self._load, name="load-encoder", daemon=True).start()

    def _load(self) -> None:
        loading = self._loading
        assert loading is not None  # preload() set it before starting this thread
        try:
            loading.set_result(make_embedder(self.settings))
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that needs it
            loading.set_exception(exc)

    @cached_property
    def store(self) -> ChunkStore:
        client = self._client or make_client(self.settings)  # while preload() loads the encoder
        return ChunkStore(client, collection_name(self.settings.collection, self.embedder.identity))

    @cached_property
    def countries(self) -> CountryIndex:
        return CountryIndex()

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(
            store=self.store,
            embedder=self.embedder,
            keyword=self.keyword_index,
            k=self.settings.top_k,
            tuning=self.tuning.retrieval,
        )

    @cached_property
    def answerer(self) -> ExtractiveAnswerer:
        return ExtractiveAnswerer(self.embedder, self.store, self.tuning)

    @cached_property
    def extractive_chain(self):
        return build_chain(self.retriever, self.answerer)

    @cached_property
    def generative(self) -> GenerativeAnswerer | None:
        """The LLM answerer when BILATERAL_LLM is set; LLMUnavailable names what is missing."""
        if not self.settings.llm:
            return None
        from retrieval.answer.llm.citation_check import CitationChecker
        from retrieval.answer.llm.generative import GenerativeAnswerer
        from retrieval.answer.llm.providers import make_chat_model

        model = make_chat_model(self.settings, self._llm_factories)
        checker = CitationChecker(
            self.embedder, self.tuning.citations.min_cos, self.tuning.citations.min_coverage
        )
        return GenerativeAnswerer(
            self.retriever,
            model,
            checker,
            self.extractive_chain,
            mode=self.settings.llm,
            timeout=self.settings.llm_timeout,
        )

    @cached_property
    def chain(self):
        """{"plan", "history"} -> Answer: generative when BILATERAL_LLM is set, else extractive."""
        if self.generative is None:
            return self.extractive_chain
        return RunnableLambda(self.generative.invoke).with_config(run_name="generative_answer")

    def keyword_index(self) -> KeywordIndex:
        """The index of the store's current generation: another process's ingest shows too.
        While the store has none (an ingest under way, or cut off), it is rebuilt at most every
        UNSETTLED_S seconds and its ids are not used to filter searches."""
        with self._lock:
            generation = self.store.generation()
            cached = self._keyword
            if (
                cached is None
                or cached[0] != generation
                or (not generation and time.monotonic() - cached[1] > UNSETTLED_S)
            ):
                index = open_index(self.store, self.settings.data_dir / "snapshots")
                index.exact = bool(generation)
                self._keyword = cached = (generation, time.monotonic(), index)
            return cached[2]

    def ingest(
        self,
        paths: Sequence[Path] | None = None,
        progress: IngestProgress | None = None,
        *,
        urls: Sequence[str] = (),
    ) -> IngestReport:
        """Ingest files and folders (default: the knowledge dir and the fetched pages) and web
        pages by URL (fetched into the data dir's web/ folder first; a page that cannot be
        fetched, or holds no article, is skipped with its reason)."""
        saved, failed = self.web.fetch_all(urls)
        if paths is None and not urls:
            targets = [self.settings.knowledge_dir]
            if self.settings.web_dir.is_dir():  # a rebuild keeps what was fetched
                targets.append(self.settings.web_dir)
        else:
            targets = [*(paths or []), *saved.values()]
        ingestor = Ingestor(
            self.store,
            self.embedder,
            self.countries,
            self.settings.chunk_size,
            int(self.settings.max_file_mb * 1_000_000),
            self.settings.knowledge_dir,
            self.tuning.body,
        )
        # answers go on meanwhile (from the old content, then from the new): only the caches
        # are swapped under the lock, at the end
        with one_writer(self.settings.data_dir):
            started = time.perf_counter()
            self.ingests += 1
            report = ingestor.run(targets, progress)
            self._settle()
            report.seconds = round(time.perf_counter() - started, 3)  # the snapshots count too
        report.skipped[:0] = failed
        report.fetched = list(saved)
        return report

    def _settle(self) -> None:
        """After a change: a new generation, and the caches of it built now and kept on disk
        (the next process, and its first question, load them). Only one writer runs (the
        caller holds one_writer), so an empty token was a crash."""
        with self._lock:
            self.store.finish_change()
            self._catalogue = None
            self.keyword_index()
            self.catalogue()

    def remove(self, target: str) -> Removal:
        """Take the articles of a path or URL out of the store: their chunks, and so their
        keyword index entries and engagements. A fetched page's file goes too; a file of the
        user's stays where it is. UnknownSource when nothing stored comes from it."""
        home, web = self.settings.knowledge_dir, self.settings.web_dir.resolve()
        with one_writer(self.settings.data_dir):
            found = articles_named(self.store.articles(), target, home)
            if not found:
                raise UnknownSource(
                    f"no article in the store comes from {target.strip()}; "
                    "`bilateral sources --json` lists their paths and URLs"
                )
            removal = Removal()
            for state in found:
                source = file_of(state.path, home)
                if web in source.parents:
                    source.unlink(missing_ok=True)  # first: a crash now, and ingest drops it
                elif source.exists() and str(source) not in removal.files_kept:
                    removal.files_kept.append(str(source))
                self.store.delete(state.ids)
                removal.chunks += len(state.ids)
                removal.articles.append(article_info(state))
            self.ingests += 1
            self._settle()
        return removal

    @cached_property
    def web(self) -> WebPages:
        """Fetching pages into the data dir's web/ folder (nothing loads until a fetch)."""
        fetcher = Fetcher(self.settings.fetch_timeout, int(self.settings.fetch_max_mb * 1e6))
        return WebPages(fetcher, self.settings.web_dir, self.tuning.body)

    @cached_property
    def feeds(self) -> FeedList:
        """The followed feeds: add, list, remove (refresh_feeds fetches their items)."""
        return FeedList(self.settings.feeds_file, self.web.fetcher)

    def refresh_feeds(self, progress: IngestProgress | None = None) -> FeedReport:
        """Every followed feed read (conditionally), its new and changed items fetched and
        ingested. Blocking; answers go on meanwhile (the bot runs it on a thread of its own)."""
        return FeedRefresh(self.feeds, self.web).run(lambda files: self.ingest(files, progress))

    def warm_up(self) -> None:
        """Load the model and build the keyword index before the first question (no LLM call)."""
        self.extractive_chain.invoke({"plan": self.plan("India bilateral talks")})

    def ensure_ingested(self, progress: IngestProgress | None = None) -> IngestReport | None:
        """Ingest the knowledge dir if the store is empty (first run)."""
        if self.store.count() == 0:
            return self.ingest(progress=progress)
        return None

    def plan(self, question: str, history: Sequence[str] = (), country: str | None = None):
        """What the question asks for: search text, filters, key terms (query.QueryPlan)."""
        forced = [self.countries.require(country).code] if country else []
        question = " ".join(question.split())
        plan = plan_query(question, history, self.countries, self.today(), forced)
        if history and not plan.filter.countries and plan.search_text != plan.question:
            # a follow-up to a question that named people, not countries: its subject is the
            # partner of the article that question finds first
            docs = self.retriever.invoke(history[-1])
            subject = list(record_of(docs[0]).countries) if docs else []
            if subject:
                plan.filter = replace(plan.filter, countries=tuple(subject))
        return plan

    def ask(
        self, question: str, *, history: Sequence[str] = (), country: str | None = None
    ) -> Answer:
        plan = self.plan(question, history, country)
        return self.chain.invoke({"plan": plan, "history": list(history)})

    def ask_stream(
        self, question: str, *, history: Sequence[str] = (), country: str | None = None
    ) -> Iterator[str | Answer]:
        """Text pieces as the LLM writes them (unchecked), then the checked Answer, always last.

        Without an LLM only the Answer comes. Blocking: run it in a thread in an event loop.
        """
        plan = self.plan(question, history, country)
        if self.generative is None:
            yield self.chain.invoke({"plan": plan})
        else:
            yield from self.generative.stream({"plan": plan, "history": list(history)})

    def retrieve(self, question: str, *, country: str | None = None) -> list[str]:
        """The paths of the articles retrieval finds for a question, best first (for eval)."""
        plan = self.plan(question, (), country)
        docs = self.retriever.invoke(plan.search_text, flt=plan.filter)
        return list(dict.fromkeys(record_of(doc).path for doc in docs))

    def sources(self, country: str | None = None) -> list[ArticleInfo]:
        code = self.countries.require(country).code if country else None
        infos = [
            a for a in self.catalogue().articles.values() if code is None or code in a.countries
        ]
        return sorted(infos, key=lambda a: (a.published or date.min, a.title), reverse=True)

    def _read_catalogue(self) -> tuple[list[ArticleInfo], dict[str, list[Engagement]]]:
        """Articles and their engagements, from one pass over the chunks' metadata."""
        rows = self.store.records()
        found = read_all(self.store, self.countries, [record for _, record in rows])
        infos = [article_info(state) for state in self.store.articles(rows).values()]
        return sorted(infos, key=lambda a: (a.published or date.min, a.title), reverse=True), found

    def source_counts(self, country: str | None = None) -> SourceCounts:
        """The articles (about one country, or all) counted per partner country and outlet."""
        code = self.countries.require(country).code if country else None
        return self.catalogue().counts(code)

    def catalogue(self) -> Catalogue:
        """Articles and engagements per country, cached until the store changes (and kept on
        disk, so that a new process does not read every chunk for it)."""
        with self._lock:
            state = (self.store.generation(), self.store.count())
            if self._catalogue is None or self._catalogue[0] != state:
                parts = snapshot(
                    self.store,
                    self.settings.data_dir / "snapshots",
                    CATALOGUE_KIND,
                    self._read_catalogue,
                    save_parts,
                    load_parts,
                )
                self._catalogue = (state, Catalogue(*parts, self.countries))
            return self._catalogue[1]

    def engagements(self, country_code: str | None = None) -> list[Engagement]:
        """The engagements the articles report, optionally only those with one partner (ISO)."""
        return self.catalogue().engagements(country_code.upper() if country_code else None)

    def country_brief(self, name: str) -> CountryBrief:
        """India and one country (any name form); UnknownCountry with close names, or
        NotAPartner for India."""
        return self.catalogue().brief(name)

    def country_names(self) -> list[tuple[str, str, int]]:
        """(code, name, article count) of every partner country in the store, most first."""
        return self.catalogue().names()

    def suggest_countries(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """(code, name) to autocomplete: stored countries first; '' gives the best covered."""
        return self.catalogue().suggest(text, limit)


def article_info(state: ArticleState) -> ArticleInfo:
    rec = state.record
    return ArticleInfo(
        article_id=state.article_id,
        title=rec.label,
        source=rec.source,
        published=rec.published,
        url=rec.url,
        path=state.path,
        countries=list(rec.countries),
        chunks=len(state.ids),
    )
