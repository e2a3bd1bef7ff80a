"""The answer log: one JSON line per answer given to a person, in answers.jsonl in the data dir,
rotated by size. It holds the question and what answered it, never who asked (no user ids, no
tokens), so whoever runs the bot can see what people ask and what goes unanswered."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from retrieval.data_dir import file_lock
from retrieval.settings import Settings
from retrieval.types import Answer

log = logging.getLogger(__name__)

FILE_NAME = "answers.jsonl"


class AnswerLog:
    """Appends entries to `path`; past `max_bytes` the file becomes `path.1` (`.1` becomes `.2`,
    ... up to `keep`). Several processes may write at once (the CLI and the bot): a lock file
    beside the log makes each append and each rotation whole."""

    def __init__(self, path: Path, max_bytes: int, keep: int = 3) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.keep = keep

    @classmethod
    def for_settings(cls, settings: Settings) -> AnswerLog | None:
        """The log the settings ask for (None when BILATERAL_ANSWER_LOG_MB is 0)."""
        if not settings.answer_log_mb:
            return None
        size = int(settings.answer_log_mb * 1_000_000)
        return cls(settings.data_dir / FILE_NAME, size, settings.answer_log_files)

    @staticmethod
    def entry(answer: Answer, front_end: str, seconds: float) -> dict:
        """What one answer leaves in the log."""
        cited = [c.path for c in answer.citations]
        return {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "front_end": front_end,
            "question": answer.question,
            "refused": answer.refused,
            "cited": list(dict.fromkeys(cited)),  # each file once, in order of first citation
            "latency_ms": round(seconds * 1000),
        }

    def write(self, answer: Answer, front_end: str, seconds: float) -> None:
        """Appends one answer. A log that cannot be written costs a warning, never the answer."""
        line = json.dumps(self.entry(answer, front_end, seconds), ensure_ascii=False) + "\n"
        try:
            with self._locked():
                if self._size() + len(line.encode()) > self.max_bytes and self._size():
                    self._rotate()
                with open(self.path, "a", encoding="utf-8") as handle:
                    handle.write(line)
        except OSError as exc:
            log.warning("cannot write the answer log %s: %s", self.path, exc)

    def _size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def _rotate(self) -> None:
        for n in range(self.keep - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{n + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))

    def _locked(self):
        return file_lock(self.path.with_name(f"{self.path.name}.lock"))
