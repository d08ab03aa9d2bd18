"""Rendering a batch of documents into a folder, in this process or in several.

Templates are compiled in the parent before any worker starts; with the ``fork`` start method
the workers inherit them (and the documents), so each template is still compiled once per run.
The parent renders too: ``jobs=2`` is this process and one forked worker. Each process claims
small runs of documents from a shared counter until none are left, so none sits idle while
another still has a long queue, and writes them straight into the staging folder; only file
hashes travel back.
"""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from docgen.errors import Finding, FindingsError
from docgen.progress import Progress
from docgen.rendering.jobs import Document
from docgen.rendering.templates import CompiledTemplate, compiled
from docgen.rendering.zipwriter import archive

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext, SpawnContext
    from multiprocessing.process import BaseProcess

Hashes = dict[PurePosixPath, str]
_Digests = dict[int, tuple[str, str | None]]  # by the document's index: a path rebuilt from a pickle is slow to compare


@dataclass(frozen=True)
class Rendered:
    """What a batch's processes report: each file's SHA-256, and the content key of those asked for."""

    hashes: Hashes
    keys: Hashes
    """``CompiledTemplate.content_key`` of the documents of the kinds asked for, by path."""


PARALLEL_FROM = 120  # documents; below this, starting processes costs more than it saves
CHUNK = 8  # documents claimed at a time: small enough to even out the end, large enough to cost nothing
LOCK_PATIENCE = 30.0  # seconds; the shared counters' lock is held for microseconds


class WorkerError(FindingsError):
    """Raised when a rendering process ended without reporting (killed, or out of memory)."""


def process_context() -> ForkContext | SpawnContext:
    """``fork`` on Linux, which shares the compiled templates for free; ``spawn`` elsewhere.

    On macOS forking a process that has used system frameworks is unsafe, and Windows has no
    fork: there each worker is a new interpreter that is sent its documents and compiles the
    templates once itself.
    """
    import multiprocessing  # here: a run in one process has no use for it (a hundredth of a second to import)

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def default_jobs(count: int) -> int:
    """One process for small runs, every core this process may use when there are many documents."""
    return 1 if count < PARALLEL_FROM else usable_cores()


