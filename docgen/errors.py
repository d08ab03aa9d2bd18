"""The one exception hierarchy of docgen, and the structured problems its errors carry.

A problem is data (a code, a place and parameters), not a sentence: the CLI turns it into
text in the user's language, and a script can inspect it without parsing English.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class Severity(enum.Enum):
    """Whether a problem stops the run (error) or is only pointed out (warning)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as docgen can.

    ``code`` names the kind of problem (see ``docgen.messages``); ``params`` fill its message.
    ``line`` and ``column`` count from 1.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        """True when the problem makes the input unusable."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        from docgen.messages import format_problem

        return format_problem(self)


class DocgenError(Exception):
    """Base of every error docgen raises on purpose; the CLI catches this one class."""

    exit_code = 1

    @property
    def problems(self) -> list[Problem]:
        """The structured problems behind this error (one, built from the message, by default)."""
        return [Problem("message", {"text": str(self)})]


class ProblemsError(DocgenError):
    """An error that carries a list of located problems, reported together."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self._problems = list(problems)
        super().__init__("\n".join(str(p) for p in self._problems))

    @property
    def problems(self) -> list[Problem]:
        """Every problem found, errors and warnings, in file order."""
        return self._problems


class PlanError(ProblemsError):
    """Raised when a plan file cannot be read or fails validation; lists every problem at once."""


class TemplateError(ProblemsError):
    """Raised when a template cannot be read, compiled or rendered (names the template)."""


class FormError(ProblemsError):
    """Raised when a returned form cannot be read (names the file)."""


class UnknownUnitError(ProblemsError):
    """Raised when a unit asked for by id or name is not in the plan's registry."""


class OutputExistsError(ProblemsError):
    """Raised when a command would overwrite a file the user wrote; ``--force`` allows it."""


class WriteError(ProblemsError):
    """Raised when an output cannot be written: no permission, a full disk, a read-only folder."""


class OfficeError(ProblemsError):
    """Raised when LibreOffice or poppler is missing, fails or times out."""


def problem_error(cls: type[ProblemsError], code: str, path: Path | str | None = None, **params: Any) -> ProblemsError:
    """Build a one-problem error of ``cls``, located at a file when one is given."""
    return cls([Problem(code, params, file=str(path) if path is not None else None)])
