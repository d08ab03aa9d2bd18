"""A Word document as an audit sees it: paragraphs with the formatting Word would apply, sections, footers.

Formatting in WordprocessingML is inherited: a run's font comes from the run, else its
paragraph's style and the styles that style is based on, else the document defaults. Each
slot of ``w:rFonts`` is inherited on its own, so a run may name its Latin font and leave
Chinese text to the East Asian font of the defaults (python-docx's ``font.name`` does
exactly that). This module resolves what each run and paragraph ends up with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from docgen.auditing.numbers import EIGHTHS, HALF_POINTS, TWIPS
from docgen.auditing.numbers import number as ooxml_number
from docgen.auditing.package import WordPackage
from docgen.inputs.wordfiles import R_NS, W, paragraph_runs, run_text

MAX_STYLE_DEPTH = 20
EXCERPT_CHARS = 16


def is_han(char: str) -> bool:
    """True for a CJK ideograph (the characters the East Asian font slot draws)."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@dataclass(frozen=True)
class Run:
    """A run's text and the formatting it ends up with."""

    text: str
    east_asia: str | None  # the font name, "theme:<slot>" when the theme decides, None when nothing names one
    latin: str | None
    size: float  # points
    spacing: int  # character spacing, twips


@dataclass(frozen=True)
class Paragraph:
    """A paragraph numbered from 1 in document order (table cells included), with its resolved formatting."""

    number: int
    element: etree._Element
    text: str
    runs: tuple[Run, ...]
    style: str | None
    jc: str
    first_line: float  # characters (negative: hanging)
    left: float  # characters
    right: float  # characters
    line: int | None  # exact line spacing in twips, None when not exact
    in_table: bool
    section: int  # index of the section the paragraph belongs to
    page_break_before: bool
    borders: dict[str, float]  # side -> width in points

    @property
    def excerpt(self) -> str:
        """The first characters of the text, for a person to find the paragraph."""
        text = self.text.strip()
        return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"

    def size(self) -> float:
        """The size of most of the paragraph's text, in points."""
        sizes: Counter[float] = Counter()
        for run in self.runs:  # characters counted by run: linear, however many sizes a paragraph mixes
            if chars := len(run.text.strip()):
                sizes[run.size] += chars
        return sizes.most_common(1)[0][0] if sizes else (self.runs[0].size if self.runs else 0.0)


@dataclass(frozen=True)
class Section:
    """A section's page: size, margins and grid, in twips; its footers by type (default, even, first)."""

    width: int
    height: int
    margins: dict[str, int]
    line_pitch: int | None
    grid_type: str | None
    footers: dict[str, str]  # footer type -> part name
    element: etree._Element

    @property
    def landscape(self) -> bool:
        """Wider than high."""
        return self.width > self.height


def _int(value: str | None, attribute: str, per_point: float = TWIPS, default: int = 0) -> int:
    """An attribute's number in its own unit (``docgen.auditing.numbers``); ``default`` when absent."""
    return ooxml_number(value, attribute, per_point) if value is not None else default


