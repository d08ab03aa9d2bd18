r"""Where the programs docgen drives are on this machine (LibreOffice, poppler), and how to get them.

LibreOffice's installers put ``soffice`` on PATH only on Linux: on Windows it lies in
``Program Files\LibreOffice\program`` (or wherever the registry's ``InstallPath`` says), on
macOS inside the app bundle, and libreoffice.org's own Linux packages install into
``/opt/libreofficeX.Y``. ``find_office`` looks on PATH first, then in those places, so that
``render --pdf``, ``preview`` and ``docgen doctor`` all find the same office.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path, PureWindowsPath

from docgen.errors import Finding, OfficeError
from docgen.inputs.bounded import InputRefusedError, read_regular

PACKAGES = "libreoffice-writer-nogui fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-liberation2 poppler-utils"
"""The Debian packages for PDF output, previews and the print file, as one ``apt-get install`` line."""

_OFFICE_NAMES = ("soffice", "libreoffice")

# How to get each program, by system: a command where a package manager has it, else the download.
INSTALL: dict[str, dict[str, str]] = {
    "libreoffice": {
        "debian": "sudo apt-get install libreoffice-writer-nogui",
        "windows": "winget install TheDocumentFoundation.LibreOffice  (or https://www.libreoffice.org/download/)",
        "macos": "brew install --cask libreoffice  (or https://www.libreoffice.org/download/)",
    },
    "poppler": {
        "debian": "sudo apt-get install poppler-utils",
        "windows": (
            "https://github.com/oschwartz10612/poppler-windows/releases: unpack it, put its Library\\bin on PATH"
        ),
        "macos": "brew install poppler",
    },
    "chromium": {
        "debian": "sudo apt-get install chromium chromium-driver",
        "windows": "winget install Google.Chrome  (set DOCGEN_CHROMIUM and DOCGEN_CHROMEDRIVER to the programs)",
        "macos": "brew install --cask chromium && brew install chromedriver",
    },
}


def office_locations(
    platform: str | None = None, environ: Mapping[str, str] | None = None, registered: Iterable[str] = ()
) -> list[Path]:
    """Where an installed LibreOffice's ``soffice`` stands off PATH on ``platform``, most likely first.

    ``registered`` are the program folders the Windows registry names (``registered_office_folders``).
    """
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    if platform == "win32":
        folders = [*registered]
        for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
            if environ.get(variable):
                folders.append(str(PureWindowsPath(environ[variable], "LibreOffice", "program")))
        found = dict.fromkeys(str(PureWindowsPath(folder, "soffice.exe")) for folder in folders)
        return [Path(path) for path in found]
    if platform == "darwin":
        bundles = [Path("/Applications"), Path(environ.get("HOME", "~")).expanduser() / "Applications"]
        return [bundle / "LibreOffice.app" / "Contents" / "MacOS" / "soffice" for bundle in bundles]
    return sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)  # the newest version first


def registered_office_folders() -> list[str]:
    r"""The program folders Windows' registry gives for LibreOffice (``UNO\InstallPath``); none elsewhere."""
    if sys.platform != "win32":
        return []
    import winreg

    folders = []
    for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        for key in (r"SOFTWARE\LibreOffice\UNO\InstallPath", r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath"):
            try:
                with winreg.OpenKey(root, key) as opened:
                    folders.append(str(winreg.QueryValueEx(opened, "")[0]))
            except OSError:
                continue
    return folders


def locate_office() -> str | None:
    """The LibreOffice executable: on PATH, else where installers put it (``office_locations``); None if none."""
    for name in _OFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for candidate in office_locations(registered=registered_office_folders()):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def find_office() -> str:
    """``locate_office()``, or ``OfficeError`` that names the packages and ``docgen doctor``."""
    found = locate_office()
    if found is None:
        raise OfficeError([Finding("office-missing", {"packages": PACKAGES})])
    return found


# Where an installation keeps its configuration defaults, from the folder of its ``soffice``: the
# program folder on Linux and Windows, ``Contents/MacOS`` in the macOS bundle.
_DEFAULTS = ("../share/registry/main.xcd", "../Resources/registry/main.xcd")
_SETUP_VERSION = re.compile(rb'<prop oor:name="ooSetupVersion">\s*<value>(\d+\.\d+)</value>')
_DEFAULTS_LIMIT = 64 * 1024 * 1024
"""The most of a ``main.xcd`` read (7.4's is 2.2 MB): a pipe or a device there would never end."""


@functools.cache
def office_version(office: str) -> str | None:
    """The installed LibreOffice's version as its configuration holds it (``7.4``), read from its files.

    None where the installation's defaults cannot be found or read (a snap or flatpak launcher, a
    layout not known here, anything but a regular file of at most ``_DEFAULTS_LIMIT`` bytes). Read
    from the files rather than asked of ``soffice --version``, which would start LibreOffice once more.
    """
    program = Path(office).resolve().parent
    for relative in _DEFAULTS:
        try:
            found = _SETUP_VERSION.search(read_regular(program / relative, _DEFAULTS_LIMIT))
        except (OSError, InputRefusedError):  # none, unreadable, or a pipe, a device, a huge file: not its defaults
            continue
        if found:
            return found.group(1).decode("ascii")
    return None


def find_tool(name: str) -> str:
    """A poppler tool (``pdftoppm``, ``pdftotext`` ...) on PATH, or ``OfficeError`` naming its package."""
    found = shutil.which(name)
    if found is None:
        raise OfficeError([Finding("tool-missing", {"tool": name, "package": "poppler-utils"})])
    return found


def this_system() -> str:
    """``debian``, ``windows`` or ``macos``: the key of ``INSTALL`` for this machine (any other Unix: debian)."""
    return {"win32": "windows", "darwin": "macos"}.get(sys.platform, "debian")
