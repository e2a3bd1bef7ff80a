#!/usr/bin/env python
"""Fit the follow-up decision (answer/followup.py) on the calibration conversations and print
the values for the tuning object (retrieval/tuning.py's FollowUpTuning):

    python scripts/fit_followup.py [--set calibration]

Every conversation is asked turn by turn; each turn after the first gives the features of its
own question against the conversation's subject, labelled by its shape (new_subject: stands
alone; every other shape: a follow-up)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from retrieval import Engine
from retrieval.evaluation.conversations import load_conversations
from retrieval.evaluation.devset import load_sets, set_settings
from retrieval.evaluation.fit import collect_follow_ups, fit_follow_ups
from retrieval.settings import Settings

SETS = Path(__file__).resolve().parents[1] / "eval" / "sets.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="calibration")
    args = parser.parse_args()
    eval_set = load_sets(SETS)[args.set]
    engine = Engine(set_settings(Settings(), eval_set))
    engine.ensure_ingested()
    x, y = collect_follow_ups(engine, load_conversations(eval_set.conversations))
    print(json.dumps(fit_follow_ups(x, y), indent=2))


if __name__ == "__main__":
    main()
