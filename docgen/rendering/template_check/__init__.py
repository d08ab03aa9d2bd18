"""The template check: every mistake in a .docx template, found without rendering it, each at its place.

Part of ``docgen.rendering`` (may use what it may use: the shared base and the template engine
beside it). ``check_template(path, names)`` is the one entry point; ``documents`` calls it for
the templates a plan uses, ``collecting`` for the schedule's.

- ``check``: ``check_template``: the file, each part's tags where they stand, Jinja's own view.
- ``blocks``: blocks balanced, written alike, and inside one table cell.
- ``skeleton``: a part Jinja cannot read whole, read a tag at a time; ``syntax``: what to type instead.
- ``names``: what a context gives; ``scopes``: names, loops, filters and tests where they stand;
  ``printing``: values with no text printed as text (``expressions``: reading Jinja's nodes).
- ``pictures``: ``image(...)`` and ``qr(...)`` tags naming no picture, or sizes the page cannot hold.
"""

from __future__ import annotations

from docgen.rendering.template_check.check import check_template

__all__ = ["check_template"]
