"""Where an engagement took place: 'in New Delhi', 'Baram's New Delhi visit', 'on the sidelines
of ...', and the country of a capital or major city when the text names only the city."""

from __future__ import annotations

import re

from retrieval.entities.cities import CITIES
from retrieval.entities.roles import ROLE_WORDS
from retrieval.vocabulary import NOT_PLACE_WORDS as _NOT_PLACES

_WORD = r"[A-Z][\w'’.-]*"
_PROPER = rf"{_WORD}(?:\s+(?:of\s+|de\s+|es\s+)?{_WORD}){{0,3}}"
_IN = re.compile(rf"\b(?i:in|at)\s+(?:the\s+)?(?P<p>{_PROPER})")
_TO = re.compile(
    rf"\b(?:visit|visits|visited|trip|travell?ed|arrived|tour)\s+(?:to\s+|in\s+)?"
    rf"(?P<p>{_PROPER})"
)
_BEFORE_VISIT = re.compile(rf"(?P<p>{_PROPER})\s+visit\b")
_SIDELINES = re.compile(
    r"\b(?:on|at)\s+the\s+(?:sidelines|margins)\s+of\s+(?P<p>[^,;.]+?)"
    r"(?=\s*[,;.]|\s+(?:here|in|on|where|which|when|and|to)\b|$)"
)


def _clean(place: str, is_country) -> str | None:
    words = place.split()
    while words and re.sub(r"['’]s$|\.$", "", words[-1]).casefold() in ROLE_WORDS | _NOT_PLACES:
        words.pop()  # "in Tokyo Foreign Minister": the place ends before the role
    if not words or words[0].casefold() in _NOT_PLACES | ROLE_WORDS:
        return None
    text = re.sub(r"['’]s$", "", " ".join(words)).rstrip(".")
    return text if text in CITIES or is_country(text) or len(words) <= 3 else None


def _pieces(found: str, pattern: re.Pattern[str]) -> list[str]:
    """'Baram's New Delhi' before 'visit' may be 'New Delhi'; 'India Monday' after 'to', 'India'."""
    words = found.split()
    if pattern is _BEFORE_VISIT:
        return [" ".join(words[i:]) for i in range(len(words))]
    if pattern is _IN:
        return [found]  # "at Hyderabad House" is not Hyderabad
    return [" ".join(words[:i]) for i in range(len(words), 0, -1)]


def find_place(clause: str, is_country) -> str | None:
    """The city or country where the clause's event happened, with a sidelines note if any:
    a known city or country first, else another proper name after 'in' or 'at'."""
    found, other = None, None
    for pattern in (_BEFORE_VISIT, _TO, _IN):
        for m in pattern.finditer(clause):
            for piece in _pieces(m["p"], pattern):
                place = _clean(piece, is_country)
                if place and (place in CITIES or is_country(place)):
                    found = place
                    break
                if place and pattern is _IN and other is None and not place.isupper():
                    other = place  # "at Hyderabad House"; not "at the SCO"
            if found:
                break
        if found:
            break
    found = found or other
    side = _SIDELINES.search(clause)
    if side:
        note = f"sidelines of {side['p'].strip()}"
        return f"{found}, {note}" if found else note
    return found


def city_country(place: str | None) -> str | None:
    """ISO code of the country a named city is in ('Muscat' -> 'OM')."""
    if not place:
        return None
    return CITIES.get(place.split(",")[0].strip())
