"""Split a paragraph into sentences that are exact substrings of it (pysbd plus a post-fix)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pysbd

# Where a sentence could end; a paragraph without one is a single sentence, no pysbd needed.
_MAYBE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")

# Titles and ranks come before a name, so a full stop after them never ends a sentence.
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sh",
        "shri",
        "smt",
        "km",
        "kum",
        "hon",
        "rev",
        "fr",
        "st",
        "mt",
        "lt",
        "gen",
        "col",
        "maj",
        "capt",
        "cpt",
        "brig",
        "adm",
        "cdr",
        "cmdr",
        "sgt",
        "cpl",
        "gov",
        "sen",
        "rep",
        "amb",
        "pres",
        "supt",
        "insp",
        "pvt",
        "vs",
        "v",
    }
)
# These end a sentence only when no number follows ("No. 10", "Rs. 500", "Dec. 4", "approx. 5").
_BEFORE_NUMBER = frozenset(
    {
        "no",
        "nos",
        "rs",
        "re",
        "art",
        "sec",
        "fig",
        "vol",
        "ch",
        "pp",
        "para",
        "approx",
        "ca",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_LAST_WORD = re.compile(r"(?:^|[\s(\[\"“‘'])([A-Za-z]+)\.[\"'”’)\]]*$")
_INITIAL = re.compile(r"(?:^|[\s(\[\"“‘'])[A-Z]\.$")  # not "U.S.": that can end a sentence


# A paragraph whose every stop is a word, the stop and one space before a capital needs no pysbd:
# its ends are those stops (checked identical to pysbd's on the development and seed articles
# and 2,000 synthetic ones). Quotes, brackets, ellipses, initials, numbers and abbreviations
# go to pysbd.
_STOP = re.compile(r"[.!?]")
_ODD = re.compile(r"[\"“”()\[\]…\n\t]|  ")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s-]))[A-Z]?[a-z]+$")


@cache
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    known = English.Abbreviation
    words = [*known.ABBREVIATIONS, *known.PREPOSITIVE_ABBREVIATIONS, *known.NUMBER_ABBREVIATIONS]
    return frozenset(w.casefold() for w in words) | _TITLES | _BEFORE_NUMBER


def _plain_ends(paragraph: str, end: int) -> list[int] | None:
    """The paragraph's sentence ends when every stop in it is plain, else None."""
    if _ODD.search(paragraph):
        return None
    ends = []
    for m in _STOP.finditer(paragraph, 0, end):
        at = m.start()
        last = at + 1 == end
        if not last and not (
            paragraph[at + 1 : at + 2] == " " and "A" <= paragraph[at + 2 : at + 3] <= "Z"
        ):
            return None
        word = _WORD_BEFORE.search(paragraph, 0, at)
        if not word or len(word.group()) < 2 or word.group().casefold() in _abbreviations():
            return None
        ends.append(at + 1)
    if not ends or ends[-1] < end:
        ends.append(end)
    return ends


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def _pysbd_ends(paragraph: str) -> list[int]:
    """End offsets of pysbd's sentences, found in the paragraph rather than trusted."""
    ends, cursor = [], 0
    for sentence in _segmenter().processor(paragraph).process():
        piece = sentence.strip()
        at = paragraph.find(piece, cursor) if piece else -1
        if at < 0:
            continue  # pysbd rewrote this text; the next sentence found will absorb it
        cursor = at + len(piece)
        ends.append(cursor)
    if not ends or ends[-1] < len(paragraph.rstrip()):
        ends.append(len(paragraph.rstrip()))
    return ends


def _false_end(before: str, after: str) -> bool:
    """Whether a split between `before` and `after` fell inside a sentence."""
    if after[:1].islower():
        return True  # sentences do not start in lower case
    if not before.endswith("."):
        return False
    if _INITIAL.search(before):
        return True  # "S. Jaishankar", "A. P. J."
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1).casefold()
    return word in _TITLES or (word in _BEFORE_NUMBER and after[:1].isdigit())


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace excluded; together they cover all the text."""
    start = len(paragraph) - len(paragraph.lstrip())
    end = len(paragraph.rstrip())
    if start >= end:
        return []
    if not _MAYBE_END.search(paragraph, start, end):
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    for stop in _plain_ends(paragraph, end) or _pysbd_ends(paragraph):
        if stop <= start:
            continue
        begin = start + len(paragraph[start:stop]) - len(paragraph[start:stop].lstrip())
        if spans and _false_end(paragraph[spans[-1][0] : spans[-1][1]], paragraph[begin:stop]):
            spans[-1] = (spans[-1][0], stop)
        else:
            spans.append((begin, stop))
        start = stop
    return spans


def split_sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, each an exact substring of it, in order."""
    return list(_split(paragraph))


@lru_cache(maxsize=8192)  # ingest splits each paragraph twice: for chunks and for engagements
def _split(paragraph: str) -> tuple[str, ...]:
    return tuple(paragraph[a:b] for a, b in sentence_spans(paragraph))
