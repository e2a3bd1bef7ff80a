"""Ingest: idempotent and incremental, bad files skipped with a reason, nothing else lost."""

from __future__ import annotations

import json

from retrieval.engine import Engine
from retrieval.index.embedding import FakeEmbedder


def chunk_snapshot(engine: Engine) -> dict[str, str]:
    return {c.id: c.text for c in engine.store.all_chunks()}


def test_first_ingest_adds_every_seed_with_metadata(fake_engine):
    report = fake_engine.ingest()
    assert (report.added, report.updated, report.unchanged, report.removed) == (5, 0, 0, 0)
    assert report.ok and report.chunks_embedded == report.chunks_total > 5
    by_name = {a.path.rsplit("/", 1)[-1]: a for a in fake_engine.sources()}
    oman = by_name["000_c8cbf1aefad89011.txt"]
    assert oman.source == "Business Standard (ANI)" and str(oman.published) == "2025-12-04"
    assert oman.countries == ["OM"]
    assert by_name["001_7ecfe26781f484f4.txt"].countries == ["US", "RU"]


def test_reingest_of_unchanged_files_embeds_nothing(fake_engine):
    fake_engine.ingest()
    before = chunk_snapshot(fake_engine)
    report = fake_engine.ingest()
    assert report.chunks_embedded == 0 and report.unchanged == 5 and report.added == 0
    assert chunk_snapshot(fake_engine) == before


def test_changed_file_replaces_its_chunks(fake_engine, knowledge):
    fake_engine.ingest()
    path = knowledge / "002_47edb2752374cd4b.txt"
    path.write_text(path.read_text() + "\nThe two ministers also agreed to meet again in Delhi.\n")
    report = fake_engine.ingest()
    assert (report.updated, report.unchanged) == (1, 4)
    assert 0 < report.chunks_embedded < report.chunks_total
    texts = " ".join(chunk_snapshot(fake_engine).values())
    assert texts.count("agreed to meet again in Delhi") == 1
    fresh = Engine(
        fake_engine.settings.model_copy(update={"data_dir": knowledge.parent / "d2"}),
        embedder=FakeEmbedder(),
    )
    fresh.ingest()
    assert set(chunk_snapshot(fresh)) == set(chunk_snapshot(fake_engine))


def test_file_gone_from_ingested_folder_loses_its_chunks(fake_engine, knowledge):
    fake_engine.ingest()
    (knowledge / "003_2bc91d682c42a60a.txt").unlink()
    report = fake_engine.ingest()
    assert report.removed == 1
    assert all("Baram" not in text for text in chunk_snapshot(fake_engine).values())
    assert len(fake_engine.sources()) == 4


def test_ingesting_one_file_keeps_the_others(fake_engine, knowledge):
    fake_engine.ingest()
    report = fake_engine.ingest([knowledge / "000_c8cbf1aefad89011.txt"])
    assert (report.unchanged, report.removed) == (1, 0)
    assert len(fake_engine.sources()) == 5


