"""The plan's running texts compiled once and kept on disk: a later run parses and compiles none of them."""

from __future__ import annotations

from pathlib import Path

import pytest

import docgen
from docgen.plan import placeholders, text_cache
from docgen.plan.placeholders import check_texts
from tests.support.paths import SHIPPED_PLAN


def _forget() -> None:
    for cached in (placeholders._template, placeholders._name_chains, text_cache.stored_text):
        cached.cache_clear()


def test_a_later_run_reads_the_texts_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    _forget()
    plan = docgen.load_plan(SHIPPED_PLAN)
    first = check_texts(plan)
    assert not first.problems and len(list((tmp_path / "cache" / "texts").glob("*.entry"))) > 5
    _forget()
    env = placeholders.environment()

    def refuse(*args: object, **options: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", refuse)
    monkeypatch.setattr(env, "parse", refuse)
    assert check_texts(plan).rendered == first.rendered
    _forget()


def test_a_text_that_does_not_compile_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    _forget()
    with pytest.raises(Exception, match="unexpected"):
        placeholders._template("{{ year }")
    assert text_cache.stored_text("{{ year }") is None
    assert not list((tmp_path / "cache").rglob("*.entry"))
    _forget()
