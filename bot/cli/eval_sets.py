"""`bilateral eval`: a QA file's report; and with --set NAME, each named set answered from its own
corpus, in a store of its own under the data dir, scored and checked against the floors given
on the command line."""

from __future__ import annotations

from pathlib import Path

from bot.cli.session import Session

SHOWN = (
    ("fact", "fact in the answer"),
    ("cited", "right article cited"),
    ("verbatim", "quotes verbatim"),
    ("refused_unanswerable", "unanswerables refused"),
    ("refused_answerable", "answerables refused"),
    ("median_chars", "median answer length"),
)


def run_sets(
    session: Session, sets_file: Path, names: list[str], floors: list[str], as_json: bool
) -> list[str]:
    """Print each set's report; return the floors it missed (one line each)."""
    from retrieval import BadInput, Engine
    from retrieval.evaluation.devset import (
        load_sets,
        missed_floors,
        parse_floors,
        run_set,
        set_settings,
    )

    limits = parse_floors(floors)
    known = load_sets(sets_file)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise BadInput(
            f"no set called {', '.join(unknown)} in {sets_file}; it has {', '.join(known)}"
        )
    missed: list[str] = []
    embedder = None  # loaded once, shared by every set's engine
    for name in names:
        eval_set = known[name]
        engine = Engine(set_settings(session.settings, eval_set), embedder=embedder)
        engine.ensure_ingested()
        embedder = engine.embedder
        report = run_set(engine, eval_set)
        missed += missed_floors(report, limits)
        if as_json:
            print(report.model_dump_json(exclude={"results", "turns"}), flush=True)
            continue
        session.out.print(
            f"{name}: {report.questions} questions ({report.answerable} "
            f"answerable, {report.unanswerable} unanswerable)",
            markup=False,
        )
        for key, label in SHOWN:
            session.out.print(f"  {label:<24} {getattr(report, key):.3f}", markup=False)
        if report.reliability:
            session.out.print("  reliability (confidence: answers, share right)", markup=False)
            for b in report.reliability:
                session.out.print(
                    f"    {b.low:.1f}–{b.high:.1f}: {b.answers:>3}, {b.held:.2f} "
                    f"(mean confidence {b.mean_confidence:.2f})",
                    markup=False,
                )
        if report.conversations is not None:
            show_conversations(session, report.conversations)
        if report.engagements is not None:
            e = report.engagements
            session.out.print(
                f"engagements: {e.labelled} labelled, {e.found} found, {e.right} right\n"
                f"  precision {e.precision:.3f}, recall {e.recall:.3f}, "
                f"exact date {e.exact_date:.3f}, exact kind {e.exact_kind:.3f}",
                markup=False,
            )
    return missed


def show_conversations(session: Session, scores) -> None:
    """The conversation turns' scores, each beside the same questions asked alone."""
    c = scores
    lines = [
        f"conversations: {c.turns} turns",
        f"  follow-ups with the fact  {c.follow_up_fact:.3f} "
        f"(spelled out, alone: {c.follow_up_fact_alone:.3f}; ratio {c.follow_up_ratio:.3f}; "
        f"{c.follow_ups} turns)",
        f"  new subjects with the fact {c.new_subject_fact:.3f} "
        f"(asked alone: {c.new_subject_fact_alone:.3f}; gap {c.new_subject_gap:.3f}; "
        f"{c.new_subjects} turns)",
        f"  unanswerable follow-ups refused {c.refused_unanswerable_follow_ups:.3f} "
        f"({c.unanswerable_follow_ups} turns)",
    ]
    for line in lines:
        session.out.print(line, markup=False)


def show_report(session: Session, report, as_json: bool) -> None:
    """A QA file's report: the metrics, then the failures."""
    from retrieval.evaluation.qa import QA_METRICS

    if as_json:
        print(report.model_dump_json(), flush=True)
        return
    out = session.out
    out.print(
        f"{report.questions} questions ({report.answerable} answerable, "
        f"{report.unanswerable} unanswerable)",
        markup=False,
    )
    for name in QA_METRICS:
        out.print(f"  {name:<20} {getattr(report, name):.3f}", markup=False)
    if report.failures:
        out.print("failures:", markup=False)
        for failure in report.failures:
            out.print(f"  - {failure}", markup=False)
