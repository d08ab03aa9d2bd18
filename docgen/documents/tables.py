"""Tables whose columns come from the plan, written as WordprocessingML for ``{{p … }}`` in a template.

A template cannot loop over columns without changing its table grid, and the plan decides how
many columns a form or an events table has; so these tables are built here, with the
template's own paragraph styles (``TableHeading``, ``TableText``), and placed by a paragraph
tag. The result is ``Markup``, which the autoescaping template engine leaves as it is; every
text in it is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from docgen.rendering.wordml import xml_text

PORTRAIT_WIDTH = 8845  # twips: A4 less the GB/T 9704 margins (28 mm left, 26 mm right)
LANDSCAPE_WIDTH = 12870  # twips: A4 turned, less 35 mm margins on each side
HEADER_HEIGHT = 567  # twips: 10 mm
ROW_HEIGHT = 454  # twips: 8 mm, room for a line of handwriting


@dataclass(frozen=True)
class TableSpec:
    """What a table shows: headings, rows, relative widths, merged columns, blank rows to fill in."""

    headings: Sequence[str]
    rows: Sequence[Sequence[str]] = ()
    weights: Sequence[int] | None = None
    merge: Sequence[int] = ()  # 0-based columns whose equal neighbours become one cell
    blank_rows: int = 0
    width: int = LANDSCAPE_WIDTH
    row_height: int = ROW_HEIGHT
    header_height: int = HEADER_HEIGHT
    numbered: bool = field(default=False)


def default_weights(headings: Sequence[str]) -> list[int]:
    """Relative widths from the headings: a wide column for a long heading, none under four characters."""
    return [max(len(h), 4) for h in headings]


def column_widths(width: int, weights: Sequence[int]) -> list[int]:
    """``width`` shared among the columns in proportion to ``weights``."""
    total = sum(weights) or 1
    return [width * w // total for w in weights]


def _text(value: str) -> str:
    """Runs of a cell's text: a newline becomes a line break, a tab a tab."""
    runs = []
    for i, line in enumerate(value.split("\n")):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                runs.append("<w:r><w:tab/></w:r>")
            if piece:
                runs.append(f'<w:r><w:t xml:space="preserve">{xml_text(piece)}</w:t></w:r>')
    return "".join(runs)


def _paragraph(text: str, style: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{_text(text)}</w:p>'


def _cell(text: str, width: int, style: str, merge: str | None = None) -> str:
    v_merge = f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else ("<w:vMerge/>" if merge else "")
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{v_merge}<w:vAlign w:val="center"/></w:tcPr>'
        f"{_paragraph(text if merge != 'continue' else '', style)}</w:tc>"
    )


def _row(cells: str, *, height: int, header: bool = False) -> str:
    props = f'<w:cantSplit/><w:trHeight w:val="{height}"/>' + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def _merge_marks(rows: Sequence[Sequence[str]], merge: Sequence[int]) -> list[list[str | None]]:
    """For each cell, 'restart' or 'continue' where it joins equal neighbours above, else None."""
    marks: list[list[str | None]] = [[None] * len(r) for r in rows]
    for column in merge:
        for i, row in enumerate(rows):
            if column >= len(row) or not row[column]:
                continue
            above = rows[i - 1] if i else None
            if above is not None and column < len(above) and above[column] == row[column]:
                marks[i][column] = "continue"
                if marks[i - 1][column] is None:
                    marks[i - 1][column] = "restart"
    return marks


def table_xml(spec: TableSpec) -> Markup:
    """A bordered table, its header repeated on every page, as XML a ``{{p … }}`` tag places."""
    count = len(spec.headings)
    weights = list(spec.weights) if spec.weights and len(spec.weights) == count else default_weights(spec.headings)
    widths = column_widths(spec.width, weights)
    rows = [list(r) + [""] * (count - len(r)) for r in spec.rows]
    rows += [[""] * count for _ in range(spec.blank_rows)]
    marks = _merge_marks(rows, spec.merge)
    header = _row(
        "".join(_cell(h, w, "TableHeading") for h, w in zip(spec.headings, widths, strict=True)),
        height=spec.header_height,
        header=True,
    )
    body = "".join(
        _row(
            "".join(_cell(text, w, "TableText", mark) for text, w, mark in zip(r[:count], widths, m, strict=True)),
            height=spec.row_height,
        )
        for r, m in zip(rows, marks, strict=True)
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return Markup(
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{header}{body}</w:tbl>"
    )
