"""What the CLI and the bot write to the answer log, and `bilateral feedback` reading the votes
the bot stored."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from bot.cli.commands import app
from bot.discord.feedback_store import FeedbackStore
from retrieval.types import Answer, Citation


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def logged(env) -> list[dict]:
    path = env / "data" / "answers.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ask_and_chat_log_each_answer_with_their_front_end(env):
    assert (
        run(
            "ask",
            "--json",
            "What did India and Oman discuss?",
            "What did Modi and Putin agree at the 2019 Vladivostok summit?",
        ).exit_code
        == 0
    )
    chat = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="What did India and Russia discuss?\n/sources\n",
        text=True,
        capture_output=True,
        timeout=120,
    )
    assert chat.returncode == 0, chat.stderr
    entries = logged(env)
    assert [(e["front_end"], e["question"]) for e in entries] == [
        ("cli", "What did India and Oman discuss?"),
        ("cli", "What did Modi and Putin agree at the 2019 Vladivostok summit?"),
        ("chat", "What did India and Russia discuss?"),
    ]
    assert entries[0]["cited"] == ["000_c8cbf1aefad89011.txt"] and not entries[0]["refused"]
    assert entries[1]["refused"] and entries[1]["cited"] == []
    assert all(isinstance(e["latency_ms"], int) for e in entries)


def test_the_bots_engine_logs_as_discord_and_never_the_token(env, monkeypatch):
    import bot.discord.main

    factories = []
    monkeypatch.setattr(bot.discord.main, "run_bot", lambda factory, s: factories.append(factory))
    monkeypatch.setenv("DISCORD_TOKEN", "s3cret-t0ken")
    assert run("bot").exit_code == 0
    engine = factories[0]()  # what the bot answers with
    engine.ask("What did India and Oman discuss?")
    text = (env / "data" / "answers.jsonl").read_text(encoding="utf-8")
    assert json.loads(text)["front_end"] == "discord" and "s3cret" not in text


def store_votes(db) -> None:
    cite = Citation(
        n=1, article_id="a", title="T", path="k/oman.txt", url="https://x.test/oman", quote="Q."
    )
    store = FeedbackStore(db)
    store.remember(
        11,
        Answer(question="What did India and Oman discuss?", answer="Ties. [1]", citations=[cite]),
    )
    store.remember(
        12, Answer(question="Who is Amir Baram?", answer="I couldn't find it.", refused=True)
    )
    store.record(101, 11, user_id=1, vote="up")
    store.record(101, 11, user_id=2, vote="up")
    store.record(101, 11, user_id=3, vote="down")
    store.record(102, 12, user_id=1, vote="down")
    store.record(102, 12, user_id=1, vote="down")  # a second click replaces the first
    store.close()


def test_feedback_reports_votes_by_answer(env):
    store_votes(env / "data" / "feedback.sqlite3")
    result = run("feedback")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "4 votes on 2 answers: 2 👍, 2 👎"
    oman = next(i for i, line in enumerate(lines) if "What did India and Oman discuss?" in line)
    assert lines[oman].startswith("👍 2  👎 1  ")
    assert (
        lines[oman + 1].strip() == "Ties. [1]"
        and lines[oman + 2].strip() == "cited: https://x.test/oman"
    )
    assert any(line.startswith("👍 0  👎 1  ") and "Amir Baram" in line for line in lines)
    objs = [json.loads(line) for line in run("feedback", "--json").stdout.splitlines()]
    by_question = {o["question"]: o for o in objs}
    assert (by_question["Who is Amir Baram?"]["up"], by_question["Who is Amir Baram?"]["down"]) == (
        0,
        1,
    )
    assert by_question["What did India and Oman discuss?"]["message_id"] == 101
    newest = run("feedback", "--limit", "1").stdout.splitlines()
    assert "Amir Baram" in newest[2] and newest[-1] == "… and 1 more (--limit)"


def test_feedback_with_no_votes_says_so_and_makes_no_file(env):
    result = run("feedback")
    assert result.exit_code == 0 and result.stdout.startswith("No feedback yet")
    assert not (env / "data" / "feedback.sqlite3").exists()
