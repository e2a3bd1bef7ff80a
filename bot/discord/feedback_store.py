"""FeedbackStore: the answers the bot gave and the 👍/👎 votes on them, in one SQLite file."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from retrieval import Answer

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    origin_id INTEGER PRIMARY KEY, question TEXT, answer TEXT, citations TEXT, mode TEXT, at TEXT);
CREATE TABLE IF NOT EXISTS votes (
    message_id INTEGER, user_hash TEXT, vote TEXT CHECK (vote IN ('up', 'down')),
    question TEXT, answer TEXT, citations TEXT, at TEXT, PRIMARY KEY (message_id, user_hash));
"""


def hash_user(user_id: int) -> str:
    """Votes keep no Discord ids: a sha256 of the id stands for the user."""
    return hashlib.sha256(f"bilateral-feedback:{user_id}".encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackStore:
    """Blocking and thread-safe; the bot calls it through asyncio.to_thread."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:  # opened on first use, so building the bot touches no file
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.executescript(SCHEMA)
        return self._db

    def remember(self, origin_id: int, answer: Answer) -> None:
        """Keeps an answer under what asked for it (the slash command's interaction, or the
        message replied to), stored before the answer is sent so that no click can come first."""
        citations = json.dumps([c.model_dump(mode="json") for c in answer.citations])
        with self._lock, self._conn() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (origin_id, answer.question, answer.answer, citations, answer.mode, _now()),
            )

    def record(
        self,
        message_id: int,
        origin_id: int,
        user_id: int,
        vote: str,
        *,
        fallback: tuple[str, str] = ("", ""),
    ) -> None:
        """Stores one user's vote on one answer message (a second click replaces the first)."""
        with self._lock, self._conn() as db:
            row = db.execute(
                "SELECT question, answer, citations FROM answers WHERE origin_id = ?",
                (origin_id,),
            ).fetchone()
            question, answer, citations = row or (*fallback, "[]")
            db.execute(
                "INSERT OR REPLACE INTO votes VALUES (?, ?, ?, ?, ?, ?, ?)",
                (message_id, hash_user(user_id), vote, question, answer, citations, _now()),
            )

    def votes(self) -> list[dict]:
        with self._lock:
            cursor = self._conn().execute("SELECT * FROM votes ORDER BY at")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
