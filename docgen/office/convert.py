"""LibreOffice conversion (.docx to PDF, older Word files to .docx), with the fonts a Chinese official document needs.

The whole batch goes through one ``soffice`` process (or one per core): starting LibreOffice
costs half a second, a document 0.06-0.09 s more. The process gets a private, throw-away profile
(so it neither clashes with an office the user has open nor leaves state behind; one that knows
the installed version, so that LibreOffice skips its first-start self-tests: ``new_profile``), a
timeout after which its whole process group is killed, and docgen's own fontconfig file, which
maps the Windows font names in the templates (仿宋_GB2312, 黑体, 楷体 ...) to Debian's free CJK
fonts. It runs offline: its profile and environment send every request to a port nothing
answers, and where Linux lets users make namespaces it runs in one with no network at all.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import functools
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.errors import Finding, OfficeError
from docgen.office.pipes import profile_pipe, remove_pipes
from docgen.office.programs import find_office, office_version

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 300.0
WORK_PREFIX = "docgen-office-"  # the conversion's work folder in the system's temporary folder
OWNER_FILE = "owner"  # in the work folder: docgen's process id and the office's process group
_FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
# Writer's PDF export, keeping the blank pages it inserts itself: a section that must start on an
# even page (the 印发通知's 版记, GB/T 9704-2012 7.5) gets one before it, and a PDF without it puts
# the 版记 on a front side when printed on both sides, its page numbers skipping one.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def fontconfig_file() -> Path:
    """The shipped fontconfig file that maps the templates' font names to installed fonts."""
    return _FONTS_CONF


# what LibreOffice saves a document as, by the suffix of the file it writes
_FILTERS = {"pdf": PDF_FILTER, "docx": "docx:MS Word 2007 XML"}
_NOT_PRODUCED = {"pdf": "pdf-not-produced", "docx": "docx-not-saved"}


def convert_to_pdf(
    docx_paths: Sequence[Path],
    out_dir: Path | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    processes: int = 1,
    converted: Callable[[], None] | None = None,
) -> list[Path]:
    """Convert every .docx in one LibreOffice run (or ``processes`` runs side by side); return the PDFs.

    Each PDF is written beside its .docx, or into ``out_dir`` when one is given. The inputs are
    copied under numbered names first, because ``soffice --outdir`` puts every result in one
    folder by stem: two ``报告.docx`` from different folders would overwrite each other. With
    several processes each gets its own share of the files and its own profile (two
    LibreOffice processes cannot share one), for about that many times the speed on as many cores.
    ``converted()`` is called as LibreOffice reports each file done (from a thread per process).
    Raises ``OfficeError`` when LibreOffice is missing, fails, times out or skips a file;
    then no PDF is written.
    """
    return convert_documents(docx_paths, out_dir, to="pdf", timeout=timeout, processes=processes, converted=converted)


def convert_documents(
    sources: Sequence[Path],
    out_dir: Path | None = None,
    *,
    to: str = "pdf",
    targets: Sequence[Path] | None = None,
    skip_failed: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    processes: int = 1,
    converted: Callable[[], None] | None = None,
) -> list[Path]:
    """``convert_to_pdf`` for any format LibreOffice writes and any document it reads; the files made.

    ``to`` is ``pdf``, or ``docx``: the file as Writer saves it (a template comes back as someone
    who edits it in LibreOffice leaves it, ``&quot;`` in its tags: how docgen's tests hold its
    templates to any office suite; a .doc, .wps, .odt or .rtf report becomes a .docx docgen
    reads). Each result goes to the path at its place in ``targets``, else beside its source or
    into ``out_dir``, named by its stem. With ``skip_failed`` a file LibreOffice makes nothing of
    (a damaged one) is left out of the answer instead of failing the batch.
    """
    sources = [Path(p) for p in sources]
    if targets is None:
        targets = [(out_dir if out_dir is not None else s.parent) / f"{s.stem}.{to}" for s in sources]
    if not sources:
        return []
    clashes = {t for t, n in collections.Counter(targets).items() if n > 1}  # a batch may hold thousands
    if clashes:
        raise OfficeError([Finding("pdf-name-clash", {}, file=str(t)) for t in sorted(clashes)])
    office = find_office()
    sweep_leftovers()
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX) as temporary:
        work = Path(temporary)
        # numbered copies: soffice --outdir names each result by its input's stem alone
        inputs = [work / "in" / f"{n:04d}{s.suffix.lower() or '.docx'}" for n, s in enumerate(sources)]
        inputs[0].parent.mkdir()
        for source, copy in zip(sources, inputs, strict=True):
            try:
                shutil.copyfile(source, copy)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise OfficeError([Finding("file-unreadable", {"reason": reason}, file=str(source))]) from exc
        produced = work / "out"
        output = _run_shares(office, work, inputs, produced, _FILTERS[to], timeout, processes, converted)
        made = [_nonempty(produced / f"{copy.stem}.{to}") for copy in inputs]
        missing = [
            Finding(_NOT_PRODUCED[to], {"detail": _tail(output)}, file=str(s))
            for s, m in zip(sources, made, strict=True)
            if not m
        ]
        if missing and not skip_failed:
            raise OfficeError(missing)
        for copy, target, there in zip(inputs, targets, made, strict=True):
            if there:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(produced / f"{copy.stem}.{to}", target)
    return [target for target, there in zip(targets, made, strict=True) if there]


