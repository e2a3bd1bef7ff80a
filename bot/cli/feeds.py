"""`bilateral feed`: follow RSS and Atom feeds, list them, stop following, refresh them."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.errors import GuardedCommand
from bot.cli.render import feed_lines
from bot.cli.session import Session

feed_app = typer.Typer(
    help="Follow RSS and Atom feeds: `feed refresh` (and the bot, on a timer) fetches and "
    "ingests their new and changed articles.",
    no_args_is_help=True,
)

URL = Annotated[str, typer.Argument(help="The feed's URL.", show_default=False)]


@feed_app.command(cls=GuardedCommand)
def add(ctx: typer.Context, url: URL) -> None:
    """Follow a feed (read once now, to check that it is one)."""
    session: Session = ctx.obj
    info, added = session.engine(preload=False).feeds.add(url)
    title = info.title or "(untitled)"
    if added:
        session.out.print(
            f"Following {title} ({info.url}): {info.items} items listed; "
            "`bilateral feed refresh` fetches them.",
            markup=False,
            soft_wrap=True,
        )
    else:
        session.out.print(f"Already following {title} ({info.url}).", markup=False)


@feed_app.command(name="list", cls=GuardedCommand)
def list_feeds(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON, one feed a line.")] = False,
) -> None:
    """The feeds followed, with when each was last refreshed and how it went."""
    session: Session = ctx.obj
    feeds = session.engine(preload=False).feeds.list()
    if as_json:
        for feed in feeds:
            print(feed.model_dump_json(), flush=True)
        return
    for line in feed_lines(feeds):
        session.out.print(line, markup=False, soft_wrap=True)


@feed_app.command(cls=GuardedCommand)
def remove(ctx: typer.Context, url: URL) -> None:
    """Stop following a feed; the articles fetched from it stay (`bilateral remove URL`)."""
    session: Session = ctx.obj
    info = session.engine(preload=False).feeds.remove(url)
    session.out.print(
        f"No longer following {info.title or info.url}; its articles stay in the store.",
        markup=False,
        soft_wrap=True,
    )


@feed_app.command(cls=GuardedCommand)
def refresh(ctx: typer.Context) -> None:
    """Fetch and ingest the new and changed articles of every feed (exit 1 if any skipped)."""
    if not ctx.obj.refresh_feeds():
        raise typer.Exit(1)
