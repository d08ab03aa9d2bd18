"""Writing outputs all or nothing, never over a file the user wrote, only ever as regular files.

Documents are rendered into a staging folder inside OUT and moved into place only when every
one succeeded. A manifest in OUT records what docgen wrote (with a hash), so the next run
replaces its own files and refuses to overwrite anything else unless forced. Every writer
comes through here, so the guard of ``docgen.rendering.targets`` holds for all: only regular
files, never one of the run's own inputs, with or without ``--force``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from docgen.errors import Finding, OutputExistsError, finding_error
from docgen.inputs.bounded import InputRefusedError, kind_of, read_regular
from docgen.rendering.interrupts import interrupts_held
from docgen.rendering.lock import folder_locked
from docgen.rendering.targets import Inputs, check_output_file, identities, write_error

MANIFEST = ".docgen-manifest.json"
STAGING_PREFIX = ".docgen-staging-"
STAGING_MARKER = ".docgen-staging"  # inside every staging folder: what marks a leftover as docgen's
MAX_MANIFEST_BYTES = 100 * 1024 * 1024


def sha256(path: Path) -> str:
    """The file's SHA-256 in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(out_dir: Path) -> dict[str, dict[str, str]]:
    """What docgen wrote into ``out_dir`` before: relative path -> {kind, sha256, previous}."""
    path = out_dir / MANIFEST
    try:
        data = json.loads(read_regular(path, MAX_MANIFEST_BYTES).decode("utf-8"))
    except InputRefusedError as exc:
        # a link to /dev/zero or a FIFO in its place: reading it would never end
        problem = Finding("manifest-not-file", exc.params, file=str(path)) if exc.code == "input-not-file" else None
        raise OutputExistsError([problem or exc.problem(path)]) from None
    except (FileNotFoundError, NotADirectoryError, ValueError, OSError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {str(k): v for k, v in files.items() if isinstance(v, dict)} if isinstance(files, dict) else {}


def _is_ours(path: Path, entry: dict[str, str] | None) -> bool:
    if entry is None:
        return False
    return sha256(path) in {entry.get("sha256"), entry.get("previous")}


def check_targets(out_dir: Path, targets: list[PurePosixPath], *, force: bool, inputs: Inputs = ()) -> None:
    """Refuse targets that leave OUT, pass through a symlink, are no regular file, or would replace a user's file.

    A target that is one of ``inputs`` (the plan, a template, a form read) is refused even with
    ``force``. Each folder is looked at once and each target with one ``lstat``: a batch can hold
    thousands of files, and this runs before any of them is rendered.
    """
    if out_dir.is_symlink():
        # the docs promise (docs/reference/outputs.md) that no output passes through a link; OUT itself is no exception
        raise OutputExistsError([Finding("output-symlink", {"path": str(out_dir)}, file=str(out_dir))])
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputExistsError([Finding("output-folder-is-file", {}, file=str(out_dir))])
    manifest = read_manifest(out_dir)
    read = identities(inputs)
    problems = []
    root, base = out_dir.resolve(), str(out_dir)
    unsafe: dict[tuple[str, ...], bool] = {}
    for relative in targets:
        parts = relative.parts
        if relative.is_absolute() or ".." in parts:
            problems.append(Finding("output-outside", {"path": str(relative)}, file=str(out_dir / relative)))
            continue
        folder = next(
            (parts[:i] for i in range(1, len(parts)) if _unsafe_folder(out_dir, root, parts[:i], unsafe)), None
        )
        if folder is not None:
            path = str(out_dir.joinpath(*folder))
            problems.append(Finding("output-symlink", {"path": path}, file=path))
            continue
        path = _join(base, relative)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):  # a link, a folder, a FIFO (hashing it would wait forever), a device
            problems.append(Finding("output-not-file", {"what": kind_of(info.st_mode)}, file=path))
        elif (info.st_dev, info.st_ino) in read:
            problems.append(Finding("output-is-input", {"input": read[(info.st_dev, info.st_ino)]}, file=path))
        elif not force and not _is_ours(Path(path), manifest.get(relative.as_posix())):
            problems.append(Finding("output-exists", {}, file=path))
    if problems:
        raise OutputExistsError(problems)


