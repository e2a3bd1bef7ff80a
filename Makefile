# The two commands the README opens with: `make chat` and `make test`.
.PHONY: setup chat test lint bench

setup:
	@scripts/setup

chat: setup
	@.venv/bin/bilateral chat

lint: setup
	.venv/bin/ruff check retrieval bot tests bench

test: lint
	HF_HUB_OFFLINE=1 .venv/bin/python -m pytest -q

bench: setup
	HF_HUB_OFFLINE=1 .venv/bin/python bench/engine_bench.py
