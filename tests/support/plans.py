"""Building variants of the shipped plan and its templates in a test's folder."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path
from types import ModuleType

from docgen.resources import SAMPLE_PLAN
from tests.support.paths import ROOT, SHIPPED_PLAN


def plan_with(tmp_path: Path, *edits: tuple[str, str], name: str = "plan.yaml") -> Path:
    """A copy of the shipped plan with each (old, new) replaced once; fails if ``old`` is gone."""
    text = SHIPPED_PLAN.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"the shipped plan no longer holds {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def project_plan(folder: Path) -> Path:
    """A copy of the shipped plan where a project keeps its plan (``folder/data/campaign.yaml``).

    For tests of what a command does in a project folder without naming a plan: the copy, never
    the checkout's own ``data/campaign.yaml`` (the user's file).
    """
    return plan_with(folder, name=SAMPLE_PLAN)


def replace_in_docx(path: Path, old: str, new: str) -> None:
    """Edit a template's main part in place, the way a person editing the tags in Word would."""
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text, f"the template no longer holds {old!r}"
                data = text.replace(old, new, 1).encode("utf-8")
            archive.writestr(info, data)


def load_script(name: str) -> ModuleType:
    """A script from ``scripts/`` imported as a module (the scripts are not part of the package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ISSUED = "关于印发《2019年职业教育宣传月活动方案》的通知.docx"
BLOCK = """
issuing:
  mark: 长春医学高等专科学校文件
  number: {{prefix: 长医专宣字, number: 3}}
  to: [各党总支, 各部门, 各院部]
  copy_to: {copy_to}
  printed_by: 长春医学高等专科学校党政办公室
  signed_by: 长春医学高等专科学校
  sealed: {sealed}
  head: {head}
"""


def issuing_plan(
    folder: Path,
    head: str = "red",
    *,
    sealed: bool = True,
    extra: str = "",
    copy_to: str = "[吉林省教育厅职成处, 学校领导]",
) -> Path:
    """The shipped plan with an issuing: block (``extra``: more lines for it, or top-level keys after it)."""
    block = BLOCK.format(head=head, sealed="true" if sealed else "false", copy_to=copy_to) + extra
    path = folder / f"plan-{head}-{sealed}.yaml"
    path.write_text(SHIPPED_PLAN.read_text(encoding="utf-8") + block, encoding="utf-8")
    return path


def sample_issuing_plan(folder: Path, *, sealed: bool = True) -> Path:
    """The shipped plan with its commented ``# issuing:`` sample taken in where it stands, as README step 4 says.

    Each line of the block loses its leading ``# `` (comment-only continuation lines stay comments
    in YAML); ``sealed`` sets the block's own ``sealed:`` line.
    """
    lines = SHIPPED_PLAN.read_text(encoding="utf-8").splitlines()
    start = lines.index("# issuing:")
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("# "))
    block = [line.removeprefix("# ") for line in lines[start:end]]
    block = [re.sub(r"^(  sealed: )true", rf"\g<1>{'true' if sealed else 'false'}", line) for line in block]
    assert any(line.startswith("  sealed: ") for line in block), "the sample block has no sealed: line"
    path = folder / f"plan-sample-{sealed}.yaml"
    path.write_text("\n".join([*lines[:start], *block, *lines[end:]]) + "\n", encoding="utf-8")
    return path
