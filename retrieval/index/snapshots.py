"""Things derived from the whole store (the keyword index, the catalogue), kept on disk under
the store's generation: a new process loads them instead of reading every chunk again."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from retrieval.data_dir import file_lock

log = logging.getLogger(__name__)
T = TypeVar("T")


class Generational(Protocol):
    """A store as snapshots see it: a name and the token of its current content."""

    @property
    def name(self) -> str: ...

    def generation(self) -> str: ...


def snapshot(
    store: Generational,
    folder: Path,
    kind: str,
    build: Callable[[], T],
    save: Callable[[T, Path], None],
    load: Callable[[Path], T],
) -> T:
    """`build()` of the store as it is now, or its copy saved in `folder` for this generation.
    A store mid-change (or cut off by a crash) has no generation: built, never saved."""
    generation = store.generation()
    target = folder / f"{store.name}-{kind}-{generation}"
    if generation and target.is_dir():
        try:
            return load(target)
        except Exception as exc:  # noqa: BLE001 - a damaged copy is rebuilt, never fatal
            log.warning("%s in %s is unusable (%s); rebuilding it", kind, target, exc)
    value = build()
    if generation and store.generation() == generation:  # unchanged while it was read
        try:
            _replace(target, lambda path: save(value, path), keep=store.generation)
        except OSError as exc:  # a read-only data dir still answers, only slower to start
            log.info("cannot keep the %s in %s: %s", kind, folder, exc)
    return value


def _replace(target: Path, write: Callable[[Path], None], keep: Callable[[], str]) -> None:
    """Write `target` whole (a rename: readers see all of it or none), then drop the same kind's
    folders of generations the store has left (`keep()` is the one it has now)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".snapshot-", dir=target.parent))
    try:
        write(tmp / "new")
        if target.is_dir():  # there but unusable (we rebuilt it): move it aside first
            target.rename(tmp / "damaged")
        try:
            (tmp / "new").rename(target)
        except OSError:
            if not target.is_dir():
                raise  # else another process saved the same generation first
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prefix = target.name.rsplit("-", 1)[0] + "-"
    current = {target.name, prefix + keep()}
    for old in target.parent.glob(f"{prefix}*"):
        if old.name not in current and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    for left in target.parent.glob(".snapshot-*"):  # a writer killed mid-save
        if time.time() - left.stat().st_mtime > 3600:
            shutil.rmtree(left, ignore_errors=True)


@contextmanager
def one_writer(data_dir: Path) -> Iterator[None]:
    """One ingest at a time per data dir, across processes (a second one waits): so an empty
    generation seen by a writer holding this means a crashed writer, not a running one."""
    with file_lock(data_dir / "ingest.lock"):
        yield
