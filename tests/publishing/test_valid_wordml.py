"""The 简报 with its pictures and the summary with its highlighted paragraph are valid WordprocessingML.

Uses the schema loading of tests/plan/test_schema_valid.py (ECMA-376 schemas in ../shared/ooxml-xsd/;
skipped where they are absent).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from docgen.plan.files import resolved_plan
from docgen.publishing.writing import write_digest, write_summary
from tests.support.paths import ROOT, SHIPPED_PLAN
from tests.support.report_samples import build_report_returns


def _schema_helpers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("schema_valid", ROOT / "tests" / "plan" / "test_schema_valid.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_digest_and_summary_are_valid_wordml(tmp_path: Path) -> None:
    helpers = _schema_helpers()
    if not (helpers.XSD / "wml.xsd").exists():
        pytest.skip(f"the ECMA-376 schemas are not here ({helpers.XSD})")
    parser = etree.XMLParser()
    parser.resolvers.add(helpers._PatchedSchemas())
    root = etree.fromstring(helpers._patched(helpers.XSD / "wml.xsd"), parser, base_url=str(helpers.XSD / "wml.xsd"))
    schema = etree.XMLSchema(etree.ElementTree(root))
    plan = resolved_plan(SHIPPED_PLAN)
    returns = build_report_returns(plan, tmp_path / "回收")
    write_digest(plan, returns, 1, tmp_path / "out", day=dt.date(2019, 5, 2))
    write_summary(plan, returns, tmp_path / "out", on=dt.date(2019, 5, 28))
    outputs = sorted((tmp_path / "out").rglob("*.docx"))
    assert [p.name for p in outputs] == ["活动总结（草稿）.docx", "职业教育宣传月工作简报第1期.docx"]
    assert [e for docx in outputs for e in helpers.invalid(schema, docx)] == []
