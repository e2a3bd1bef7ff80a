"""Part of the probe: Latin-1 and Windows-1252 files are decoded (charset detection), not
skipped; text in no encoding at all still is, with its reason."""

from __future__ import annotations

import pytest

from retrieval.text.encoding import UndecodableText, decode_text

TEXT = (
    "India and Brazil agreed on Tuesday to expand cooperation in ethanol and space. The talks in "
    "S\u00e3o Paulo were \u201cconstructive\u201d \u2013 officials said the next round would be "
    "held in New Delhi\u2026 The caf\u00e9 owners' association welcomed the na\u00efve "
    "optimism of the r\u00e9sum\u00e9."
)
LATIN1 = (
    "India and Brazil agreed on Tuesday to expand cooperation in ethanol and space. The talks in "
    "S\u00e3o Paulo were constructive, and the next round will be held in Bras\u00edlia."
)


@pytest.mark.parametrize(("text", "encoding"), [(TEXT, "cp1252"), (LATIN1, "latin-1")])
def test_legacy_bytes_decode_to_the_text_written(text, encoding):
    assert decode_text(text.encode(encoding)) == text


def test_utf8_stays_utf8_and_noise_is_refused():
    assert decode_text("\ufeffS\u00e3o Paulo".encode()) == "S\u00e3o Paulo"
    with pytest.raises(UndecodableText, match=r"^not text in any known encoding \(byte"):
        decode_text(bytes(range(128, 256)) * 3 + b"\x81\x8d\x8f\x90\x9d" * 40)


def test_latin1_and_windows_1252_files_are_ingested_as_written(fake_engine, tmp_path):
    folder = tmp_path / "legacy"
    folder.mkdir()
    (folder / "brazil-1252.txt").write_bytes(TEXT.encode("cp1252"))
    (folder / "brazil-latin1.md").write_bytes(
        ("---\ntitle: India, Brazil talks in S\u00e3o Paulo\n---\n" + LATIN1).encode("latin-1")
    )
    report = fake_engine.ingest([folder])
    assert (report.added, report.skipped) == (2, [])
    text = " ".join(c.text for c in fake_engine.store.all_chunks())
    assert "S\u00e3o Paulo were \u201cconstructive\u201d \u2013 officials" in text
    assert "Bras\u00edlia" in text
    assert "India, Brazil talks in S\u00e3o Paulo" in {a.title for a in fake_engine.sources()}
