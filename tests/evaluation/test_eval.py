"""`bilateral eval` on tests/eval/questions.yaml, with the real model: the thresholds CI holds."""

from __future__ import annotations

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
