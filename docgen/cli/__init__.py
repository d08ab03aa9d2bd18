"""The ``docgen`` command line: the only place that prints or exits.

Each command parses its options, calls one documented function of the library and prints
its result; a ``DocgenError`` becomes one located line per problem and an exit code. A
command's module is imported only when the command is used, and it imports the stages
inside each command, so ``docgen --help`` loads only click and the message catalog. May use
every other part of docgen; nothing imports it.

- ``commands``: the table of every command (name, module, its line in ``docgen --help``); a new
  command is one line there.
- ``group``: the ``docgen`` group, which loads commands from that table; the language of the run,
  problems as lines.
- ``plan_commands``, ``returns_commands``, ``audit_commands``, ``status_commands``, ``publishing_commands``,
  ``import_commands``, ``machine_commands``, ``serve_commands``: the commands, by what they work on
  (``serve`` runs ``docgen.web``).
- ``progress``: the steps of long work drawn on a terminal (``docgen.progress`` is the library's side).
- ``help``, ``click_words``: click's help and its own messages in the user's language.
- ``extraction``: Babel's extractor for the catalog (command docstrings are help).
"""

from docgen.cli.group import main, run

__all__ = ["main", "run"]
