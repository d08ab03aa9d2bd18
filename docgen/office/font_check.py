"""Which face draws each font the documents name, on this machine, through docgen's fontconfig file.

The templates name the fonts of a Chinese office's Windows machine (仿宋_GB2312, 方正小标宋简体,
楷体_GB2312, 黑体, 宋体, Times New Roman); ``fonts/fonts.conf`` binds each to a free face, with a
second choice where one exists (楷体 to LXGW WenKai, else AR PL UKai CN). ``font_checks`` asks
fontconfig (``fc-match``, with that file, as the conversion does) what each name resolves to and
says whether it is the face meant, a stand-in, or no usable face at all (one that cannot write
Chinese). Where fontconfig is absent (Windows, macOS without it), LibreOffice uses the system's
own fonts and nothing is checked.
"""

from __future__ import annotations

import concurrent.futures
import enum
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from docgen.messages.language import N_
from docgen.office.convert import fontconfig_file


class FaceStatus(enum.Enum):
    """How well the face fontconfig gives fits the name the documents use."""

    MEANT = "meant"  # the face fonts.conf binds the name to first
    STAND_IN = "stand-in"  # a face fonts.conf accepts in its place, drawn a little differently
    MISSING = "missing"  # no face that writes the text: the documents would print wrong or empty
    UNCHECKED = "unchecked"  # no fontconfig on this machine


@dataclass(frozen=True)
class FontNeed:
    """A font the documents name, what it sets, and the faces that draw it, best first."""

    family: str
    role: str  # docgen's words, translated where shown
    faces: tuple[str, ...]
    language: str  # fontconfig's language the face must cover: zh-cn, or en for Latin text
    packages: dict[str, str]  # how to get the first face, by system (programs.INSTALL's keys)
    flaw: str = ""  # what a stand-in gets wrong, when it is known


_SERIF = {
    "debian": "sudo apt-get install fonts-noto-cjk",
    "windows": "Windows has 仿宋, 宋体 and 黑体; 方正小标宋简体 comes from 方正字库 (foundertype.com)",
    "macos": "brew install --cask font-noto-serif-cjk-sc",
}
NEEDS = (
    FontNeed("仿宋_GB2312", N_("body text"), ("Noto Serif CJK SC",), "zh-cn", _SERIF),
    FontNeed("方正小标宋简体", N_("titles"), ("Noto Serif CJK SC",), "zh-cn", _SERIF),
    FontNeed(
        "黑体",
        N_("一、 headings"),
        ("Noto Sans CJK SC",),
        "zh-cn",
        {
            "debian": "sudo apt-get install fonts-noto-cjk",
            "windows": "Windows has 黑体 (SimHei)",
            "macos": "brew install --cask font-noto-sans-cjk-sc",
        },
    ),
    FontNeed(
        "楷体_GB2312",
        N_("（一） headings"),
        ("LXGW WenKai", "AR PL UKai CN"),
        "zh-cn",
        {
            "debian": "sudo apt-get install fonts-lxgw-wenkai",
            "windows": "Windows has 楷体 (KaiTi)",
            "macos": "brew install --cask font-lxgw-wenkai",
        },
        flaw=N_("its full-width marks (，。) sit centred, as in traditional Chinese"),
    ),
    FontNeed("宋体", N_("page numbers"), ("Noto Serif CJK SC",), "zh-cn", _SERIF),
    FontNeed(
        "Times New Roman",
        N_("Latin letters and digits"),
        ("Liberation Serif",),
        "en",
        {
            "debian": "sudo apt-get install fonts-liberation2",
            "windows": "Windows has Times New Roman",
            "macos": "macOS has Times New Roman",
        },
    ),
)
"""Every font the shipped templates name, with the faces ``fonts/fonts.conf`` binds it to."""


@dataclass(frozen=True)
class FontCheck:
    """One font the documents name, and the face this machine draws it in."""

    need: FontNeed
    status: FaceStatus
    face: str = ""  # the face fontconfig gives ("" when unchecked)
    file: str = ""


def font_checks(config: Path | None = None, timeout: float = 30.0) -> list[FontCheck]:
    """Each of ``NEEDS`` resolved through ``config`` (default: docgen's fontconfig file), as the conversion sees it."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return [FontCheck(need, FaceStatus.UNCHECKED) for need in NEEDS]
    env = {**os.environ, "FONTCONFIG_FILE": str(config or fontconfig_file())}

    def check(need: FontNeed) -> FontCheck:
        pattern = f"{need.family}:lang={need.language}"
        result = subprocess.run(
            [fc_match, "-f", "%{family[0]}\\n%{file}\\n%{lang}\\n", pattern],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )
        face, file, languages = ([*result.stdout.splitlines(), "", "", ""])[:3]
        return FontCheck(need, _status(need, face, languages.split("|")), face, file)

    # The first alone: where fontconfig's cache is not yet written it writes it, once; the others
    # then read it side by side (this runs before every PDF run).
    first = check(NEEDS[0])
    with concurrent.futures.ThreadPoolExecutor(len(NEEDS)) as pool:
        return [first, *pool.map(check, NEEDS[1:])]


def _status(need: FontNeed, face: str, languages: list[str]) -> FaceStatus:
    if face == need.faces[0]:
        return FaceStatus.MEANT
    if face in need.faces or (face and need.language in languages):
        return FaceStatus.STAND_IN
    return FaceStatus.MISSING
