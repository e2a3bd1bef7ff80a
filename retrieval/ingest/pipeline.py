"""Incremental, idempotent ingest: only new or changed chunks are embedded, gone ones removed."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from retrieval.engagements.extract import article_countries, extract_engagements
from retrieval.engagements.store import attach
from retrieval.entities.countries import CountryIndex
from retrieval.index.embedding import Embedder
from retrieval.index.store import ArticleState, ChunkStore
from retrieval.ingest.articles import SUPPORTED, RawArticle, SkipFile, read_file
from retrieval.ingest.chunking import Chunk, chunk_article
from retrieval.ingest.prepare import prepare
from retrieval.tuning import DEFAULT, BodyTuning
from retrieval.types import IngestReport, SkippedFile

_EMBED_GROUP = 64  # chunks embedded and written together, while the next ones are read


class IngestProgress(Protocol):
    def expect(self, n: int) -> None: ...  # n more chunks to embed than said so far
    def advance(self, n: int) -> None: ...


class _Embedding:
    """Embeds and writes groups of chunks on worker threads while the caller goes on reading
    and cleaning files: the encoder releases the GIL, so they overlap. As many groups are
    embedded at once as the embedder takes callers (`Embedder.for_bulk`); the store is written
    one group at a time."""

    def __init__(
        self, store: ChunkStore, embedder: Embedder, progress: IngestProgress | None
    ) -> None:
        self.store, self.progress, self.base = store, progress, embedder
        self.embedder: Embedder | None = None  # the bulk one, made when there is work
        self.pool: ThreadPoolExecutor | None = None
        self.lock = threading.Lock()  # the store and the progress bar: one writer at a time
        self.buffer: list[Chunk] = []
        self.futures: list[Future] = []
        self.count = 0

    def feed(self, chunks: list[Chunk]) -> None:
        self.buffer += chunks
        if len(self.buffer) >= _EMBED_GROUP:
            self._submit()

    def _submit(self, last: bool = False) -> None:
        group, self.buffer = self.buffer, []
        if group:
            self.count += len(group)
            if self.progress:
                self.progress.expect(len(group))
            if self.pool is None:  # one group only (an article added) needs no second session
                self.embedder, workers = (self.base, 1) if last else self.base.for_bulk()
                self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="embed")
            self.futures.append(self.pool.submit(self._embed_and_add, group))

    def _embed_and_add(self, group: list[Chunk]) -> None:
        assert self.embedder is not None
        vectors, sentences = self.embedder.embed_with_spans(
            [c.embed_text for c in group], [c.spans for c in group], progress=self._advance
        )
        with self.lock:
            self.store.add(group, vectors, sentences)

    def _advance(self, n: int) -> None:
        if self.progress:
            with self.lock:
                self.progress.advance(n)

    def finish(self) -> None:
        """Every group written (or the first error raised); new chunks only, nothing deleted."""
        self._submit(last=True)
        try:
            for future in self.futures:
                future.result()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class _Pending:
    chunks: list[Chunk]
    stale: set[str]
    new: bool


def stored_path(path: Path, home: Path) -> str:
    """How an article's file is named in the store, and so its identity: relative to the
    knowledge folder when inside it, else absolute; the same from any working directory."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(home.resolve()).as_posix()
    except ValueError:
        return str(absolute)


def file_of(stored: str, home: Path) -> Path:
    """The file behind a stored path ('feed.jsonl:12' is line 12 of feed.jsonl)."""
    head, sep, tail = stored.rpartition(":")
    name = Path(head if sep and tail.isdigit() else stored)
    return (name if name.is_absolute() else home / name).resolve()


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Path], list[SkippedFile]]:
    """(files to read, folders ingested whole, paths that cannot be read at all)."""
    files, roots, skipped = [], [], []
    for path in paths:
        if path.is_dir():
            roots.append(path.resolve())
            files += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                kind = path.suffix or "(none)"
                reason = f"unsupported file type {kind}; use {', '.join(SUPPORTED)}"
                skipped.append(SkippedFile(path=str(path), reason=reason))
        else:
            skipped.append(SkippedFile(path=str(path), reason="no such file or folder"))
    return files, roots, skipped


