"""A running chat answers from an article another process ingested after it started: two real
processes on one data dir (embedded Chroma keeps its vectors in process memory)."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time

NEW_ARTICLE = """---
title: India, Tanzania hold talks on saffron trade in Zanzibar
source: Test Wire
published: 2025-02-03
---
External Affairs Minister S Jaishankar and Tanzanian Foreign Minister Mahmoud Kombo held talks on saffron trade and clove exports in Zanzibar on Monday, officials said.

The two ministers agreed to set up a joint working group on spice trade.
"""
QUESTION = "What did Jaishankar and Mahmoud Kombo discuss in Zanzibar?"


class Chat:
    """`bilateral chat` with piped stdin; its stdout read line by line on a thread."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_errors, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def _read_errors(self) -> None:
        assert self.proc.stderr is not None
        self.errors.extend(self.proc.stderr)

    def ask(self, question: str, timeout: float = 120) -> list[str]:
        """The lines the chat prints for one question (a bare /country after it marks the end:
        the chat answers that with a one-line hint)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{question}\n/country\n")
        self.proc.stdin.flush()
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line.startswith("Which country?"):
                return got
            if line and not line.startswith("you>"):
                got.append(line)

    def close(self) -> str:
        """Ends the chat (end of input); what it wrote on stderr."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)
        return "".join(self.errors)


def test_a_running_chat_answers_from_an_article_another_process_ingested(env, knowledge):
    first = subprocess.run(
        [sys.executable, "-m", "bot", "ingest"], capture_output=True, text=True, timeout=120
    )
    assert first.returncode == 0, first.stderr
    chat = Chat()
    try:
        before = chat.ask(QUESTION)
        assert not any("zanzibar.md" in line for line in before), before
        known = chat.ask("What did Jaishankar and Badr Albusaidi discuss?")
        assert any("000_c8cbf1aefad89011.txt" in line for line in known), known
        new = knowledge.parent / "zanzibar.md"  # outside the knowledge dir: named on its own
        new.write_text(NEW_ARTICLE, encoding="utf-8")
        other = subprocess.run(
            [sys.executable, "-m", "bot", "ingest", str(new)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert other.returncode == 0, other.stderr
        assert "1 added" in other.stdout
        after = chat.ask(QUESTION)
    finally:
        err = chat.close()
    text = "\n".join(after)
    assert "saffron" in text and "[1]" in text, text
    assert any("zanzibar.md" in line and line.startswith("[") for line in after), text
    assert "Traceback" not in err
