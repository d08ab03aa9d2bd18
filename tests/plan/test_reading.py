"""Reading YAML: every text of the data listed with its path, in file order; what is read left to age unscanned."""

from __future__ import annotations

import gc
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


def test_the_shipped_plans_texts_are_all_listed() -> None:
    loaded = load_yaml(SHIPPED_PLAN)
    assert loaded.strings == _walked(loaded.data)
    assert len(loaded.strings) > 100


def _in_oldest_generation(value: object) -> bool:
    return any(item is value for item in gc.get_objects(generation=2))


def test_what_a_check_reads_goes_to_the_oldest_generation_unscanned() -> None:
    report = check_plan(SHIPPED_PLAN)
    assert report.plan is not None and gc.is_tracked(report.plan.tasks)
    assert _in_oldest_generation(report.plan.tasks)


def test_objects_the_program_froze_stay_frozen() -> None:
    kept: list[object] = [object()]
    gc.collect()
    gc.freeze()
    try:
        assert not any(item is kept for item in gc.get_objects())  # frozen: in no generation
        report = check_plan(SHIPPED_PLAN)
        assert report.plan is not None
        assert not any(item is kept for item in gc.get_objects())  # not handed back to the collector
        assert not _in_oldest_generation(report.plan.tasks)  # the read's objects age as usual
    finally:
        gc.unfreeze()
