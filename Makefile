# The two commands the README opens with: `make chat` and `make test`.
.PHONY: setup chat test lint bench bench-ci

setup:
	@scripts/setup

chat: setup
	@.venv/bin/bilateral chat

lint: setup
	.venv/bin/ruff check retrieval bot tests bench
	.venv/bin/ruff format --check retrieval bot tests bench scripts
	.venv/bin/lint-imports
	.venv/bin/pyright

test: lint
	HF_HUB_OFFLINE=1 .venv/bin/python -m pytest -q

bench: setup
	HF_HUB_OFFLINE=1 .venv/bin/python bench/engine_bench.py
	HF_HUB_OFFLINE=1 .venv/bin/python bench/scale_bench.py --sizes 1000,10000

# the benchmarks at a size CI can afford: they must run and print their figures
bench-ci: setup
	HF_HUB_OFFLINE=1 .venv/bin/python bench/engine_bench.py --articles 40 --asks 40
	HF_HUB_OFFLINE=1 .venv/bin/python bench/scale_bench.py --sizes 100 --asks 20 --backends onnx,langchain
