"""The engagements an article reports (calls, meetings, visits, dialogues, joint committees,
summits, agreements, joint statements), found by rules, and their JSON form in the store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from retrieval.engagements.events import date_from_neighbours, gather_texts, merge, to_engagement
from retrieval.engagements.mentions import sentence_mentions
from retrieval.entities.countries import CountryIndex, default_index
from retrieval.entities.people import index_people, lead_person
from retrieval.text.article import Article
from retrieval.text.sentences import split_sentences
from retrieval.types import Engagement

# Bump when the rules change: stored engagements of another version are found again on read.
VERSION = 1


def extract_engagements(article: Article, index: CountryIndex | None = None) -> list[Engagement]:
    """Every engagement the article reports, merged per event, in reading order. A headline
    repeated as the first paragraph is skipped: the body tells the same event with its date."""
    title = " ".join(article.title.split()).casefold()
    paragraphs = [p for p in article.paragraphs if " ".join(p.split()).casefold() != title]
    sentences = [s for p in paragraphs for s in split_sentences(p) if s.strip()]
    return extract_from_sentences(
        article.article_id, article.published, sentences, article.countries, index
    )


def extract_from_sentences(
    article_id: str,
    published: date | None,
    sentences: Sequence[str],
    countries: Sequence[str] = (),
    index: CountryIndex | None = None,
) -> list[Engagement]:
    index = index or default_index()
    sentences = list(sentences)
    people, mentions_of = index_people(sentences, index)
    found, named = [], []
    for i, sentence in enumerate(sentences):
        previous = lead_person(named[i - 1]) if i else []  # who a leading "He" is
        named.append(people.find(sentence, mentions_of[i], i, previous))
        found += sentence_mentions(sentence, i, published, people, mentions_of[i], previous, index)
    focus = [c for c in countries if c != "IN"]
    pairs = {}  # sentences about India and one partner: "India and Egypt on Thursday ..."
    for i, found_here in enumerate(mentions_of):
        foreign = {m.country.code for m in found_here if not m.home}
        if len(foreign) == 1 and any(m.home for m in found_here):
            pairs[i] = foreign.pop()
    events = merge(found, focus if len(focus) == 1 else [], pairs)
    date_from_neighbours(events, sentences, named, published)
    gather_texts(events, sentences)
    return [to_engagement(e, article_id, sentences) for e in events]


def article_countries(article: Article, engagements: Sequence[Engagement]) -> list[str]:
    """The article's partner countries: its own tags first, then those of its engagements."""
    codes = list(article.countries)
    for engagement in engagements:
        codes += [c for c in engagement.countries if c not in codes and c != "IN"]
    return codes


def to_json(engagements: Sequence[Engagement]) -> str:
    """Compact JSON for a chunk's metadata (Chroma takes scalars only)."""
    drop = {"article_id", "citation", "also"}
    rows = [e.model_dump(mode="json", exclude=drop, exclude_none=True) for e in engagements]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str, article_id: str) -> list[Engagement]:
    return [Engagement(article_id=article_id, **row) for row in json.loads(text or "[]")]
