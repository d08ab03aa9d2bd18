"""Rules on how a document is laid out: paper and margins, the grid, fonts by part, page numbers.

Each rule yields findings (code, place, parameters); the words, with the clause of GB/T
9704-2012 and how to fix it, are in ``docgen.messages.audit_words``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from docgen.auditing.document import Document, Paragraph, is_han
from docgen.auditing.numbers import HALF_POINTS, number
from docgen.auditing.structure import Parts, heading_level, starts_page
from docgen.inputs.wordfiles import W

A4 = (11906, 16838)  # twips
MARGINS = {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}  # 37, 35, 28, 26 mm
TOLERANCE = 57  # twips (1 mm)
LINES, CHARS = 22, 28
BODY_SIZE, TITLE_SIZE, RECORD_SIZE, PAGE_NUMBER_SIZE = 16.0, 22.0, 14.0, 14.0
PAGE_NUMBER = re.compile(r"^—\s?\d+\s?—$")

FAMILIES = (  # (family, what names it, the name docgen suggests); 小标宋 before 宋体
    ("xiaobiaosong", ("小标宋", "xiaobiaosong"), "方正小标宋简体"),
    ("fangsong", ("仿宋", "fangsong"), "仿宋_GB2312"),
    ("heiti", ("黑体", "simhei", "heiti"), "黑体"),
    ("kaiti", ("楷体", "kaiti"), "楷体_GB2312"),
    ("songti", ("宋体", "simsun", "songti"), "宋体"),
)
HEADING_FAMILY = {1: "heiti", 2: "kaiti", 3: "fangsong", 4: "fangsong"}

Found = tuple[str, str, dict[str, Any]]  # code, place, parameters


def family(font: str | None) -> str | None:
    """The family a font name belongs to (fangsong, heiti, ...), None for a font outside them."""
    if not font or font.startswith("theme:"):
        return None
    name = font.casefold()
    return next((key for key, names, _ in FAMILIES if any(n in name for n in names)), None)


def suggested(key: str) -> str:
    """The font name docgen writes for a family."""
    return next(name for k, _, name in FAMILIES if k == key)


def mm(twips: int) -> str:
    """Twips as millimetres, one decimal when needed."""
    value = round(twips / 1440 * 25.4, 1)
    return f"{value:g}"


def place(paragraph: Paragraph) -> tuple[str, dict[str, Any]]:
    """A paragraph's place and the parameters that name it."""
    return f"paragraph {paragraph.number}", {"n": paragraph.number, "excerpt": paragraph.excerpt}


def page_rules(document: Document) -> Iterator[Found]:
    """Paper A4 and the margins 37/35/28/26 mm on every upright section (GB/T 9704-2012 5.2.1, 5.2.2)."""
    if not document.sections:
        yield "page-setup-missing", "document", {}
    for n, section in enumerate(document.sections, start=1):
        size = sorted((section.width, section.height))
        if any(abs(a - b) > TOLERANCE for a, b in zip(size, A4, strict=True)):
            yield "paper-size", f"section {n}", {"n": n, "width": mm(section.width), "height": mm(section.height)}
            continue
        if section.landscape:
            continue  # a landscape attachment (a wide table) keeps margins of its own
        wrong = {k: v for k, v in MARGINS.items() if abs(section.margins.get(k, 0) - v) > TOLERANCE}
        if wrong:
            found = ", ".join(f"{k} {mm(section.margins.get(k, 0))}" for k in MARGINS)
            yield "margins", f"section {n}", {"n": n, "found": found}


