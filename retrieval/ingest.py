"""Incremental, idempotent ingest: only new or changed chunks are embedded, gone ones removed."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from retrieval.articles import SUPPORTED, RawArticle, SkipFile, read_file
from retrieval.chunking import Chunk, chunk_article
from retrieval.countries import CountryIndex
from retrieval.embedding import Embedder
from retrieval.engagement_store import attach
from retrieval.engagements import article_countries, extract_engagements
from retrieval.prepare import prepare
from retrieval.store import ArticleState, ChunkStore
from retrieval.types import IngestReport, SkippedFile

_EMBED_GROUP = 256  # chunks embedded and written together; a crash loses at most one group


class IngestProgress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, n: int) -> None: ...


@dataclass
class _Pending:
    chunks: list[Chunk]
    stale: set[str]
    new: bool


def shown_path(path: Path) -> str:
    """Paths are kept relative to the working directory when they are inside it."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(absolute)


def file_of(stored_path: str) -> Path:
    """The file behind a stored path ('feed.jsonl:12' is line 12 of feed.jsonl)."""
    head, sep, tail = stored_path.rpartition(":")
    return Path(head if sep and tail.isdigit() else stored_path).resolve()


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Path], list[SkippedFile]]:
    """(files to read, folders ingested whole, paths that cannot be read at all)."""
    files, roots, skipped = [], [], []
    for path in paths:
        if path.is_dir():
            roots.append(path.resolve())
            files += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED
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
    def __init__(self, store: ChunkStore, embedder: Embedder, countries: CountryIndex,
                 chunk_size: int, max_bytes: int) -> None:
        self.store, self.embedder, self.countries = store, embedder, countries
        self.chunk_size, self.max_bytes = chunk_size, max_bytes

    def run(self, paths: Sequence[Path], progress: IngestProgress | None = None) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        files, roots, report.skipped = discover(paths)
        states = self.store.articles()
        seen: set[str] = set()
        read_ok: set[Path] = set()
        pending: list[_Pending] = []
        for path in files:
            shown = shown_path(path)
            try:
                raws, bad_lines = read_file(path, shown, self.max_bytes)
            except (SkipFile, OSError) as exc:
                report.skipped.append(SkippedFile(path=shown, reason=_reason(exc)))
                seen.update(a for a, s in states.items() if file_of(s.path) == path.resolve())
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
        self._write(pending, report, progress)
        report.removed = self._remove_gone(states, seen, roots, read_ok)
        report.chunks_total = self.store.count()
        report.seconds = round(time.perf_counter() - started, 3)
        return report

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

    def _write(self, pending: list[_Pending], report: IngestReport,
               progress: IngestProgress | None) -> None:
        """Embed and add new chunks first, then delete stale ones: a crash leaves extras only."""
        todo = [c for p in pending for c in p.chunks]
        if progress:
            progress.start(len(todo))
        for start in range(0, len(todo), _EMBED_GROUP):
            group = todo[start : start + _EMBED_GROUP]
            advance = progress.advance if progress else None
            embedded = self.embedder.embed([c.embed_text for c in group], progress=advance)
            self.store.add([c.id for c in group], [c.text for c in group],
                           [c.metadata for c in group], embedded)
        for item in pending:
            self.store.delete(item.stale)
            if item.new:
                report.added += 1
            else:
                report.updated += 1
        report.chunks_embedded = len(todo)

    def _remove_gone(self, states: dict[str, ArticleState], seen: set[str], roots: list[Path],
                     read_ok: set[Path]) -> int:
        """Articles whose file was read without them, or vanished from an ingested folder."""
        removed = 0
        for aid, state in states.items():
            if aid in seen:
                continue
            source = file_of(state.path)
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
