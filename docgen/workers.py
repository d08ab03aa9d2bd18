"""Rendering a batch of documents into a folder, in this process or in several.

Templates are compiled in the parent before any worker starts; with the ``fork`` start method
the workers inherit them, so each template is still compiled once per run. Each worker writes
its documents straight into the staging folder; only file names travel back.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path, PurePosixPath

from docgen.documents import Document
from docgen.rendering import compiled

Progress = Callable[[int, int], None]
PARALLEL_FROM = 120  # documents; below this, starting processes costs more than it saves


def default_jobs(count: int) -> int:
    """One process for small runs, every core when there are many documents."""
    return 1 if count < PARALLEL_FROM else max(1, os.cpu_count() or 1)


_Job = tuple[Sequence[Document], Path, Path]
_inherited: _Job | None = None  # set before forking; a forked worker finds its job here


def _exit_with_parent(parent: int) -> None:
    """Run in each worker: end it when the parent is gone.

    A forked worker holds both ends of its task queue's pipe, so it would never see the queue
    close and would wait forever after its parent was killed; a thread watches instead.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


def _render_chunk(folder: Path, stage: Path, documents: Sequence[Document]) -> dict[PurePosixPath, str]:
    templates = {name: compiled(folder / name) for name in {d.template for d in documents}}
    folders: set[Path] = set()
    hashes: dict[PurePosixPath, str] = {}
    for document in documents:
        data = templates[document.template].render(document.context)
        staged = stage / document.path
        if staged.parent not in folders:
            staged.parent.mkdir(parents=True, exist_ok=True)
            folders.add(staged.parent)
        staged.write_bytes(data)
        hashes[document.path] = hashlib.sha256(data).hexdigest()
    return hashes


def _render_inherited(start: int, stop: int) -> dict[PurePosixPath, str]:
    assert _inherited is not None, "the job is inherited only by forked workers"
    documents, folder, stage = _inherited
    return _render_chunk(folder, stage, documents[start:stop])


def render_into(
    stage: Path,
    documents: Sequence[Document],
    folder: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> dict[PurePosixPath, str]:
    """Render every document into ``stage``; return each one's SHA-256 (for the manifest).

    Raises the first failing document's error, as a run in one process would.
    """
    total = len(documents)
    jobs = default_jobs(total) if jobs is None else max(1, jobs)
    for name in dict.fromkeys(d.template for d in documents):
        compiled(folder / name)  # compile before forking, and fail early on a bad template
    size = max(1, -(-total // (jobs * 4)))
    bounds = [(i, min(i + size, total)) for i in range(0, total, size)]
    hashes: dict[PurePosixPath, str] = {}
    if jobs == 1 or total < 2:
        for start, stop in bounds:
            hashes |= _render_chunk(folder, stage, documents[start:stop])
            if progress:
                progress(stop, total)
        return hashes
    global _inherited
    fork = sys.platform.startswith("linux")
    _inherited = (documents, folder, stage)
    done = 0
    context = multiprocessing.get_context("fork" if fork else "spawn")
    try:
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
        ) as pool:
            futures = [
                pool.submit(_render_inherited, start, stop)
                if fork
                else pool.submit(_render_chunk, folder, stage, documents[start:stop])
                for start, stop in bounds
            ]
            try:
                for future in as_completed(futures):
                    chunk = future.result()
                    hashes |= chunk
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    finally:
        _inherited = None
    return hashes
