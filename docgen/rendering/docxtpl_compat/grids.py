"""Table grids and drawing ids of a rendered body, set as docxtpl sets them.

A ``{%tc for %}`` loop or a ``{#tc #}`` comment leaves rows with more or fewer cells than the
table's grid declares. docxtpl then adds columns, scaling the old ones so that the table keeps
its width (each new column as wide as the new average), or removes the last columns and shares
their width among the others. docgen's own documents make every column equal instead
(``docgen.rendering.wordml.fit_grids``); a template rendered through ``DocxTemplate`` keeps the
widths docxtpl would give it. Drawings repeated by a loop share their id, so every drawing of
the body is numbered anew from 1001, as docxtpl numbers them.
"""

from __future__ import annotations

from lxml import etree

from docgen.rendering.tags import W

_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
FIRST_DRAWING_ID = 1001


def _width(column: etree._Element) -> float:
    value = column.get(W + "w")
    return float(value) if value else 0.0


def _span(cell: etree._Element) -> int:
    span = cell.find(f"{W}tcPr/{W}gridSpan")
    value = span.get(W + "val") if span is not None else None
    return int(value) if value and value.isdigit() else 1


def fit_table_grids(root: etree._Element) -> bool:
    """Give each table's grid the columns its rows use, as docxtpl does; True when any changed.

    Rows are counted as docxtpl counts them: every row under the table, nested tables' too.
    """
    changed = False
    for table in root.iter(W + "tbl"):
        grid = table.find(W + "tblGrid")
        rows = list(table.iter(W + "tr"))
        if grid is None or not rows:
            continue
        columns = grid.findall(W + "gridCol")
        missing = max(len(row.findall(W + "tc")) for row in rows) - len(columns)
        total = sum(_width(column) for column in columns)
        if missing > 0 and total > 0:
            old_average, new_average = total / len(columns), total / (len(columns) + missing)
            for column in columns:
                column.set(W + "w", str(int(_width(column) * new_average / old_average)))
            for _ in range(missing):
                etree.SubElement(grid, W + "gridCol", {W + "w": str(int(new_average))})
            columns = grid.findall(W + "gridCol")
            changed = True
        surplus = len(columns) - max(sum(_span(cell) for cell in row.findall(W + "tc")) for row in rows)
        if surplus > 0:
            removed = sum(_width(column) for column in columns[-surplus:])
            for column in columns[-surplus:]:
                grid.remove(column)
            kept = columns[:-surplus]
            extra = int(removed / len(kept)) if kept else 0
            for column in kept:
                column.set(W + "w", str(int(_width(column) + extra)))
            changed = True
    return changed


def renumber_drawings(root: etree._Element) -> bool:
    """Number every drawing of the part from 1001 in document order; True when there was any."""
    found = False
    for number, drawing in enumerate(root.iter(_DOC_PR), FIRST_DRAWING_ID):
        drawing.set("id", str(number))
        found = True
    return found
