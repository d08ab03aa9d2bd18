"""Numbers in a Word file's attributes, read as OOXML defines them, or refused with the attribute named.

A size, an indent or a page's width is a whole number of the attribute's own unit (twips,
half-points, eighths of a point) or a measure with a unit (``14pt``, ``2.5cm``: ECMA-376
ST_UniversalMeasure). Decimals are read as Word reads them. What is no number, is not finite
(``inf``, ``1e999``) or lies past any page (more than a 32-bit number of units) is no file Word
wrote: the audit says so, naming the attribute, rather than failing on it.
"""

from __future__ import annotations

import math
import re

from docgen.errors import Finding

TWIPS = 20.0  # units per point: w:pgSz, w:pgMar, w:ind, w:spacing, w:docGrid/@w:linePitch
HALF_POINTS = 2.0  # w:sz
EIGHTHS = 8.0  # a border's w:sz
LARGEST = 2**31 - 1  # ST_TwipsMeasure and its kin are 32-bit numbers

_UNIVERSAL = re.compile(r"\s*(-?[0-9]+(?:\.[0-9]+)?)(mm|cm|in|pt|pc|pi)\s*")
_POINTS = {"pt": 1.0, "pc": 12.0, "pi": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}


class BadNumberError(Exception):
    """An attribute of a Word file holds no number OOXML allows; ``finding`` names it."""

    def __init__(self, attribute: str, value: str) -> None:
        super().__init__(attribute)
        self.finding = Finding("audit-bad-number", {"attribute": attribute, "value": value[:40]})


def number(value: str, attribute: str, per_point: float) -> int:
    """``value`` as a whole number of units, ``per_point`` of them to a point; ``attribute`` names it.

    Raises ``BadNumberError`` for a value that is no number, not finite or too large.
    """
    universal = _UNIVERSAL.fullmatch(value)
    try:
        found = float(universal[1]) * _POINTS[universal[2]] * per_point if universal else float(value)
    except ValueError:
        raise BadNumberError(attribute, value) from None
    if not math.isfinite(found) or abs(found) > LARGEST:
        raise BadNumberError(attribute, value)
    return round(found)
