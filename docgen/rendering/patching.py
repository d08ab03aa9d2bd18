"""A part's XML made ready for Jinja, with a map from each line of it back to the tag the author typed.

docxtpl's ``patch_xml`` (as ``docx_patch`` repeats it) joins tags Word split across runs and
replaces ``{%p``, ``{%tr`` and ``{%tc`` paragraphs, rows and cells by their tag. On top of it,
here: a tag reads as its author typed it, whichever suite saved it (``&quot;``, ``&amp;``,
``&#x201C;`` become the characters they stand for, and quotes that Word's autocorrect or a
Chinese input method put into a tag become straight ones), the breaks LibreOffice saves in a
``{%p`` paragraph survive it (``breaks``), and every tag starts a line of its own, so that the
line number of a Jinja error names one tag, which ``line_tags`` leads back to the tag as typed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from docgen.rendering.breaks import kept_breaks
from docgen.rendering.docx_patch import patch_xml
from docgen.rendering.tags import TAG, PartTags, jinja_tag, normalized

_BRACE_MARKER = re.compile(r"\{_[{%]|[}%]_\}")
_OPENER = re.compile(r"\{[{%#][-+]?")
_BREAK = "\x00"  # a tag's own line break while the lines are counted (XML cannot hold it)


@dataclass(frozen=True)
class PatchedPart:
    """The Jinja source of a part and, for each of its lines (from 1), the typed tag's index or None."""

    source: str
    line_tags: tuple[int | None, ...]

    def on_tag(self, lineno: int | None) -> bool:
        """Whether line ``lineno`` starts with a typed tag (else it holds the part's XML or docxtpl's own tags)."""
        return bool(lineno) and 0 < (lineno or 0) < len(self.line_tags) and self.line_tags[lineno or 0] is not None

    def tag_at(self, lineno: int | None) -> int | None:
        """The index of the typed tag a Jinja error on ``lineno`` is about (the nearest one before it)."""
        if not lineno:
            return None
        for line in range(min(lineno, len(self.line_tags) - 1), 0, -1):
            if self.line_tags[line] is not None:
                return self.line_tags[line]
        return None


def patch_part(xml: str, typed: PartTags | None, *, autoescape: bool = True, keep_breaks: bool = True) -> PatchedPart:
    """Docxtpl's patch, tags as typed, one tag a line, and the lines' typed tags.

    ``autoescape`` says whether the environment the part compiles in escapes what it prints;
    when it does not, string literals in tags stay escaped for XML (``jinja_tag``). With
    ``keep_breaks`` off, breaks saved in a ``{%p`` paragraph go with it, as docxtpl has it.
    """
    patched = patch_xml(kept_breaks(xml) if keep_breaks else xml)
    # docxtpl's markers for literal braces ({_{ prints {{) belong to the template's own text;
    # docxtpl replaces them in the output, which corrupts any value holding "}_}".
    patched = _BRACE_MARKER.sub(lambda m: "{{ '" + m.group().replace("_", "") + "' }}", patched)
    patched = TAG.sub(lambda m: jinja_tag(m.group(), escape_literals=not autoescape), patched)
    found = list(TAG.finditer(patched))
    owners = _align([t.text for t in typed.tags] if typed else [], [m.group() for m in found])
    pieces: list[str] = []
    last = 0
    for match in found:
        opener = _OPENER.match(match.group())
        assert opener is not None
        pieces += [patched[last : match.start() + opener.end()], _BREAK]
        last = match.start() + opener.end()
    marked = re.sub(r"<w:p([ >])", r"\n<w:p\1", "".join(pieces) + patched[last:])
    line_tags: list[int | None] = [None, None]  # no line 0; line 1 starts the part
    tags = iter(owners)
    for brk in re.finditer(f"[\n{_BREAK}]", marked):
        line_tags.append(next(tags, None) if brk.group() == _BREAK else None)
    return PatchedPart(marked.replace(_BREAK, "\n"), tuple(line_tags))


def _align(typed: list[str], found: list[str]) -> list[int | None]:
    """For each tag Jinja will see, the index of the typed tag it came from (None for docxtpl's own)."""
    owners: list[int | None] = [None] * len(found)
    matcher = difflib.SequenceMatcher(None, [normalized(t) for t in typed], [normalized(t) for t in found], False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a2 - a1 == b2 - b1):
            for offset in range(b2 - b1):
                owners[b1 + offset] = a1 + offset
    return owners
