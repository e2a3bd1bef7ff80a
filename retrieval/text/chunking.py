"""Chunks: runs of whole sentences, each carrying its article's metadata and a content id."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from retrieval.ingest.prepare import Article
from retrieval.text.sentences import split_sentences

SENTENCE_SEP = "\n"  # a chunk's stored text is its sentences, one a line


@dataclass(frozen=True)
class Chunk:
    id: str
    article_id: str
    index: int
    sentences: tuple[str, ...]
    metadata: dict

    @property
    def text(self) -> str:
        return SENTENCE_SEP.join(self.sentences)

    @property
    def embed_text(self) -> str:
        """The title travels with every chunk: it says what the chunk is about."""
        title = self.metadata.get("title") or ""
        return f"{title}\n{self.text}" if title else self.text


def article_metadata(article: Article, n_chunks: int) -> dict:
    """What every chunk of the article carries (Chroma takes str, int, float, bool, lists)."""
    meta = {
        "article_id": article.article_id,
        "title": article.title,
        "source": article.source or "",
        "published": article.published.isoformat() if article.published else "",
        "published_ord": int(article.published.strftime("%Y%m%d")) if article.published else 0,
        "url": article.url or "",
        "path": article.path,
        "source_hash": article.source_hash,
        "n_chunks": n_chunks,
    }
    if article.countries:
        meta["countries"] = list(article.countries)
    return meta


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
    base = article_metadata(article, len(groups))
    stamp = json.dumps(base, sort_keys=True)
    chunks = []
    for index, group in enumerate(groups):
        digest = hashlib.sha1(f"{stamp}|{index}|{SENTENCE_SEP.join(group)}".encode()).hexdigest()
        chunks.append(
            Chunk(f"{article.article_id}-{digest[:16]}", article.article_id, index, tuple(group),
                  {**base, "position": index})
        )
    return chunks
