"""Reading YAML: every text of the data listed with its path, in file order; the collector left as it was."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.plan.files import check_plan
from docgen.plan.reading import compose, load_yaml
from docgen.plan.sourcemap import PlanPath
from tests.support.hypothesis_profiles import PROFILE
from tests.support.paths import SHIPPED_PLAN


def _walked(value: Any, path: PlanPath = ()) -> list[tuple[PlanPath, str]]:
    """The oracle: every text in plain data, depth first, as dicts and lists hold them."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _walked(item, (*path, key))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _walked(item, (*path, i))]
    return []


def _strings_of(text: str) -> tuple[Any, list[tuple[PlanPath, str]]]:
    loaded = compose(text, "plan.yaml")
    return loaded.data, loaded.strings


_scalars = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
_keys = st.text(min_size=1, max_size=6)
_documents = st.dictionaries(
    _keys,
    st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4)),
    min_size=1,
    max_size=5,
)


@settings(max_examples=300 if PROFILE == "ci" else 3000)
@given(_documents, st.sampled_from([None, False, True]))
def test_the_texts_read_are_the_datas_texts_in_order(document: dict[str, Any], flow: bool | None) -> None:
    text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    data, strings = _strings_of(text)
    assert strings == _walked(data)


def test_merged_duplicated_and_misread_values_are_listed_as_the_data_holds_them() -> None:
    text = (
        "base: &base {name: 教务处, note: 旧}\n"
        "unit:\n  <<: *base\n  note: 新\n  id: jw\n"
        "again: *base\n"
        "twice: 一\ntwice: 二\n"
        "theme: {{ year }}\n"
        "count: 3\n"
        "list: [甲, [乙, 丙], {k: 丁}]\n"
        "=: 等\n"
    )
    data, strings = _strings_of(text)
    assert strings == _walked(data)
    assert (("unit", "note"), "新") in strings and (("unit", "name"), "教务处") in strings
    assert (("unit", "note"), "旧") not in strings  # the mapping's own value wins over the merged one
    assert [s for p, s in strings if p == ("twice",)] == ["一"]  # a duplicate key is a problem, not a value
    assert (("theme",), "{{ year }}") in strings  # an unquoted placeholder is read as the text it is


def test_an_alias_of_a_mapping_with_a_merge_reads_as_the_mapping_does() -> None:
    """Merged once, the mapping is read again at each alias: its own keys still win, and none is a duplicate."""
    text = (
        "base: &b {名称: 甲, n: 1}\n"
        "m: &m {<<: *b, n: 2}\n"
        "again: *m\n"
        "list: [*m]\n"
        "inline: {<<: &c {<<: *b, n: 3}}\n"
        "later: *c\n"
    )
    loaded = compose(text, "plan.yaml")
    assert loaded.problems == []
    assert loaded.data["again"] == loaded.data["list"][0] == {"名称": "甲", "n": 2}
    assert loaded.data["later"] == {"名称": "甲", "n": 3}
    assert loaded.data == yaml.safe_load(text)  # as PyYAML reads the same text
    assert loaded.strings == _walked(loaded.data)


def test_the_shipped_plans_texts_are_all_listed() -> None:
    loaded = load_yaml(SHIPPED_PLAN)
    assert loaded.strings == _walked(loaded.data)
    assert len(loaded.strings) > 100


_GARBAGE_ABOUT_A_READ = """
import gc, sys, weakref
from docgen.plan.files import check_plan
class Cycle:
    pass
def cycle():
    made = Cycle()
    made.me = made
    return made
gc.collect()
before = cycle()
dropped = weakref.ref(before)
del before
during = cycle()
held = weakref.ref(during)
report = check_plan(sys.argv[1])
del during
gc.collect(1)
print(report.plan is not None, dropped() is None, held() is None)
"""


def test_garbage_about_a_read_goes_at_the_next_young_collection(tmp_path: Path) -> None:
    """A server reads plans between requests: the cycles they leave must not age past the young collections.

    Handed to the oldest generation, they wait for a full collection, which a read every few
    seconds then never lets come (each freeze starts the generations' counts again): 300 dropped
    objects a read grew a process by 100 MB in 600 reads.
    """
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(SHIPPED_PLAN.read_bytes())
    script = [sys.executable, "-c", _GARBAGE_ABOUT_A_READ, str(plan)]
    result = subprocess.run(script, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True", "True"]


def test_objects_the_program_froze_stay_frozen() -> None:
    kept: list[object] = [object()]
    gc.collect()
    gc.freeze()
    try:
        assert not any(item is kept for item in gc.get_objects())  # frozen: in no generation
        report = check_plan(SHIPPED_PLAN)
        assert report.plan is not None
        assert not any(item is kept for item in gc.get_objects())  # not handed back to the collector
    finally:
        gc.unfreeze()
