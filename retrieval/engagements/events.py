"""Events: the mentions of one engagement within an article merged, dated from a neighbouring
sentence where they give no date, given topics, and quoted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from retrieval.engagements import rules
from retrieval.engagements.mentions import Mention, event_date
from retrieval.engagements.topics import topics_in
from retrieval.entities.people import Person
from retrieval.text.date_rules import DateRange
from retrieval.tuning import DEFAULT
from retrieval.types import Engagement

# Sentences that go on about the event just told ("Both sides reviewed ...").
_ELABORATES = re.compile(
    r"\b(?:discuss\w*|review\w*|agree\w*|focus\w*|cover\w*|deliberat\w*|explor\w*|underlin\w*"
    r"|reaffirm\w*|emphasi[sz]\w*|centred|centered|talks|meeting|both\s+sides|two\s+sides"
    r"|two\s+ministers|two\s+leaders|they|exchanged\s+views|acknowledged|welcomed)\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|next|upcoming|planned)\b", re.I)
_ELABORATION_REACH = DEFAULT.engagements.elaboration_reach
_VISIT_GAP = DEFAULT.engagements.visit_gap_days


@dataclass
class Event:
    mentions: list[Mention]
    countries: list[str]
    date: DateRange | None = None
    date_text: str | None = None
    date_sentence: int | None = None
    support: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def primary(self) -> Mention:
        return next((m for m in self.mentions if m.date), self.mentions[0])

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys(k for m in self.mentions for k in m.kinds))

    @property
    def kind(self) -> str:
        kinds = set(self.kinds)
        return next((k for k in rules.SPECIFIC if k in kinds), self.primary.kind)

    @property
    def people(self) -> list[Person]:
        found = list({id(p): p for m in self.mentions for p in m.people}.values())
        return sorted(found, key=lambda p: {"IN": 0, None: 1}.get(p.country, 2))

    @property
    def sentences(self) -> set[int]:
        return {m.sentence for m in self.mentions} | set(self.support)

    def absorb(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.date and self.date and not _overlap(self.date, m.date):  # the days of one visit
            start, end = min(self.date.start, m.date.start), max(self.date.end, m.date.end)
            self.date = DateRange(start=start, end=end, precision="range")
            self.date_text = None
        elif m.date and (self.date is None or _span(m.date) < _span(self.date)):
            self.date, self.date_text, self.date_sentence = m.date, m.date_text, m.sentence


def _span(d: DateRange) -> int:
    return (d.end - d.start).days


def _overlap(a: DateRange | None, b: DateRange | None) -> bool:
    return a is None or b is None or (a.start <= b.end and b.start <= a.end)


def _people_fit(e: Event, m: Mention) -> bool:
    mine, theirs = {p.name for p in e.people}, {p.name for p in m.people}
    return not mine or not theirs or bool(mine & theirs)


def _near(e: Event, m: Mention) -> bool:
    """A visit told day by day ('arrived on Tuesday', 'on Wednesday visited') is one visit."""
    if e.date is None or m.date is None or rules.VISIT not in (*e.kinds, m.kind):
        return False
    if _span(e.date) > _VISIT_GAP * 2 or _span(m.date) > _VISIT_GAP * 2:
        return False  # "in May" is no day of a visit
    return (m.date.start - e.date.end).days <= _VISIT_GAP and (
        e.date.start - m.date.end
    ).days <= _VISIT_GAP


def _related(e: Event, m: Mention) -> bool:
    """Whether the mention can be the event told again: it refers back, names the same people,
    stands next to it, or both are dated alike."""
    if m.back or (e.date and m.date):
        return True
    if {p.name for p in e.people} & {p.name for p in m.people}:
        return True
    return any(abs(m.sentence - other.sentence) <= 1 for other in e.mentions)


def _fits(e: Event, m: Mention, any_partner: bool) -> bool:
    return (
        (any_partner or e.countries == m.countries)
        and any(rules.compatible(k, m.kind) for k in e.kinds)
        and (_overlap(e.date, m.date) or _near(e, m))
        and _people_fit(e, m)
        and _related(e, m)
    )


def merge(mentions: list[Mention], focus: list[str], pairs: dict[int, str]) -> list[Event]:
    """Mentions in reading order become events; a partnerless mention that refers back joins
    the latest event it fits, one with its own date or 'the two sides' takes the focus partner:
    that of the last event, or of a later 'India and X ...' sentence (`pairs`)."""
    events: list[Event] = []
    told = -1  # the sentence of the latest mention
    for m in mentions:
        said = [pairs[i] for i in range(told + 1, m.sentence + 1) if i in pairs]
        if said:
            focus = said[-1:]
        told = m.sentence
        if not m.countries:
            if m.back or m.both_sides:
                target = next((e for e in reversed(events) if _fits(e, m, True)), None)
                if target is not None:
                    target.absorb(m)
                    focus = target.countries
                    continue
            alone = m.date and all(p.country == "IN" for p in m.people)
            if len(focus) != 1 or not m.informative or not (alone or m.both_sides):
                continue
            m.countries = list(focus)
        target = next((e for e in reversed(events) if _fits(e, m, False)), None)
        if target is None:
            if not m.informative:
                continue
            target = Event([], list(m.countries))
            events.append(target)
        target.absorb(m)
        focus = target.countries
    return events


def date_from_neighbours(
    events: list[Event], sentences: list[str], people: list[list[Person]], published: date | None
) -> None:
    """'X and his counterpart Y vowed on Friday ...' then 'X and Y held talks': the talks are
    dated by the sentence beside them that names the same people."""
    owned = {i for e in events for i in e.sentences}
    for e in events:
        if e.date is not None:
            continue
        first = min(m.sentence for m in e.mentions)
        names = {p.name for p in e.people}
        foreign = {p.name for p in e.people if p.country not in (None, "IN")}
        for j in (first - 1, first + 1):
            if not 0 <= j < len(sentences) or j in owned or _FUTURE.search(sentences[j]):
                continue
            theirs = {p.name for p in people[j]}
            if len(names & theirs) < 2 and not foreign & theirs:
                continue
            found, written = event_date(sentences[j], published)
            if found is not None:
                e.date, e.date_text, e.date_sentence = found, written, j
                e.support.append(j)
                break


def gather_texts(events: list[Event], sentences: list[str]) -> None:
    """Each event's own clauses plus the sentences that go on about it."""
    owner: dict[int, Event] = {}
    for e in reversed(events):  # a sentence goes on about the event of its first clause
        e.texts = [m.clause for m in e.mentions] + [sentences[j] for j in e.support]
        for i in e.sentences:
            owner[i] = e
    current, last = None, -1
    for i, sentence in enumerate(sentences):
        if i in owner:
            current, last = owner[i], i
        elif current and i - last <= _ELABORATION_REACH and _ELABORATES.search(sentence):
            current.texts.append(sentence)
            last = i


