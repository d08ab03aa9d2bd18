"""Section and page breaks an office suite saves inside a ``{%p`` paragraph, kept where the author put them.

docxtpl replaces a ``{%p … %}`` (or ``{{p … }}``) paragraph whole by its tag, and whatever else
the paragraph held goes with it. LibreOffice saves a section break in the properties of the
paragraph before it and turns "page break before" into a page break at the end of the paragraph
before, which may be such a tag paragraph (``{%p endfor %}``, ``{%p endif %}``): the landscape
section of an attachment, or the page an attachment starts on, would be lost. Here, before
docxtpl's patch, a section break moves into a paragraph of its own beside the tag paragraph,
and a page break becomes "page break before" on the next paragraph that is not a tag's.
"""

from __future__ import annotations

import re

_SECTION = re.compile(r"<w:sectPr[ >].*?</w:sectPr>|<w:sectPr/>", re.DOTALL)
_PARAGRAPH = re.compile(r"<w:p/>|<w:p[ >](?:(?!<w:p[ >/]).)*?</w:p>", re.DOTALL)
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_TAG = re.compile(r"\{([%{])p\s+(\w*)")
_PAGE_BREAK = re.compile(r'<w:br\s+w:type="page"\s*/>')
_PROPERTIES = re.compile(
    r"(<w:p(?:\s[^>]*)?>)(<w:pPr(?:\s[^>]*)?>((?:<w:pStyle[^>]*/>)?(?:<w:keepNext[^>]*/>)?(?:<w:keepLines[^>]*/>)?))?"
)
_OPENERS = frozenset({"if", "for", "with", "macro", "call", "filter", "set"})


def kept_breaks(xml: str) -> str:
    """``xml`` (a part) with the breaks of its tag paragraphs moved where docxtpl leaves them in place."""
    if "{%p" not in xml and "{{p" not in xml:
        return xml
    return _page_breaks_forward(_sections_apart(xml))


def _tag_in(paragraph: str) -> re.Match[str] | None:
    return _TAG.search("".join(_TEXT.findall(paragraph)))


def _sections_apart(xml: str) -> str:
    """Each section break held by a tag paragraph, moved into a paragraph of its own.

    The break goes after a closing tag (after the block, as the author placed it) and before an
    opening one (before the block), so that it stays where it was, whatever the tags do.
    """
    pieces: list[str] = []
    last = 0
    for section in _SECTION.finditer(xml):
        start = max(xml.rfind("<w:p>", last, section.start()), xml.rfind("<w:p ", last, section.start()))
        end = xml.find("</w:p>", section.end())
        if start < 0 or end < 0:
            continue  # the body's own section, after its last paragraph
        end += len("</w:p>")
        paragraph = xml[start:end]
        tag = _tag_in(paragraph)
        if tag is None:
            continue
        own = "<w:p><w:pPr>" + section.group() + "</w:pPr></w:p>"
        bare = paragraph.replace(section.group(), "", 1)
        opens = tag.group(1) == "%" and tag.group(2) in _OPENERS
        pieces += [xml[last:start], own + bare if opens else bare + own]
        last = end
    return "".join(pieces) + xml[last:]


def _page_breaks_forward(xml: str) -> str:
    """Page breaks in tag paragraphs, made "page break before" on the next paragraph that is not a tag's."""
    if not _PAGE_BREAK.search(xml):
        return xml
    pieces: list[str] = []
    last = 0
    pending = False
    for match in _PARAGRAPH.finditer(xml):
        paragraph = match.group()
        if _tag_in(paragraph) is not None:
            if _PAGE_BREAK.search(paragraph):
                pieces += [xml[last : match.start()], _PAGE_BREAK.sub("", paragraph)]
                last, pending = match.end(), True
        elif pending:
            pieces += [xml[last : match.start()], _break_before(paragraph)]
            last, pending = match.end(), False
    return "".join(pieces) + xml[last:]


def _break_before(paragraph: str) -> str:
    """The paragraph, starting a new page (``w:pageBreakBefore`` in its properties' place in the sequence)."""
    if paragraph == "<w:p/>":
        return "<w:p><w:pPr><w:pageBreakBefore/></w:pPr></w:p>"
    if "<w:pageBreakBefore" in paragraph:
        return paragraph
    found = _PROPERTIES.match(paragraph)
    assert found is not None
    if found.group(2) is None:
        return found.group(1) + "<w:pPr><w:pageBreakBefore/></w:pPr>" + paragraph[found.end(1) :]
    return paragraph[: found.end()] + "<w:pageBreakBefore/>" + paragraph[found.end() :]
