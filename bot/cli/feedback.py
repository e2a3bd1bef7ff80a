"""`bilateral feedback`: the 👍/👎 votes the Discord bot stored, gathered by answer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class AnswerVotes:
    """One answer message and the votes on it."""

    message_id: int
    question: str
    answer: str
    cited: list[str] = field(default_factory=list)
    up: int = 0
    down: int = 0
    last: str = ""  # when the latest vote came (ISO, UTC)
    order: int = 0  # the latest vote's place among all votes: ties of `last` go by it

    def as_json(self) -> dict:
        return {
            "message_id": self.message_id,
            "question": self.question,
            "answer": self.answer,
            "cited": self.cited,
            "up": self.up,
            "down": self.down,
            "last_vote": self.last,
        }


def _cited(citations: str | None) -> list[str]:
    try:
        items = json.loads(citations or "[]")
    except json.JSONDecodeError:
        return []
    paths = [c.get("url") or c.get("path") for c in items if isinstance(c, dict)]
    return list(dict.fromkeys(p for p in paths if p))


def votes_by_answer(db: Path) -> list[AnswerVotes]:
    """Every answer with a vote, the most recently voted on first; [] when no vote was cast."""
    if not Path(db).is_file():  # read only: no file is made for nothing to report
        return []
    from bot.discord.feedback_store import FeedbackStore

    store = FeedbackStore(db)
    try:
        rows = store.votes()
    finally:
        store.close()
    answers: dict[int, AnswerVotes] = {}
    for order, row in enumerate(rows):  # oldest vote first
        entry = answers.get(row["message_id"])
        if entry is None:
            entry = answers[row["message_id"]] = AnswerVotes(
                row["message_id"], row["question"] or "", row["answer"] or ""
            )
        entry.cited = _cited(row["citations"]) or entry.cited
        entry.up += row["vote"] == "up"
        entry.down += row["vote"] == "down"
        entry.last, entry.order = max(entry.last, row["at"] or ""), order
    return sorted(answers.values(), key=lambda a: (a.last, a.order), reverse=True)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def feedback_lines(answers: list[AnswerVotes], limit: int) -> list[str]:
    """A summary line, then per answer: votes, date and question; the answer; what it cited."""
    if not answers:
        return [
            "No feedback yet: votes appear here once people click 👍/👎 under the bot's answers."
        ]
    up, down = sum(a.up for a in answers), sum(a.down for a in answers)
    lines = [f"{up + down} votes on {len(answers)} answers: {up} 👍, {down} 👎"]
    for entry in answers[:limit]:
        lines += [
            "",
            f"👍 {entry.up}  👎 {entry.down}  {entry.last[:10]}  {_clip(entry.question, 100)}",
            f"    {_clip(entry.answer, 160)}",
        ]
        if entry.cited:
            lines.append(f"    cited: {', '.join(entry.cited)}")
    if len(answers) > limit:
        lines += ["", f"… and {len(answers) - limit} more (--limit)"]
    return lines
