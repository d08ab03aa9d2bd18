"""The one exception hierarchy of docgen, and the one finding type its errors and reviews carry.

A finding is data (a code, a severity, a place and parameters), not a sentence: the words for
it come from ``docgen.messages`` in the user's language, and a script can inspect it without
parsing English. This module imports nothing else from docgen, so every part may use it;
``docgen.messages`` installs the function that turns a finding into words when it is loaded
(``docgen/__init__`` loads it), which ``str()`` of a finding or an error uses.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path


class Severity(enum.Enum):
    """How much a finding asks of the user.

    ``ERROR`` stops the run; ``WARNING`` is pointed out (``--strict`` makes it stop the run);
    ``EDIT`` and ``NOTE`` are review items (``docgen new-year``): something the user must
    change, and a fact to know. ``docgen check`` counts warnings only; it shows notes (a
    campaign that starts before its notice is dated) with ``--notes``.
    """

    ERROR = "error"
    WARNING = "warning"
    EDIT = "edit"
    NOTE = "note"


class Finding:
    """One thing wrong with, or to review in, an input, located as precisely as docgen can.

    ``code`` names the kind of finding (see ``docgen.messages``); ``params`` fill its message.
    ``line`` and ``column`` count from 1; ``path`` is the dotted path in a plan, or another
    place in words a user knows (a template's part and paragraph, a form's row). Immutable
    and compared by value; written out rather than a dataclass, which costs ``docgen --help``
    3 ms to build.
    """

    __slots__ = ("code", "column", "file", "line", "params", "path", "severity")
    _FIELDS = ("code", "params", "file", "line", "column", "path", "severity")

    code: str
    params: Mapping[str, Any]
    file: str | None
    line: int | None
    column: int | None
    path: str | None
    severity: Severity

    def __init__(
        self,
        code: str,
        params: Mapping[str, Any] | None = None,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        path: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        values = (code, {} if params is None else params, file, line, column, path, severity)
        for name, value in zip(self._FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Finding cannot be changed (field {name!r}); use replace()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Finding cannot be changed (field {name!r})")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Finding)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items(), key=str)), *self._values()[2:]))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"Finding({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Finding, self._values())

    def replace(self, **changes: Any) -> Finding:
        """A copy with some fields changed."""
        values = dict(zip(self._FIELDS, self._values(), strict=True))
        values.update(changes)
        return Finding(**values)

    @property
    def is_error(self) -> bool:
        """True when the finding makes the input unusable."""
        return self.severity is Severity.ERROR

    def as_warning(self) -> Finding:
        """The same finding as a warning (a review item shown by ``docgen check``)."""
        return self.replace(severity=Severity.WARNING)

    def __str__(self) -> str:
        return _describe(self)


def _plain(finding: Finding) -> str:
    where = ":".join(str(part) for part in (finding.file, finding.line, finding.column) if part is not None)
    return f"{where}: {finding.code} {dict(finding.params)}" if where else f"{finding.code} {dict(finding.params)}"


_describe: Callable[[Finding], str] = _plain


def describe_with(describe: Callable[[Finding], str]) -> None:
    """Make ``str()`` of findings and errors use ``describe`` (``docgen.messages`` calls this)."""
    global _describe
    _describe = describe


class DocgenError(Exception):
    """Base of every error docgen raises on purpose; the CLI catches this one class."""

    exit_code = 1

    @property
    def problems(self) -> list[Finding]:
        """The structured problems behind this error (one, built from the message, by default)."""
        return [Finding("message", {"text": str(self)})]


class FindingsError(DocgenError):
    """An error that carries a list of located problems, reported together."""

    def __init__(self, problems: Iterable[Finding]) -> None:
        self._problems = list(problems)
        super().__init__(self._problems)  # as args, so that the error pickles (worker processes)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self._problems)

    @property
    def problems(self) -> list[Finding]:
        """Every problem found, errors and warnings, in file order."""
        return self._problems


class PlanError(FindingsError):
    """Raised when a plan file cannot be read or fails validation; lists every problem at once."""


class TemplateError(FindingsError):
    """Raised when a template cannot be read, compiled or rendered (names the template)."""


class FormError(FindingsError):
    """Raised when a returned form cannot be read (names the file)."""


class UnknownUnitError(FindingsError):
    """Raised when a unit asked for by id or name is not in the plan's registry."""


class UnknownDeadlineError(FindingsError):
    """Raised when a deadline asked for by its key is not among the plan's deadlines."""


class OutputExistsError(FindingsError):
    """Raised when a command would overwrite a file the user wrote; ``--force`` allows it."""


class WriteError(FindingsError):
    """Raised when an output cannot be written: no permission, a full disk, a read-only folder."""


class OfficeError(FindingsError):
    """Raised when LibreOffice or poppler is missing, fails or times out."""


class RecordError(FindingsError):
    """Raised when the campaign's record (``.docgen/record.sqlite`` in a returns folder) cannot be opened or written."""


class ReceiveError(FindingsError):
    """Raised when ``docgen receive`` cannot file what it was given: nothing is filed, and each problem says why."""


class WordFileError(FindingsError):
    """Raised when a Word file to import cannot be read: a .doc or .wps, a damaged file."""


class MailError(FindingsError):
    """Raised when the campaign's mailbox cannot be read: no server, a refused login, a server that stalls or lies."""


def finding_error(cls: type[FindingsError], code: str, path: Path | str | None = None, **params: Any) -> FindingsError:
    """Build a one-problem error of ``cls``, located at a file when one is given."""
    return cls([Finding(code, params, file=str(path) if path is not None else None)])
