"""An article once read and cleaned: who wrote it, when, about whom, and its paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class Article:
    article_id: str
    path: str
    source_hash: str
    title: str
    source: str | None
    published: date | None
    url: str | None
    countries: list[str]
    paragraphs: list[str]
