"""The values templates receive, and how they print: records that read as text, lists that read as lists.

A template author writes ``{{ contact }}`` and expects the contact line, and writes
``{{ contact.phone }}`` and expects the number; ``{{ task.units }}`` prints the units as a
document lists them (招生就业处、教务处) while ``{% for unit in task.units %}`` walks them. So a
record of the plan is a ``Record``: a string (what it prints) that also holds its fields, and a
list of records is ``Records``: a list that prints joined with 、 and finds a record by its key
(``deadlines.schedule``, ``units.jwc``). Both are plain data: they pickle to worker processes
and print as YAML for ``docgen context``.

Dates print as 2019年4月30日 and nothing (a field the plan leaves out) prints as nothing; a
mapping or a plain list printed whole would put Python's notation into a document, so it is an
error at the tag instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from jinja2 import Undefined
from markupsafe import Markup

from docgen import chinese
from docgen.plan.text_filters import filter_cite, filter_md, filter_weekday, filter_ymd

ENUMERATION = "、"
MAX_NUMERAL = 9999  # what ``chinese.chinese_numeral`` writes


class Record(str):
    """Text that prints as itself and holds named fields: ``{{ unit }}`` and ``{{ unit.full_name }}``."""

    def __new__(cls, text: str, /, **fields: Any) -> Record:
        """The record printed as ``text``, with ``fields`` as its attributes."""
        record = super().__new__(cls, text)
        record.__dict__.update(fields)
        return record

    def __getnewargs__(self) -> tuple[str]:
        return (str(self),)

    def __getattr__(self, name: str) -> Any:
        """Only reached for a field the record does not have (its fields are plain attributes)."""
        raise AttributeError(name)

    def fields(self) -> dict[str, Any]:
        """The record's named fields (not its text)."""
        return dict(self.__dict__)

    def __getitem__(self, key: Any) -> Any:
        """``record["phone"]`` as ``record.phone``; a number or slice indexes the text as a string does."""
        if isinstance(key, str):
            try:
                return self.__dict__[key]
            except KeyError:
                raise KeyError(key) from None
        return str.__getitem__(self, key)


class Records(list[Any]):
    """Records in the plan's order: printed joined with 、, found by key with ``records.KEY``."""

    def __init__(self, items: Iterable[Any] = (), keys: Iterable[str] | None = None) -> None:
        super().__init__(items)
        self._by_key: dict[str, Any] = dict(zip(keys, self, strict=True)) if keys is not None else {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.__dict__["_by_key"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key: Any) -> Any:
        """``records["count"]`` finds a record whose key a list method also has; numbers index as usual."""
        if isinstance(key, str):
            try:
                return self._by_key[key]
            except KeyError:
                raise KeyError(key) from None
        return list.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The keys records can be found by (``deadlines.schedule``), in order."""
        return list(self._by_key)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Records, (list(self), list(self._by_key) if self._by_key else None))


class NotTextError(TypeError):
    """A template printed a whole mapping or list, which has no text of its own; ``kind`` says which."""

    def __init__(self, message: str, kind: str = "value") -> None:
        super().__init__(message)
        self.kind = kind  # "mapping", "list" or "value"


def printed(value: Any) -> str:
    """How a value reads in a document (``Record``, ``Records``, dates, numbers, nothing)."""
    if value is None:
        return ""
    if isinstance(value, Records):
        return ENUMERATION.join(printed(item) for item in value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return f"{chinese.full_date(value.date())}{value:%H:%M}"
    if isinstance(value, dt.date):
        return chinese.full_date(value)
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    kind = "mapping" if isinstance(value, Mapping) else "list" if isinstance(value, (list, tuple)) else "value"
    raise NotTextError(f"a {kind} has no text to print; print one of its fields, or loop over it", kind)


def finalize(value: Any) -> Any:
    """What ``{{ value }}`` prints in a template: markup as it is, everything else as ``printed`` reads it."""
    if isinstance(value, (Markup, Undefined)):
        return value  # an undefined name fails as itself when it is printed, naming what is missing
    if isinstance(value, (Record, Records)) or not isinstance(value, str):
        return printed(value)
    return value


def to_plain(value: Any) -> Any:
    """The value as plain YAML-ready data: a record becomes its text and fields, records a list."""
    if isinstance(value, Record):
        return {"text": str(value), **{k: to_plain(v) for k, v in value.fields().items()}}
    if isinstance(value, Markup):
        return "(WordprocessingML, placed with {{p … }})"
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if callable(value):
        return "(a function)"
    return value


class FilterError(ValueError):
    """A filter was given a value it cannot format (``| cn`` of a text)."""


def filter_cn(value: Any) -> str:
    """``{{ 12 | cn }}`` -> 十二: a number in Chinese numerals."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_NUMERAL:
        raise FilterError(f"| cn is for whole numbers from 0 to {MAX_NUMERAL}")
    return chinese.chinese_numeral(value) if value else "零"


def filter_pad(value: Any, width: int = 3) -> str:
    """``{{ "赵欣" | pad }}`` -> 赵　欣: a two-character name spread to the width of three, as lists print them."""
    if not isinstance(value, str):
        raise FilterError("| pad is for a name")
    return chinese.pad_name(str(value), width)


def filter_number(value: Any, level: int = 1) -> str:
    """``{{ loop.index | number(2) }}`` -> （二）: a heading number at a level (一、 （一） 1. （1））."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= chinese.MAX_SECTIONS:
        raise FilterError(f"| number is for whole numbers from 1 to {chinese.MAX_SECTIONS}")
    if level not in (1, 2, 3, 4):
        raise FilterError("| number takes a level from 1 to 4")
    return chinese.section_number(level, value)


FILTERS = {
    "md": filter_md,
    "ymd": filter_ymd,
    "weekday": filter_weekday,
    "cite": filter_cite,
    "cn": filter_cn,
    "pad": filter_pad,
    "number": filter_number,
}


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """The value as a document prints it, without characters XML cannot hold: no value can corrupt a document.

    ``Markup`` (XML a document builder made, e.g. a table for ``{{p … }}``) stays markup.
    """
    if type(value) is str:  # most values: plain text, printed as it is
        return _XML_FORBIDDEN.sub("", value) if _XML_FORBIDDEN.search(value) else value
    value = finalize(value)
    if isinstance(value, Markup):
        return Markup(_XML_FORBIDDEN.sub("", value))
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub("", value)
    return value
