"""Discord's size limits, and cutting text to fit them (in UTF-16 units, as Discord counts)."""

from __future__ import annotations

import re

CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
EMBED_FIELDS = 25
FOOTER = 2048
EMBED_TOTAL = 6000  # all embeds of one message together
EMBEDS_PER_MESSAGE = 10
CHOICES = 25
CHOICE_TEXT = 100
ELLIPSIS = "…"

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
_SPACE = re.compile(r"\s")


def size(text: str) -> int:
    """Length as Discord counts it: UTF-16 code units (an emoji can count 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _prefix(text: str, limit: int) -> str:
    """The longest prefix of text whose size is at most limit, never splitting a character."""
    if size(text) <= limit:
        return text
    used = 0
    for i, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit:
            return text[:i]
    return text


def clip(text: str, limit: int) -> str:
    """text, or its start with an ellipsis, within limit."""
    if size(text) <= limit:
        return text
    if limit <= 0:
        return ""
    return _prefix(text, limit - 1).rstrip() + ELLIPSIS


def _cut_point(text: str) -> int:
    """Where to cut a too-long prefix: after its last sentence, else at its last space."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if ends and ends[-1] >= len(text) // 3:
        return ends[-1]
    spaces = [m.start() for m in _SPACE.finditer(text)]
    if spaces and spaces[-1] >= len(text) // 2:
        return spaces[-1]
    return len(text)


def shorten(text: str, limit: int, note: str = "") -> str:
    """text cut at a sentence boundary to fit limit, with note appended when it was cut."""
    if size(text) <= limit:
        return text
    room = limit - size(note)
    if room <= 0:
        return clip(text, limit)
    head = _prefix(text, room)
    head = head[: _cut_point(head)].rstrip()
    return head + note if head else clip(text, limit)


def split_text(text: str, limit: int) -> list[str]:
    """text in pieces of at most limit, split at sentence boundaries where one is near."""
    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if size(rest) <= limit:
            pieces.append(rest)
            break
        head = _prefix(rest, limit)
        head = head[: _cut_point(head)].rstrip() or head or rest[:1]
        pieces.append(head)
        rest = rest[len(head) :].strip()
    return pieces


def pack_lines(lines: list[str], limit: int) -> list[tuple[str, int]]:
    """Lines joined into chunks of at most limit: (chunk, how many lines it holds)."""
    chunks: list[tuple[str, int]] = []
    current: list[str] = []
    used = 0
    for line in lines:
        line = clip(line, limit)
        cost = size(line) + (1 if current else 0)
        if current and used + cost > limit:
            chunks.append(("\n".join(current), len(current)))
            current, used, cost = [], 0, size(line)
        current.append(line)
        used += cost
    if current:
        chunks.append(("\n".join(current), len(current)))
    return chunks


def embed_violations(embeds: list[dict], content: str | None = None) -> list[str]:
    """Every Discord limit a message (embeds as dicts: Embed.to_dict()) breaks; [] if none."""
    problems = []
    if content and size(content) > CONTENT:
        problems.append(f"content {size(content)} > {CONTENT}")
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds > {EMBEDS_PER_MESSAGE}")
    total = 0
    for i, e in enumerate(embeds):
        parts = {
            "title": (e.get("title") or "", EMBED_TITLE),
            "description": (e.get("description") or "", EMBED_DESCRIPTION),
            "footer": ((e.get("footer") or {}).get("text") or "", FOOTER),
            "author": ((e.get("author") or {}).get("name") or "", EMBED_TITLE),
        }
        fields = e.get("fields") or []
        if len(fields) > EMBED_FIELDS:
            problems.append(f"embed {i}: {len(fields)} fields > {EMBED_FIELDS}")
        for j, f in enumerate(fields):
            parts[f"field {j} name"] = (f.get("name") or "", FIELD_NAME)
            parts[f"field {j} value"] = (f.get("value") or "", FIELD_VALUE)
            if not f.get("name") or not f.get("value"):
                problems.append(f"embed {i}: field {j} is empty")
        for name, (text, limit) in parts.items():
            total += size(text)
            if size(text) > limit:
                problems.append(f"embed {i}: {name} {size(text)} > {limit}")
    if total > EMBED_TOTAL:
        problems.append(f"embeds total {total} > {EMBED_TOTAL}")
    return problems
