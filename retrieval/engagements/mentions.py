"""Mentions: one report of an engagement in one clause, with its kind, partner countries, people,
date and place, before reports of the same event are merged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from retrieval.engagements import rules
from retrieval.entities.countries import CountryIndex, CountryMention
from retrieval.entities.people import People, Person
from retrieval.entities.places import city_country, find_place
from retrieval.text.date_rules import MONTH, DateRange
from retrieval.text.dates import find_date_expressions, resolve_in_sentence, resolve_relative

# "Tokyo, Oct 07:" or "NEW DELHI (Reuters) -": the report's place and day, not the event's.
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Za-z .'-]{{1,40}}(?:,\s*(?:{MONTH}\s*\d{{1,2}}|\d{{1,2}}\s+"
    rf"{MONTH})(?:,?\s*\d{{4}})?)?\s*(?:\([^)]{{1,30}}\))?\s*[:–—-]\s+",
    re.I,
)
# A country named as a subject of talks, not as a party to them.
_SUBJECT_OF = re.compile(
    r"(?:against|over|about|regarding|like|including|such\s+as|situation"
    r"|crisis|war|conflict|developments|tensions|issues?|attacks?|border)\s+"
    r"(?:in|on|with|of|between|from)?\s*(?:the\s+)?$",
    re.I,
)
BOTH_SIDES = re.compile(
    r"\b(?:the\s+two|both)\s+(?:sides|countries|nations|leaders|ministers"
    r"|governments|delegations|prime\s+ministers|foreign\s+ministers"
    r"|defen[cs]e\s+ministers|militaries|navies)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_REPORTING = re.compile(
    r"\b(?:said|says|told|tweeted|posted|wrote|stated|announced|added"
    r"|noted|statement|readout)\b",
    re.I,
)
_LATER = re.compile(r"\b(?:later|next|coming|end\s+of)\b", re.I)


@dataclass
class Mention:
    kind: str
    sentence: int
    clause: str
    countries: list[str]
    people: list[Person]
    date: DateRange | None = None
    date_text: str | None = None
    place: str | None = None
    back: bool = False  # refers to an event told before ("the meeting")
    weak: bool = False
    both_sides: bool = False
    kinds: list[str] = field(default_factory=list)

    @property
    def informative(self) -> bool:
        """Whether it says enough to stand as an event of its own ('the visit' does not)."""
        if self.back:
            return bool(self.date or self.place)
        return bool(self.date or self.people or self.place or not self.weak)


def event_date(clause: str, published: date | None) -> tuple[DateRange | None, str | None]:
    """The clause's event date and how it is written; only dated expressions without a
    publication date; never a date after publication."""
    text = _DATELINE.sub(lambda m: " " * len(m[0]), clause, count=1)
    if published is None:
        for expr, _ in find_date_expressions(text):
            if _YEAR.search(expr):
                found = resolve_relative(expr, date(2100, 1, 1))
                if found:
                    return found, expr
        return None, None
    found = resolve_in_sentence(text, published)
    if found is None or found.start > published:
        return None, None
    written = next(
        (
            expr
            for expr, _ in find_date_expressions(text)
            if resolve_relative(expr, published) == found
        ),
        None,
    )
    if written and re.search(r"\w{4,}\.$", written):
        written = written[:-1]  # "in March." ends the sentence, not an abbreviation
    return found, written


def _partners(
    clause: str,
    offset: int,
    mentions: list[CountryMention],
    people: list[Person],
    place: str | None,
) -> list[str]:
    foreign = [p.country for p in people if p.country and p.country != "IN"]
    if not foreign:
        foreign = [
            m.country.code
            for m in mentions
            if not m.home
            and not _SUBJECT_OF.search(clause[max(0, m.span[0] - offset - 30) : m.span[0] - offset])
        ]
    if not foreign:
        city = city_country(place)
        if city is not None and city != "IN":
            foreign = [city]
    return list(dict.fromkeys(foreign))


def sentence_mentions(
    text: str,
    position: int,
    published: date | None,
    people: People,
    countries: list[CountryMention],
    previous: list[Person],
    index: CountryIndex,
) -> list[Mention]:
    """Every engagement the sentence reports, one Mention per event and partner country."""
    triggers = rules.find_triggers(text)
    if not triggers:
        return []
    found: list[Mention] = []
    clauses = rules.clause_spans(text)
    # "X and Y agreed on Thursday to ..., after talks": a date said beside the event's clause
    donor: tuple[DateRange | None, str | None] = (None, None)
    lenders: list[Person] = []  # ... and the people who did it
    partners_by_clause: list[list[str]] = []
    pending: list[tuple[str, list[list[rules.Trigger]], list[Person], str | None, list[str]]] = []
    for start, end in clauses:
        clause = text[start:end]
        inside = [m for m in countries if start <= m.span[0] < end]
        shifted = [
            m.model_copy(update={"span": (m.span[0] - start, m.span[1] - start)}) for m in inside
        ]
        who = people.find(clause, shifted, position, previous if start == 0 else [])
        place = find_place(clause, lambda name: index.lookup(name) is not None)
        partners = _partners(clause, start, inside, who, place)
        partners_by_clause.append(partners)
        mine = [t for t in triggers if start <= t.start < end]
        if not mine and donor == (None, None) and not _REPORTING.search(clause):
            donor = event_date(clause, published)
            lenders = lenders or who
        groups = _groups(clause, [_local(t, start) for t in mine], len(partners))
        if groups and not _involves_india(clause, who, inside, partners, place):
            continue  # others' talks, reported in passing
        if groups:
            pending.append((clause, groups, who, place, partners))
    elsewhere = list(dict.fromkeys(c for p in partners_by_clause for c in p))
    for clause, groups, who, place, own in pending:
        partners = own or (elsewhere if len(elsewhere) == 1 else [])
        when, written = event_date(clause, published)
        if when is None:
            when, written = donor
        who = who or lenders
        if written and _LATER.search(written):
            continue  # "later this month": still to come
        for group in groups:
            kinds = [t.kind for t in group]
            base = Mention(
                kind=next((k for k in rules.SPECIFIC if k in kinds), kinds[0]),
                kinds=kinds,
                sentence=position,
                clause=clause,
                countries=[],
                people=who,
                date=when,
                date_text=written,
                place=place,
                back=any(rules.refers_back(clause, t) for t in group),
                weak=all(t.weak for t in group),
                both_sides=bool(BOTH_SIDES.search(clause)),
            )
            found += _split(base, partners)
    return found


def _involves_india(
    clause: str,
    who: list[Person],
    inside: list[CountryMention],
    partners: list[str],
    place: str | None,
) -> bool:
    """False for others' talks: only foreign people, or several foreign countries, no India."""
    if any(m.home for m in inside) or city_country(place) == "IN":
        return True
    if any(p.country == "IN" for p in who) or (len(partners) > 1 and rules.separate(clause)):
        return True  # "Singh also held separate bilateral meetings with ..."
    others = {m.country.code for m in inside if not m.home} - set(partners)
    if len(partners) > 1 or others:
        return False  # "China and the Maldives signed 20 agreements"
    abroad = city_country(place) not in (None, *partners)
    return not (who and abroad and all(p.country not in (None, "IN") for p in who))


