"""The `bilateral` command as a user runs it (fake embedder: plumbing, not answer quality)."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from bot.cli.commands import app
from bot.cli.errors import exit_for
from bot.cli.session import Session
from retrieval.errors import (
    BadInput,
    EmbedderUnavailable,
    LLMUnavailable,
    NotAPartner,
    SettingsError,
    StoreUnavailable,
    UnknownCountry,
)


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def test_ask_json_ingests_on_first_use_and_cites_verbatim(env, knowledge):
    result = run(
        "ask",
        "--json",
        "What did Jaishankar and Badr Albusaidi discuss?",
        "What did Modi and Putin agree at the 2019 Vladivostok summit?",
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]  # nothing but JSON
    assert [obj["refused"] for obj in lines] == [False, True]
    assert "ingesting" in result.stderr  # the first run filled the store, said on stderr
    first = lines[0]
    assert set(first) >= {"question", "answer", "refused", "citations"}
    for cite in first["citations"]:
        assert set(cite) >= {"n", "title", "source", "published", "url", "path", "quote"}
        assert cite["quote"] in (knowledge / cite["path"].rsplit("/", 1)[-1]).read_text()
    assert lines[1]["citations"] == []


def test_unquoted_words_are_one_question_and_file_adds_more(env, tmp_path):
    questions = tmp_path / "qs.txt"
    questions.write_text("What did Jaishankar and Blinken talk about?\n\nWho is Amir Baram?\n")
    result = run("ask", "--json", "--file", str(questions), "What", "did", "Singh", "discuss?")
    objs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["question"] for o in objs] == [
        "What did Singh discuss?",
        "What did Jaishankar and Blinken talk about?",
        "Who is Amir Baram?",
    ]


def test_ingest_reports_and_exit_code_says_something_was_skipped(env, knowledge):
    assert run("ingest").exit_code == 0
    (knowledge / "bad.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    result = run("ingest")
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "bad.txt" in result.stderr
    summary = "0 added, 0 updated, 5 unchanged, 1 skipped, 0 removed; 0 chunks embedded"
    assert summary in result.stdout


def test_sources_lists_articles_with_outlet_and_date(env):
    run("ingest")
    result = run("sources")
    assert "4 Dec 2025" in result.stdout and "Business Standard (ANI)" in result.stdout
    objs = [json.loads(x) for x in run("sources", "--json").stdout.splitlines()]
    assert len(objs) == 5 and all(o["published"] for o in objs)


def test_bad_setting_is_one_line_naming_it(env, monkeypatch):
    monkeypatch.setenv("BILATERAL_TOP_K", "lots")
    result = run("ask", "anything")
    assert result.exit_code == 2
    assert "BILATERAL_TOP_K" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_piped_chat_answers_follow_ups_and_commands(env):
    script = (
        "What did India and Oman discuss?\nand defence?\n/sources\n"
        "what about [/] and [bold]x?\n/quit\nnever read\n"  # markup in a question is text
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=script,
        text=True,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "[1]" in result.stdout and "Sources" in result.stdout
    assert "000_c8cbf1aefad89011.txt" in result.stdout
    assert "never read" not in result.stdout
    assert "you> what about [/] and [bold]x?" in result.stdout
    assert "Traceback" not in result.stderr


def test_help_loads_no_model(env):
    code = (
        "import sys, bot.cli.commands; from typer.testing import CliRunner; "
        "CliRunner().invoke(bot.cli.commands.app, ['--help']); "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'chromadb') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_one_shot_commands_flush_everything_and_keep_exit_codes(env):
    """What one-shot commands print arrives in full, with their exit codes."""

    def bilateral(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=120
        )

    first = bilateral("ask", "What did India and Oman discuss?")  # ingests first: full exit
    assert first.returncode == 0, first.stderr
    assert "ingesting" in first.stderr
    again = bilateral(
        "ask", "--json", "What did India and Oman discuss?", "What did India and Russia discuss?"
    )
    assert again.returncode == 0, again.stderr
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    assert len(lines) == 2 and all(line["citations"] for line in lines)
    listed = bilateral("sources", "--json")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 5
    unknown = bilateral("country", "Atlantis")
    assert unknown.returncode == 1 and "Atlantis" in unknown.stderr
    assert "Traceback" not in unknown.stderr + again.stderr + listed.stderr


def test_an_unknown_country_is_one_line_with_suggestions_and_exit_1(env):
    run("ingest")
    for args in (
        ["country", "Atlantis"],
        ["ask", "--country", "Atlantis", "Who met?"],
        ["sources", "--country", "Atlantis"],
        ["country", "India"],
    ):
        result = run(*args)
        assert result.exit_code == 1, args
        assert len(result.stderr.splitlines()) == 1 and result.stdout == "", args
    assert result.stderr.startswith("error: India is one side of every engagement")
    asked = run("ask", "--country", "Atlantis", "Who met?").stderr.strip()
    assert asked.startswith("error: No country called 'Atlantis'. Did you mean: ")
    assert asked.endswith("?") and "Albania" in asked


def test_each_failure_has_its_words_and_exit_code():
    assert exit_for(UnknownCountry(" Atlantis ", ["Albania", "Mali"])) == (
        "No country called 'Atlantis'. Did you mean: Albania, Mali?",
        1,
    )
    assert exit_for(UnknownCountry("Xq")) == ("No country called 'Xq'.", 1)
    assert exit_for(NotAPartner("India"))[1] == 1
    assert exit_for(StoreUnavailable("cannot open the store:\n disk full")) == (
        "cannot open the store: disk full",
        2,
    )
    for error in (
        BadInput("no question"),
        SettingsError("bad setting"),
        LLMUnavailable("key"),
        EmbedderUnavailable("model"),
    ):
        assert exit_for(error) == (str(error), 2)


def test_a_command_uses_the_session_it_is_given_and_closes_it(env):
    session = Session()
    result = CliRunner().invoke(app, ["ingest"], obj=session, catch_exceptions=False)
    assert result.exit_code == 0 and session.wrote
    assert session._engine is None  # let go when the command ended
    quiet = Session()
    CliRunner().invoke(app, ["sources"], obj=quiet, catch_exceptions=False)
    assert not quiet.wrote


def test_the_bot_command_hands_the_discord_settings_down(env, monkeypatch):
    import bot.discord.main

    handed = []
    monkeypatch.setattr(bot.discord.main, "run_bot", lambda factory, s: handed.append(s))
    monkeypatch.setenv("DISCORD_TOKEN", "t0ken")
    monkeypatch.setenv("BILATERAL_QUESTION_INTERVAL", "3")
    assert run("bot").exit_code == 0
    [settings] = handed
    assert settings.token.get_secret_value() == "t0ken" and settings.question_interval == 3
    assert settings.feedback_db == env / "data" / "feedback.sqlite3"
