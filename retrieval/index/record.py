"""A chunk as the engine sees it: its text and a typed record of where it comes from, converted
to and from the store's flat metadata here and nowhere else."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

SENTENCE_SEP = "\n"  # a chunk's stored text is its sentences, one a line


@dataclass(frozen=True, slots=True)
class ChunkRecord:
    """What every chunk carries about its article, plus its own place in it."""

    article_id: str
    path: str
    source_hash: str
    position: int = 0
    n_chunks: int = 1
    title: str = ""
    source: str | None = None
    published: date | None = None
    url: str | None = None
    countries: tuple[str, ...] = ()
    engagements: str | None = None  # JSON of the article's engagements, on its first chunk only
    engagements_version: int | None = None

    @property
    def published_ord(self) -> int:
        """YYYYMMDD as an int (0 when undated): what date filters compare."""
        return int(self.published.strftime("%Y%m%d")) if self.published else 0

    @property
    def label(self) -> str:
        return self.title or self.path

    def to_metadata(self) -> dict:
        """Chroma's metadata: str, int, float, bool and non-empty lists; no None."""
        meta = {k: v for k, v in asdict(self).items() if v not in (None, (), [])}
        meta["published"] = self.published.isoformat() if self.published else ""
        meta["published_ord"] = self.published_ord
        for key in ("source", "url"):
            meta.setdefault(key, "")
        if self.countries:
            meta["countries"] = list(self.countries)
        return meta

    @classmethod
    def from_metadata(cls, meta: dict) -> ChunkRecord:
        published = meta.get("published")
        version = meta.get("engagements_version")
        return cls(
            article_id=str(meta["article_id"]),
            path=str(meta["path"]),
            source_hash=str(meta.get("source_hash") or ""),
            position=int(meta.get("position") or 0),
            n_chunks=int(meta.get("n_chunks") or 0),
            title=str(meta.get("title") or ""),
            source=meta.get("source") or None,
            published=date.fromisoformat(published) if published else None,
            url=meta.get("url") or None,
            countries=tuple(meta.get("countries") or ()),
            engagements=meta.get("engagements") or None,
            engagements_version=int(version) if version is not None else None,
        )


def chunk_id(record: ChunkRecord, stamp: str) -> str:
    """Stable: the article, a stamp of the article's version and chunking, the position."""
    return f"{record.article_id}-{stamp[:8]}-{record.position:04d}"


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of an article's whole sentences, as written to the store and read back."""

    id: str
    record: ChunkRecord
    sentences: tuple[str, ...]
    score: float = 0.0

    @property
    def text(self) -> str:
        return SENTENCE_SEP.join(self.sentences)

    @property
    def article_id(self) -> str:
        return self.record.article_id

    @property
    def index(self) -> int:
        return self.record.position

    @property
    def embed_text(self) -> str:
        """The title travels with every chunk: it says what the chunk is about."""
        title = self.record.title
        return f"{title}\n{self.text}" if title else self.text

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Where each sentence lies in `embed_text`: its vector is pooled from there."""
        start = len(self.record.title) + 1 if self.record.title else 0
        out = []
        for sentence in self.sentences:
            out.append((start, start + len(sentence)))
            start += len(sentence) + len(SENTENCE_SEP)
        return out

    @classmethod
    def from_store(cls, cid: str, text: str | None, meta: dict, score: float = 0.0) -> Chunk:
        sentences = tuple((text or "").split(SENTENCE_SEP))
        return cls(cid, ChunkRecord.from_metadata(meta), sentences, score)


def record_of(doc) -> ChunkRecord:
    """The record a retrieved LangChain Document carries (under metadata["record"])."""
    return doc.metadata["record"]
