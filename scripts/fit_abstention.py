#!/usr/bin/env python
"""Fit the abstention model on the calibration half and print the values for the tuning object
(retrieval/tuning.py's AbstentionTuning). Run with abstention off:

    BILATERAL_TUNING_FILE=off.json python scripts/fit_abstention.py

where off.json is {"abstention": {"threshold": 0}}."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from retrieval import Engine
from retrieval.evaluation.devset import load_questions, load_sets, set_settings
from retrieval.evaluation.fit import collect, fit
from retrieval.settings import Settings

SETS = Path(__file__).resolve().parents[1] / "eval" / "sets.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="calibration")
    parser.add_argument("--max-false-refusals", type=float, default=0.04)
    args = parser.parse_args()
    eval_set = load_sets(SETS)[args.set]
    engine = Engine(set_settings(Settings(), eval_set))
    if engine.tuning.abstention.threshold:
        raise SystemExit("fit with abstention off: BILATERAL_TUNING_FILE with threshold 0")
    engine.ensure_ingested()
    x, y, refused = collect(engine, load_questions(eval_set.questions))
    print(json.dumps(fit(x, y, refused, args.max_false_refusals), indent=2))


if __name__ == "__main__":
    main()
