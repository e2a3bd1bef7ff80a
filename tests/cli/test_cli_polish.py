"""The command line's finish: --version, shell completion, plain unwrapped output on a pipe and
styled citation marks on a terminal, a bad data dir said at once, eval floors in both modes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.cli.commands import app
from bot.cli.render import answer_markup, marks_markup
from retrieval.types import Answer, Citation

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LONG_QUESTION = "What did Jaishankar and Badr Albusaidi discuss?"


def run(*args, **kwargs):
    return CliRunner().invoke(app, list(args), catch_exceptions=False, **kwargs)


def bilateral(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"bilateral \d+\.\d+\.\d+\S*\n", result.stdout)


def test_shell_completion_can_be_shown_installed_and_completes_commands(monkeypatch):
    # The shell is named, not detected: CI runs with no login shell to detect.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    assert "--install-completion" in run("--help").stdout
    script = run("--show-completion", "bash", prog_name="bilateral").stdout
    assert "_BILATERAL_COMPLETE=complete_bash" in script
    completed = CliRunner().invoke(
        app,
        [],
        prog_name="bilateral",
        env={
            "_BILATERAL_COMPLETE": "complete_bash",
            "COMP_WORDS": "bilateral fee",
            "COMP_CWORD": "1",
        },
    )
    assert sorted(completed.stdout.split()) == ["feed", "feedback"]


def test_piped_output_is_plain_and_unwrapped(env):
    result = bilateral("ask", LONG_QUESTION)
    assert result.returncode == 0, result.stderr
    assert not ANSI.search(result.stdout + result.stderr)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) > 100  # one sentence, one line: no 80-column wrap
    [source] = [line for line in lines if line.startswith("[1]")]
    assert source.endswith("000_c8cbf1aefad89011.txt")  # the whole source line, path included
    assert result.stderr.count("\n") == 2  # "ingesting ..." and the summary: no progress bar


def test_markup_in_a_question_is_shown_as_typed(env):
    result = run("ask", "What did India and Oman discuss? [/]", "and [bold]Russia[/bold]?")
    assert result.exit_code == 0, result.output
    assert "Q: What did India and Oman discuss? [/]" in result.stdout
    assert "Q: and [bold]Russia[/bold]?" in result.stdout


def cite(n: int) -> Citation:
    return Citation(
        n=n,
        article_id="a",
        title="Talks [live]",
        source="Mint",
        published=date(2025, 12, 4),
        path="k/a.md",
        quote=f"Quote {n}.",
    )


def test_citation_marks_are_styled_on_a_terminal_and_plain_in_a_pipe():
    answer = Answer(
        question="q", answer="Ties grew. [1] Trade too. [2]", citations=[cite(1), cite(2)]
    )
    terminal = Console(force_terminal=True, color_system="standard", highlight=False, width=200)
    with terminal.capture() as shown:
        terminal.print(answer_markup(answer))
    styled = shown.get()
    assert "\x1b[1;36m[1]\x1b[0m" in styled and "\x1b[1;36m[2]\x1b[0m" in styled
    assert "Talks [live]" in ANSI.sub("", styled)  # a bracket in a title is text, not markup
    pipe = Console(force_terminal=False, highlight=False, width=200)
    with pipe.capture() as plain:
        pipe.print(marks_markup("India – Oman  phone call  [defence] [1][2]"))
    assert plain.get() == "India – Oman  phone call  [defence] [1][2]\n"


@pytest.mark.parametrize("where", ["file", "under-a-file"])
def test_an_impossible_data_dir_fails_at_once_with_one_line_before_any_model(env, where):
    blocker = env / "blocker"
    blocker.write_text("not a directory")
    data = blocker if where == "file" else blocker / "data"
    code = (
        "import sys; from typer.testing import CliRunner; from bot.cli.commands import app; "
        "r = CliRunner().invoke(app, sys.argv[1:]); "
        "print(r.exit_code); print(r.stderr.strip()); "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'onnxruntime', 'chromadb') "
        "if m in sys.modules))"
    )
    for args in (["ask", "anything"], ["ingest"], ["chat"], ["sources"]):
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "BILATERAL_DATA_DIR": str(data)},
        )
        exit_code, message, loaded = result.stdout.strip().splitlines()
        assert exit_code == "2", (args, result.stdout, result.stderr)
        assert message.startswith("error: cannot use the data directory") and str(data) in message
        assert "BILATERAL_DATA_DIR" in message
        assert loaded == "[]", args  # said before any model or store library was imported


def test_an_unwritable_data_dir_fails_with_one_line(env, tmp_path):
    if os.geteuid() == 0:  # root writes anywhere but into /sys, which takes no new files
        data = "/sys/bilateral-data"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        data = str(locked / "data")
    result = bilateral("sources", BILATERAL_DATA_DIR=data)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: cannot use the data directory {data} (BILATERAL_DATA_DIR): ")


def qa_file(tmp_path):
    qa = tmp_path / "qa.yaml"
    qa.write_text(
        "- question: What did Jaishankar and Badr Albusaidi discuss?\n"
        "  any_of: [[cooperation]]\n  files: [000_c8cbf1aefad89011.txt]\n"
        "- question: What is the capital of Peru?\n  kind: unanswerable\n"
    )
    return qa


def test_eval_of_a_qa_file_exits_1_when_a_floor_is_missed(env, tmp_path):
    qa = qa_file(tmp_path)
    kept = run("eval", str(qa), "--floor", "hit_at_k=0.5", "--floor", "false_refusals=0.5")
    assert kept.exit_code == 0, kept.output
    missed = run(
        "eval", str(qa), "--json", "--floor", "hit_at_k=1.01", "--floor", "false_refusals=-0.1"
    )
    assert missed.exit_code == 1
    assert json.loads(missed.stdout)["questions"] == 2  # the report is printed all the same
    assert "missed: hit_at_k = 1.000 is below 1.010" in missed.stderr
    assert "missed: false_refusals = 0.000 is above -0.100" in missed.stderr


def test_eval_floors_and_modes_are_checked_before_any_question(env, tmp_path):
    qa = qa_file(tmp_path)
    bad = CliRunner().invoke(app, ["eval", str(qa), "--floor", "fact=0.9"])
    assert bad.exit_code == 2 and "bad floor 'fact=0.9'" in bad.stderr
    both = CliRunner().invoke(app, ["eval", str(qa), "--set", "seeds"])
    assert both.exit_code == 2 and "not both" in both.stderr
    assert not (env / "data" / "chroma").exists()  # nothing was ingested for them
