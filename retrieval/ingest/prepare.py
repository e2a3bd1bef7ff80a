"""From raw text to an article: cleaned paragraphs, title, outlet, date and partner countries."""

from __future__ import annotations

import re

from retrieval.entities.countries import CountryIndex
from retrieval.ingest.articles import RawArticle, SkipFile
from retrieval.ingest.metadata import detect_metadata
from retrieval.text.article import Article
from retrieval.text.cleaning import clean_text, is_furniture


def tag_countries(index: CountryIndex, title: str, paragraphs: list[str]) -> list[str]:
    """Partners the article is about: named in the title, or more than once in the text."""
    counts: dict[str, int] = {}
    in_title = {m.country.code for m in index.find_in_text(title) if m.country.code != "IN"}
    for para in paragraphs:
        for mention in index.find_in_text(para):
            if mention.country.code != "IN":
                counts[mention.country.code] = counts.get(mention.country.code, 0) + 1
    tagged = list(in_title)
    by_count = sorted(counts.items(), key=lambda kv: -kv[1])
    tagged += [c for c, n in by_count if n >= 2 and c not in tagged]
    if not tagged and counts:
        tagged.append(max(counts, key=lambda code: counts[code]))
    return tagged


_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40}?,?\s?(?:[A-Z][a-z]{2,8}\.? \d{1,2}\s)?"
    r"(?:\([A-Za-z ]{2,30}\)\s)?[-–—:]\s+"
)


def fallback_title(first: str, limit: int = 90) -> str:
    """A title from the first paragraph when the text has none: no dateline, cut at a word."""
    text = _DATELINE.sub("", first, count=1)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def curated_countries(index: CountryIndex, names: list[str]) -> list[str]:
    codes = []
    for name in names:
        country = index.resolve(str(name))
        if country is None:
            raise SkipFile(f"unknown country in metadata: {name!r}")
        if country.code not in codes and country.code != "IN":
            codes.append(country.code)
    return codes


def prepare(raw: RawArticle, index: CountryIndex) -> Article:
    """Clean the text and fill in what curated metadata left out; SkipFile if nothing is left."""
    meta = raw.meta
    if raw.is_html:  # trafilatura kept the main text; the headline may lead it
        headline = " ".join((meta.get("title") or "").split()).casefold()
        paragraphs = [
            line.strip()
            for line in raw.text.splitlines()
            if line.strip()
            and not is_furniture(line.strip())
            and " ".join(line.split()).casefold() != headline
        ]
        found = detect_metadata(raw.text)
    else:
        cleaned = clean_text(raw.text)
        paragraphs = cleaned.paragraphs
        found = detect_metadata(raw.text, cleaned)
    if not paragraphs:
        raise SkipFile("no article text left after removing page furniture")
    title = meta.get("title") or found.title or fallback_title(paragraphs[0])
    if "countries" in meta:
        countries = curated_countries(index, meta["countries"])
    else:
        countries = tag_countries(index, title, paragraphs)
    return Article(
        article_id=raw.article_id,
        path=raw.path,
        source_hash=raw.source_hash,
        title=title,
        source=meta.get("source") or found.source,
        published=meta.get("published") or found.published,
        url=meta.get("url"),
        countries=countries,
        paragraphs=paragraphs,
    )
