"""The plan's shared names are kept for the last few plans, by content, and safely from several threads."""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

import pytest

import docgen
from docgen.documents import plan_cache
from docgen.documents.context import plan_context
from docgen.documents.plan_cache import PlanCache
from docgen.plan.placeholders import resolve_plan
from tests.support.paths import SHIPPED_PLAN


def _plan(campaign: str | None = None) -> docgen.Plan:
    plan = resolve_plan(docgen.load_plan(SHIPPED_PLAN))
    return plan if campaign is None else plan.model_copy(update={"campaign": campaign})


def test_a_plan_read_again_finds_its_context_an_edited_one_does_not() -> None:
    first = plan_context(_plan())
    assert plan_context(_plan()) is first  # another object, the same content
    edited = plan_context(_plan("安全宣传月"))
    assert edited is not first and edited["campaign"] == "安全宣传月"


def test_only_the_plans_last_used_are_kept() -> None:
    cache = PlanCache(size=2)
    built: list[str] = []

    def value(plan: docgen.Plan) -> object:
        return cache.get(plan, "k", lambda: built.append(plan.campaign) or object())

    plans = [_plan(f"活动{n}") for n in range(3)]
    kept = [value(p) for p in plans]
    assert value(plans[2]) is kept[2] and value(plans[1]) is kept[1]
    assert value(plans[0]) is not kept[0]  # pushed out by the two after it
    assert built == ["活动0", "活动1", "活动2", "活动0"]


def test_threads_asking_at_once_share_one_value() -> None:
    cache = PlanCache()
    plan = _plan()
    results: list[object] = []
    start = threading.Barrier(8)

    def slow() -> object:
        time.sleep(0.01)
        return object()

    def ask() -> None:
        start.wait()
        results.append(cache.get(plan, "grid", slow))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and len({id(r) for r in results}) == 1


def test_a_plan_that_is_gone_is_forgotten(tmp_path: Path) -> None:
    cache = PlanCache()
    plan = _plan()
    cache.get(plan, "k", object)
    number = id(plan)
    assert plan_cache._digests[number][0]() is plan
    del plan
    assert number not in plan_cache._digests


def test_a_plan_is_digested_once_whichever_cache_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    digested: list[bytes] = []
    real = hashlib.sha256

    def counting(data: bytes) -> hashlib._Hash:
        digested.append(data)
        return real(data)

    monkeypatch.setattr(plan_cache.hashlib, "sha256", counting)
    plan, first, second = _plan("一次"), PlanCache(), PlanCache()
    assert first.get(plan, "k", lambda: 1) == 1 and second.get(plan, "k", lambda: 2) == 2
    assert first.get(plan, "k", lambda: 3) == 1
    assert len(digested) == 1
    assert plan_cache.content_digest(_plan("一次")) == plan_cache.content_digest(plan)  # by content
    assert plan_cache.content_digest(_plan("两次")) != plan_cache.content_digest(plan)


def test_a_change_deep_in_the_plan_changes_its_digest() -> None:
    plan = _plan()
    units = list(plan.units)
    units[-1] = units[-1].model_copy(update={"name": units[-1].name + "（二）"})
    edited = plan.model_copy(update={"units": units})
    assert plan_cache.content_digest(edited) != plan_cache.content_digest(plan)
    assert plan_cache.content_digest(edited.model_copy()) == plan_cache.content_digest(edited)
