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
