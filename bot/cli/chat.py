"""The interactive chat: line editing and history on a terminal, plain lines from a pipe."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.markup import escape

from bot.cli.errors import exit_for
from bot.cli.render import brief_lines, marks_markup, sources_lines
from bot.cli.streaming import show_streamed
from retrieval import BilateralError
from retrieval.conversation import Conversation

HELP = """Ask anything about India's bilateral engagements, e.g. "What did India and Oman discuss?".
Follow-ups keep the subject ("when was that?", "and with Japan?"); a dim line shows how one was
read. A question that names its own subject starts a new one.
  /country NAME       India and one country: engagements over time, themes, sources
  /sources [country]  the articles I know
  /new                start a fresh conversation (forget the subject)
  /help               this text
  /quit               leave (or Ctrl-D)"""
NEW = "New conversation: earlier questions no longer count."


def _lines(engine, interactive: bool):
    if not interactive:
        yield from (line.rstrip("\n") for line in sys.stdin)
        return
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    engine.settings.data_dir.mkdir(parents=True, exist_ok=True)
    session = PromptSession(history=FileHistory(str(engine.settings.data_dir / "chat_history")))
    while True:
        try:
            yield session.prompt("you> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return


def handle(engine, line: str, conversation: Conversation, console: Console) -> bool:
    """One line of the chat; False when the user leaves."""
    line = line.strip()
    if not line:
        return True
    command, _, arg = line.partition(" ")
    if command in ("/quit", "/exit", "/q"):
        return False
    if command == "/help":
        console.print(HELP, markup=False)
    elif command == "/new":
        conversation.reset()
        console.print(NEW, markup=False)
    elif command == "/sources":
        try:
            for text in sources_lines(engine.sources(arg.strip() or None)):
                console.print(text, markup=False)
        except BilateralError as exc:
            console.print(exit_for(exc)[0], markup=False)
    elif command == "/country":
        if not arg.strip():
            console.print("Which country? e.g. /country Oman", markup=False)
            return True
        try:
            brief = engine.country_brief(arg.strip())
            lines = brief_lines(brief)
            conversation.about_country(brief.country_code, brief.country_name)
        except BilateralError as exc:
            lines = [exit_for(exc)[0]]
        for text in lines:
            console.print(marks_markup(text), soft_wrap=True)
    elif command.startswith("/"):
        console.print(f"Unknown command {command}; /help lists them.", markup=False)
    else:
        try:
            show_streamed(console, engine.ask_stream(line, conversation=conversation))
        except BilateralError as exc:  # one line; the chat goes on
            console.print(exit_for(exc)[0], markup=False)
        console.print()
    return True


def run_chat(engine, console: Console, interactive: bool) -> None:
    if interactive:
        console.print("Bilateral: ask about India's bilateral engagements. /help for commands.")
    conversation = Conversation()
    for line in _lines(engine, interactive):
        if not interactive and line.strip():
            console.print(f"[bold]you>[/] {escape(line.strip())}", highlight=False)
        if not handle(engine, line, conversation, console):
            break


def run_json_chat(engine) -> int:
    """`chat --json`: questions from stdin, one JSON object per turn on stdout (`ask --json`'s
    fields and `understood_as`); `/new` answers {"new_conversation": true}; a question the
    engine cannot take, or another command, is {"question", "error"}. Returns 1 if any turn failed, else 0."""
    conversation, failed = Conversation(), 0
    for raw in sys.stdin:
        line = raw.strip()
        if not line:
            continue
        if line in ("/quit", "/exit", "/q"):
            break
        if line == "/new":
            conversation.reset()
            out: dict = {"new_conversation": True}
        elif line.startswith("/"):
            out = {"question": line, "error": "chat --json takes questions and /new only"}
        else:
            try:
                out = engine.ask(line, conversation=conversation).to_json_line()
            except BilateralError as exc:
                out, failed = {"question": line, "error": exit_for(exc)[0]}, 1
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return failed
