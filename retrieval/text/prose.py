"""Whether extracted page text is an article body: prose sentences, not a list of links."""

from __future__ import annotations

import re

from retrieval.tuning import BodyTuning

_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")


def is_prose(line: str, min_words: int) -> bool:
    """A line that reads as a sentence or paragraph: enough words, ending like a sentence."""
    line = line.strip()
    return len(line.split()) >= min_words and bool(_ENDS_SENTENCE.search(line))


def why_not_article(text: str, tuning: BodyTuning) -> str | None:
    """None for an article body; else the one-line reason it is not one (nothing there, only
    navigation-like short lines, or too little prose)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "no article text on the page"
    prose = [line for line in lines if is_prose(line, tuning.min_words)]
    if not prose:
        return f"navigation only: {len(lines)} short lines and no sentence of prose"
    chars = sum(len(line) for line in prose)
    if chars < tuning.min_chars:
        return (
            f"too short for an article ({chars} characters of prose; at least {tuning.min_chars})"
        )
    return None
