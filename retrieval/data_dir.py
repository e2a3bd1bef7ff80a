"""The data directory, checked before anything slow starts: it must exist (or be made) and take
files, or the command stops at once with one line saying why."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from retrieval.errors import SettingsError


def check_data_dir(path: Path) -> Path:
    """`path`, created if missing; SettingsError naming BILATERAL_DATA_DIR when it is a file,
    sits under a file, or cannot be written (permissions, a read-only disk)."""
    where = f"the data directory {path} (BILATERAL_DATA_DIR)"
    if path.exists() and not path.is_dir():
        raise SettingsError(f"cannot use {where}: it is a file, not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path, prefix=".write-check-"):
            pass  # the store, the model export, snapshots and logs all write here
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SettingsError(f"cannot use {where}: {reason.lower()}") from None
    return path


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Held by one process at a time (a second one waits): an exclusive flock on `path`, made
    with its folder if missing. Not POSIX: no cross-process lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