def grid_rules(document: Document, parts: Parts) -> Iterator[Found]:
    """22 lines a page, 28 characters a line, from the body's line pitch and character spacing (5.2.3)."""
    body = [p for p in parts.main if p.text.strip() and heading_level(p.text) is None and not p.in_table]
    if not body:
        return
    first = body[0]
    section = document.section_of(first)
    if section is None or section.landscape or not section.height:
        return
    # the body's own pitch and spacing are the most common ones, over the whole document with its
    # attachments: GB/T 9704 7.3.5.4 lets a page or a paragraph adjust them (a signature kept with its
    # body, a line that keeps a date whole)
    special = {id(p) for p in [*parts.head, *parts.title, *parts.labels, *parts.record]}
    running = [
        p
        for p in document.paragraphs
        if p.text.strip() and not p.in_table and id(p) not in special and heading_level(p.text) is None
    ]
    pitch = _most_common([p.line for p in running if p.line is not None], None)
    if pitch is None and section.grid_type in ("lines", "linesAndChars") and section.line_pitch:
        pitch = section.line_pitch
    if pitch is None:
        pitch = round(first.size() * 20 * 1.3)  # single spacing of a CJK font: about 1.3 of its size
    height = section.height - section.margins.get("top", 0) - section.margins.get("bottom", 0)
    width = section.width - section.margins.get("left", 0) - section.margins.get("right", 0)
    lines = int(height / pitch + 0.05) if pitch > 0 else 0
    spacings = [run.spacing for p in running for run in p.runs[:1] if run.text.strip()]
    advance = first.size() * 20 + (_most_common(spacings, 0) or 0)
    chars = int(width / advance + 0.05) if advance > 0 else 0
    where, params = place(first)
    if lines != LINES:
        yield "lines-per-page", where, {**params, "lines": lines, "pitch": round(pitch / 20, 2)}
    if chars != CHARS:
        yield "chars-per-line", where, {**params, "chars": chars}


def _most_common(values: list[int], default: int | None) -> int | None:
    """The value most of ``values`` have (the first of them on a tie), ``default`` when there are none."""
    return Counter(values).most_common(1)[0][0] if values else default  # most_common keeps the first on a tie


def _han_runs(paragraph: Paragraph) -> list[Any]:
    return [r for r in paragraph.runs if any(is_han(c) for c in r.text)]


def font_slot_rules(document: Document) -> Iterator[Found]:
    """Chinese text must get its font from the East Asian slot, named, not left to the theme."""
    for paragraph in document.paragraphs:
        for run in _han_runs(paragraph):
            if run.east_asia is None or run.east_asia.startswith("theme:"):
                where, params = place(paragraph)
                found = run.east_asia or "the application's default font"  # no styles part names one
                yield "font-slot", where, {**params, "latin": run.latin or "", "found": found}
                break


def _font_rule(paragraph: Paragraph, code: str, want: str, size: float | None) -> Iterator[Found]:
    where, params = place(paragraph)
    runs = _han_runs(paragraph)
    wrong = next(
        (r for r in runs if r.east_asia and not r.east_asia.startswith("theme:") and family(r.east_asia) != want), None
    )
    if wrong is not None:
        yield code + "-font", where, {**params, "found": wrong.east_asia, "expected": suggested(want)}
    if size is not None and runs and abs(paragraph.size() - size) > 0.25:
        yield code + "-size", where, {**params, "found": f"{paragraph.size():g}", "expected": f"{size:g}"}


def _item(paragraph: Paragraph) -> bool:
    """A numbered item of running text (（一）填写…，经…签字。), not a heading: a first sentence longer than a line.

    A heading run in with its text (（一）高度重视，落实责任。要认真…) keeps its font: its first sentence is short.
    """
    sentence = re.split(r"[。；]", paragraph.text.strip(), maxsplit=1)[0]
    return sum(0.5 if c.isascii() else 1.0 for c in sentence) > CHARS - 2


def font_rules(parts: Parts) -> Iterator[Found]:
    """Title 小标宋 二号; headings 黑体, 楷体, 仿宋 by level; body 仿宋 三号 (5.2.3, 7.3.1, 7.3.3)."""
    for paragraph in parts.title:
        yield from _font_rule(paragraph, "title", "xiaobiaosong", TITLE_SIZE)
    for paragraph in parts.main:
        if not paragraph.text.strip() or paragraph.in_table:
            continue
        level = heading_level(paragraph.text)
        if level is None:
            yield from _font_rule(paragraph, "body", "fangsong", BODY_SIZE)
            continue
        first = next((r for r in paragraph.runs if r.text.strip()), None)
        want = HEADING_FAMILY[level]
        if _item(paragraph) and first is not None and family(first.east_asia) == "fangsong":
            continue  # an item of a list that runs on as body text, not a heading of its own
        named = first is not None and first.east_asia and not first.east_asia.startswith("theme:")
        if first is not None and named and family(first.east_asia) != want:
            where, params = place(paragraph)
            found = {"found": first.east_asia, "expected": suggested(want), "level": level}
            yield "heading-font", where, {**params, **found}
    for paragraph in parts.labels:
        yield from _font_rule(paragraph, "label", "heiti", BODY_SIZE)
    for paragraph in parts.record:
        if paragraph.text.strip():
            yield from _font_rule(paragraph, "record", "fangsong", RECORD_SIZE)