def _run_shares(
    office: str,
    work: Path,
    inputs: list[Path],
    produced: Path,
    target: str,
    timeout: float,
    processes: int,
    converted: Callable[[], None] | None,
) -> str:
    """Convert ``inputs`` into ``produced`` in ``processes`` LibreOffice runs side by side; what they printed."""
    count = max(1, min(processes, len(inputs)))
    shares = [inputs[i::count] for i in range(count)]
    profiles = [work / f"profile{i}" for i in range(count)]
    for profile in profiles:
        new_profile(profile, office)
    commands = [
        _command(office, profile, produced, share, target) for profile, share in zip(profiles, shares, strict=True)
    ]
    owners = [work / f"{OWNER_FILE}{i}" for i in range(count)]
    if count == 1:
        outputs = [_run(commands[0], timeout, len(inputs), owners[0], profiles[0], converted)]
    else:
        with concurrent.futures.ThreadPoolExecutor(count) as pool:
            runs = [
                pool.submit(_run, command, timeout, len(share), owner, profile, converted)
                for command, share, owner, profile in zip(commands, shares, owners, profiles, strict=True)
            ]
            outputs = [run.result() for run in runs]
    return " | ".join(o for o in outputs if o.strip())


# The throw-away profile's settings: links from documents blocked, and every protocol sent through
# a proxy at the discard port of this machine, which nothing answers. A document docgen made
# fetches nothing (templates with outside links are refused), and this holds even if one did;
# where the system allows it, LibreOffice also runs with no network at all (``network_isolation``).
_OFFLINE_SETTINGS = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    *(
        ("/org.openoffice.Inet/Settings", f"ooInet{scheme}Proxy{field}", value)
        for scheme in ("HTTP", "HTTPS", "FTP")
        for field, value in (("Name", "127.0.0.1"), ("Port", "9"))
    ),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
)
_OFFLINE_ENV = {name: "http://127.0.0.1:9" for name in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy")}


def new_profile(profile: Path, office: str) -> None:
    """A throw-away LibreOffice profile for ``office``: offline (``_OFFLINE_SETTINGS``), and not new to its version.

    A profile that has not recorded the installed version as its last (``ooSetupLastVersion``) makes
    LibreOffice treat every start as the first after an upgrade and run its graphics self-tests:
    about a hundred drawings on 4096-pixel canvases, 0.75 s of a 1.3 s conversion of one page on a
    2-core machine. A headless start never records the version (only a window does), so without it
    every ``soffice --convert-to`` pays them again. What they leave is a log in the profile (and,
    in a window, a choice of drawing backend); the PDFs are the same. Where the version cannot be
    read (``office_version``) they run as before.
    """
    version = office_version(office)
    settings = [*_OFFLINE_SETTINGS]
    if version is not None:
        settings.append(("/org.openoffice.Setup/Product", "ooSetupLastVersion", version))
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        for path, name, value in settings
    )
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + items + "</oor:items>\n",
        encoding="utf-8",
    )


