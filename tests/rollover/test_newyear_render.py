"""A rolled plan renders documents of the new year; the old year survives only where reviewed."""

from __future__ import annotations

from pathlib import Path

import pytest

import docgen
from tests.support.docx_text import lines, open_docx


@pytest.mark.parametrize("year", [2020, 2027])
def test_rolled_plan_renders_documents_of_the_new_year(tmp_path: Path, shipped_text: str, year: int) -> None:
    new_text, review = docgen.new_year(shipped_text, year)
    plan_path = tmp_path / f"campaign-{year}.yaml"
    plan_path.write_text(new_text, encoding="utf-8")
    out = tmp_path / "out"
    paths = docgen.render(plan_path, out)
    assert len(paths) == 3 + 2 * 17

    notice = open_docx(out / f"{year}年职业教育宣传月活动方案.docx")
    texts = [p.text.strip() for p in notice.paragraphs]
    assert texts[1] == f"{year}年“职业教育宣传月”活动方案"
    assert f"{year}年4月30日" in texts
    assert f"我校将开展{year}年职业教育宣传月活动" in texts[3]

    reviewed_lines = {item.line for item in review}
    reviewed_text = [line for n, line in enumerate(new_text.splitlines(), 1) if n in reviewed_lines]
    for path in paths:
        for line in lines(open_docx(path)):
            if "2019" in line:
                leftovers = [t for t in ("2019年吉林省", "〔2019〕9号") if t in line]
                assert leftovers, f"{path.name}: old year outside reviewed text: {line}"
                for leftover in leftovers:
                    assert any(leftover in text for text in reviewed_text), f"{leftover} was not reviewed"
