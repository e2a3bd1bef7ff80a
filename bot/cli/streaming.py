"""An answer shown as the LLM writes it, then replaced by the checked answer."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.live import Live
from rich.text import Text

from bot.cli.render import answer_markup
from retrieval import Answer


def show_streamed(console: Console, items: Iterable[str | Answer]) -> Answer:
    """Prints the draft live (a terminal only), then the checked answer in its place."""
    draft, live, answer = "", None, None
    try:
        for item in items:
            if isinstance(item, Answer):
                answer = item
                break
            draft += item
            if not console.is_terminal:
                continue  # a pipe or a log gets the checked answer only
            if live is None:
                live = Live(console=console, transient=True, auto_refresh=False)
                live.start()
            live.update(
                Text(f"{draft} …\n(checking citations when done)", style="dim"), refresh=True
            )
    finally:
        if live is not None:
            live.stop()
    if answer is None:
        raise RuntimeError("the engine's stream ended without an answer")
    console.print(answer_markup(answer))
    return answer
