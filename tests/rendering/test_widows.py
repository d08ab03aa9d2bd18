"""Paragraphs that would end with one or two characters on their last line get a spacing that avoids it."""

from __future__ import annotations

from lxml import etree

from docgen.rendering.widows import W, flaws, line_lengths, mend_widows

BODY = "测" * 26 + "试" * 28 + "完。"  # indented first line of 26, a full line of 28, then "完。"


def document(*paragraphs: str) -> etree._Element:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(paragraphs)
    return etree.fromstring(f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'.encode())


def plain(text: str, style: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def spacings(tree: etree._Element) -> list[str | None]:
    return [
        (s.get(f"{W}val") if (s := p.find(f"{W}r/{W}rPr/{W}spacing")) is not None else None) for p in tree.iter(f"{W}p")
    ]


def test_lines_follow_the_28_character_grid() -> None:
    assert line_lengths(BODY, 32.0, -6) == (26, 28, 2)
    # a mark that may not start a line hangs at the end of the line before
    assert line_lengths("测" * 54 + "，", 32.0, -6) == (26, 29)
    # 29 characters a line at -0.85 pt, 27 at plain 16 pt
    assert line_lengths(BODY, 32.0, -17) == (27, 29)
    assert line_lengths(BODY, 32.0, 0)[:2] == (25, 27)


def test_a_widowed_paragraph_is_tightened_and_others_are_left_alone() -> None:
    tree = document(plain(BODY), plain("测" * 40), plain(BODY, "Heading2"))
    assert mend_widows(tree) == 1
    assert spacings(tree) == ["-17", None, None]
    mended = tree.find(f"{W}body/{W}p")
    assert mended is not None
    assert line_lengths("".join(t.text or "" for t in mended.iter(f"{W}t")), 32.0, -17)[-1] > 2


def test_table_cells_are_not_touched() -> None:
    cell = f"<w:tbl><w:tr><w:tc>{plain(BODY)}</w:tc></w:tr></w:tbl>"
    tree = document(cell)
    assert mend_widows(tree) == 0


def test_a_closing_bracket_takes_the_character_before_it_down_and_a_comma_hangs() -> None:
    # measured in LibreOffice 7.4: 26 characters fill the indented first line
    assert line_lengths("测" * 26 + "，后面", 32.0, -6)[0] == 27  # the comma hangs in the margin
    assert line_lengths("测" * 26 + "）后面", 32.0, -6)[0] == 25  # 测） go down together


def test_a_cut_date_blank_or_bracket_and_a_stretched_line_are_flaws() -> None:
    assert flaws("测" * 30, 32.0, -6) == 0
    # a date at the end of the first line, cut in two
    assert flaws("测" * 24 + "5月28日前报送完毕。", 32.0, -6) == 1
    # a blank to fill in, cut in two
    assert flaws("测" * 22 + "请于＿＿＿月＿＿＿日前报送。", 32.0, -6) >= 1
    # an e-mail address that cannot break moves down whole and leaves the line above spread out
    assert flaws("测" * 16 + "邮箱：18083554@qq.com", 32.0, -6) == 1


def test_a_paragraph_with_a_cut_phrase_gets_the_spacing_that_keeps_it_whole() -> None:
    text = "测" * 21 + "（周四）前报送，" + "测" * 10
    tree = document(plain(text))
    assert flaws(text, 32.0, -6) > 0
    assert mend_widows(tree) == 1
    (spacing,) = spacings(tree)
    assert spacing is not None and flaws(text, 32.0, int(spacing)) == 0


def test_a_word_longer_than_a_line_is_broken_where_the_line_ends_not_a_letter_a_line() -> None:
    # issue 34: an opening of millions of Latin letters; each line walked back to one letter made render take minutes
    lengths = line_lengths("a" * 10_000, 0.0, -6)
    assert sum(lengths) == 10_000
    assert min(lengths[:-1]) == max(lengths[:-1]) > 50  # full lines of 8 pt letters, not 10,000 lines of one
    # a shorter word still moves down whole
    assert line_lengths("测" * 20 + " " + "b" * 30, 32.0, -6) == (21, 30)
