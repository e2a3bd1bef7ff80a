"""The `bilateral` command: ingest, ask, chat, sources (and the bot). Heavy imports stay lazy."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.cli.render import brief_lines, report_lines, sources_lines
from bot.cli.streaming import show_streamed

app = typer.Typer(
    help="Answers questions about India's bilateral engagements from news articles, with sources.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

EXIT_SKIPPED = 1
EXIT_ERROR = 2
# Commands that only read the store: once their output is flushed, main() ends the process
# without the interpreter's teardown (~0.35 s of a 2 s `bilateral ask`), unless they ingested.
READ_ONLY = {"ask", "country", "sources"}
_engines: list = []  # the engines this process made (one per command)


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    err.print(f"[red]error:[/] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def make_engine():
    """Settings from the environment, then the engine; a bad setting is one line."""
    from retrieval.engine import Engine
    from retrieval.settings import SettingsError, load_settings

    try:
        engine = Engine(load_settings())
    except SettingsError as exc:
        raise fail(str(exc)) from None
    _engines.append(engine)
    engine.preload()
    return engine


class RichProgress:
    """The engine's ingest progress, as a rich progress bar on stderr."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress("embedding", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=err, transient=True)
        self.task = None

    def expect(self, n: int) -> None:
        if self.task is None:
            self.bar.start()
            self.task = self.bar.add_task("embed", total=n)
        else:
            self.bar.update(self.task, total=self.bar.tasks[0].total + n)

    def advance(self, n: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, n)

    def stop(self) -> None:
        self.bar.stop()


def run_ingest(engine, paths: list[Path] | None, summary_to: Console = out) -> int:
    progress = RichProgress()
    try:
        report = engine.ingest(paths, progress=progress)
    finally:
        progress.stop()
    for line in report_lines(report):
        (err if line.startswith("skipped") else summary_to).print(line, markup=False)
    return 0 if report.ok else EXIT_SKIPPED


def ensure_ready(engine) -> None:
    """First run: fill the store from the knowledge dir."""
    if engine.store.count() == 0:
        err.print(f"The store is empty; ingesting {engine.settings.knowledge_dir} first.")
        run_ingest(engine, None, summary_to=err)  # stdout stays the answers (--json)


@app.command()
def ingest(paths: Annotated[list[Path] | None, typer.Argument(
        help="Files or folders (default: the knowledge dir).")] = None) -> None:
    """Add new and changed articles to the store; drop the ones that are gone."""
    with guarded():
        code = run_ingest(make_engine(), paths or None)
    raise typer.Exit(code)


def questions_from(words: list[str], file: Path | None) -> list[str]:
    """Quoted arguments are one question each; unquoted words make up one question."""
    questions = []
    if words:
        questions += [" ".join(words)] if all(" " not in w for w in words) else words
    if file:
        try:
            questions += [q.strip() for q in file.read_text(encoding="utf-8").splitlines()]
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"cannot read {file}: {exc}") from None
    return [q for q in questions if q.strip()]


@app.command()
def ask(
    question: Annotated[list[str] | None, typer.Argument(help="One or more questions.")] = None,
    file: Annotated[Path | None,
                    typer.Option("--file", "-f", help="Questions, one a line.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per question.")] = False,
    country: Annotated[str | None, typer.Option(help="Only articles about this country.")] = None,
) -> None:
    """Answer questions from the articles, with numbered citations."""
    questions = questions_from(question or [], file)
    if not questions:
        raise fail("no question given: bilateral ask \"What did India and Oman discuss?\"")
    with guarded():
        engine = make_engine()
        ensure_ready(engine)
        engine.generative  # noqa: B018 - a missing LLM package or key is said now, in one line
        for q in questions:
            try:
                if as_json:
                    answer = engine.ask(q, country=country)
                    print(json.dumps(answer.to_json_line(), ensure_ascii=False), flush=True)
                    continue
                if len(questions) > 1:
                    out.print(f"[bold]Q: {q}[/]")
                show_streamed(out, engine.ask_stream(q, country=country))
                out.print()
            except LookupError as exc:
                raise fail(str(exc), 1) from None


@app.command()
def sources(
    as_json: Annotated[bool, typer.Option("--json", help="JSON, one article a line.")] = False,
    country: Annotated[str | None, typer.Option(help="Only articles about this country.")] = None,
) -> None:
    """List the articles in the store with outlet and date."""
    with guarded():
        engine = make_engine()
        try:
            articles = engine.sources(country)
        except LookupError as exc:
            raise fail(str(exc), 1) from None
        if as_json:
            for a in articles:
                print(a.model_dump_json(), flush=True)
        else:
            for line in sources_lines(articles):
                out.print(line, markup=False)


