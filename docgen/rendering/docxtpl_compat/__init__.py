r"""A drop-in for docxtpl: ``from docgen import DocxTemplate`` renders docxtpl templates on docgen's compiled engine.

- ``template``: ``DocxTemplate``, docxtpl's class with the same constructor and methods.
- ``engine``: the compiled template finishing parts as docxtpl does (no layout mending);
  ``environments``: the caller's ``jinja_env`` honoured in docgen's sandbox.
- ``breaks``: ``\t``, ``\n``, ``\a``, ``\f`` in values; ``grids``: table grids and drawing ids as docxtpl sets them.
- ``inline_images``: what ``InlineImage`` asks of the template; ``subdoc``: ``new_subdoc()``;
  ``replacing``: ``replace_pic``, ``replace_media``, ``replace_embedded``, ``replace_zipname``.

docxtpl's own objects are what callers put in a context, so ``RichText``, ``R``,
``RichTextParagraph``, ``RP``, ``Listing`` and ``InlineImage`` are docxtpl's, re-exported here.
"""

from __future__ import annotations

from docxtpl.inline_image import InlineImage
from docxtpl.listing import Listing
from docxtpl.richtext import RP, R, RichText, RichTextParagraph

from docgen.rendering.docxtpl_compat.subdoc import Subdoc
from docgen.rendering.docxtpl_compat.template import DocxTemplate

__all__ = ["RP", "DocxTemplate", "InlineImage", "Listing", "R", "RichText", "RichTextParagraph", "Subdoc"]
