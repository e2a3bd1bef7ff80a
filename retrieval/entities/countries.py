"""Which countries a text names: ISO names from pycountry plus aliases, abbreviations, demonyms."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from retrieval.entities import country_aliases as data
from retrieval.entities.country_names import (
    WORD,
    MentionKind,
    Phrase,
    fold,
    iso_codes,
    iso_names,
    phrase_key,
    vocabulary,
)
from retrieval.errors import UnknownCountry

# What may stand between the words of one name: "U.S.", "St. Lucia", "Guinea-Bissau", "d'Ivoire".
_JOIN = re.compile(r"[\s.'’‐‑–—-]{1,3}")
_DASHES = frozenset("-‐‑–—")
_SPACE = re.compile(r"\s")
_ADDRESS = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|co|int|nic)\b", re.I)


class Country(BaseModel, frozen=True):
    """A country as the engine names it."""

    code: str = Field(description="ISO 3166-1 alpha-2 code (XK for Kosovo).")
    name: str = Field(description="Common short name, e.g. 'Russia', 'South Korea'.")
    aliases: tuple[str, ...] = Field(description="Names, abbreviations and demonyms that mean it.")
    demonyms: tuple[str, ...] = Field((), description="The subset of aliases that are demonyms.")

    @property
    def home(self) -> bool:
        return self.code == data.HOME


class CountryMention(BaseModel, frozen=True):
    """One place where a text names a country."""

    country: Country
    surface: str = Field(description="The text as written, e.g. 'Omani' or 'U.S.'.")
    span: tuple[int, int] = Field(description="Character offsets [start, end) in the text.")
    kind: MentionKind
    home: bool = Field(description="India, the home party: recognised but never a partner.")


class CountryIndex:
    """Every country and the phrases that name it; build once and reuse."""

    def __init__(self) -> None:
        self._entries, names, aliases = vocabulary()
        self._starts = {key[0] for key in self._entries}
        self._longest = max(len(key) for key in self._entries)
        self._by_code = {
            code: Country(
                code=code,
                name=names[code],
                aliases=tuple(a for a, _ in found),
                demonyms=tuple(a for a, kind in found if kind == "demonym"),
            )
            for code, found in aliases.items()
        }
        self._codes = {k: v for k, v in iso_codes().items() if v in self._by_code}
        usable = [(k, e.code) for k, e in self._entries.items() if e.code and e.kind != "prefix"]
        self._choices = [" ".join(k) for k, _ in usable]
        self._choice_codes = [code for _, code in usable]

    @property
    def countries(self) -> list[Country]:
        return list(self._by_code.values())

    def get(self, code: str) -> Country | None:
        """The country with this ISO alpha-2 code."""
        return self._by_code.get(code.upper())

    def lookup(self, name: str) -> Country | None:
        """Exact match of a name, abbreviation, demonym or ISO code (any case and accents)."""
        for variant in dict.fromkeys((name, *iso_names(name))):  # also "Korea, Republic of"
            entry = self._entry(phrase_key(variant))
            if entry is not None and entry.code is not None and entry.kind != "prefix":
                return self._by_code[entry.code]
        written = name.strip()
        # alpha-3 codes only as written in capitals: "CAN" is Canada, "can" is not
        code = self._codes.get(written.upper() if len(written) == 2 else written)
        return self._by_code.get(code) if code else None

    def suggest(self, name: str, limit: int = 5) -> list[Country]:
        """Countries whose names are spelled most like `name`, best first ('Omman' -> Oman)."""
        return [country for country, _ in self._scored(name)[:limit]]

    def resolve(self, name: str) -> Country | None:
        """An exact match, else the fuzzy match when it is both close and clearly the best."""
        found = self.lookup(name)
        if found is not None or len(" ".join(phrase_key(name))) < 4:
            return found
        scored = self._scored(name)
        if not scored:
            return None
        runner_up = scored[1][1] if len(scored) > 1 else 0.0
        return scored[0][0] if scored[0][1] >= 80 and scored[0][1] - runner_up >= 8 else None

    def require(self, name: str) -> Country:
        """What `resolve` finds; UnknownCountry naming the partners spelled most like it if none."""
        found = self.resolve(name)
        if found is None:
            raise UnknownCountry(name, [c.name for c in self.suggest(name) if not c.home])
        return found

    def find_in_text(self, text: str, *, any_case: bool = False) -> list[CountryMention]:
        """Every country the text names, in order. Case matters only for the few names that are
        everyday words ('polish', 'guinea'; `any_case` lifts that) and for 'US' ('us' never is)."""
        words = list(WORD.finditer(text))
        folded = [fold(w.group()) for w in words]
        hits: list[tuple[int, int, Phrase, int]] = []  # first word, word count, entry, end offset
        i = 0
        while i < len(words):
            hit = self._match_at(text, words, folded, i, any_case)
            if hit is None:
                i += 1
                continue
            if hit[1].code is not None:
                hits.append((i, *hit))
            i += hit[0]
        mentions = []
        for j, (i, _, entry, end) in enumerate(hits):
            if entry.kind == "prefix" and not _hyphenated(text, words, hits, j):
                continue
            assert entry.code is not None  # hits keep only entries with a code
            start = words[i].start()
            mentions.append(
                CountryMention(
                    country=self._by_code[entry.code],
                    surface=text[start:end],
                    span=(start, end),
                    kind=entry.kind,
                    home=entry.code == data.HOME,
                )
            )
        return mentions

    def _entry(self, key: tuple[str, ...]) -> Phrase | None:
        entry = self._entries.get(key)
        if entry is None and key and key[-1].endswith("s"):  # "Saudis", "Latin Americans"
            singular = self._entries.get((*key[:-1], key[-1][:-1]))
            if singular is not None and (singular.kind == "demonym" or singular.code is None):
                return singular
        return entry

    def _match_at(
        self, text: str, words: list[re.Match[str]], folded: list[str], i: int, any_case: bool
    ) -> tuple[int, Phrase, int] | None:
        if folded[i] not in self._starts and folded[i][:-1] not in self._starts:
            return None
        reach = 1  # how many words from i stand close enough together to form one name
        while (
            reach < self._longest
            and i + reach < len(words)
            and _JOIN.fullmatch(text, words[i + reach - 1].end(), words[i + reach].start())
        ):
            reach += 1
        for n in range(reach, 0, -1):
            entry = self._entry(tuple(folded[i : i + n]))
            if entry is None or not _accepts(entry, words[i : i + n], any_case):
                continue
            end = words[i + n - 1].end()
            if entry.kind == "abbreviation" and text.startswith("$", end):
                continue  # "US$": a currency
            if _in_address(text, words[i].start(), end):
                continue
            if entry.dotted and text.startswith(".", end):
                end += 1
            return n, entry, end
        return None

    def _scored(self, name: str) -> list[tuple[Country, float]]:
        query = " ".join(phrase_key(name))
        best: dict[str, float] = {}
        if query:
            for _, score, idx in process.extract(
                query, self._choices, scorer=fuzz.token_sort_ratio, limit=60, score_cutoff=50
            ):
                best.setdefault(self._choice_codes[idx], score)
        return [(self._by_code[code], score) for code, score in best.items()]


def _accepts(entry: Phrase, words: list[re.Match[str]], any_case: bool) -> bool:
    if entry.code is None:
        return True
    if entry.exact is not None:
        return tuple(w.group() for w in words) == entry.exact
    return any_case or not entry.capital or words[0].group()[0].isupper()


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the match is part of a web or mail address ('bbc.co.uk', 'oman.gov.om')."""
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = len(text) if (cut := _SPACE.search(text, end)) is None else cut.start()
    return bool(_ADDRESS.search(text, left, right))


