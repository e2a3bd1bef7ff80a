"""Engagements kept with the chunks: a JSON string on each article's first chunk, so they are
written, replaced and deleted together with the article (crash-safe, same on a Chroma server)."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import replace
from datetime import date

from retrieval.engagements.extract import (
    META_KEY,
    VERSION,
    VERSION_KEY,
    extract_from_sentences,
    from_json,
    to_json,
)
from retrieval.entities.countries import CountryIndex
from retrieval.index.store import ChunkStore
from retrieval.text.chunking import SENTENCE_SEP, Chunk
from retrieval.types import Engagement

log = logging.getLogger(__name__)


def attach(chunks: list[Chunk], engagements: list[Engagement]) -> list[Chunk]:
    """The chunks with the engagements on the first one, whose id then covers them too."""
    if not chunks:
        return chunks
    first = chunks[0]
    payload = to_json(engagements)
    digest = hashlib.sha1(f"{first.id}|{VERSION}|{payload}".encode()).hexdigest()
    meta = {**first.metadata, META_KEY: payload, VERSION_KEY: VERSION}
    return [replace(first, id=f"{first.article_id}-{digest[:16]}", metadata=meta), *chunks[1:]]


def read_all(store: ChunkStore, index: CountryIndex,
             metas: list[dict] | None = None) -> dict[str, list[Engagement]]:
    """Every article's engagements. Articles stored before engagements existed, or by other
    rules, are read again from their stored sentences (not written back: ingest does that).
    After a crash mid-update an article may have two first chunks: the complete version wins."""
    if metas is None:
        metas = [meta for _, meta in store.metadatas()]
    counts = Counter((m["article_id"], m["source_hash"]) for m in metas)
    firsts: dict[str, dict] = {}
    for meta in metas:
        if meta.get("position") != 0:
            continue
        aid = meta["article_id"]
        whole = counts[(aid, meta["source_hash"])] == int(meta.get("n_chunks") or 0)
        if aid not in firsts or whole:
            firsts[aid] = meta
    found: dict[str, list[Engagement]] = {}
    for aid, meta in firsts.items():
        if meta.get(VERSION_KEY) == VERSION and META_KEY in meta:
            try:
                found[aid] = from_json(meta[META_KEY], aid)
                continue
            except ValueError:
                log.warning("unreadable engagements of %s; finding them again", aid)
        found[aid] = _from_chunks(store, aid, index)
    return found


def _from_chunks(store: ChunkStore, article_id: str, index: CountryIndex) -> list[Engagement]:
    got = store.collection.get(where={"article_id": article_id},
                               include=["metadatas", "documents"])
    rows = sorted(zip(got["metadatas"], got["documents"], strict=True),
                  key=lambda row: row[0].get("position", 0))
    if not rows:
        return []
    meta = rows[0][0]
    sentences = [s for _, doc in rows for s in (doc or "").split(SENTENCE_SEP) if s.strip()]
    published = date.fromisoformat(meta["published"]) if meta.get("published") else None
    return extract_from_sentences(article_id, published, sentences,
                                  list(meta.get("countries") or ()), index)
