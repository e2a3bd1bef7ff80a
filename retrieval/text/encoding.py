"""Bytes to text: UTF-8 when it is, else the legacy encoding charset-normalizer finds."""

from __future__ import annotations

# When several encodings read the bytes equally well (short Western text fits cp1250, cp1252
# and cp1257 alike), the one the web defaults to wins: browsers read Latin-1 as Windows-1252.
_PREFERRED = ("cp1252", "latin_1")


class UndecodableText(ValueError):
    """No encoding reads the bytes as text; the message says so in one line."""


def decode_text(data: bytes) -> str:
    """The bytes as text: UTF-8 (a BOM is dropped), else the best legacy encoding, preferring
    Windows-1252 among equals."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        bad = data[first_bad]
        raise UndecodableText(
            f"not text in any known encoding (byte {bad:#04x} at offset {first_bad})"
        )
    for name in _PREFERRED:
        for match in matches:
            if (match.encoding, match.chaos, match.coherence) == (
                name,
                best.chaos,
                best.coherence,
            ):
                return str(match)
    return str(best)
