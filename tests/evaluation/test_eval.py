"""`bilateral eval` on tests/eval/questions.yaml, with the real model: the thresholds CI holds."""

from __future__ import annotations

import json

import pytest
from paths import EVAL

from retrieval.evaluation.qa import load_items, run_eval

QUESTIONS = EVAL / "questions.yaml"


def test_eval_thresholds(seeded_engine):
    items = load_items(QUESTIONS)
    assert len(items) >= 40
    report = run_eval(seeded_engine, items)
    print(report.model_dump_json(indent=1))
    assert report.fact_accuracy >= 0.9, report.failures
    assert report.citation_precision >= 0.95, report.failures
    assert report.refusal_accuracy >= 0.9, report.failures
    assert report.false_refusals <= 0.1, report.failures
    assert report.hit_at_k >= 0.9


def test_malformed_eval_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- question: fine\n- answer: no question here\n")
    with pytest.raises(ValueError, match="item 2: question"):
        load_items(bad)


def test_eval_command_prints_the_metrics(env, tmp_path):
    from typer.testing import CliRunner

    from bot.cli.commands import app

    qa = tmp_path / "qa.yaml"
    qa.write_text(
        "- question: What did Jaishankar and Badr Albusaidi discuss?\n"
        "  any_of: [[cooperation]]\n  files: [000_c8cbf1aefad89011.txt]\n"
        "- question: What is the capital of Peru?\n  kind: unanswerable\n"
    )
    result = CliRunner().invoke(app, ["eval", str(qa)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for metric in (
        "hit_at_k",
        "mrr",
        "fact_accuracy",
        "citation_precision",
        "refusal_accuracy",
        "false_refusals",
    ):
        assert metric in result.stdout


def write_set(tmp_path, knowledge):
    """A named set over the seed articles: one answerable question, one unanswerable."""
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "one.yaml").write_text(
        "- question: What did Jaishankar and Badr Albusaidi discuss?\n"
        "  any_of: [[cooperation]]\n  files: [000_c8cbf1aefad89011.txt]\n"
        "- question: What is the capital of Peru?\n  kind: unanswerable\n"
    )
    sets = tmp_path / "sets.yaml"
    sets.write_text(f"seeds:\n  questions: questions\n  corpus: {knowledge}\n")
    return sets


def test_a_named_set_is_answered_from_its_own_corpus_and_scored(env, tmp_path, knowledge):
    from typer.testing import CliRunner

    from bot.cli.commands import app

    sets = write_set(tmp_path, knowledge)
    args = ["eval", "--sets-file", str(sets), "--set", "seeds", "--json"]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["name"], report["answerable"], report["unanswerable"]) == ("seeds", 1, 1)
    assert report["verbatim"] == 1.0  # every quote is the article's own text
    # its store is its own: the session's data dir holds it under eval/seeds
    assert (env / "data" / "eval" / "seeds").is_dir()


def test_a_missed_floor_exits_1_and_says_which(env, tmp_path, knowledge):
    from typer.testing import CliRunner

    from bot.cli.commands import app

    sets = write_set(tmp_path, knowledge)
    args = [
        "eval",
        "--sets-file",
        str(sets),
        "--set",
        "seeds",
        "--floor",
        "seeds.verbatim=1.01",
        "--floor",
        "median_chars=1",
    ]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "seeds.verbatim" in result.stderr and "below 1.010" in result.stderr
    assert "seeds.median_chars" in result.stderr and "above 1.000" in result.stderr


def test_an_unknown_set_or_a_bad_floor_is_one_clear_error(env, tmp_path, knowledge):
    from typer.testing import CliRunner

    from bot.cli.commands import app

    sets = write_set(tmp_path, knowledge)
    runner = CliRunner()
    unknown = runner.invoke(app, ["eval", "--sets-file", str(sets), "--set", "nope"])
    assert unknown.exit_code == 2 and "no set called nope" in unknown.output
    bad = runner.invoke(app, ["eval", "--sets-file", str(sets), "--set", "seeds", "--floor", "x"])
    assert bad.exit_code == 2 and "bad floor" in bad.output


def test_a_set_with_conversations_scores_them_and_prints_the_reliability_curve(
    env, tmp_path, knowledge
):
    from typer.testing import CliRunner

    from bot.cli.commands import app

    sets = write_set(tmp_path, knowledge)
    (tmp_path / "conversations").mkdir()
    (tmp_path / "conversations" / "one.yaml").write_text(
        "- id: c1\n  turns:\n"
        "    - ask: What did Jaishankar and Badr Albusaidi discuss?\n"
        "      standalone: What did Jaishankar and Badr Albusaidi discuss?\n"
        "      shape: first\n      any_of: [[cooperation]]\n"
        "      files: [000_c8cbf1aefad89011.txt]\n"
        "    - ask: when was that?\n"
        "      standalone: When did Jaishankar and Badr Albusaidi speak?\n"
        "      shape: follow_up\n      any_of: [[December]]\n"
        "      files: [000_c8cbf1aefad89011.txt]\n"
        "    - ask: who did amir baram meet\n"
        "      standalone: who did amir baram meet\n"
        "      shape: new_subject\n      any_of: [[Baram]]\n"
    )
    sets.write_text(sets.read_text() + "  conversations: conversations\n")
    args = ["eval", "--sets-file", str(sets), "--set", "seeds", "--json"]
    report = json.loads(CliRunner().invoke(app, args, catch_exceptions=False).stdout)
    scores = report["conversations"]
    assert (scores["turns"], scores["follow_ups"], scores["new_subjects"]) == (3, 1, 1)
    assert scores["follow_up_fact"] == 1.0 and scores["follow_up_ratio"] == 1.0
    assert scores["new_subject_gap"] == 0.0
    curve = report["reliability"]
    assert curve and all(0 <= b["held"] <= 1 and b["low"] <= b["mean_confidence"] for b in curve)
    printed = CliRunner().invoke(app, args[:-1], catch_exceptions=False).stdout
    assert "reliability (confidence: answers, share right)" in printed
    assert "follow-ups with the fact  1.000" in printed and "ratio 1.000" in printed
    floors = ["--floor", "seeds.follow_up_ratio=1.01", "--floor", "seeds.engagement_recall=0.5"]
    missed = CliRunner().invoke(app, [*args[:-1], *floors], catch_exceptions=False)
    assert missed.exit_code == 1
    assert "seeds.follow_up_ratio = 1.000 is below 1.010" in missed.stderr
    assert "seeds.engagement_recall: the set has nothing to measure it on" in missed.stderr
