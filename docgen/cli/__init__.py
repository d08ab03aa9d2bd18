"""The ``docgen`` command line: the only place that prints or exits.

Each command parses its options, calls one documented function of the library and prints
its result; a ``DocgenError`` becomes one located line per problem and an exit code. The
command modules import the stages inside each command, so ``docgen --help`` loads only
click and the message catalog. May use every other part of docgen; nothing imports it.

- ``group``: the ``docgen`` group, the language of the run, problems as lines.
- ``plan_commands``, ``returns_commands``, ``audit_commands``, ``status_commands``, ``publishing_commands``,
  ``import_commands``: the commands, by what they work on.
- ``help``, ``click_words``: click's help and its own messages in the user's language.
- ``extraction``: Babel's extractor for the catalog (command docstrings are help).
"""

from docgen.cli import (
    audit_commands,
    import_commands,
    plan_commands,
    publishing_commands,
    returns_commands,
    status_commands,
)
from docgen.cli.group import main

__all__ = [
    "audit_commands",
    "import_commands",
    "main",
    "plan_commands",
    "publishing_commands",
    "returns_commands",
    "status_commands",
]