def _hyphenated(
    text: str, words: list[re.Match[str]], hits: list[tuple[int, int, Phrase, int]], j: int
) -> bool:
    """Whether hit j is dashed to a neighbouring country ('Indo-US', not 'Indo-Pacific')."""
    first, count, _, end = hits[j]
    gaps = []
    if j > 0 and hits[j - 1][0] + hits[j - 1][1] == first:
        gaps.append(text[hits[j - 1][3] : words[first].start()])
    if j + 1 < len(hits) and first + count == hits[j + 1][0]:
        gaps.append(text[end : words[hits[j + 1][0]].start()])
    return any(len(gap) <= 3 and _DASHES & set(gap) for gap in gaps)


def partners(mentions: Iterable[CountryMention]) -> list[CountryMention]:
    """The mentions that are not India."""
    return [m for m in mentions if not m.home]


@cache
def default_index() -> CountryIndex:
    """One shared index for callers that do not hold their own."""
    return CountryIndex()


def partner_countries(text: str, index: CountryIndex | None = None) -> list[str]:
    """ISO codes of the partner countries a text names, most mentioned first, then first named."""
    mentions = partners((index or default_index()).find_in_text(text))
    counts = Counter(m.country.code for m in mentions)
    return sorted(counts, key=lambda code: -counts[code])
