"""How a failed command ends: one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import errno
import logging
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand

from retrieval import BilateralError, FetchFailed, NotAPartner, UnknownCountry, UnknownSource

NOT_FOUND = 1  # what was asked for is not there (a country, a source) or could not be fetched
USAGE = 2  # the command line, a file or a setting is wrong, or a service cannot be set up


def exit_for(error: BilateralError) -> tuple[str, int]:
    """The one line a known failure prints, and the code the command exits with."""
    missing = UnknownCountry | NotAPartner | UnknownSource | FetchFailed
    code = NOT_FOUND if isinstance(error, missing) else USAGE
    return " ".join(str(error).split()), code


def unexpected(error: Exception) -> tuple[str, int]:
    """A bug or an unforeseen failure: named in one line; the traceback goes to the debug log."""
    logging.getLogger("bilateral").debug("unexpected error", exc_info=error)
    return f"unexpected {type(error).__name__}: {error} (set BILATERAL_DEBUG=1 for details)", USAGE


class GuardedCommand(TyperCommand):
    """A `bilateral` command: whatever its body raises ends as `exit_for` (or `unexpected`) says."""

    def invoke(self, ctx) -> Any:  # ctx: typer's click Context
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except BilateralError as exc:
            message, code = exit_for(exc)
        except Exception as exc:  # noqa: BLE001 - no traceback reaches the user
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                raise  # a reader that went away (`bilateral sources | head`): typer ends quietly
            message, code = unexpected(exc)
        err = getattr(ctx.obj, "err", None) or Console(stderr=True, highlight=False)
        err.print(f"[red]error:[/] {escape(message)}", soft_wrap=True)
        raise typer.Exit(code)
