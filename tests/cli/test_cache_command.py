"""docgen --no-cache and docgen cache: the cache switched off for a run, shown, and emptied, as real commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.paths import SHIPPED_PLAN


def _docgen(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(cache), "DOCGEN_LANG": "en"}
    env.pop("DOCGEN_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, env=env, check=False)


def test_no_cache_keeps_nothing_and_a_run_without_it_does(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    off = _docgen(cache, "--no-cache", "render", str(SHIPPED_PLAN), "-o", str(tmp_path / "a"), "--only", "notice")
    assert off.returncode == 0, off.stderr
    assert not cache.exists()
    on = _docgen(cache, "render", str(SHIPPED_PLAN), "-o", str(tmp_path / "b"), "--only", "notice")
    assert on.returncode == 0, on.stderr
    assert list((cache / "templates").glob("*.entry")) and list((cache / "texts").glob("*.entry"))
    fresh, cached = (next((tmp_path / run).glob("*.docx")).read_bytes() for run in ("a", "b"))
    assert fresh == cached  # the same document, compiled afresh or from the cache


def test_cache_dir_and_clear(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _docgen(cache, "render", str(SHIPPED_PLAN), "-o", str(tmp_path / "out"), "--only", "letter")
    shown = _docgen(cache, "cache", "dir")
    assert shown.returncode == 0 and shown.stdout.strip() == str(cache)
    kept = len(list(cache.rglob("*.entry")))
    assert kept >= 2
    cleared = _docgen(cache, "cache", "clear")
    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stdout.splitlines()[0] == f"removed {kept} files from {cache}"
    assert not list(cache.rglob("*.entry"))
    again = _docgen(cache, "cache", "clear")
    assert "the cache was empty" in again.stdout
