"""The `bilateral` command: ingest, ask, chat, sources, country, eval, feedback and the bot. Heavy imports
stay lazy; what a command works with (consoles, settings, engine) is its Session, ctx.obj."""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from bot.cli.errors import NOT_FOUND, GuardedCommand
from bot.cli.eval_sets import run_sets, show_report
from bot.cli.feeds import feed_app
from bot.cli.render import brief_lines, counts_lines, marks_markup, removal_lines, sources_lines
from bot.cli.session import Session
from bot.cli.streaming import show_streamed
from retrieval import BadInput, UnknownSource

app = typer.Typer(
    help="Answers questions about India's bilateral engagements from news articles, with sources.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
)

EXIT_SKIPPED = 1  # ingest: some files were skipped
app.add_typer(feed_app, name="feed")


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("bilateral")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _print_version(wanted: bool) -> None:
    if wanted:
        print(f"bilateral {version()}")
        raise typer.Exit()


@app.callback()
def _session(
    ctx: typer.Context,
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    # the entry point passes its Session in (main); anything else, e.g. a test, gets a new one
    ctx.call_on_close(ctx.ensure_object(Session).close)


@app.command(cls=GuardedCommand)
def ingest(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders or web page URLs (default: the knowledge dir and the pages "
            "fetched before).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add new and changed articles (a URL's page is fetched first); drop the ones that are gone."""
    from retrieval.ingest.removal import is_url

    urls = [s for s in sources or [] if is_url(s)]
    paths = [Path(s) for s in sources or [] if not is_url(s)]
    if not ctx.obj.ingest(paths or None, urls=urls):
        raise typer.Exit(EXIT_SKIPPED)


@app.command(cls=GuardedCommand)
def remove(
    ctx: typer.Context,
    targets: Annotated[
        list[str],
        typer.Argument(
            help="What was ingested: a file, a folder, one JSONL line (file.jsonl:3) or a URL.",
            show_default=False,
        ),
    ],
) -> None:
    """Take articles out of the store: their chunks, keyword entries and engagements."""
    session: Session = ctx.obj
    engine = session.engine()
    unknown = False
    for target in targets:
        try:
            removal = engine.remove(target)
        except UnknownSource as exc:
            session.err.print(f"[red]error:[/] {escape(str(exc))}", soft_wrap=True)
            unknown = True
            continue
        for line in removal_lines(removal):
            session.out.print(line, markup=False, soft_wrap=True)
    if unknown:
        raise typer.Exit(NOT_FOUND)


def questions_from(words: list[str], file: Path | None) -> list[str]:
    """Quoted arguments are one question each; unquoted words make up one question."""
    questions = []
    if words:
        questions += [" ".join(words)] if all(" " not in w for w in words) else words
    if file:
        try:
            questions += [q.strip() for q in file.read_text(encoding="utf-8").splitlines()]
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"cannot read {file}: {exc}") from None
    return [q for q in questions if q.strip()]


@app.command(cls=GuardedCommand)
def ask(
    ctx: typer.Context,
    question: Annotated[list[str] | None, typer.Argument(help="One or more questions.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Questions, one a line.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per question.")] = False,
    country: Annotated[str | None, typer.Option(help="Only articles about this country.")] = None,
) -> None:
    """Answer questions from the articles, with numbered citations."""
    session: Session = ctx.obj
    questions = questions_from(question or [], file)
    if not questions:
        raise BadInput('no question given: bilateral ask "What did India and Oman discuss?"')
    engine = session.ready_engine("cli")
    engine.generative  # noqa: B018 - a missing LLM package or key is said now, in one line
    for q in questions:
        if as_json:
            answer = engine.ask(q, country=country)
            print(json.dumps(answer.to_json_line(), ensure_ascii=False), flush=True)
            continue
        if len(questions) > 1:
            session.out.print(f"[bold]Q: {escape(q)}[/]")
        show_streamed(session.out, engine.ask_stream(q, country=country))
        session.out.print()


@app.command(cls=GuardedCommand)
def sources(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON, one article a line.")] = False,
    country: Annotated[str | None, typer.Option(help="Only articles about this country.")] = None,
) -> None:
    """List the articles in the store with outlet and date."""
    session: Session = ctx.obj
    engine = session.engine()
    articles = engine.sources(country)
    if as_json:
        for a in articles:
            print(a.model_dump_json(), flush=True)
    else:
        lines = sources_lines(articles)
        counts = counts_lines(engine.source_counts(country))
        for line in [*lines, *([""] if counts else []), *counts]:
            session.out.print(line, markup=False, soft_wrap=True)


@app.command(cls=GuardedCommand)
def country(
    ctx: typer.Context,
    name: Annotated[list[str], typer.Argument(help="A partner country: Oman, US, Russia.")],
    as_json: Annotated[bool, typer.Option("--json", help="The brief as one JSON object.")] = False,
    since: Annotated[
        str | None,
        typer.Option(help="Engagements from this date on: 2024, June 2024, 2024-06-15, Q1 2024."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Engagements up to the end of this date or period.")
    ] = None,
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", help="Only this kind (repeatable): call, meeting, visit, dialogue, ..."
        ),
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option(help="Draw engagements per quarter by kind into this PNG file."),
    ] = None,
    export: Annotated[
        str | None,
        typer.Option(help="The timeline as a table on stdout: csv, ics (a calendar) or json."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write --export to this file instead of stdout.")
    ] = None,
) -> None:
    """India and one country: engagements newest first, recurring themes, sources."""
    from datetime import date

    from retrieval.engagements.exports import FORMATS
    from retrieval.engagements.scope import scope_of

    session: Session = ctx.obj
    if export is not None and export.lower() not in FORMATS:
        raise BadInput(f"--export takes one of {', '.join(FORMATS)}, not {export!r}.")
    if out is not None and export is None:
        raise BadInput("--out names where --export writes: add --export csv, ics or json.")
    scope = scope_of(since, until, kinds, date.today())
    brief = session.ready_engine().country_brief(" ".join(name), scope)
    if chart is not None:
        _write_chart(session, brief, chart)
    if export is not None:
        _write_export(session, brief, export.lower(), out)
        if out is None:
            return  # stdout holds the table alone, for a pipe
    if as_json:
        print(json.dumps(brief.model_dump(mode="json"), ensure_ascii=False), flush=True)
    elif export is None or out is not None:
        for line in brief_lines(brief):
            session.out.print(marks_markup(line), soft_wrap=True)


def _write_chart(session: Session, brief, path: Path) -> None:
    from retrieval.engagements.chart import chart_png

    png = chart_png(brief)
    if png is None:
        session.err.print("No dated engagements to draw: no chart written.")
        return
    _write_whole(path, png)
    session.err.print(
        f"Chart of {len(brief.engagements)} engagements written to {escape(str(path))}."
    )


def _write_export(session: Session, brief, fmt: str, out: Path | None) -> None:
    from retrieval.engagements.exports import export

    text = export(brief, fmt)
    undated = sum(1 for e in brief.engagements if e.date_start is None)
    if fmt == "ics" and undated:
        session.err.print(f"{undated} undated engagements are not in the calendar.")
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    _write_whole(out, text.encode("utf-8"))
    session.err.print(
        f"{fmt.upper()} of {len(brief.engagements)} engagements written to {escape(str(out))}."
    )


def _write_whole(path: Path, data: bytes) -> None:
    """All of it or nothing: a crash or a full disk leaves no half-written file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise BadInput(f"cannot write {path}: {exc.strerror or exc}") from None


@app.command(name="eval", cls=GuardedCommand)
def evaluate(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="YAML items: question, any_of, files, kind.")
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", help="A named set of --sets-file, answered from its own corpus."),
    ] = None,
    sets_file: Annotated[Path, typer.Option("--sets-file", help="The named sets.")] = Path(
        "eval/sets.yaml"
    ),
    floors: Annotated[
        list[str] | None,
        typer.Option(
            "--floor",
            help="METRIC=N (or SET.METRIC=N with --set); exit 1 when one is missed.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The report as one JSON object.")] = False,
) -> None:
    """Score the engine on a QA file (hit@k, MRR, facts, citations, refusals), or on named sets
    (--set calibration --set test): fact, cited, verbatim, refusals, median length. Exits 1 when
    a --floor is missed."""
    from retrieval.evaluation.qa import load_items, missed_qa_floors, parse_qa_floors, run_eval

    session: Session = ctx.obj
    if sets and file is not None:
        raise BadInput("give a question file or --set, not both")
    if sets:
        session.data_dir()
        missed = run_sets(session, sets_file, sets, floors or [], as_json)
    elif file is None:
        raise BadInput("name a question file, or one or more --set")
    else:
        limits = parse_qa_floors(floors or [])  # a bad floor is said before any question
        report = run_eval(session.ready_engine(), load_items(file))
        show_report(session, report, as_json)
        missed = missed_qa_floors(report, limits)
    for line in missed:
        session.err.print(f"missed: {line}", markup=False)
    if missed:
        raise typer.Exit(1)


@app.command(cls=GuardedCommand)
def feedback(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per answer.")] = False,
    limit: Annotated[int, typer.Option(help="Show the N answers voted on last.", min=1)] = 20,
) -> None:
    """The 👍/👎 votes people gave the Discord bot's answers, by answer, newest first."""
    from bot.cli.feedback import feedback_lines, votes_by_answer

    session: Session = ctx.obj
    answers = votes_by_answer(session.settings.discord.feedback_db)
    if as_json:
        for entry in answers[:limit]:
            print(json.dumps(entry.as_json(), ensure_ascii=False), flush=True)
        return
    for line in feedback_lines(answers, limit):
        session.out.print(line, markup=False)


@app.command(name="bot", cls=GuardedCommand)
def discord_bot(ctx: typer.Context) -> None:
    """Run the Discord bot (DISCORD_TOKEN; see the README for setting up the application)."""
    from bot.discord.main import run_bot

    session: Session = ctx.obj

    session.data_dir()  # a bad one is said now, before the bot logs in

    def engine_factory():
        engine = session.engine("discord")
        engine.ensure_ingested()
        engine.warm_up()  # load the model now, not on the first question
        return engine

    run_bot(engine_factory, session.settings.discord)


@app.command(cls=GuardedCommand)
def chat(
    ctx: typer.Context,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Questions from stdin, one JSON object per turn (ask --json's fields and "
            "understood_as); /new starts a fresh conversation.",
        ),
    ] = False,
) -> None:
    """An interactive chat (/help for commands); reads questions from a pipe too. Follow-ups
    keep the conversation's subject; /new starts afresh."""
    from bot.cli.chat import run_chat, run_json_chat

    session: Session = ctx.obj
    engine = session.ready_engine("chat")
    engine.generative  # noqa: B018 - a missing LLM package or key is said now, in one line
    if as_json:
        if run_json_chat(engine):
            raise typer.Exit(1)
        return
    run_chat(engine, session.out, interactive=sys.stdin.isatty())


def main() -> None:
    """The `bilateral` executable: logging, then the app with this process's Session."""
    debug = bool(os.environ.get("BILATERAL_DEBUG"))
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    session = Session()
    try:
        app(obj=session)
    finally:
        if not session.wrote:
            # Exit goes on as usual (atexit, flushes, threads), minus the interpreter's last
            # collection of the ~150k objects a query loads: 0.5 s of a 2 s `bilateral ask`.
            # Only when nothing was written, so that no store object depends on being collected.
            gc.freeze()
