"""The interactive chat: line editing and history on a terminal, plain lines from a pipe."""

from __future__ import annotations

import sys

from rich.console import Console

from bot.render import answer_markup, sources_lines

HELP = """Ask anything about India's bilateral engagements, e.g. "What did India and Oman discuss?".
Follow-ups keep the subject ("and defence?").
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
        except LookupError as exc:
            console.print(f"{exc}", markup=False)
    elif command.startswith("/"):
        console.print(f"Unknown command {command}; /help lists them.", markup=False)
    else:
        answer = engine.ask(line, history=history[-4:])
        history.append(line)
        console.print(answer_markup(answer))
        console.print()
    return True


def run_chat(engine, console: Console, interactive: bool) -> None:
    if interactive:
        console.print("Bilateral: ask about India's bilateral engagements. /help for commands.")
    history: list[str] = []
    for line in _lines(engine, interactive):
        if not interactive and line.strip():
            console.print(f"[bold]you>[/] {line.strip()}", highlight=False)
        if not handle(engine, line, history, console):
            break
