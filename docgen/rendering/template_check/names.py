"""What a template's context gives: its names as dotted paths, and how each value prints.

A context is described by sample values (``{"contact": {"phone": "..."}, "tasks": [...]}``), by
several documents' contexts (a task sheet per unit: what any of them gives), or by dotted names
(``contact.phone``, ``tasks[].title``: ``[]`` stands for any item of a list).
Sample values say more: which names are mappings or lists, and which have no text of their
own to print (a mapping that is not a record, a list that is not ``Records``, a function),
as ``docgen.rendering.values`` prints them. Dotted names say only which names there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from docgen.rendering.values import Record, Records

_ITEMS = 50  # items of a list sampled for the names its items give
_DEPTH = 12
MAPPING, LIST, FUNCTION = "mapping", "list", "function"  # kinds of value with no text of their own


class ContextNames:
    """The names a context gives, as dotted paths, and which paths are mappings, lists or textless."""

    def __init__(self, names: Mapping[str, Any] | Iterable[str] | Iterable[Mapping[str, Any]]) -> None:
        self.paths: set[str] = set()
        self.mappings: set[str] = {""}  # the context itself
        self.lists: set[str] = set()
        self.records: set[str] = set()  # text with fields (``Record``): text's own methods work on them
        self.markup: set[str] = set()  # values that are document XML, which ``{{p … }}`` places
        self.keys: dict[str, set[str]] = {}  # lists whose items are also found by key (deadlines.schedule)
        self.textless: dict[str, str] = {}  # paths whose value has no text to print: MAPPING, LIST or FUNCTION
        self.single: set[str] = set()  # numbers, truths and dates: nothing a loop can walk
        self.plain: dict[str, type] = {}  # text, numbers and dates, which have no fields: their type
        self._seen: set[tuple[str, int]] = set()
        if isinstance(names, Mapping):
            names = [names]
        for sample in names:
            if isinstance(sample, Mapping):  # one document's context, of several (a task sheet per unit)
                for key, value in sample.items():
                    self._sample(str(key), value, 0)
            else:
                self._dotted(sample)

    def _sample(self, path: str, value: Any, depth: int) -> None:
        self.paths.add(path)
        if type(value) is str:  # most values: plain text
            self.plain.setdefault(path, str)
            return
        if depth > _DEPTH:
            return
        if isinstance(value, (Mapping, list, tuple, Record)):  # documents share the plan's values: read once
            if (path, id(value)) in self._seen:
                return
            self._seen.add((path, id(value)))
        if isinstance(value, Markup):
            self.markup.add(path)
        elif isinstance(value, Record):
            self.mappings.add(path)
            self.records.add(path)
            for key, item in value.fields().items():
                self._sample(f"{path}.{key}", item, depth + 1)
        elif isinstance(value, Mapping):
            self.mappings.add(path)
            self.textless.setdefault(path, MAPPING)
            for key, item in value.items():
                if type(item) is str:  # most fields: text, taken here rather than a call deeper
                    self.paths.add(f"{path}.{key}")
                    self.plain.setdefault(f"{path}.{key}", str)
                else:
                    self._sample(f"{path}.{key}", item, depth + 1)
        elif isinstance(value, (list, tuple)):
            if isinstance(value, Records) and value.keys():
                self.mappings.add(path)
                self.keys[path] = set(value.keys())
            if not isinstance(value, Records):
                self.textless.setdefault(path, LIST)
            self.lists.add(path)
            self.paths.add(path + "[]")
            items = value[:_ITEMS]
            if all(type(item) is str for item in items):  # a row of cells, lines of text: one kind of item
                if items:
                    self.plain.setdefault(path + "[]", str)
                return
            for item in items:
                self._sample(path + "[]", item, depth + 1)
        elif callable(value):
            self.textless.setdefault(path, FUNCTION)
        elif isinstance(value, (int, float, Decimal, dt.date)):
            self.single.add(path)
            self.plain.setdefault(path, type(value))
        elif isinstance(value, str):
            self.plain.setdefault(path, str)

    def _dotted(self, name: str) -> None:
        path = ""
        for piece in name.replace("[]", ".[]").split("."):
            if piece == "[]":
                self.lists.add(path)
                path += "[]"
            else:
                self.mappings.add(path)
                path = f"{path}.{piece}" if path else piece
            self.paths.add(path)

    def places_markup(self, expression: str) -> bool:
        """Whether ``expression`` (``block.table``) names a value given as document XML.

        A table built by docgen for the plan's columns is placed with ``{{p block.table }}``:
        the loop variable is not followed here, so the last name decides, and docgen's contexts
        call such values ``table`` (a plan without tables gives no sample of one).
        """
        last = expression.strip().rsplit(".", 1)[-1]
        return last == "table" or any(path.rsplit(".", 1)[-1] == last for path in self.markup)

    def children(self, path: str) -> list[str]:
        """The keys a mapping at ``path`` has."""
        prefix = f"{path}." if path else ""
        found = {p[len(prefix) :].split(".")[0].split("[")[0] for p in self.paths if p.startswith(prefix)}
        return sorted(found | self.keys.get(path, set()))

    def printed_field(self, path: str) -> str:
        """The field of the mapping at ``path`` that best stands for it in text ('' when none prints)."""
        fields = [key for key in self.children(path) if f"{path}.{key}" not in self.textless]
        for wanted in ("text", "name", "title", "label"):
            if wanted in fields:
                return wanted
        return fields[0] if fields else ""
