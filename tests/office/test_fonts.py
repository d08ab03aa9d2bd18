"""Every font name docgen's fontconfig file maps resolves to a simplified-Chinese face (or Times' twin).

pdffonts cannot tell the faces apart: the Noto CJK collections' faces share one internal name
(NotoSerifCJKjp), so the face fontconfig picks (file and index) is checked instead.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from docgen.office.convert import fontconfig_file
from tests.support.office import require_office_tools

pytestmark = pytest.mark.office
CONF = fontconfig_file()


def mapped_names() -> list[str]:
    text = CONF.read_text(encoding="utf-8")
    return re.findall(r'<alias binding="same">\s*<family>([^<]+)</family>', text)


def resolved_face(name: str) -> str:
    """The family of the very face (file and index) fontconfig picks for ``name`` under docgen's map."""
    env = {**os.environ, "FONTCONFIG_FILE": str(CONF)}
    found = subprocess.run(
        ["fc-match", "-f", "%{file}\n%{index}", name], capture_output=True, text=True, env=env, check=True
    ).stdout.split("\n")
    families = subprocess.run(
        ["fc-query", "-i", found[1], "-f", "%{family[0]}", found[0]], capture_output=True, text=True, check=True
    ).stdout
    return families


def test_every_chinese_font_name_resolves_to_the_simplified_chinese_face() -> None:
    require_office_tools(("fc-match", "fc-query"))
    names = mapped_names()
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体", "微软雅黑", "华文中宋"} <= set(names)
    faces = {name: resolved_face(name) for name in names}
    kai = {"LXGW WenKai", "AR PL UKai CN"}  # 霞鹜文楷 where installed, else UKai's simplified-Chinese face
    expected = {"Noto Serif CJK SC", "Noto Sans CJK SC", "Liberation Serif"} | kai
    assert {n: f for n, f in faces.items() if f not in expected} == {}
    assert faces["仿宋_GB2312"] == faces["方正小标宋简体"] == faces["宋体"] == "Noto Serif CJK SC"
    assert faces["黑体"] == "Noto Sans CJK SC"
    assert faces["楷体_GB2312"] in kai
    assert faces["Times New Roman"] == "Liberation Serif"
