"""The engine front ends talk to: ingest, ask, sources. Heavy parts load once, on first use."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from retrieval.answer.chain import ExtractiveAnswerer, build_chain
from retrieval.answer.followup import next_subject, resolve, words_of
from retrieval.answer.parts import merged, split_parts
from retrieval.answer.query import QueryPlan, plan_query, retrieve
from retrieval.answer.timeline import answer_from_table, timeline_mode, with_sentences
from retrieval.answer_log import AnswerLog
from retrieval.conversation import Conversation
from retrieval.entities.countries import CountryIndex
from retrieval.errors import UnknownSource
from retrieval.index.chroma import collection_name, make_client
from retrieval.index.embedding import Embedder
from retrieval.index.encoders import make_embedder
from retrieval.index.generation import GenerationFile
from retrieval.index.keyword import KeywordIndex, open_index
from retrieval.index.reading import LiveChunks
from retrieval.index.record import record_of
from retrieval.index.retriever import HybridRetriever
from retrieval.index.sentence_store import SentenceVectorStore
from retrieval.index.snapshots import one_writer, snapshot
from retrieval.index.store import ArticleState, ChunkStore
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

UNSETTLED_S = 30.0  # how long an index built while another process ingests is kept

# Imported where used, so that a question loads neither the ingest side (dateparser, HTML
# extraction) nor the engagement rules, nor the LLM side unless BILATERAL_LLM asks for it.
if TYPE_CHECKING:
    from retrieval.answer.llm.generative import GenerativeAnswerer
    from retrieval.answer.llm.providers import ChatModelFactory
    from retrieval.engagements.catalogue import Catalogue
    from retrieval.engagements.scope import BriefScope
    from retrieval.ingest.pipeline import IngestProgress
    from retrieval.web.feeds import FeedList
    from retrieval.web.pages import WebPages


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
        notice: Callable[[str], None] | None = None,
        front_end: str | None = None,
    ) -> None:
        """`notice` hears, in one line, of a slow one-time step (the model's first export);
        `front_end` ("cli", "chat", "discord") names who asks in the answer log, which only an
        engine serving people writes (see AnswerLog)."""
        self.settings = settings
        self._notice = notice
        self.front_end = front_end
        self.answer_log = AnswerLog.for_settings(settings) if front_end else None
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
                else make_embedder(self.settings, self._notice)
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
            loading.set_result(make_embedder(self.settings, self._notice))
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that needs it
            loading.set_exception(exc)

    @cached_property
    def collection(self) -> str:
        return collection_name(self.settings.collection, self.embedder.identity)

    @cached_property
    def mirror(self) -> GenerationFile | None:
        """The generation file of an embedded store (a Chroma server has none)."""
        if self.settings.chroma_host or self._client is not None:
            return None
        return GenerationFile(
            self.settings.data_dir / "snapshots" / f"{self.collection}.generation"
        )

    @cached_property
    def store(self) -> ChunkStore:
        """The live Chroma store: written by ingest; read only when there is no current copy."""
        client = self._client or make_client(self.settings)  # while preload() loads the encoder
        # a client made here can be made again, to see another process's writes (store.follow)
        reopen = None if self._client else lambda: make_client(self.settings)
        return ChunkStore(client, self.collection, reopen, self.mirror, self.sentence_vectors)

    @cached_property
    def sentence_vectors(self) -> SentenceVectorStore:
        """The vectors of every chunk's sentences, written at ingest: a question encodes only
        itself."""
        path = self.settings.data_dir / "sentences" / f"{self.collection}.sqlite3"
        return SentenceVectorStore(path, self.embedder.dim)

    def _followed_store(self) -> ChunkStore:
        """The live store, reopened first if another process changed it (its vector index is
        held in memory): read only while there is no current frozen copy."""
        self.store.follow()
        return self.store

    @cached_property
    def chunks(self) -> LiveChunks:
        """What questions read: the current generation's copy, without opening Chroma."""
        return LiveChunks(
            self._followed_store,
            lambda: self.collection,
            self.settings.data_dir / "snapshots",
            self.mirror,
        )

    @cached_property
    def countries(self) -> CountryIndex:
        return CountryIndex()

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(
            store=self.chunks,
            embedder=self.embedder,
            keyword=self.keyword_index,
            k=self.settings.top_k,
            tuning=self.tuning.retrieval,
        )

    @cached_property
    def answerer(self) -> ExtractiveAnswerer:
        return ExtractiveAnswerer(
            self.embedder, self.chunks, self.tuning, self.sentence_vectors.get
        )

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
        from langchain_core.runnables import RunnableLambda

        return RunnableLambda(self.generative.invoke).with_config(run_name="generative_answer")

    def keyword_index(self) -> KeywordIndex:
        """The index of the store's current generation, called once per search: another
        process's ingest or removal shows in it, and in the vectors searched (store.follow).
        While the store has none (an ingest under way, or cut off), it is rebuilt at most every
        UNSETTLED_S seconds and its ids are not used to filter searches."""
        with self._lock:
            generation = self.chunks.generation()
            cached = self._keyword
            if (
                cached is None
                or cached[0] != generation
                or (not generation and time.monotonic() - cached[1] > UNSETTLED_S)
            ):
                index = open_index(self.chunks, self.settings.data_dir / "snapshots")
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
        from retrieval.ingest.pipeline import Ingestor

        saved, failed = self.web.fetch_all(urls) if urls else ({}, [])
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
        from retrieval.ingest.pipeline import file_of
        from retrieval.ingest.removal import articles_named

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
        from retrieval.web.fetch import Fetcher
        from retrieval.web.pages import WebPages

        fetcher = Fetcher(self.settings.fetch_timeout, int(self.settings.fetch_max_mb * 1e6))
        return WebPages(fetcher, self.settings.web_dir, self.tuning.body)

    @cached_property
    def feeds(self) -> FeedList:
        """The followed feeds: add, list, remove (refresh_feeds fetches their items)."""
        from retrieval.web.feeds import FeedList

        return FeedList(self.settings.feeds_file, self.web.fetcher)

    def refresh_feeds(self, progress: IngestProgress | None = None) -> FeedReport:
        """Every followed feed read (conditionally), its new and changed items fetched and
        ingested. Blocking; answers go on meanwhile (the bot runs it on a thread of its own)."""
        from retrieval.web.refresh import FeedRefresh

        return FeedRefresh(self.feeds, self.web).run(lambda files: self.ingest(files, progress))

    def warm_up(self) -> None:
        """Load the model, the keyword index and the English lexicon before the first question
        (no LLM call)."""
        from retrieval.index.lexicon import english_stems

        english_stems()
        self.extractive_chain.invoke({"plan": self.plan("India bilateral talks")})

    def ensure_ingested(self, progress: IngestProgress | None = None) -> IngestReport | None:
        """Ingest the knowledge dir if the store is empty (first run)."""
        if self.chunks.count() == 0:
            return self.ingest(progress=progress)
        return None

    def plan(
        self,
        question: str,
        conversation: Conversation | None = None,
        country: str | None = None,
    ) -> QueryPlan:
        """What the question asks for: search text, filters, key terms (query.QueryPlan); in a
        conversation, with what a follow-up inherits from its subject (answer/followup.py)."""
        forced = [self.countries.require(country).code] if country else []
        question = " ".join(question.split())
        plan = plan_query(
            question,
            self.countries,
            self.today(),
            forced,
            corpus=self.keyword_index(),
            tuning=self.tuning.answer,
        )
        if conversation is not None:
            plan = resolve(plan, conversation.subject, self.tuning.followup)
        return plan

    def ask(
        self,
        question: str,
        *,
        conversation: Conversation | None = None,
        country: str | None = None,
    ) -> Answer:
        """The answer to a question; in a conversation (kept by the front end), a follow-up
        is read in its light and the conversation moves on."""
        started = time.perf_counter()
        plan = self.plan(question, conversation, country)
        answer = self._answer(plan, conversation)
        if answer.refused and self.generative is None:
            answer = self._in_parts(plan, country) or answer
        return self._logged(self._moved_on(conversation, plan, answer), started)

    def _answer(self, plan: QueryPlan, conversation: Conversation | None) -> Answer:
        """From the engagement table (a timeline question), else from the chain."""
        inputs = {"plan": plan, "history": self._asked(conversation)}
        return self._from_timeline(plan, inputs) or self.chain.invoke(inputs)

    def _in_parts(self, plan: QueryPlan, country: str | None) -> Answer | None:
        """A question of two parts ("who chaired it, and where was it held?") that was refused
        as a whole, answered part by part, the second as a follow-up of the first; None for a
        question of one part, or when every part is refused too. (LLM mode does not ask: the
        model reads both parts at once.)"""
        if plan.follow_up:
            return None
        parts = split_parts(plan.normalised or plan.question)
        if len(parts) < 2:
            return None
        state, answers = Conversation(), []
        for part in parts:
            part_plan = self.plan(part, state, country)
            answers.append(self._moved_on(state, part_plan, self._answer(part_plan, state)))
        return None if all(a.refused for a in answers) else merged(plan.question, parts, answers)

    def ask_stream(
        self,
        question: str,
        *,
        conversation: Conversation | None = None,
        country: str | None = None,
    ) -> Iterator[str | Answer]:
        """Text pieces as the LLM writes them (unchecked), then the checked Answer, always last.

        Without an LLM only the Answer comes. Blocking: run it in a thread in an event loop.
        """
        started = time.perf_counter()
        if self.generative is None:  # nothing streams: the Answer, as ask() gives it
            yield self.ask(question, conversation=conversation, country=country)
            return
        plan = self.plan(question, conversation, country)
        table = self._from_timeline(plan, {"plan": plan, "history": self._asked(conversation)})
        if table is not None:
            yield self._logged(self._moved_on(conversation, plan, table), started)
            return
        for item in self.generative.stream({"plan": plan, "history": self._asked(conversation)}):
            if isinstance(item, Answer):
                item = self._logged(self._moved_on(conversation, plan, item), started)
            yield item

    def _from_timeline(self, plan: QueryPlan, inputs: dict) -> Answer | None:
        """A timeline question ("when did they last meet", "what happened between India and
        X in 2024") answered from the engagement table, a "what happened" one with what the
        sentences add; None: the sentence answerer's alone."""
        mode = timeline_mode(plan.normalised or plan.question)
        if plan.small_talk or mode is None:
            return None
        catalogue = self.catalogue()
        table = answer_from_table(plan, catalogue.engagements(), catalogue.articles)
        if table is None or mode != "list":
            return table
        return with_sentences(table, self.chain.invoke(inputs))

    @staticmethod
    def _asked(conversation: Conversation | None) -> list[str]:
        return list(conversation.questions) if conversation is not None else []

    def _moved_on(
        self, conversation: Conversation | None, plan: QueryPlan, answer: Answer
    ) -> Answer:
        """The answer, with how its question was understood; the conversation's subject after it."""
        understood = answer.understood_as or plan.understood_as
        if understood and understood != answer.understood_as:
            answer = answer.model_copy(update={"understood_as": understood})
        if conversation is not None:
            found = [c.article_id for c in answer.citations if not answer.refused]
            if not found and not plan.follow_up and not plan.small_talk:
                # refused, yet a follow-up is about what the question found first (LLM mode
                # does not say: it is searched again)
                first = answer.retrieved
                if first is None:
                    first = [record_of(d).article_id for d in retrieve(self.retriever, plan)]
                found = first[:1]
            articles = self.catalogue().articles
            countries_of = {a: articles[a].countries for a in found if a in articles}
            vocabulary = frozenset[str]()
            if found:
                chunks = self.chunks.article_chunks(found[0])
                title = chunks[0].record.title if chunks else ""
                vocabulary = words_of(" ".join([title or "", *(c.text for c in chunks)]))
            conversation.remember(
                understood or plan.normalised,
                next_subject(plan, answer, conversation.subject, found, countries_of, vocabulary),
            )
        return answer

    def _logged(self, answer: Answer, started: float) -> Answer:
        """The answer, written to the answer log first when this engine serves people."""
        if self.answer_log is not None and self.front_end:
            self.answer_log.write(answer, self.front_end, time.perf_counter() - started)
        return answer

    def retrieve(self, question: str, *, country: str | None = None) -> list[str]:
        """The paths of the articles retrieval finds for a question, best first (for eval)."""
        plan = self.plan(question, None, country)
        docs = retrieve(self.retriever, plan)
        return list(dict.fromkeys(record_of(doc).path for doc in docs))

    def sources(self, country: str | None = None) -> list[ArticleInfo]:
        code = self.countries.require(country).code if country else None
        infos = [
            a for a in self.catalogue().articles.values() if code is None or code in a.countries
        ]
        return sorted(infos, key=lambda a: (a.published or date.min, a.title), reverse=True)

    def _read_catalogue(self) -> tuple[list[ArticleInfo], dict[str, list[Engagement]]]:
        """Articles and their engagements, from one pass over the chunks' metadata."""
        from retrieval.engagements.store import read_all

        rows = self.chunks.records()
        found = read_all(self.chunks, self.countries, [record for _, record in rows])
        infos = [article_info(state) for state in self.chunks.articles(rows).values()]
        return sorted(infos, key=lambda a: (a.published or date.min, a.title), reverse=True), found

    def source_counts(self, country: str | None = None) -> SourceCounts:
        """The articles (about one country, or all) counted per partner country and outlet."""
        code = self.countries.require(country).code if country else None
        return self.catalogue().counts(code)

    def catalogue(self) -> Catalogue:
        """Articles and engagements per country, cached until the store changes (and kept on
        disk, so that a new process does not read every chunk for it)."""
        from retrieval.engagements.catalogue import (
            CATALOGUE_KIND,
            Catalogue,
            load_parts,
            save_parts,
        )

        with self._lock:
            state = (self.chunks.generation(), self.chunks.count())
            if self._catalogue is None or self._catalogue[0] != state:
                parts = snapshot(
                    self.chunks,
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

    def country_brief(self, name: str, scope: BriefScope | None = None) -> CountryBrief:
        """India and one country (any name form), its timeline limited to `scope` (a period,
        kinds) if given; UnknownCountry with close names, or NotAPartner for India."""
        return self.catalogue().brief(name, scope)

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
