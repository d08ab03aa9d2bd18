"""Fill the English catalog's new entries with their own ids: English is the code's language.

``make catalog`` runs it after ``pybabel update``. The English catalog exists so that an
installed wheel names its languages alike and an editor can reword an English message in the
catalog without touching code; an entry already reworded is left alone.

    python scripts/english_catalog.py docgen/messages/locale/en/LC_MESSAGES/docgen.po
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = message.id
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True, sort_output=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
