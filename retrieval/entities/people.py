"""People an article names with a role ('US secretary of state Antony Blinken'), their country,
and later bare mentions of them ('Blinken', 'Singh-Baram', 'He')."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from retrieval.entities.cities import CITIES
from retrieval.entities.countries import CountryIndex, CountryMention
from retrieval.entities.roles import (
    POSSESSIVE,
    TOKEN,
    bare_word,
    city_before,
    country_of,
    has_head,
    name_runs,
    role_start,
)

_OF_COUNTRY = re.compile(r"^\s+of\s+(?:the\s+)?")
_PRONOUN = re.compile(r"^\s*(?:He|She)\b")
_CAPS = r"[A-Z][\w'’.-]*"
# A name with no role is a person when it meets, calls, visits ("Modi and Putin held talks").
_SUBJECT_OF_EVENT = re.compile(
    rf"(?:\s+and\s+{_CAPS}(?:\s+{_CAPS}){{0,3}})?\s+(?:also\s+|on\s+\w+\s+|today\s+)?"
    r"(?:met|meets|held|holds|spoke|speaks|dialled|dialed|called|visited|visits|signed|signs"
    r"|hosted|hosts|co-chaired|chaired|arrived|travell?ed)\b"
)
_OBJECT_OF_EVENT = re.compile(
    r"\b(?:met|meets|called\s+on|dialled|dialed|hosted|hosts"
    r"|spoke\s+(?:to|with)|talks\s+with|call\s+with)\s+$"
)


@dataclass
class Person:
    name: str
    written: str  # the fullest form the article gives, role included
    country: str | None  # ISO code; "IN" for India's side; None when the text does not say
    first_seen: int = 0
    bare: bool = False  # named without a role, known only as the subject or object of an event

    @property
    def key(self) -> str:
        return self.name.split()[-1].casefold()


@dataclass
class People:
    """Everyone an article names with a role, found in a first pass over all its sentences."""

    by_key: dict[str, list[Person]] = field(default_factory=dict)

    def learn(self, sentence: str, mentions: list[CountryMention], position: int) -> None:
        tokens = list(TOKEN.finditer(sentence))
        for first, last in name_runs(tokens, mentions):
            start = role_start(tokens, first, mentions)
            name_end = tokens[last].end()
            name = POSSESSIVE.sub("", sentence[tokens[first].start() : name_end])
            begin = city_before(sentence, tokens[start].start()) if start < first else None
            begin = tokens[start].start() if begin is None else begin
            role = sentence[begin : tokens[first].start()] if start < first else ""
            country = country_of(role, mentions, begin, tokens[first].start())
            tail = _OF_COUNTRY.match(sentence[name_end:])
            if country is None and tail:
                after = [m for m in mentions if m.span[0] == name_end + tail.end()]
                country = after[0].country.code if after else None
            if not (has_head(role) or (tail and country and last > first)):
                continue  # "Badr Albusaidi of Oman" is a person; "Representatives of India" not
            written = POSSESSIVE.sub("", sentence[begin:name_end]).strip(" ,")
            self._add(Person(name, written, country, position))

    def _add(self, person: Person) -> None:
        same = self.by_key.setdefault(person.key, [])
        for known in same:
            if set(person.name.split()) <= set(known.name.split()) or set(
                known.name.split()
            ) <= set(person.name.split()):
                if len(person.written) > len(known.written) and known.written == known.name:
                    known.written = person.written
                known.country = known.country or person.country
                if len(person.name) > len(known.name):
                    known.name = person.name
                return
        same.append(person)

    def find(
        self, sentence: str, mentions: list[CountryMention], position: int, previous: list[Person]
    ) -> list[Person]:
        """The known people a sentence names, in order; a leading 'He' is the last subject."""
        found: list[Person] = []
        if _PRONOUN.match(sentence) and previous:
            found.append(previous[0])
        tokens = list(TOKEN.finditer(sentence))
        for first, last in name_runs(tokens, mentions):
            words = [bare_word(t.group()) for t in tokens[first : last + 1] if t.group() != "."]
            person = None
            for i in range(len(words) - 1, -1, -1):  # the surname, else a word before it
                person = self._pick(words[i].casefold(), set(words[: i + 1]), position)
                if person is not None:
                    break
            start, end = tokens[first].start(), tokens[last].end()
            if person is None and (
                _SUBJECT_OF_EVENT.match(sentence, end) or _OBJECT_OF_EVENT.search(sentence[:start])
            ):
                name = POSSESSIVE.sub("", sentence[start:end])
                if name not in CITIES:
                    person = Person(name, name, None, position, bare=True)
            if person is not None and person not in found:
                found.append(person)
        return found

    def _pick(self, key: str, words: set[str], position: int) -> Person | None:
        fits = [
            p for p in self.by_key.get(key, ()) if words <= {bare_word(w) for w in p.name.split()}
        ]
        if not fits:
            return None
        before = [p for p in fits if p.first_seen <= position]
        return (before or fits)[-1]


def lead_person(people: list[Person]) -> list[Person]:
    """The first person on India's side (or of unknown side) in a sentence, for a following 'He'."""
    return [p for p in people if p.country in (None, "IN")][:1]


def index_people(sentences: list[str], index: CountryIndex) -> tuple[People, list[list]]:
    """Learn everyone, then return the country mentions of each sentence for reuse."""
    people = People()
    mentions = [index.find_in_text(s) for s in sentences]
    for i, (sentence, found) in enumerate(zip(sentences, mentions, strict=True)):
        people.learn(sentence, found, i)
    return people, mentions