def _join(base: str, relative: PurePosixPath) -> str:
    """``base/relative`` as text: a pathlib path costs microseconds to make, and a batch makes thousands."""
    return os.path.join(base, *relative.parts)  # noqa: PTH118


def _unsafe_folder(out_dir: Path, root: Path, parts: tuple[str, ...], seen: dict[tuple[str, ...], bool]) -> bool:
    """Whether the folder ``parts`` inside OUT is a symlink or leads outside it (each folder looked at once)."""
    if parts not in seen:
        folder = out_dir.joinpath(*parts)
        seen[parts] = folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(root))
    return seen[parts]


@contextlib.contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A fresh staging folder inside OUT (same file system, so moves are atomic), removed after.

    The run holds OUT's lock meanwhile (``folderlock``), so a second run into OUT waits for it.
    Everything written inside the block is an output, so a failure to write there (no
    permission, a full disk) becomes a ``WriteError`` naming the folder.
    """
    with contextlib.ExitStack() as stack:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            stack.enter_context(folder_locked(out_dir))  # another run's staging folder is not a leftover
            for leftover in out_dir.glob(STAGING_PREFIX + "*"):
                # only a folder docgen made (it holds the marker); a user's folder of that name stays
                if leftover.is_dir() and not leftover.is_symlink() and (leftover / STAGING_MARKER).is_file():
                    shutil.rmtree(leftover, ignore_errors=True)
            folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
            (folder / STAGING_MARKER).touch()
        except OSError as exc:
            raise write_error(exc, out_dir) from exc
        try:
            yield folder
        except OSError as exc:
            raise write_error(exc, out_dir) from exc
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def commit(
    out_dir: Path,
    stage: Path,
    outputs: dict[PurePosixPath, str],
    *,
    replaced_kinds: set[str],
    hashes: dict[PurePosixPath, str] | None = None,
    force: bool,
) -> None:
    """Move staged outputs into OUT and record them; drop stale outputs of the kinds re-rendered.

    ``force`` has no default: every writer must pass on the user's ``--force``, which the
    targets are checked against again here, under the lock.

    ``outputs`` maps each staged file (relative path) to its document kind; ``hashes`` holds
    the SHA-256 of those already known (the workers hash what they write). The targets are
    checked again here, under the folder's lock and just before the moves, so a file a person
    edited or made while the documents rendered is not replaced without ``force``. The manifest
    is written before the moves and keeps each file's previous hash, so a run stopped halfway
    still recognises every file as docgen's own; Ctrl-C (or a polite kill) during the moves is
    held back until they are done.
    """
    check_targets(out_dir, list(outputs), force=force)
    with interrupts_held():
        _commit(out_dir, stage, outputs, replaced_kinds, hashes or {})


def _commit(
    out_dir: Path,
    stage: Path,
    outputs: dict[PurePosixPath, str],
    replaced_kinds: set[str],
    hashes: dict[PurePosixPath, str],
) -> None:
    unfinished = set(interrupted_kinds(out_dir))
    _write_marker(out_dir, unfinished | set(outputs.values()))  # until the moves are done, OUT may be mixed
    old = read_manifest(out_dir)
    new = {k: v for k, v in old.items()}
    for relative, kind in outputs.items():
        key = relative.as_posix()
        previous = old.get(key, {}).get("sha256", "")
        digest = hashes.get(relative) or sha256(stage / relative)
        new[key] = {"kind": kind, "sha256": digest, "previous": previous}
    stale = [
        key for key, entry in old.items() if entry.get("kind") in replaced_kinds and PurePosixPath(key) not in outputs
    ]
    for key in stale:
        del new[key]
    _write_manifest(out_dir, new)
    made: set[tuple[str, ...]] = set()
    for relative in outputs:
        if relative.parts[:-1] not in made:
            out_dir.joinpath(*relative.parts[:-1]).mkdir(parents=True, exist_ok=True)
            made.add(relative.parts[:-1])
        os.replace(_join(str(stage), relative), _join(str(out_dir), relative))  # noqa: PTH105 - see _join
    for key in stale:
        path = out_dir / key
        if _inside(out_dir, PurePosixPath(key)) and path.is_file() and _is_ours(path, old[key]):
            path.unlink()
    _write_marker(out_dir, unfinished - replaced_kinds)  # a kind rendered whole is whole again


COMMIT_MARKER = ".docgen-committing"


def interrupted_kinds(out_dir: Path) -> list[str]:
    """The kinds of document a run was moving into OUT when it was stopped (kill -9, a power cut, a full disk).

    Each file in OUT is whole and recorded, but those kinds may mix old files and new ones until
    a run renders them again; that run clears them.
    """
    try:
        data = json.loads(read_regular(out_dir / COMMIT_MARKER, 1024 * 1024).decode("utf-8"))
    except (OSError, ValueError, InputRefusedError):
        return []
    return sorted({str(kind) for kind in data}) if isinstance(data, list) else []


def _write_marker(out_dir: Path, kinds: set[str]) -> None:
    marker = out_dir / COMMIT_MARKER
    if not kinds:
        with contextlib.suppress(FileNotFoundError):
            marker.unlink()
        return
    temporary = out_dir / f"{COMMIT_MARKER}.{secrets.token_hex(4)}.tmp"
    try:
        temporary.write_text(json.dumps(sorted(kinds)) + "\n", encoding="utf-8")
        temporary.replace(marker)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _inside(out_dir: Path, relative: PurePosixPath) -> bool:
    """Whether ``relative`` names a file in OUT reached without ``..`` or any symlink.

    The manifest is a file in OUT that anyone can edit; a path from it is trusted only this far.
    """
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return False
    steps = [out_dir / PurePosixPath(*relative.parts[:i]) for i in range(1, len(relative.parts) + 1)]
    return not any(step.is_symlink() for step in steps)


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _write_manifest(out_dir: Path, files: dict[str, dict[str, str]]) -> None:
    # One file a line, for a person who looks; json's indenting encoder is many times slower.
    lines = ",\n".join(f"  {_JSON.encode(key)}: {_JSON.encode(files[key])}" for key in sorted(files))
    text = f'{{\n "files": {{\n{lines}\n }},\n "generator": "docgen"\n}}'
    handle, temp = tempfile.mkstemp(prefix=".manifest-", dir=out_dir)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
        Path(temp).chmod(0o644)
        Path(temp).replace(out_dir / MANIFEST)
    except BaseException:
        with contextlib.suppress(OSError):  # a full disk leaves no half-written manifest behind
            Path(temp).unlink()
        raise


def write_files(
    out_dir: Path,
    outputs: dict[PurePosixPath, tuple[str, bytes]],
    *,
    replaced_kinds: set[str],
    force: bool,
    inputs: Inputs = (),
) -> list[Path]:
    """Write finished files (relative path -> kind and bytes) into OUT all or nothing; their paths.

    For writers that build each file in memory (the dashboard, the 简报): targets checked (none
    may be one of ``inputs``), staged, then committed with the manifest, like rendered documents.
    """
    check_targets(out_dir, list(outputs), force=force, inputs=inputs)
    with staging(out_dir) as stage:
        for relative, (_, data) in outputs.items():
            target = stage / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        kinds = {relative: kind for relative, (kind, _) in outputs.items()}
        commit(out_dir, stage, kinds, replaced_kinds=replaced_kinds, force=force)
    return [out_dir / relative for relative in outputs]


def write_text_atomic(
    path: Path, text: str, *, force: bool = False, encoding: str = "utf-8", inputs: Inputs = ()
) -> None:
    """Write ``text`` in ``encoding`` to ``path`` (creating its folder); a file there is kept without ``force``."""
    write_bytes_atomic(path, text.encode(encoding), force=force, inputs=inputs)


def write_bytes_atomic(path: Path, data: bytes, *, force: bool = False, inputs: Inputs = ()) -> None:
    """Write ``data`` to ``path`` all or nothing (creating its folder); a file there is replaced only with ``force``.

    Whatever ``force`` says, ``path`` must be (or become) a regular file, and none of ``inputs``.
    """
    check_output_file(path, inputs)
    if path.exists() and not force:
        raise finding_error(OutputExistsError, "file-exists", path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise write_error(exc, path) from exc
