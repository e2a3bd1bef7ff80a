"""The chat keeps a conversation: a follow-up is read in its light and says how, `/new` starts
afresh; `chat --json` scripts the same (real model, seed articles, a subprocess each)."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = (
    "What did Jaishankar discuss with Badr Albusaidi?\n"
    "when was that?\n"
    "who did amir baram meet\n"
    "/new\n"
    "when was that?\n"
)
UNDERSTOOD = "when was that? (following up: What did Jaishankar discuss with Badr Albusaidi?)"


def chat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", *args],
        input=SCRIPT,
        text=True,
        capture_output=True,
        timeout=180,
    )


def test_the_chat_shows_how_a_follow_up_was_read_and_new_starts_afresh(env):
    result = chat()
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("↳ understood as:") == 1  # the follow-up; not the new subject, not after /new
    assert f"↳ understood as: {UNDERSTOOD}" in out
    assert "3 December 2025" in out.split("who did amir baram meet")[0]
    assert "New conversation: earlier questions no longer count." in out
    assert "Traceback" not in result.stderr


def test_chat_json_prints_one_object_per_turn(env):
    result = chat("--json")
    assert result.returncode == 0, result.stderr
    turns = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(turns) == 5
    first, when, baram, new, again = turns
    assert first["understood_as"] is None and first["citations"]
    assert when["understood_as"] == UNDERSTOOD and "3 December 2025" in when["answer"]
    assert when["citations"][0]["path"] == first["citations"][0]["path"]
    assert baram["understood_as"] is None and "Baram" in baram["answer"]
    assert new == {"new_conversation": True}
    assert again["understood_as"] is None  # nothing to follow up on after /new
    assert {"question", "answer", "refused", "citations", "mode"} <= set(first)


def test_after_a_country_brief_a_follow_up_is_about_that_country(env):
    chat_run = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="/country Japan\nwhat did they talk about\n",
        text=True,
        capture_output=True,
        timeout=180,
    )
    out = chat_run.stdout.split("you> what did they talk about")[1]
    assert "↳ understood as: what did they talk about (following up: India and Japan)" in out
    assert "002_47edb2752374cd4b.txt" in out  # the Japan article