def _score(m: Mention) -> int:
    roles = sum(1 for p in m.people if p.written != p.name)
    return (
        3 * bool(m.date) + roles + bool(m.countries) + bool(m.place) + (not m.back) + (not m.weak)
    )


def quote_of(e: Event, sentences: list[str]) -> str:
    """The best report of the event, with the sentence beside it that dates or also reports it."""
    best = max(e.mentions, key=_score).sentence
    if e.date_sentence is not None and abs(e.date_sentence - best) > 1:
        best = e.date_sentence
    reporting = {m.sentence for m in e.mentions if not m.back} | set(e.support)
    if e.date_sentence is not None:
        reporting.add(e.date_sentence)
    near = [j for j in (best - 1, best + 1) if j in reporting]
    if e.date_sentence in near:
        near = [e.date_sentence]
    chosen = sorted({best, *near[:1]})
    return " ".join(sentences[j].strip() for j in chosen)


def to_engagement(e: Event, article_id: str, sentences: list[str]) -> Engagement:
    place = e.primary.place or next((m.place for m in e.mentions if m.place), None)
    topics = list(dict.fromkeys(t for text in e.texts for t in topics_in(text)))
    people = e.people
    return Engagement(
        kind=e.kind,
        date_start=e.date.start if e.date else None,
        date_end=e.date.end if e.date else None,
        date_text=e.date_text,
        date_precision=e.date.precision if e.date else None,
        countries=list(e.countries),
        participants=[p.written for p in people],
        names=[p.name for p in people],
        place=place,
        topics=topics,
        article_id=article_id,
        quote=quote_of(e, sentences),
        citation=None,
    )