class Ingestor:
    def __init__(
        self,
        store: ChunkStore,
        embedder: Embedder,
        countries: CountryIndex,
        chunk_size: int,
        max_bytes: int,
        home: Path,
        body: BodyTuning = DEFAULT.body,
    ) -> None:
        self.store, self.embedder, self.countries = store, embedder, countries
        self.chunk_size, self.max_bytes, self.body = chunk_size, max_bytes, body
        self.home = home  # the knowledge folder: stored paths are relative to it

    def run(self, paths: Sequence[Path], progress: IngestProgress | None = None) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        files, roots, report.skipped = discover(paths)
        states = self.store.articles()
        seen: set[str] = set()
        read_ok: set[Path] = set()
        pending: list[_Pending] = []
        embedding = _Embedding(self.store, self.embedder, progress)
        try:
            self._read_all(files, states, report, seen, read_ok, pending, embedding)
        finally:
            embedding.finish()
        self._finish(pending, report)
        report.chunks_embedded = embedding.count
        report.removed = self._remove_gone(states, seen, roots, read_ok)
        report.chunks_total = self.store.count()
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _read_all(self, files, states, report, seen, read_ok, pending, embedding) -> None:
        for path in files:
            shown = stored_path(path, self.home)
            try:
                raws, bad_lines = read_file(path, shown, self.max_bytes, self.body)
            except (SkipFile, OSError) as exc:
                report.skipped.append(SkippedFile(path=shown, reason=_reason(exc)))
                seen.update(
                    a for a, s in states.items() if file_of(s.path, self.home) == path.resolve()
                )
                continue
            read_ok.add(path.resolve())
            report.skipped += [SkippedFile(path=w, reason=r) for w, r in bad_lines]
            for raw in raws:
                seen.add(raw.article_id)
                state = states.get(raw.article_id)
                if state and state.source_hash == raw.source_hash and state.complete:
                    report.unchanged += 1
                    continue
                try:
                    chunks = self._chunks(raw)
                except SkipFile as exc:
                    report.skipped.append(SkippedFile(path=raw.path, reason=str(exc)))
                    continue
                pending.append(self._plan(chunks, state))
                embedding.feed(pending[-1].chunks)

    def _chunks(self, raw: RawArticle) -> list[Chunk]:
        """Prepare and chunk the article; its engagements ride on its first chunk, and their
        partner countries tag it too unless curated metadata names its countries."""
        article = prepare(raw, self.countries)
        try:
            found = extract_engagements(article, self.countries)
        except Exception:  # noqa: BLE001 - a rule that trips on odd text must not stop ingest
            logging.getLogger(__name__).warning("no engagements for %s", raw.path, exc_info=True)
            found = []
        if "countries" not in raw.meta:
            article.countries = article_countries(article, found)
        return attach(chunk_article(article, self.chunk_size), found)

    @staticmethod
    def _plan(chunks: list[Chunk], state: ArticleState | None) -> _Pending:
        have = state.ids if state else set()
        ids = {c.id for c in chunks}
        return _Pending([c for c in chunks if c.id not in have], have - ids, state is None)

    def _finish(self, pending: list[_Pending], report: IngestReport) -> None:
        """Stale chunks go only once every new chunk is in: a crash leaves extras at worst."""
        for item in pending:
            self.store.delete(item.stale)
            if item.new:
                report.added += 1
            else:
                report.updated += 1

    def _remove_gone(
        self, states: dict[str, ArticleState], seen: set[str], roots: list[Path], read_ok: set[Path]
    ) -> int:
        """Articles whose file was read without them, or vanished from an ingested folder."""
        removed = 0
        for aid, state in states.items():
            if aid in seen:
                continue
            source = file_of(state.path, self.home)
            vanished = not source.exists() and any(_under(source, r) for r in roots)
            if source in read_ok or vanished:
                self.store.delete(state.ids)
                removed += 1
        return removed


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return str(exc)