class Styles:
    """The styles part, looked up by style id along ``w:basedOn`` chains."""

    def __init__(self, root: etree._Element | None) -> None:
        self._by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self.run_defaults = None
        self.paragraph_defaults = None
        if root is None:
            return
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self.run_defaults = defaults.find(f"{W}rPrDefault/{W}rPr")
            self.paragraph_defaults = defaults.find(f"{W}pPrDefault/{W}pPr")
        for style in root.iter(W + "style"):
            if style.get(W + "type") != "paragraph":
                continue
            style_id = str(style.get(W + "styleId"))
            self._by_id[style_id] = style
            if style.get(W + "default") in ("1", "true", "on"):
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and those it is based on, nearest first."""
        found: list[etree._Element] = []
        current = style_id or self.default_paragraph
        while current and current in self._by_id and len(found) < MAX_STYLE_DEPTH:
            style = self._by_id[current]
            if style in found:
                break
            found.append(style)
            based = style.find(W + "basedOn")
            current = based.get(W + "val") if based is not None else None
        return found

    def run_levels(self, style_id: str | None) -> list[etree._Element]:
        """The rPr elements a run inherits from, nearest first (after its own)."""
        levels = [s.find(W + "rPr") for s in self.chain(style_id)]
        return [*(r for r in levels if r is not None), *([self.run_defaults] if self.run_defaults is not None else [])]

    def paragraph_levels(self, style_id: str | None) -> list[etree._Element]:
        """The pPr elements a paragraph inherits from, nearest first (after its own)."""
        levels = [s.find(W + "pPr") for s in self.chain(style_id)]
        extra = [self.paragraph_defaults] if self.paragraph_defaults is not None else []
        return [*(p for p in levels if p is not None), *extra]


def _first(levels: list[etree._Element], get: Callable[[etree._Element], object | None]) -> object | None:
    for level in levels:
        value = get(level)
        if value is not None:
            return value
    return None


def east_asian_font(levels: list[etree._Element]) -> str | None:
    """The East Asian font the levels give, nearest first; a theme reference wins over a name at its level."""

    def slot(rpr: etree._Element) -> str | None:
        fonts = rpr.find(W + "rFonts")
        if fonts is None:
            return None
        theme = fonts.get(W + "eastAsiaTheme")
        return f"theme:{theme}" if theme else fonts.get(W + "eastAsia")

    return _first(levels, slot)  # type: ignore[return-value]


def _latin_font(levels: list[etree._Element]) -> str | None:
    def slot(rpr: etree._Element) -> str | None:
        fonts = rpr.find(W + "rFonts")
        return fonts.get(W + "ascii") if fonts is not None else None

    return _first(levels, slot)  # type: ignore[return-value]


def _attr(levels: list[etree._Element], tag: str, name: str = "val") -> str | None:
    def get(element: etree._Element) -> str | None:
        found = element.find(W + tag)
        return found.get(W + name) if found is not None else None

    return _first(levels, get)  # type: ignore[return-value]


def _indent(levels: list[etree._Element], name: str, size: float) -> float:
    """An indent in characters: the ``…Chars`` form (hundredths) wins over twips at the same level."""
    for level in levels:
        ind = level.find(W + "ind")
        if ind is None:
            continue
        chars = ind.get(W + name + "Chars")
        if chars is not None:
            return _int(chars, f"w:ind/@w:{name}Chars") / 100
        twips = ind.get(W + name)
        if name == "left" and twips is None:
            twips = ind.get(W + "start")
        if name == "right" and twips is None:
            twips = ind.get(W + "end")
        if twips is not None:
            return _int(twips, f"w:ind/@w:{name}") / (size * 20) if size else 0.0
        if name == "firstLine":
            hanging = ind.get(W + "hangingChars") or ind.get(W + "hanging")
            if hanging is not None:
                return -_int(hanging, "w:ind/@w:hanging") / (100 if ind.get(W + "hangingChars") else size * 20)
    return 0.0


class Document:
    """Every paragraph of the body (table cells included) and every section, resolved."""

    def __init__(self, package: WordPackage) -> None:
        self.package = package
        self.styles = Styles(package.styles)
        body = package.document.find(W + "body")
        self.body = body if body is not None else etree.Element(W + "body")
        self.sections = self._sections()
        self.paragraphs = self._paragraphs()
        settings = package.settings
        self.even_and_odd = settings is not None and settings.find(W + "evenAndOddHeaders") is not None

    def _sections(self) -> list[Section]:
        found = []
        for sect in self.body.iter(W + "sectPr"):
            size = sect.find(W + "pgSz")
            margin = sect.find(W + "pgMar")
            grid = sect.find(W + "docGrid")
            margins = {}
            if margin is not None:
                for side in ("top", "bottom", "left", "right"):
                    margins[side] = abs(_int(margin.get(W + side), f"w:pgMar/@w:{side}"))
            footers = {}
            for ref in sect.findall(W + "footerReference"):
                rel = self.package.relationships.get(str(ref.get(f"{{{R_NS}}}id")))
                if rel is not None:
                    footers[str(ref.get(W + "type") or "default")] = rel[1]
            found.append(
                Section(
                    width=_int(size.get(W + "w"), "w:pgSz/@w:w") if size is not None else 0,
                    height=_int(size.get(W + "h"), "w:pgSz/@w:h") if size is not None else 0,
                    margins=margins,
                    line_pitch=_int(grid.get(W + "linePitch"), "w:docGrid/@w:linePitch")
                    if grid is not None and grid.get(W + "linePitch")
                    else None,
                    grid_type=grid.get(W + "type") if grid is not None else None,
                    footers=footers,
                    element=sect,
                )
            )
        return found

    def _paragraphs(self) -> list[Paragraph]:
        found = []
        section = 0
        for number, element in enumerate(self.body.iter(W + "p"), start=1):
            found.append(self._paragraph(number, element, section))
            ppr = element.find(W + "pPr")
            if ppr is not None and ppr.find(W + "sectPr") is not None:
                section += 1
        return found

    def _paragraph(self, number: int, element: etree._Element, section: int) -> Paragraph:
        ppr = element.find(W + "pPr")
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        style = style_el.get(W + "val") if style_el is not None else None
        p_levels = [*([ppr] if ppr is not None else []), *self.styles.paragraph_levels(style)]
        inherited = self.styles.run_levels(style)
        mark = ppr.find(W + "rPr") if ppr is not None else None
        runs = tuple(self._run(r, inherited) for r in paragraph_runs(element))
        size = next((r.size for r in runs if r.text.strip()), None) or self._size(
            [*([mark] if mark is not None else []), *inherited]
        )
        line = _attr(p_levels, "spacing", "line")
        rule = _attr(p_levels, "spacing", "lineRule")
        borders = {}
        pbdr = _first(p_levels, lambda level: level.find(W + "pBdr"))
        if isinstance(pbdr, etree._Element):
            for side in pbdr:
                if side.get(W + "val") not in (None, "nil", "none"):
                    borders[etree.QName(side).localname] = _int(side.get(W + "sz"), "w:pBdr/@w:sz", EIGHTHS) / 8
        jc = _attr(p_levels, "jc") or "left"
        return Paragraph(
            number=number,
            element=element,
            text="".join(r.text for r in runs),
            runs=runs,
            style=style,
            jc={"start": "left", "end": "right", "both": "left", "distribute": "left"}.get(jc, jc),
            first_line=_indent(p_levels, "firstLine", size),
            left=_indent(p_levels, "left", size),
            right=_indent(p_levels, "right", size),
            line=_int(line, "w:spacing/@w:line") if line is not None and rule == "exact" else None,
            in_table=any(a.tag == W + "tc" for a in element.iterancestors()),
            section=section,
            page_break_before=_flag(p_levels, "pageBreakBefore")
            or any(b.get(W + "type") == "page" for b in element.iter(W + "br")),
            borders=borders,
        )

    @staticmethod
    def _size(levels: list[etree._Element]) -> float:
        value = _attr(levels, "sz")
        return _int(value, "w:sz/@w:val", HALF_POINTS) / 2 if value is not None else 10.0

    def _run(self, run: etree._Element, inherited: list[etree._Element]) -> Run:
        rpr = run.find(W + "rPr")
        levels = [*([rpr] if rpr is not None else []), *inherited]
        return Run(
            text=run_text(run),
            east_asia=east_asian_font(levels),
            latin=_latin_font(levels),
            size=self._size(levels),
            spacing=_int(_attr(levels, "spacing"), "w:rPr/w:spacing/@w:val"),
        )

    def section_of(self, paragraph: Paragraph) -> Section | None:
        """The section a paragraph stands in."""
        if not self.sections:
            return None
        return self.sections[min(paragraph.section, len(self.sections) - 1)]


def _flag(levels: list[etree._Element], tag: str) -> bool:
    """An on/off property: the nearest level that names it decides; no ``w:val`` means on."""
    for level in levels:
        found = level.find(W + tag)
        if found is not None:
            return found.get(W + "val") not in ("0", "false", "off")
    return False
