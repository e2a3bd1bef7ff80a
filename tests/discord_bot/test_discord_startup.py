"""`bilateral bot` in a process of its own: a missing or malformed DISCORD_TOKEN is one line
naming it, exit code 1, before anything is loaded."""

from __future__ import annotations

import os
import subprocess
import sys


def bilateral_bot(tmp_path, token: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env.update(BILATERAL_DATA_DIR=str(tmp_path / "data"), BILATERAL_EMBEDDER="fake")
    if token is not None:
        env["DISCORD_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "bot", "bot"],  # `python -m bot` is the `bilateral` command
        env=env,
        cwd=tmp_path,  # no .env here
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_a_token_the_bot_names_discord_token_in_one_line(tmp_path):
    run = bilateral_bot(tmp_path, None)
    assert run.returncode == 1
    assert run.stderr == (
        "bilateral bot: DISCORD_TOKEN is not set; set it to the bot's token from the Discord "
        "developer portal (Bot > Reset Token).\n"
    )
    assert run.stdout == ""
    assert not (tmp_path / "data" / "chroma").exists()  # nothing was loaded or ingested


def test_a_malformed_token_is_named_not_shown(tmp_path):
    for token, said in [
        ("Bot MTIz.NDU2.Nzg5", "DISCORD_TOKEN starts with 'Bot '"),
        ("my secret token", "DISCORD_TOKEN is not a bot token"),
    ]:
        run = bilateral_bot(tmp_path, token)
        assert run.returncode == 1
        assert run.stderr.startswith(f"bilateral bot: {said}") and run.stderr.count("\n") == 1
        assert "Traceback" not in run.stderr and "Settings" not in run.stderr
        assert token.removeprefix("Bot ") not in run.stderr + run.stdout
        assert "voice" not in run.stderr
