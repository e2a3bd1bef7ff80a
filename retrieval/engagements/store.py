"""Engagements kept with the chunks: a JSON string on each article's first chunk, so they are
written, replaced and deleted together with the article (crash-safe, same on a Chroma server)."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import replace

from retrieval.engagements.extract import VERSION, extract_from_sentences, from_json, to_json
from retrieval.entities.countries import CountryIndex
from retrieval.index.record import Chunk, ChunkRecord
from retrieval.index.store import ChunkReader
from retrieval.types import Engagement

log = logging.getLogger(__name__)


def attach(chunks: list[Chunk], engagements: list[Engagement]) -> list[Chunk]:
    """The chunks with the engagements on the first one, whose id then covers them too (a new
    version of the rules rewrites it before the old one goes)."""
    if not chunks:
        return chunks
    first = chunks[0]
    payload = to_json(engagements)
    digest = hashlib.sha1(f"{first.id}|{VERSION}|{payload}".encode()).hexdigest()
    record = replace(first.record, engagements=payload, engagements_version=VERSION)
    return [replace(first, id=f"{first.id}-{digest[:8]}", record=record), *chunks[1:]]


def read_all(
    store: ChunkReader, index: CountryIndex, metas: list[ChunkRecord] | None = None
) -> dict[str, list[Engagement]]:
    """Every article's engagements. Articles stored before engagements existed, or by other
    rules, are read again from their stored sentences (not written back: ingest does that).
    After a crash mid-update an article may have two first chunks: the complete version wins."""
    if metas is None:
        metas = [record for _, record in store.records()]
    counts = Counter((m.article_id, m.source_hash) for m in metas)
    firsts: dict[str, ChunkRecord] = {}
    for meta in metas:
        if meta.position != 0:
            continue
        aid = meta.article_id
        whole = counts[(aid, meta.source_hash)] == meta.n_chunks
        if aid not in firsts or whole:
            firsts[aid] = meta
    found: dict[str, list[Engagement]] = {}
    for aid, meta in firsts.items():
        if meta.engagements_version == VERSION and meta.engagements is not None:
            try:
                found[aid] = from_json(meta.engagements, aid)
                continue
            except ValueError:
                log.warning("unreadable engagements of %s; finding them again", aid)
        found[aid] = _from_chunks(store, aid, index)
    return found


def _from_chunks(store: ChunkReader, article_id: str, index: CountryIndex) -> list[Engagement]:
    chunks = store.article_chunks(article_id)
    if not chunks:
        return []
    record = chunks[0].record
    sentences = [s for c in chunks for s in c.sentences if s.strip()]
    return extract_from_sentences(
        article_id, record.published, sentences, list(record.countries), index
    )