@functools.cache
def network_isolation() -> tuple[str, ...]:
    """The command that runs LibreOffice with no network at all, where this system allows it; else ``()``.

    ``unshare -rn`` starts it in a network namespace of its own, which holds only a loopback
    device that is down: no address, local or remote, can be reached, whatever a document links
    and however LibreOffice is set up. It needs no privileges, only a kernel that lets users
    make namespaces (most Linux systems; some turn it off) and util-linux's ``unshare``. Where
    either is missing, or LibreOffice is a snap (whose launcher cannot start inside one), the
    profile and proxy settings above are what keep it offline.
    """
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return ()
    command = (unshare, "--map-root-user", "--net")
    try:
        probe = subprocess.run([*command, "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return command if probe.returncode == 0 else ()


def isolated(office: str) -> tuple[str, ...]:
    """``network_isolation()`` for this office, or ``()`` where it cannot run inside it."""
    if Path(office).resolve().is_relative_to("/snap"):
        return ()
    return network_isolation()


def _command(office: str, profile: Path, produced: Path, inputs: Sequence[Path], target: str = PDF_FILTER) -> list[str]:
    """One soffice call converting ``inputs`` into ``produced`` (as ``target``), with a throw-away profile, offline."""
    return [
        *isolated(office),
        office,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        target,
        "--outdir",
        str(produced),
        *map(str, inputs),
    ]


def _run(
    command: list[str],
    timeout: float,
    count: int,
    owner: Path,
    profile: Path,
    converted: Callable[[], None] | None = None,
) -> str:
    """Run LibreOffice in its own process group with docgen's fonts, offline; kill the group on timeout.

    ``owner`` records who runs it and the office's process group, so that the next conversion
    can stop the office and remove the work folder should this process be killed; ``profile``
    is the one the command names (a killed office's socket is named after it). Its output is
    read as it comes: each ``convert …`` line is a file done (``converted``).
    """
    env = office_environment(owner.parent / "tmp")
    log.debug("converting %d files: %s", count, command)
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    lines: list[bytes] = []
    reader = threading.Thread(target=_read_lines, args=(process, lines, converted), daemon=True)
    try:
        owner.write_text(f"{os.getpid()} {process.pid}\n", encoding="utf-8")
        reader.start()
        process.wait(timeout=timeout)
        reader.join()
    except subprocess.TimeoutExpired:
        _kill_group(process, profile)
        raise OfficeError([Finding("office-timeout", {"seconds": timeout, "count": count})]) from None
    except BaseException:
        _kill_group(process, profile)
        raise
    text = b"".join(lines).decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise OfficeError([Finding("office-failed", {"code": process.returncode, "detail": _tail(text)})])
    return text


def office_environment(temporary: Path | None = None) -> dict[str, str]:
    """The environment LibreOffice runs in: docgen's fonts, every proxy the discard port (offline).

    With ``temporary`` (a folder in the run's work folder, made if need be) LibreOffice keeps
    its own temporary files there (``lu…tmp``, with a certificate store each), so that they go
    with the work folder even when LibreOffice was killed and could not remove them.
    """
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file()), **_OFFLINE_ENV, "no_proxy": ""}
    env.update({name.upper(): value for name, value in _OFFLINE_ENV.items()})
    env.pop("NO_PROXY", None)
    if temporary is not None:
        temporary.mkdir(exist_ok=True)
        env.update(dict.fromkeys(("TMPDIR", "TMP", "TEMP"), str(temporary)))
    return env


def _read_lines(process: subprocess.Popen[bytes], lines: list[bytes], converted: Callable[[], None] | None) -> None:
    """Keep what LibreOffice prints, telling ``converted`` of each file it reports done."""
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if converted is not None and line.startswith(b"convert "):
            converted()


def sweep_leftovers() -> None:
    """Remove the work folders of conversions whose docgen was killed, and stop the office each left running.

    Only folders of this user whose owner process is gone are touched, and an office process is
    stopped only when its command line names that folder's private profile.
    """
    for work in Path(tempfile.gettempdir()).glob(WORK_PREFIX + "*"):
        try:
            if work.is_symlink() or work.stat().st_uid != _uid():
                continue
            records = sorted(work.glob(OWNER_FILE + "*"))  # one per office process: owner0, owner1 ...
            runs = [tuple(map(int, r.read_text(encoding="utf-8").split()[:2])) for r in records]
        except (OSError, ValueError):
            continue
        if not runs or any(len(run) != 2 for run in runs) or any(_alive(owner) for owner, _ in runs):
            continue  # in use, or a record still being written (another conversion starting now)
        for record, (_, office) in zip(records, runs, strict=True):
            profile = work / record.name.replace(OWNER_FILE, "profile", 1)
            if office > 0 and _runs_with_profile(office, profile):
                with contextlib.suppress(OSError):
                    os.killpg(office, signal.SIGKILL)
            remove_pipes(profile_pipe(profile))  # the office is gone: killed now, or with its docgen
        shutil.rmtree(work, ignore_errors=True)


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _runs_with_profile(pid: int, profile: Path) -> bool:
    """Whether process ``pid`` is the office started with ``profile`` (Linux's /proc tells; elsewhere, no)."""
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return profile.as_uri().encode("utf-8") in command_line


def _kill_group(process: subprocess.Popen[bytes], profile: Path) -> None:
    """Stop soffice and the soffice.bin it started (they share the new session's group), and remove its socket."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    remove_pipes(profile_pipe(profile))


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _tail(text: str, lines: int = 3) -> str:
    """The last lines LibreOffice printed, for the error message ("" when it said nothing)."""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(kept[-lines:])
