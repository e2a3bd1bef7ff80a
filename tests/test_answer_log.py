"""The answer log: one JSON line per answer a person got, rotated by size, whole lines only."""

from __future__ import annotations

import json
import threading

from retrieval.answer_log import AnswerLog
from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder
from retrieval.types import Answer, Citation

FIELDS = {"time", "front_end", "question", "refused", "cited", "latency_ms"}


def answer(question: str = "What did India and Oman discuss?") -> Answer:
    cite = Citation(n=1, article_id="a", title="T", path="k/oman.txt", quote="Q.")
    return Answer(
        question=question,
        answer="They talked. [1] More. [2]",
        citations=[cite, cite.model_copy(update={"n": 2})],
    )


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_an_entry_holds_the_question_and_what_answered_it_nothing_else(tmp_path):
    log = AnswerLog(tmp_path / "answers.jsonl", max_bytes=10_000)
    log.write(answer(), "discord", 0.0512)
    [entry] = lines(tmp_path / "answers.jsonl")
    assert set(entry) == FIELDS
    assert entry["front_end"] == "discord" and entry["refused"] is False
    assert entry["cited"] == ["k/oman.txt"] and entry["latency_ms"] == 51
    assert entry["question"] == "What did India and Oman discuss?"


def test_the_log_rotates_by_size_and_keeps_so_many_files(tmp_path):
    path = tmp_path / "answers.jsonl"
    log = AnswerLog(path, max_bytes=600, keep=2)
    for n in range(40):
        log.write(answer(f"question {n}"), "cli", 0.01)
    assert path.stat().st_size <= 600
    rotated = sorted(
        p.name for p in tmp_path.glob("answers.jsonl.*") if not p.name.endswith("lock")
    )
    assert rotated == ["answers.jsonl.1", "answers.jsonl.2"]
    kept = lines(tmp_path / "answers.jsonl.2") + lines(tmp_path / "answers.jsonl.1") + lines(path)
    numbers = [int(e["question"].split()[1]) for e in kept]
    assert numbers == list(range(numbers[0], 40))  # the newest, in order, none lost between files


def test_writers_at_once_leave_whole_lines(tmp_path):
    path = tmp_path / "answers.jsonl"

    def write(front_end: str) -> None:
        log = AnswerLog(path, max_bytes=5_000, keep=50)  # each thread its own, as processes
        for n in range(60):
            log.write(answer(f"{front_end} {n} " + "x" * 200), front_end, 0.01)

    threads = [threading.Thread(target=write, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = [
        e for p in tmp_path.glob("answers.jsonl*") if "lock" not in p.name for e in lines(p)
    ]
    assert len(everything) == 240  # every line parses: no two appends interleaved


def test_an_unwritable_log_costs_a_warning_not_the_answer(tmp_path, caplog):
    (tmp_path / "blocker").write_text("a file where the log's folder should be")
    AnswerLog(tmp_path / "blocker" / "answers.jsonl", max_bytes=1000).write(answer(), "cli", 0.1)
    assert "cannot write the answer log" in caplog.text


def test_only_an_engine_serving_people_logs_and_zero_turns_it_off(settings):
    log = settings.data_dir / "answers.jsonl"
    plain = Engine(settings, embedder=FakeEmbedder())
    plain.ingest()
    plain.ask("What did India and Oman discuss?")
    assert not log.exists()  # eval, benchmarks, tests: no front end, no log
    served = Engine(settings, embedder=FakeEmbedder(), front_end="chat")
    served.ask("What did India and Oman discuss?")
    [entry] = lines(log)
    assert entry["front_end"] == "chat" and entry["cited"]
    streamed = list(served.ask_stream("Who is Amir Baram?"))
    assert lines(log)[-1]["question"] == streamed[-1].question
    off = settings.model_copy(update={"answer_log_mb": 0})
    Engine(off, embedder=FakeEmbedder(), front_end="cli").ask("What did India and Oman discuss?")
    assert len(lines(log)) == 2