def test_bad_files_are_skipped_with_a_reason_and_the_rest_ingested(fake_engine, knowledge):
    (knowledge / "empty.txt").write_text("   \n")
    (knowledge / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    latin1 = "Caf\xe9 talks in Paris between India and France.".encode("latin-1")
    (knowledge / "latin1.txt").write_bytes(latin1)
    (knowledge / "broken.md").write_text("---\ntitle: [unclosed\n---\nIndia and Peru held talks.\n")
    big = knowledge / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (knowledge / "notes.pdf").write_bytes(b"%PDF-1.4")
    report = fake_engine.ingest()
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.md", "huge.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "front matter" in reasons["broken.md"]
    assert "too large" in reasons["huge.txt"]
    assert all("\n" not in r for r in reasons.values())
    assert report.added == 6 and not report.ok  # the Latin-1 file is decoded, not skipped


def test_markdown_front_matter_and_jsonl_lines(fake_engine, tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "peru.md").write_text(
        "---\ntitle: India and Peru hold trade talks\nsource: Andina\npublished: 2024-03-02\n"
        "url: https://example.org/peru\n---\n"
        "India and Peru held the fifth round of talks on a trade agreement in Lima on Friday.\n"
    )
    lines = [
        {
            "title": "India, Kenya sign maritime pact",
            "text": "India and Kenya signed a maritime security pact in Nairobi on Monday.",
            "published": "2024-05-06",
            "url": "https://example.org/kenya",
            "source": "Daily Nation",
        },
        {"title": "no text here"},
        "not json",
    ]
    (folder / "feed.jsonl").write_text(
        "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n"
    )
    report = fake_engine.ingest([folder])
    assert report.added == 2
    assert sorted(s.reason for s in report.skipped) == ["invalid JSON (Expecting value)", "no text"]
    by_title = {a.title: a for a in fake_engine.sources()}
    peru = by_title["India and Peru hold trade talks"]
    assert (peru.source, str(peru.published), peru.url) == (
        "Andina",
        "2024-03-02",
        "https://example.org/peru",
    )
    assert peru.countries == ["PE"]
    kenya = by_title["India, Kenya sign maritime pact"]
    assert kenya.path.endswith("feed.jsonl:1") and kenya.countries == ["KE"]


def test_html_main_text_is_extracted(fake_engine, tmp_path):
    page = tmp_path / "page.html"
    body = " ".join(["India and Ghana agreed to expand cooperation in agriculture."] * 3)
    page.write_text(
        "<html><head><title>India, Ghana talks | Daily Graphic</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>India, Ghana talks</h1>"
        f"<p>{body}</p><p>The foreign ministers met in Accra on Tuesday and reviewed trade.</p>"
        "</article><footer>Subscribe to our newsletter</footer></body></html>"
    )
    report = fake_engine.ingest([page])
    assert report.added == 1, report.skipped
    text = " ".join(chunk_snapshot(fake_engine).values())
    assert "met in Accra" in text and "Subscribe" not in text and "Sport" not in text


def test_ingest_from_another_working_directory_changes_nothing(
    fake_engine, knowledge, tmp_path, monkeypatch
):
    fake_engine.ingest()
    before = chunk_snapshot(fake_engine)
    elsewhere = tmp_path / "elsewhere" / "deeper"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    report = fake_engine.ingest()
    assert (report.unchanged, report.added, report.removed, report.chunks_embedded) == (5, 0, 0, 0)
    # one file of the knowledge folder named on its own is the same article, too
    report = fake_engine.ingest([knowledge / "000_c8cbf1aefad89011.txt"])
    assert (report.unchanged, report.added, report.chunks_embedded) == (1, 0, 0)
    assert chunk_snapshot(fake_engine) == before
    assert {a.path for a in fake_engine.sources()} == {p.name for p in knowledge.glob("*.txt")}


def test_a_published_date_that_is_not_one_keeps_the_article(fake_engine, tmp_path):
    folder = tmp_path / "dates"
    folder.mkdir()
    body = "India and Armenia held the 10th round of political consultations in New Delhi.\n"
    for name, published, dateline in [
        ("unknown.md", "unknown", "18 November, 2023\n\n"),  # the page gave none; the text does
        ("written.md", "18 November 2023", ""),
        ("nonsense.md", "someday soon", ""),
    ]:
        (folder / name).write_text(
            f"---\ntitle: Talks {name}\npublished: {published}\n---\n{dateline}{body}"
        )
    report = fake_engine.ingest([folder])
    assert report.added == 3 and report.ok
    dated = {a.title: a.published for a in fake_engine.sources()}
    assert str(dated["Talks unknown.md"]) == "2023-11-18"
    assert str(dated["Talks written.md"]) == "2023-11-18"
    assert dated["Talks nonsense.md"] is None


def test_a_hard_wrapped_markdown_article_is_ingested_whole(fake_engine, tmp_path):
    folder = tmp_path / "wrapped"
    folder.mkdir()
    (folder / "peru.md").write_text(
        "---\ntitle: India and Peru hold trade talks\npublished: 2024-03-02\n---\n"
        "India and Peru held the fifth round of talks on a free trade agreement in\n"
        "Lima on Friday, officials said. The two sides reviewed progress on goods,\n"
        "services and investment chapters.\n\n"
        "Commerce Secretary Sunil Barthwal led the Indian delegation, while Peru's\n"
        "Vice Minister of Foreign Trade Ana Cecilia Gervasi headed her side. They\n"
        "agreed to meet again in New Delhi in June.\n"
    )
    fake_engine.ingest([folder])
    text = " ".join(c.text.replace("\n", " ") for c in fake_engine.store.all_chunks())
    assert "held the fifth round of talks on a free trade agreement in Lima on Friday" in text
    assert "headed her side. They agreed to meet again in New Delhi in June." in text


class ManyCallers(FakeEmbedder):
    """An embedder that takes three callers at once, as the ONNX one takes one per core."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: set[str] = set()

    def for_bulk(self):
        return self, 3

    def _encode(self, texts):
        import threading
        import time

        self.threads.add(threading.current_thread().name)
        time.sleep(0.01)  # long enough that the groups overlap
        return super()._encode(texts)


def test_several_callers_embed_every_chunk_with_its_sentences(settings, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    body = " ".join(f"India and partner {i} held talks on trade and energy." for i in range(40))
    for n in range(60):
        (folder / f"a{n}.md").write_text(f"---\ntitle: Talks {n}\n---\n\n{body}\n", "utf-8")
    embedder = ManyCallers()
    engine = Engine(settings.model_copy(update={"knowledge_dir": folder}), embedder=embedder)
    report = engine.ingest()
    assert report.ok and report.added == 60 and report.chunks_embedded == report.chunks_total
    assert report.chunks_total > 3 * 64  # more groups than callers
    assert len(embedder.threads) > 1  # the groups ran on several threads
    chunks = engine.store.all_chunks()
    stored = engine.store.sentences.get([c.id for c in chunks])
    assert all(len(stored[c.id]) == len(c.sentences) for c in chunks)
    again = Engine(settings.model_copy(update={"knowledge_dir": folder}), embedder=FakeEmbedder())
    assert again.ingest().chunks_embedded == 0  # the store is whole: nothing to redo
