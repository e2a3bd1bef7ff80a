"""Chunks: runs of an article's whole sentences, each with its typed record and a stable id."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace

from retrieval.index.record import SENTENCE_SEP, Chunk, ChunkRecord, chunk_id
from retrieval.text.article import Article
from retrieval.text.sentences import split_sentences


def article_record(article: Article, n_chunks: int) -> ChunkRecord:
    """What every chunk of the article carries; its position is set per chunk."""
    return ChunkRecord(
        article_id=article.article_id,
        path=article.path,
        source_hash=article.source_hash,
        n_chunks=n_chunks,
        title=article.title,
        source=article.source or None,
        published=article.published,
        url=article.url or None,
        countries=tuple(article.countries or ()),
    )


def group_sentences(sentences: list[str], chunk_size: int) -> list[list[str]]:
    """Greedy runs of sentences up to chunk_size characters; a long sentence stands alone."""
    groups: list[list[str]] = []
    current: list[str] = []
    length = 0
    for sentence in sentences:
        if current and length + len(sentence) + 1 > chunk_size:
            groups.append(current)
            current, length = [], 0
        current.append(sentence)
        length += len(sentence) + 1
    if current:
        groups.append(current)
    return groups


def chunk_article(article: Article, chunk_size: int) -> list[Chunk]:
    sentences = [s for p in article.paragraphs for s in split_sentences(p) if s.strip()]
    groups = group_sentences(sentences, chunk_size)
    base = article_record(article, len(groups))
    # the stamp changes with the article's content, metadata and chunking: a new version of an
    # article gets new ids, so it is written in full before the old one is deleted
    blob = json.dumps(
        [asdict(base), [SENTENCE_SEP.join(g) for g in groups]], sort_keys=True, default=str
    )
    stamp = hashlib.sha1(blob.encode()).hexdigest()
    chunks = []
    for index, group in enumerate(groups):
        record = replace(base, position=index)
        chunks.append(Chunk(chunk_id(record, stamp), record, tuple(group)))
    return chunks