@app.command()
def country(
    name: Annotated[list[str], typer.Argument(help="A partner country: Oman, US, Russia.")],
    as_json: Annotated[bool, typer.Option("--json", help="The brief as one JSON object.")] = False,
) -> None:
    """India and one country: engagements newest first, recurring themes, sources."""
    with guarded():
        engine = make_engine()
        if as_json and engine.store.count() == 0:  # stdout stays one JSON object
            for line in report_lines(engine.ingest()):
                err.print(line, markup=False)
        ensure_ready(engine)
        try:
            brief = engine.country_brief(" ".join(name))
        except LookupError as exc:
            raise fail(str(exc), EXIT_SKIPPED) from None
        if as_json:
            print(json.dumps(brief.model_dump(mode="json"), ensure_ascii=False), flush=True)
        else:
            for line in brief_lines(brief):
                out.print(line, markup=False, soft_wrap=True)


@app.command(name="eval")
def evaluate(
    file: Annotated[Path, typer.Argument(help="YAML items: question, any_of, files, kind.")],
    as_json: Annotated[bool, typer.Option("--json", help="The report as one JSON object.")] = False,
) -> None:
    """Score the engine on a QA file: hit@k, MRR, facts, citation precision, refusals."""
    from retrieval.evaluation.qa import load_items, run_eval

    try:
        items = load_items(file)
    except ValueError as exc:
        raise fail(str(exc)) from None
    with guarded():
        engine = make_engine()
        ensure_ready(engine)
        report = run_eval(engine, items)
    if as_json:
        print(report.model_dump_json())
        return
    out.print(f"{report.questions} questions ({report.answerable} answerable, "
              f"{report.unanswerable} unanswerable)", markup=False)
    for name in ("hit_at_k", "mrr", "fact_accuracy", "citation_precision", "refusal_accuracy",
                 "false_refusals"):
        out.print(f"  {name:<20} {getattr(report, name):.3f}", markup=False)
    if report.failures:
        out.print("failures:", markup=False)
        for failure in report.failures:
            out.print(f"  - {failure}", markup=False)


@app.command(name="bot")
def discord_bot() -> None:
    """Run the Discord bot (DISCORD_TOKEN; see the README for setting up the application)."""
    from bot.discord.main import run_bot
    from bot.discord.settings import BotSettings
    from retrieval.engine import Engine
    from retrieval.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        raise fail(str(exc)) from None
    bot_settings = BotSettings(
        token=settings.discord_token, guild_id=settings.discord_guild_id,
        api_base=settings.discord_api_base, gateway_url=settings.discord_gateway_url,
        cooldown_seconds=settings.cooldown_seconds,
        max_question_chars=settings.max_question_chars,
        feedback_db=settings.data_dir / "feedback.sqlite3",
    )

    def engine_factory() -> Engine:
        engine = Engine(settings)
        engine.ensure_ingested()
        engine.warm_up()  # load the model now, not on the first question
        return engine

    with guarded():
        run_bot(engine_factory, bot_settings)


@app.command()
def chat() -> None:
    """An interactive chat (/help for commands); reads questions from a pipe too."""
    from bot.cli.chat import run_chat

    with guarded():
        engine = make_engine()
        ensure_ready(engine)
        engine.generative  # noqa: B018 - a missing LLM package or key is said now, in one line
        run_chat(engine, out, interactive=sys.stdin.isatty())


class guarded:
    """No traceback reaches the user: known errors are one line, the rest are logged."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None or isinstance(exc, typer.Exit | KeyboardInterrupt | SystemExit):
            return False
        from retrieval.index.embedding import EmbeddingError
        from retrieval.index.store import StoreError
        from retrieval.settings import SettingsError

        # SettingsError includes LLMSetupError: a missing LLM package or key, on first use
        if isinstance(exc, EmbeddingError | StoreError | SettingsError):
            raise fail(str(exc)) from None
        logging.getLogger("bilateral").debug("unexpected error", exc_info=exc)
        raise fail(f"unexpected {type(exc).__name__}: {exc} (set BILATERAL_DEBUG=1 for details)")


def main() -> None:
    import os

    debug = bool(os.environ.get("BILATERAL_DEBUG"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except SystemExit as done:
        if sys.argv[1:2] and sys.argv[1] in READ_ONLY and not any(e.ingests for e in _engines):
            _quick_exit(done.code)
        raise


def _quick_exit(code) -> None:
    """Exit now, output flushed: nothing was written, so there is nothing to tidy up."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a reader that went away (`bilateral sources | head`)
            code = code or 0
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