def _footer_paragraph(document: Document, part: str) -> Any:
    root = document.package.parts.get(part)
    if root is None:
        return None
    for paragraph in root.iter(W + "p"):
        instructions = "".join(t.text or "" for t in paragraph.iter(W + "instrText"))
        simple = [f.get(W + "instr") or "" for f in paragraph.iter(W + "fldSimple")]
        if "PAGE" in instructions.upper().split() or any("PAGE" in s.upper().split() for s in simple):
            return paragraph
    return None


def page_number_rules(document: Document) -> Iterator[Found]:
    """Page numbers 四号 半角 宋体 as "— 1 —", odd pages right, even pages left (7.5)."""
    from docgen.auditing.document import Styles, east_asian_font  # the footer's own runs, resolved like the body's

    section = next(
        (s for s in document.sections if not s.landscape), document.sections[0] if document.sections else None
    )
    if section is None:
        return
    checked = False
    for kind, side in (("default", "right"), ("even", "left")):
        part = section.footers.get(kind)
        paragraph = _footer_paragraph(document, part) if part else None
        if paragraph is None:
            continue
        checked = True
        where = f"footer {kind}"
        params: dict[str, Any] = {"which": "odd" if kind == "default" else "even"}
        text = "".join(t.text or "" for t in paragraph.iter(W + "t")).strip()
        if not PAGE_NUMBER.match(text):
            yield "page-number-form", where, {**params, "found": text}
        ppr = paragraph.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        styles = Styles(document.package.styles)
        levels = [
            *([ppr] if ppr is not None else []),
            *styles.paragraph_levels(style.get(W + "val") if style is not None else None),
        ]
        jc = next((j.get(W + "val") for level in levels if (j := level.find(W + "jc")) is not None), "left")
        jc = {"end": "right", "start": "left"}.get(str(jc), str(jc))
        if jc != side:
            yield "page-number-side", where, {**params, "found": jc, "expected": side}
        run_levels = styles.run_levels(style.get(W + "val") if style is not None else None)
        for run in paragraph.iter(W + "r"):
            text = "".join(t.text or "" for t in run.iter(W + "t"))
            if not any(c.isdigit() for c in text):
                continue
            rpr = run.find(W + "rPr")
            levels = [*([rpr] if rpr is not None else []), *run_levels]
            fonts = next(
                (f for level in levels if (f := level.find(W + "rFonts")) is not None and f.get(W + "ascii")), None
            )
            latin = fonts.get(W + "ascii") if fonts is not None else east_asian_font(levels)
            found = next((s.get(W + "val") for level in levels if (s := level.find(W + "sz")) is not None), None)
            size = number(found, "w:sz/@w:val", HALF_POINTS) / 2 if found is not None else 10.0  # 14pt is valid OOXML
            if family(latin) != "songti" or abs(size - PAGE_NUMBER_SIZE) > 0.25:
                yield "page-number-font", where, {**params, "found": f"{latin or '?'} {size:g}"}
            break
    if not checked:
        yield "page-number-missing", "document", {}
    elif "even" not in section.footers or not document.even_and_odd:
        yield "page-number-alternate", "document", {}


def _footers_in_force(document: Document, section: int) -> dict[str, str]:
    """The footer part of each type a section prints: its own, else the nearest earlier section's (as Word does)."""
    found: dict[str, str] = {}
    for earlier in reversed(document.sections[: section + 1]):
        for kind, part in earlier.footers.items():
            found.setdefault(kind, part)
    return found


def record_page_rules(document: Document, parts: Parts) -> Iterator[Found]:
    """A 版记 on a page of its own carries no page number, nor does the blank page before it (7.5).

    The 版记's page begins at its first line or at the empty lines that push it down; when a
    footer in force there holds a PAGE field, the page is numbered.
    """
    texts = [p for p in parts.record if p.text.strip()]
    if not texts:
        return
    start = texts[0]
    while not starts_page(document, start) and start.number > 1:
        above = document.paragraphs[start.number - 2]
        if above.text.strip():
            return
        start = above
    if not starts_page(document, start):
        return
    footers = _footers_in_force(document, start.section)
    if any(_footer_paragraph(document, part) is not None for part in footers.values()):
        yield "record-page-numbered", *place(texts[0])