def usable_cores() -> int:
    """The cores this process may run on: a container or ``taskset`` may allow fewer than the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class _Counter:
    """A counter with ``.value``, as a ``RawValue`` has, for a batch rendered in one process."""

    def __init__(self) -> None:
        self.value = 0


@dataclass
class _Batch:
    """One run's documents and the counters its processes share (inherited when forked).

    The counters are raw shared memory behind one lock, held only to move them. A process
    killed while holding it would stall the others, so waiting for it is bounded.
    """

    stage: Path
    documents: Sequence[Document]
    folder: Path
    lock: Any  # multiprocessing.Lock
    next_index: Any  # RawValue: the first document nobody has claimed
    finished: Any  # RawValue: documents rendered so far, for the progress bar
    failed: Any  # RawValue: set when a document failed; nobody claims more
    folders: set[Path] = field(default_factory=set)
    templates: dict[str, CompiledTemplate] = field(default_factory=dict)  # this run's, by the documents' names
    keyed: frozenset[str] = frozenset()  # kinds whose content key is wanted: keyed here, in every process

    def __getstate__(self) -> dict[str, Any]:
        """What a spawned worker receives: not the compiled templates (Jinja's code does not pickle)."""
        return {**self.__dict__, "templates": {}}

    @classmethod
    def shared(cls, context: Any, stage: Path, documents: Sequence[Document], folder: Path) -> _Batch:
        """A batch whose counters live in memory every process of ``context`` sees."""
        raw = context.RawValue
        return cls(stage, documents, folder, context.Lock(), raw("q", 0), raw("q", 0), raw("b", 0))

    @classmethod
    def local(cls, stage: Path, documents: Sequence[Document], folder: Path) -> _Batch:
        """A batch for one process: plain counters, nothing taken from multiprocessing's shared heap."""
        return cls(stage, documents, folder, threading.Lock(), _Counter(), _Counter(), _Counter())

    def claim(self, done: int) -> range:
        """Count ``done`` documents as finished and take the next run; empty when none are left."""
        if not self.lock.acquire(timeout=LOCK_PATIENCE):
            raise WorkerError([Finding("worker-died", {})])
        try:
            self.finished.value += done
            start = self.next_index.value
            if self.failed.value or start >= len(self.documents):
                return range(0)
            stop = min(start + CHUNK, len(self.documents))
            self.next_index.value = stop
            return range(start, stop)
        finally:
            self.lock.release()

    def render(self, index: int) -> tuple[str, str | None]:
        """Render one document into the staging folder; its SHA-256, and its content key if its kind is keyed."""
        document = self.documents[index]
        template = self.templates.get(document.template)
        if template is None:  # a spawned worker's first document of this template
            template = self.templates[document.template] = compiled(self.folder / document.template, mend_layout=True)
        members = template.render_members(document.context)
        data = archive(members)
        key = template.content_key(members) if document.kind in self.keyed else None
        staged = self.stage / document.path
        if staged.parent not in self.folders:
            staged.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(staged.parent)
        staged.write_bytes(data)
        return hashlib.sha256(data).hexdigest(), key

    def work(self, between: Callable[[], None] = lambda: None) -> _Result:
        """Render claimed documents until none are left; the hashes, and the first failure if any.

        A claimed run is finished even after another process failed, so every document before
        the first failing one is rendered, as it would be in one process. ``between`` runs
        after each run of documents.
        """
        digests: _Digests = {}
        done = 0
        try:
            while chunk := self.claim(done):
                for index in chunk:
                    try:
                        digests[index] = self.render(index)
                    except Exception as exc:  # handed to the parent, which raises it
                        self.failed.value = 1
                        return digests, (index, exc)
                done = len(chunk)
                between()
        except WorkerError as exc:
            return digests, (-1, exc)
        return digests, None


_Result = tuple[_Digests, tuple[int, BaseException] | None]


def _worker(batch: _Batch, reader: Connection, writer: Connection, parent: int) -> None:
    """A worker process: render until the batch is done, then send the hashes (or the failure)."""
    reader.close()  # else a dead parent's pipe would never report closed to a blocked send
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.freeze()  # the inherited objects are never garbage: keep the collector off their pages

    def orphaned() -> None:
        if os.getppid() != parent:
            os._exit(1)

    digests, failure = batch.work(orphaned)
    try:
        writer.send((digests, failure))
    except Exception as exc:  # an error that will not pickle still reaches the parent
        writer.send((digests, (failure[0] if failure else -1, RuntimeError(repr(exc)))))


def compile_templates(documents: Sequence[Document], folder: Path) -> dict[str, CompiledTemplate]:
    """Every template the documents use, compiled, by its name; raises ``TemplateError`` for a bad one."""
    return {name: compiled(folder / name, mend_layout=True) for name in dict.fromkeys(d.template for d in documents)}


def render_into(
    stage: Path,
    documents: Sequence[Document],
    folder: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    keyed: frozenset[str] = frozenset(),
) -> Rendered:
    """Render every document into ``stage``; each one's SHA-256 (for the manifest), and content keys.

    The documents of the kinds in ``keyed`` are also given their content key (what the layout
    memory finds them by), computed where each is rendered rather than read back afterwards.

    Raises the first failing document's error, as a run in one process would.
    """
    total = len(documents)
    asked = default_jobs(total) if jobs is None else max(1, jobs)
    jobs = min(asked, max(1, -(-total // CHUNK)))  # a process with nothing to claim is not started
    templates = compile_templates(documents, folder)  # before forking, so that the workers inherit them
    # shared memory only when there are processes to share it with: the shared heap is
    # process-wide state, and a render in one process has no use for it
    context = process_context() if jobs > 1 else None
    batch = _Batch.shared(context, stage, documents, folder) if context else _Batch.local(stage, documents, folder)
    batch.templates.update(templates)
    batch.keyed = keyed

    def report() -> None:
        if progress:
            progress.advance(batch.finished.value)

    workers: list[tuple[BaseProcess, Connection]] = []
    try:
        for _ in range(jobs - 1):
            assert context is not None
            reader, writer = context.Pipe(duplex=False)
            worker = context.Process(target=_worker, args=(batch, reader, writer, os.getpid()), daemon=True)
            worker.start()
            writer.close()
            workers.append((worker, reader))
        results = [batch.work(report), *(_result(reader) for _, reader in workers)]
    except BaseException:
        for process, _ in workers:
            process.kill()
        raise
    finally:
        for process, reader in workers:
            process.join()
            reader.close()
    failures = [failure for _, failure in results if failure]
    if failures:
        raise min(failures, key=lambda f: f[0])[1]
    report()
    done = [(documents[index].path, digest, key) for digests, _ in results for index, (digest, key) in digests.items()]
    return Rendered({path: digest for path, digest, _ in done}, {path: key for path, _, key in done if key is not None})


def _result(reader: Connection) -> _Result:
    """What a worker sent; one that ended without a word (killed, out of memory) is a ``WorkerError``."""
    try:
        result: _Result = reader.recv()
    except EOFError:
        return {}, (-1, WorkerError([Finding("worker-died", {})]))
    return result
