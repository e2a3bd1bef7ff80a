"""What kind of answer a question wants, from its wording: a date, a place, a person and a number
want a sentence or two; what was discussed, what was signed and lists want room."""

from __future__ import annotations

import re

SHORT_KINDS = ("when", "where", "who", "how_many")

_KIND_PATTERNS = (
    (
        "list",
        r"^list\b|\b(?:list|name) (?:the|all|every)\b|\band\b.*\?.*\?|\b(?:what|which) \w+.*\band (?:what|which|who|when|where|how)\b",
    ),
    (
        "agreements",
        r"\b(?:sign(?:ed)?|agreements?|mous?|memorand\w*|pacts?|deals?|treat(?:y|ies)"
        r"|exchanged|swap\w*)\b",
    ),
    (
        "how_many",
        r"\bhow (?:many|much|often|long)\b|\b(?:figures?|value|worth|volume|amount|number of)\b",
    ),
    ("when", r"^(?:\W*\w+\W+){0,2}when\b|\bwhat (?:date|day|year|month)\b|\bwhen\b"),
    ("where", r"\bwhere\b|\bwhich (?:city|place|venue)\b|\bin which city\b"),
    (
        "who",
        r"\bwho(?:m|se)?\b|\bwhich (?:\w+ )?(?:officials?|ministers?|leaders?|minister|"
        r"president|people|persons?)\b",
    ),
)


def question_kind(text: str) -> str:
    low = text.lower()
    for kind, pattern in _KIND_PATTERNS:
        if re.search(pattern, low):
            return kind
    return "what"


def wants_room(kind: str) -> bool:
    return kind not in SHORT_KINDS


# What an answer of each kind holds: a place, a person, a time, a signing, a count or an amount
# (the answerer favours such sentences; abstention withholds an answer without one)
PLACE = re.compile(r"\b(?:in|at|to|here)\b(?: the)? ?[A-Z]|\bsidelines\b|\bhere\b")
PERSON = re.compile(r"\b[A-Z][a-z]+ (?:[A-Z][a-z]+ ?){1,3}")
TIME = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|"
    r"December|week|month|year|yesterday|today|tomorrow|(?:19|20)\d\d)\b"
)
SIGNED = re.compile(
    r"\b(?:sign\w*|ink\w*|agreements?|mous?|memorand\w*|pacts?|deals?|treat(?:y|ies)|"
    r"accords?|protocols?|joint (?:statement|declaration|vision)|exchanged (?:the )?(?:mous?|"
    r"agreements?|documents?))\b",
    re.I,
)
_MONTH_WORD = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$", re.I)
_AMOUNT_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
    r"thousands?|millions?|billions?|crores?|lakhs?|several|multiple)\b|[$€£₹]\s?\d|\d\s?%",
    re.I,
)
_THE_TWO = re.compile(
    r"\b(?:the|both) two (?:countries|sides|nations|leaders|ministers|neighbours|governments)\b",
    re.I,
)
_DIGITS = re.compile(r"(?<![\w.,])(\d[\d,.]*)(st|nd|rd|th)?\b")


def has_quantity(text: str) -> bool:
    """A count or an amount: a number that is not a year, an ordinal, nor a day of a month."""
    text = _THE_TWO.sub(" ", text)  # "the two countries" counts nothing
    if _AMOUNT_WORDS.search(text):
        return True
    for m in _DIGITS.finditer(text):
        number, suffix = m.groups()
        if suffix or re.fullmatch(r"(?:19|20)\d\d", number):
            continue
        before = text[: m.start()].split()[-1:] or [""]
        after = text[m.end() :].split()[:1] or [""]
        if _MONTH_WORD.match(before[0]) or _MONTH_WORD.match(after[0].strip(",.")):
            continue
        return True
    return False


_WANTED = {
    "how_many": has_quantity,
    "agreements": lambda text: bool(SIGNED.search(text)),
    "when": lambda text: bool(TIME.search(text)),
    "where": lambda text: bool(PLACE.search(text)),
    "who": lambda text: bool(PERSON.search(text)),
}


def holds_wanted(kind: str, text: str) -> bool:
    """The text holds what a question of this kind asks for (always, for the open kinds)."""
    check = _WANTED.get(kind)
    return check is None or check(text)
