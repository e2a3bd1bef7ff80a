"""Metadata filters a question carries (countries, a time window), for Chroma and in Python."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from retrieval.index.record import ChunkRecord


def date_ord(day: date) -> int:
    return int(day.strftime("%Y%m%d"))


@dataclass(frozen=True)
class SearchFilter:
    """Chunks of articles about any of `countries`, published within [start, end], and (when
    `articles` names some) of those articles only."""

    countries: tuple[str, ...] = field(default_factory=tuple)
    start: date | None = None
    end: date | None = None
    articles: tuple[str, ...] = field(default_factory=tuple)  # article ids

    @property
    def empty(self) -> bool:
        return not self.countries and self.start is None and self.end is None and not self.articles

    def where(self) -> dict | None:
        """The same filter as a Chroma `where` clause."""
        clauses: list[dict] = []
        if self.countries:
            ors = [{"countries": {"$contains": code}} for code in self.countries]
            clauses.append(ors[0] if len(ors) == 1 else {"$or": ors})
        if self.articles:
            clauses.append({"article_id": {"$in": list(self.articles)}})
        if self.start is not None:
            clauses.append({"published_ord": {"$gte": date_ord(self.start)}})
        if self.end is not None:
            # articles of unknown date (0) pass an end bound: they may report the period
            clauses.append({"published_ord": {"$lte": date_ord(self.end)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def matches(self, record: ChunkRecord) -> bool:
        if self.countries and not set(self.countries) & set(record.countries):
            return False
        if self.articles and record.article_id not in self.articles:
            return False
        published = record.published_ord
        if self.start is not None and published < date_ord(self.start):
            return False
        return not (self.end is not None and published > date_ord(self.end))


def filter_mask(
    published: np.ndarray,
    by_country: Mapping[str, Sequence[int] | np.ndarray],
    flt: SearchFilter,
    by_article: Mapping[str, Sequence[int] | np.ndarray] | None = None,
) -> np.ndarray:
    """The rows a filter keeps, given each row's YYYYMMDD (0 if undated), the rows per
    country code and the rows per article id."""
    keep = np.ones(len(published), dtype=bool)
    for wanted, rows_of in ((flt.countries, by_country), (flt.articles, by_article or {})):
        if wanted:
            about = np.zeros(len(published), dtype=bool)
            for key in wanted:
                about[rows_of.get(key, [])] = True
            keep &= about
    if flt.start is not None:
        keep &= published >= date_ord(flt.start)
    if flt.end is not None:
        keep &= published <= date_ord(flt.end)
    return keep
