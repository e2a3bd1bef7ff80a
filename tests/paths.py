"""Where the tests find the repository, the knowledge folder, the seed articles, their own data."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
KNOWLEDGE = ROOT / "knowledge"
SEEDS = ROOT.parent / "shared" / "seeds"
EVAL = TESTS / "eval"
FIXTURES = TESTS / "fixtures"
