"""Where each value of a YAML document stands, so problems can name a line and column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docgen.errors import Severity

PlanPath = tuple[str | int, ...]
"""Where a value stands in the plan: keys and list indexes from the top (``('tasks', 2, 'units')``)."""
Unlocated = tuple[PlanPath, str, dict[str, Any], Severity]
"""A check's finding before it is located in the file: (path, code, parameters, severity)."""


def dotted(path: Sequence[str | int]) -> str:
    """``('tasks', 2, 'units')`` as ``tasks[2].units``: the form problems show."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass
class SourceMap:
    """Line and column (1-based) of every value and mapping key in one YAML file."""

    file: str
    values: dict[PlanPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PlanPath, tuple[int, int]] = field(default_factory=dict)
    texts: dict[PlanPath, tuple[int, int]] = field(default_factory=dict)
    """Where the characters of a text value start, for values whose characters stand in the file
    as they are: plain one-line scalars and ``|`` block scalars (line of the first content line)."""

    def locate_in_text(self, path: Sequence[str | int], text: str, offset: int) -> tuple[int | None, int | None]:
        """Position of character ``offset`` of the text value at ``path``, or of the value itself.

        A problem inside running text (a placeholder that names nothing) is then shown where it
        stands, not at the key above a long paragraph.
        """
        start = self.texts.get(tuple(path))
        if start is None or not 0 <= offset <= len(text):
            return self.locate(path)
        line_index = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
        return start[0] + line_index, start[1] + column

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        """Position of the value at ``path`` (or of its key), else of its nearest ancestor."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (None, None))
