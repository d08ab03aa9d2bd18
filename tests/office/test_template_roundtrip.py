"""A template saved again by LibreOffice renders as the one python-docx wrote (runs, rsids and all)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from docgen.office.programs import PACKAGES
from docgen.rendering.template_check import check_template
from docgen.rendering.templates import CompiledTemplate
from tests.support.docx_text import lines
from tests.support.template_docs import build, split_runs

pytestmark = pytest.mark.office
CONTEXT = {
    "period": "4月28日至5月28日",
    "theme": "改革创新促提升",
    "show": True,
    "rows": [["宣传部", "84825237"], ["招生就业处", "84825238"]],
}


@pytest.fixture(scope="module", autouse=True)
def office() -> None:
    if shutil.which("soffice") is None and os.environ.get("CI") != "true":
        pytest.skip(f"soffice not installed (apt-get install {PACKAGES})")


def test_a_template_saved_by_libreoffice_renders_the_same(tmp_path: Path) -> None:
    original = build(
        tmp_path / "written" / "t.docx",
        [
            "活动时间：{{ period }}",
            "{%p if show %}",
            "主题：“{{ theme }}”",
            "{%p endif %}",
            [
                ["部门", "电话"],
                ["{%tr for row in rows %}", ""],
                ["{{ row[0] }}", "{{ row[1] }}"],
                ["{%tr endfor %}", ""],
            ],
        ],
    )
    document = docx.Document(str(original))
    split_runs(document.paragraphs[0], ["活动时间：{", "{ period }", "}"])
    document.save(str(original))
    saved = tmp_path / "saved"
    profile = (tmp_path / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx"]
    subprocess.run([*command, "--outdir", str(saved), str(original)], check=True, capture_output=True, timeout=180)
    resaved = saved / "t.docx"
    assert resaved.read_bytes() != original.read_bytes()
    assert check_template(resaved, CONTEXT) == []
    expected = ["活动时间：4月28日至5月28日", "主题：“改革创新促提升”", "部门", "电话"]
    expected += ["宣传部", "84825237", "招生就业处", "84825238"]
    for path in (original, resaved):
        assert lines(docx.Document(io.BytesIO(CompiledTemplate(path).render(CONTEXT)))) == expected
