"""The interactive chat: line editing and history on a terminal, plain lines from a pipe."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape

from bot.cli.errors import exit_for
from bot.cli.render import brief_lines, marks_markup, sources_lines
from bot.cli.streaming import show_streamed
from retrieval import BilateralError

HELP = """Ask anything about India's bilateral engagements, e.g. "What did India and Oman discuss?".
Follow-ups keep the subject ("and defence?").
  /country NAME       India and one country: engagements over time, themes, sources
  /sources [country]  the articles I know
  /help               this text
  /quit               leave (or Ctrl-D)"""


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


def handle(engine, line: str, history: list[str], console: Console) -> bool:
    """One line of the chat; False when the user leaves."""
    line = line.strip()
    if not line:
        return True
    command, _, arg = line.partition(" ")
    if command in ("/quit", "/exit", "/q"):
        return False
    if command == "/help":
        console.print(HELP, markup=False)
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
            lines = brief_lines(engine.country_brief(arg.strip()))
        except BilateralError as exc:
            lines = [exit_for(exc)[0]]
        for text in lines:
            console.print(marks_markup(text), soft_wrap=True)
    elif command.startswith("/"):
        console.print(f"Unknown command {command}; /help lists them.", markup=False)
    else:
        show_streamed(console, engine.ask_stream(line, history=history[-4:]))
        history.append(line)
        console.print()
    return True


def run_chat(engine, console: Console, interactive: bool) -> None:
    if interactive:
        console.print("Bilateral: ask about India's bilateral engagements. /help for commands.")
    history: list[str] = []
    for line in _lines(engine, interactive):
        if not interactive and line.strip():
            console.print(f"[bold]you>[/] {escape(line.strip())}", highlight=False)
        if not handle(engine, line, history, console):
            break
