"""A message read as people type it in a channel: mentions and the address in front dropped
("@Bilateral hey bot, ..."), short forms and ordinals spelt the way articles spell them
("wht did the eam n the kenyan fm discuss" -> "what did the external affairs minister and ...")."""

from __future__ import annotations

import re

from retrieval.vocabulary import ADDRESS_WORDS, ORDINALS, SHORT_FORMS

_MENTION = re.compile(r"<[@#][!&]?\d+>|@\w+")
_EDGE = ",.;:!?\"'()"


def strip_address(text: str) -> str:
    """'<@123> hey bot, what did...' -> 'what did...'; a message of only address words stays."""
    text = _MENTION.sub(" ", text)
    words = text.split()
    kept = list(words)
    while kept and kept[0].strip(_EDGE + "-").lower() in ADDRESS_WORDS:
        kept.pop(0)
    return " ".join(kept or words).strip(" ,:;-")


def expand(text: str) -> str:
    """Short forms spelt out; an ordinal keeps both spellings ('1st first'). A capitalised short
    form that is a word of its own ('US', 'W') is left as typed."""
    out = []
    for token in text.split():
        core = token.strip(_EDGE).lower()
        tail = token[len(token.rstrip(_EDGE)) :]
        if core in SHORT_FORMS and not (len(core) == 1 and token.strip(_EDGE).isupper()):
            out.append(SHORT_FORMS[core] + tail)
        elif core in ORDINALS:
            out.append(f"{token.strip(_EDGE)} {ORDINALS[core]}{tail}")
        else:
            out.append(token)
    return " ".join(out)


def normalise(question: str) -> str:
    return expand(strip_address(question))
