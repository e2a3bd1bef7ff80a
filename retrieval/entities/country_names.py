"""Every phrase that names a country: ISO's names, the alias tables and regular demonyms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

import pycountry

from retrieval.entities import country_aliases as data

MentionKind = Literal["name", "abbreviation", "demonym", "prefix"]
WORD = re.compile(r"[^\W\d_]+")
_KIND_ORDER = {"name": 0, "abbreviation": 1, "demonym": 2, "prefix": 3}


@dataclass(frozen=True, slots=True)
class Phrase:
    """What a phrase (a tuple of folded words) names, and when it may be taken to."""

    code: str | None  # None: a phrase that blocks matching, such as "Indian Ocean"
    kind: MentionKind
    exact: tuple[str, ...] | None = None  # "US" matches in this case only, never "us"
    capital: bool = False  # "Polish", not "polish" (unless any_case)
    dotted: bool = False  # "U.S.": the final dot belongs to the mention


def fold(word: str) -> str:
    """Lower case without accents: 'Türkiye' -> 'turkiye'."""
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
    return word.lower()


def phrase_key(phrase: str) -> tuple[str, ...]:
    key = tuple(fold(w) for w in WORD.findall(phrase))
    return key[1:] if len(key) > 1 and key[0] == "the" else key


def iso_names(raw: str) -> list[str]:
    """ISO's inverted names in reading order: 'Korea, Republic of' -> 'Republic of Korea'."""
    note = re.search(r" \(([^)]*)\)", raw)
    base = raw.replace(note[0], "") if note else raw
    # a closing note is another name ("Falkland Islands (Malvinas)"), unless it says "part"
    names = [note[1]] if note and raw.endswith(")") and "part" not in note[1] else []
    head, comma, tail = base.partition(", ")
    if not comma:
        names.insert(0, base)
    elif tail.endswith((" of", " of the")) or " " not in tail:
        names.insert(0, f"{tail} {head}")
    return [n.removeprefix("the ").removeprefix("The ") for n in names]


def _regular_demonym(name: str) -> str | None:
    if " of " in name or " and " in name:
        return None
    if name.endswith("a"):
        return name + "n"  # Kenya -> Kenyan, India -> Indian
    return name + "an" if name.endswith("i") else None  # Mali -> Malian


def _candidates() -> tuple[dict[str, str], list[tuple[int, str | None, str, MentionKind]]]:
    """Display names, and (rank, code, alias, kind) rows; a higher rank wins a shared alias."""
    names: dict[str, str] = {}
    rows: list[tuple[int, str | None, str, MentionKind]] = []
    for record in pycountry.countries:
        if record.alpha_2 in data.EXCLUDED:
            continue
        fields = (
            record.name,
            getattr(record, "common_name", None),
            getattr(record, "official_name", None),
        )
        iso = [n for raw in fields if raw for n in iso_names(raw)]
        common = getattr(record, "common_name", None)
        names[record.alpha_2] = data.SHORT_NAMES.get(record.alpha_2) or common or iso[0]
        rows.extend((1, record.alpha_2, n, "name") for n in iso)
    names.update(data.EXTRA_COUNTRIES)
    for code, name in names.items():
        others = data.NAMES.get(code, ())
        rows.extend((2, code, n, "name") for n in (name, *others))
        if code in data.DEMONYMS:
            rows.extend((2, code, d, "demonym") for d in data.DEMONYMS[code])
        else:
            regular = dict.fromkeys(_regular_demonym(n) for n in (name, *others))
            rows.extend((0, code, d, "demonym") for d in regular if d)
    for code, abbreviations in data.ABBREVIATIONS.items():
        rows.extend((3, code, a, "abbreviation") for a in abbreviations)
    rows.extend((3, code, p, "prefix") for p, code in data.PREFIXES.items())
    rows.extend((4, None, phrase, "name") for phrase in data.BLOCKED)
    rows.sort(key=lambda row: row[0])
    return names, rows


def iso_codes() -> dict[str, str]:
    """Alpha-2 and alpha-3 codes, each mapped to its alpha-2 code."""
    codes = {r.alpha_3: r.alpha_2 for r in pycountry.countries} | {"XKX": "XK", "XK": "XK"}
    return codes | {r.alpha_2: r.alpha_2 for r in pycountry.countries}


Phrases = dict[tuple[str, ...], Phrase]
Aliases = dict[str, list[tuple[str, MentionKind]]]


def vocabulary() -> tuple[Phrases, dict[str, str], Aliases]:
    """Every phrase and what it names; each country's display name; each country's aliases
    (names first, then abbreviations, then demonyms)."""
    names, rows = _candidates()
    phrases: Phrases = {}
    for _, code, alias, kind in rows:
        key = phrase_key(alias)
        exact = tuple(WORD.findall(alias)) if alias in data.WORD_ABBREVIATIONS else None
        phrases[key] = Phrase(
            code,
            kind,
            exact=exact,
            capital=" ".join(key) in data.NEEDS_CAPITAL,
            dotted=alias.endswith("."),
        )
        if key[0] == "saint":  # "St Lucia", "St. Kitts"
            phrases[("st", *key[1:])] = phrases[key]
    owned: dict[str, dict[str, MentionKind]] = {code: {names[code]: "name"} for code in names}
    for _, code, alias, kind in rows:
        if code and kind != "prefix" and phrases[phrase_key(alias)].code == code:
            owned[code].setdefault(alias, kind)
    aliases = {
        code: sorted(found.items(), key=lambda item: _KIND_ORDER[item[1]])
        for code, found in owned.items()
    }
    return phrases, names, aliases
