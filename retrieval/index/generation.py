"""The store's generation token mirrored in a small file beside the data: a process that only
answers reads it to know which snapshot is current, without opening Chroma."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class GenerationFile:
    """`read()` is the token of the store's finished content, "" while a change is under way
    (or was cut off) or when no writer has recorded one yet."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return ""

    def write(self, token: str) -> None:
        """All or nothing (a rename), so a reader never sees half a token."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".generation-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(token)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