def _local(t: rules.Trigger, offset: int) -> rules.Trigger:
    return rules.Trigger(t.kind, t.start - offset, t.end - offset, t.noun, t.weak)


def _groups(clause: str, triggers: list[rules.Trigger], partners: int) -> list[list[rules.Trigger]]:
    """Triggers (offsets in the clause) that can be one event, grouped; planned and multilateral
    ones left out."""
    groups: list[list[rules.Trigger]] = []
    for t in triggers:
        if rules.planned(clause, t.start, t.end):
            continue
        if rules.multilateral(clause, t.end) or (partners > 2 and not rules.separate(clause)):
            continue
        home = next(
            (
                g
                for g in groups
                if rules.compatible(g[0].kind, t.kind)
                or (g[0].kind == rules.VISIT and rules.purpose(clause, t))
            ),
            None,
        )
        if home is None:
            groups.append([t])
        else:
            home.append(t)
    if len(groups) > 1:  # a statement beside an event is its readout, not an event
        groups = [g for g in groups if g[0].kind != rules.STATEMENT] or groups
    return groups


def _split(base: Mention, partners: list[str]) -> list[Mention]:
    """One mention per partner country, each with its own side's people and India's."""
    if len(partners) <= 1:
        base.countries = partners
        return [base]
    out = []
    for code in partners:
        who = [p for p in base.people if p.country in (None, "IN", code)]
        out.append(Mention(**{**base.__dict__, "countries": [code], "people": who}))
    return out
