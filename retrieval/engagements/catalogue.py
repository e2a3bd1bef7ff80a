"""What the store holds per partner country: its articles, its engagements, and lookups of
country names for briefs and autocomplete."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from retrieval.engagements.briefs import build_brief
from retrieval.engagements.extract import from_json, to_json
from retrieval.engagements.scope import BriefScope
from retrieval.entities.countries import Country, CountryIndex
from retrieval.entities.country_names import fold
from retrieval.errors import NotAPartner
from retrieval.types import ArticleInfo, Count, CountryBrief, Engagement, SourceCounts

CATALOGUE_KIND = "catalogue-v1"  # the snapshot's name: bump when what is saved changes
Parts = tuple[list[ArticleInfo], dict[str, list[Engagement]]]


class Catalogue:
    """A snapshot of the store's articles and engagements; rebuilt when the store changes."""

    def __init__(
        self,
        articles: list[ArticleInfo],
        engagements: dict[str, list[Engagement]],
        index: CountryIndex,
    ) -> None:
        self.articles = {a.article_id: a for a in articles}
        self.by_article = {aid: found for aid, found in engagements.items() if aid in self.articles}
        self.index = index
        # each country's articles, in article order: a brief reads only its own (10k articles:
        # 45 ms a brief by scanning them all)
        self.by_country: dict[str, list[str]] = {}
        self.codes_of: dict[str, set[str]] = {}  # each article's countries, its engagements' too
        for aid, info in self.articles.items():
            codes = set(info.countries) | {
                c for e in self.by_article.get(aid, ()) for c in e.countries
            }
            self.codes_of[aid] = codes
            for code in codes:
                self.by_country.setdefault(code, []).append(aid)
        self.coverage = Counter(
            {code: len(aids) for code, aids in self.by_country.items() if code != "IN"}
        )

    def engagements(self, code: str | None = None) -> list[Engagement]:
        """In article order (newest article first), each article's in reading order."""
        if code is None:
            return [e for aid in self.articles for e in self.by_article.get(aid, ())]
        return [
            e
            for aid in self.by_country.get(code, ())
            for e in self.by_article.get(aid, ())
            if code in e.countries
        ]

    def about(self, code: str) -> list[ArticleInfo]:
        return [self.articles[aid] for aid in self.by_country.get(code, ())]

    def names(self) -> list[tuple[str, str, int]]:
        """(code, name, articles) of every partner with articles, most covered first."""
        rows = [(code, self._name(code), n) for code, n in self.coverage.items()]
        return sorted(rows, key=lambda row: (-row[2], row[1]))

    def suggest(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """Countries whose names or aliases start like `text`, covered ones first; close
        misspellings after them; the best covered when `text` is empty."""
        query = fold(" ".join(text.split()))
        if not query:
            return [(code, name) for code, name, _ in self.names()][:limit]
        ranked = []
        for country in self.index.countries:
            if country.home:
                continue
            tier = _tier(query, country)
            if tier is not None:
                ranked.append((tier, -self.coverage[country.code], country.name, country.code))
        ranked.sort()
        picked = [(code, name) for *_, name, code in ranked]
        for country in self.index.suggest(text, limit=5):
            if not country.home and all(code != country.code for code, _ in picked):
                picked.append((country.code, country.name))
        return picked[:limit]

    def partner(self, name: str) -> Country:
        """The country a name means; UnknownCountry (naming close matches), or NotAPartner."""
        country = self.index.require(name)
        if country.home:
            raise NotAPartner(name)
        return country

    def brief(self, name: str, scope: BriefScope | None = None) -> CountryBrief:
        country = self.partner(name)
        return build_brief(
            country.code,
            country.name,
            self.about(country.code),
            self.engagements(country.code),
            self.articles,
            scope,
        )

    def counts(self, code: str | None = None) -> SourceCounts:
        """The articles (about one country, or all) per partner country and per outlet."""
        aids = list(self.articles) if code is None else self.by_country.get(code, [])
        countries = Counter(c for aid in aids for c in self.codes_of[aid] if c != "IN")
        outlets = Counter(self.articles[aid].source or "outlet unknown" for aid in aids)
        return SourceCounts(
            articles=len(aids),
            countries=sorted(
                (Count(name=self._name(c), code=c, articles=n) for c, n in countries.items()),
                key=lambda row: (-row.articles, row.name),
            ),
            outlets=sorted(
                (Count(name=name, articles=n) for name, n in outlets.items()),
                key=lambda row: (-row.articles, row.name.casefold()),
            ),
        )

    def _name(self, code: str) -> str:
        country = self.index.get(code)
        return country.name if country else code


def _tier(query: str, country: Country) -> int | None:
    """0: a name or alias as typed; 1: the name starts so; 2: an alias does; 3: a word in one."""
    forms = [fold(a) for a in (country.name, *country.aliases)]
    if query in forms:
        return 0
    if forms[0].startswith(query):
        return 1
    if any(f.startswith(query) for f in forms):
        return 2
    if any(w.startswith(query) for f in forms for w in f.split()):
        return 3
    return None


def save_parts(parts: Parts, folder: Path) -> None:
    """The catalogue's inputs as one JSON file (a snapshot of the store's generation)."""
    articles, engagements = parts
    folder.mkdir(parents=True)
    payload = {
        "articles": [a.model_dump(mode="json") for a in articles],
        "engagements": {aid: to_json(found) for aid, found in engagements.items()},
    }
    (folder / "catalogue.json").write_text(
        json.dumps(payload, ensure_ascii=False), encoding="utf-8"
    )


def load_parts(folder: Path) -> Parts:
    payload = json.loads((folder / "catalogue.json").read_text(encoding="utf-8"))
    return (
        [ArticleInfo.model_validate(a) for a in payload["articles"]],
        {aid: from_json(text, aid) for aid, text in payload["engagements"].items()},
    )
