"""File names made from plan text work on every system and never leave their folder."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.rendering.filenames import MAX_STEM, safe_stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年“职业教育宣传月”活动方案", "2019年职业教育宣传月活动方案"),
        ("a/b\\c:d*e?f<g>h|i", "a_b_c_d_e_f_g_h_i"),
        ("..", "文档"),
        ("CON", "_CON"),
        ("com1.docx", "_com1.docx"),
        ("a\x00b", "a_b"),
        ("  宣传部. ", "宣传部"),
    ],
)
def test_safe_stem(text: str, expected: str) -> None:
    assert safe_stem(text) == expected


@given(st.text())
def test_any_text_gives_a_harmless_name(text: str) -> None:
    stem = safe_stem(text)
    assert 0 < len(stem) <= MAX_STEM
    assert not set(stem) & set('/\\:*?"<>|\x00')
    assert stem not in {".", ".."}
    assert not stem.endswith((".", " "))
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


@pytest.mark.parametrize("mark", ["\u2060", "\ufeff", "\u00ad", "\u061c", "\u200b", "\u202e", "\u2066", "\u200d"])
def test_invisible_characters_are_dropped_from_names(mark: str) -> None:
    assert safe_stem(f"宣传{mark}部{mark}") == "宣传部"


@given(st.text())
def test_no_name_keeps_an_invisible_character(text: str) -> None:
    assert not [c for c in safe_stem(text) if unicodedata.category(c) == "Cf"]


def test_no_format_character_is_printable_so_printable_names_skip_the_filter() -> None:
    # safe_stem drops format characters (category Cf) only from names that are not printable
    formats = [chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"]
    assert len(formats) > 100
    assert not any(character.isprintable() for character in formats)
    assert safe_stem("宣传\u2060部\ufeff") == safe_stem("宣传部") == "宣传部"
