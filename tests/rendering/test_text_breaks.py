"""``text_breaks``'s pattern, written not to backtrack, turns the same texts as the plain one it replaced."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.rendering.wordml import text_breaks
from tests.support.hypothesis_profiles import PROFILE

# The rule as first written (it backtracked over every text): the oracle.
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*[\n\t\r][^<]*)</w:t>")
_OPEN = '<w:t xml:space="preserve">'


def _by_pattern(xml: str) -> str:
    def split(match: re.Match[str]) -> str:
        text = match.group(1).replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\n", f"</w:t><w:br/>{_OPEN}").replace("\t", f"</w:t><w:tab/>{_OPEN}")
        return f"{_OPEN}{text}</w:t>"

    return _TEXT.sub(split, xml)


PIECES = ["<w:t>", '<w:t xml:space="preserve">', "</w:t>", "<w:p>", "</w:p>", "\n", "\t", "\r", "\r\n", "a",
          "中", "<w:tab/>", "<w:t />", "<w:tbl>", ">", "<", '<w:t a="\n">', "<w:text>"]  # fmt: skip


@settings(max_examples=2000 if PROFILE == "ci" else 20000)
@given(
    st.sampled_from(["", '<?xml version="1.0"?>\n', '<?xml version="1.0"?>\r\n']),
    st.lists(st.sampled_from(PIECES), max_size=14),
)
def test_text_breaks_is_the_pattern_over_every_text(declaration: str, pieces: list[str]) -> None:
    xml = declaration + "".join(pieces)
    assert text_breaks(xml) == _by_pattern(xml)


def test_a_text_with_breaks_and_one_without() -> None:
    xml = '<?xml version="1.0"?>\n<w:p><w:r><w:t>甲\n乙\t丙\r\n丁</w:t></w:r><w:r><w:t>戊</w:t></w:r></w:p>'
    assert text_breaks(xml) == (
        '<?xml version="1.0"?>\n<w:p><w:r><w:t xml:space="preserve">甲</w:t><w:br/><w:t xml:space="preserve">乙'
        '</w:t><w:tab/><w:t xml:space="preserve">丙</w:t><w:br/><w:t xml:space="preserve">丁</w:t></w:r>'
        "<w:r><w:t>戊</w:t></w:r></w:p>"
    )
    plain = "<w:p><w:r><w:t>甲</w:t></w:r></w:p>\n"
    assert text_breaks(plain) is plain
