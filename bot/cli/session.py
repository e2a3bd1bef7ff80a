"""Session: what one `bilateral` command works with (ctx.obj): consoles, settings, engine."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from bot.cli.render import feed_report_lines, report_lines

if TYPE_CHECKING:
    from retrieval import Engine, Settings


def console(stderr: bool = False) -> Console:
    """A terminal gets colours and lines wrapped at its width; a pipe or a file gets plain text
    with each line whole (no wrapping at rich's default 80 columns)."""
    made = Console(stderr=stderr, highlight=False)
    made.soft_wrap = not made.is_terminal
    return made


class Session:
    """Made by the entry point, or by the app's callback, and closed when the command ends. The
    settings and the engine are built on first use: `--help` and usage errors load neither."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.out = console()
        self.err = console(stderr=True)
        self._settings = settings
        self._engine: Engine | None = None
        self.wrote = False  # whether a command changed the store

    @property
    def settings(self) -> Settings:
        """From the environment and `.env`, once; a bad value raises SettingsError naming it."""
        if self._settings is None:
            from retrieval import load_settings

            self._settings = load_settings()
        return self._settings

    def data_dir(self) -> Path:
        """The data dir, made if missing; a file there, or one that takes no files, is one
        SettingsError now, before anything slow starts."""
        from retrieval import check_data_dir

        return check_data_dir(self.settings.data_dir)

    def engine(self, front_end: str | None = None, *, preload: bool = True) -> Engine:
        """The command's engine. Its encoder starts loading at once, while the store opens
        (unless the command needs no model: `preload=False`). `front_end` ("cli", "chat",
        "discord") makes it log its answers (retrieval.AnswerLog)."""
        if self._engine is None:
            from retrieval import Engine

            self.data_dir()
            self._engine = Engine(self.settings, notice=self.notice, front_end=front_end)
            if preload:
                self._engine.preload()
        return self._engine

    def notice(self, text: str) -> None:
        """A one-line note from the engine (the model's one-time preparation), on stderr."""
        self.err.print(text, markup=False, highlight=False)

    def ingest(
        self,
        paths: list[Path] | None = None,
        summary_to: Console | None = None,
        urls: list[str] | None = None,
    ) -> bool:
        """Ingest with a progress bar on stderr, then the summary; False if files were skipped."""
        if urls:
            self.err.print(f"fetching {len(urls)} page{'s' if len(urls) > 1 else ''}…")
        progress = RichProgress(self.err)
        try:
            report = self.engine().ingest(paths, progress=progress, urls=urls or ())
        finally:
            progress.stop()
        self.report(report_lines(report), summary_to)
        return report.ok

    def refresh_feeds(self) -> bool:
        """Refresh the followed feeds with a progress bar; False if something was skipped."""
        progress = RichProgress(self.err)
        try:
            report = self.engine().refresh_feeds(progress=progress)
        finally:
            progress.stop()
        self.report(feed_report_lines(report))
        return report.ok

    def report(self, lines: list[str], summary_to: Console | None = None) -> None:
        """What was skipped, and why, to stderr; the rest to stdout (or `summary_to`)."""
        for line in lines:
            (self.err if line.startswith("skipped") else summary_to or self.out).print(
                line, markup=False, soft_wrap=True
            )

    def ready_engine(self, front_end: str | None = None) -> Engine:
        """The engine, after filling an empty store from the knowledge dir (a first run). What
        that says goes to stderr: stdout stays the command's output (`--json`)."""
        engine = self.engine(front_end)
        if engine.chunks.count() == 0:
            self.err.print(f"The store is empty; ingesting {self.settings.knowledge_dir} first.")
            self.ingest(None, summary_to=self.err)
        return engine

    def close(self) -> None:
        """Let the engine go: the command is over."""
        if self._engine is not None:
            self.wrote = self.wrote or self._engine.ingests > 0
            self._engine = None


class RichProgress:
    """The engine's ingest progress, as a rich progress bar."""

    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(
            "embedding",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,  # a log or a pipe gets the summary only
        )
        self.task = None

    def expect(self, n: int) -> None:
        if self.task is None:
            self.bar.start()
            self.task = self.bar.add_task("embed", total=n)
        else:
            self.bar.update(self.task, total=(self.bar.tasks[0].total or 0) + n)

    def advance(self, n: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, n)

    def stop(self) -> None:
        self.bar.stop()
