"""A template part's XML made ready for Jinja, exactly as docxtpl 0.20's ``patch_xml`` makes it.

docgen's templates are written for docxtpl, so their tags mean what docxtpl makes of them: tags
Word split across runs are joined, ``{%p``/``{%tr``/``{%tc``/``{%r`` replace the paragraph, row,
cell or run that holds them, ``{% colspan %}``, ``{% cellbg %}``, ``{% vm %}`` and ``{% hm %}``
become table markup, ``{%-``/``-%}`` join text across paragraphs, and quotes and ``&lt;``/``&gt;``
inside tags become what Jinja reads. docgen does the same here, so that rendering does not
import docxtpl and python-docx (a fifth of a render's start-up) for this one function; the
tests hold its output equal to docxtpl's, part by part and case by case.

Each step is a substitution over the whole part, in docxtpl's order; ``DOTALL`` throughout except
for the last (a tag's quotes are straightened only within one line).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_S = re.DOTALL
_Step = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]

# 1. markup between the two characters of an opening or closing brace: "{</w:t>...<w:t>{" -> "{{"
_SPLIT_BRACE = re.compile(r"(?<={)(?:<[^>]*>)+(?=[{%#])|(?<=[%}#])(?:<[^>]*>)+(?=})", _S)
# 2. a tag that runs over several text elements: the markup from each "</w:t>" to the next "<w:t…>"
_TAG_START = re.compile(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", _S)
_TEXT_GAP = re.compile(r"</w:t>.*?(?:<w:t>|<w:t [^>]*>)", _S)
# 3, 4. a cell holding {% colspan N %} or {% cellbg C %}: its span or shading from the tag
_CELL_WITH = "(<w:tc[ >](?:(?!<w:tc[ >]).)*){%%\\s*%s\\s+([^%%]*)\\s*%%}(.*?</w:tc>)"
_EMPTY_RUN = re.compile(r"<w:r[ >](?:(?!<w:r[ >]).)*<w:t></w:t>.*?</w:r>", _S)
_CELL_PROPERTIES = re.compile(r"(<w:tcPr[^>]*>)")
# 5. the text element a tag starts in keeps its spaces
_UNPRESERVED = re.compile(r"<w:t>((?:(?!<w:t>).)*)({{.*?}}|{%.*?%})", _S)
# 6. {{r …}} and {%r …%} stand in a run of their own
_RUN_TAG = re.compile(r"({{r\s.*?}}|{%r\s.*?%})", _S)
_OWN_RUN = r'</w:t></w:r><w:r><w:t xml:space="preserve">\1</w:t></w:r><w:r><w:t xml:space="preserve">'
# 7, 8. "{%-" joins the tag to the text before it, "-%}" to the text after it
_TRIM_BEFORE = re.compile(r"</w:t>(?:(?!</w:t>).)*?{%-", _S)
_TRIM_AFTER = re.compile(r"-%}(?:(?!<w:t[ >]|{%|{{).)*?<w:t[^>]*?>", _S)
# 9, 10. {%y …%} / {{y …}} / {#y …#} replace the row, cell, paragraph or run y that holds them
_BLOCK = "<w:{y}[ >](?:(?!<w:{y}[ >]).)*({open}){y} ([^{stop}]*(?:{close})).*?</w:{y}>"
_BLOCKS = [
    re.compile(_BLOCK.format(y=y, open="{%|{{", stop="}%", close="%}|}}"), _S) for y in ("tr", "tc", "p", "r")
] + [re.compile(_BLOCK.format(y=y, open="{#", stop="}#", close="#}"), _S) for y in ("tr", "tc", "p")]
# 11. {% vm %}: cells merged down the rows of a loop
_VM_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?{%\s*vm\s*%}.*?</w:tc[ >]", _S)
_VM_TEXT = re.compile(r"(</w:tcPr[ >].*?<w:t(?:.*?)>)(.*?)(?:{%\s*vm\s*%})(.*?)(</w:t>)", _S)
_FIRST = "{% if loop.first %}"
_VMERGE = '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/>'
# 12. {% hm %}: cells merged across the columns of a loop
_HM_CELL = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?{%\s*hm\s*%}.*?</w:tc[ >]", _S)
_HM_TAG = re.compile(r"{%\s*hm\s*%}", _S)
_HM_TEXT = re.compile(r"(</w:tcPr[ >].*?<w:t(?:.*?)>)(.*?)(?:{%\s*hm\s*%})(.*?)(</w:t>)", _S)
_GRID_SPAN = re.compile(r'(w:gridSpan w:val=")(\d+)(")', _S)
# 13. inside a tag (one line): what Word escaped or curled back to what Jinja reads
_TAG_BODY = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]})")
_TAG_TEXT = (("&#8216;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"))


def _cell_from_tag(kind: str, markup: str) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    """Step 3 or 4: the tag leaves its cell; the cell's first ``kind`` element is replaced by ``markup``."""
    old = re.compile(f"<w:{kind}[^/]*/>")

    def patched(match: re.Match[str]) -> str:
        cell = _EMPTY_RUN.sub("", match.group(1) + match.group(3))
        cell = old.sub("", cell, count=1)
        added = markup.replace("EXPR", match.group(2))
        return _CELL_PROPERTIES.sub(r"\1" + added, cell)  # a template string, as docxtpl's

    return re.compile(_CELL_WITH % ("colspan" if kind == "gridSpan" else "cellbg"), _S), patched


def _vertical_merge(cell: re.Match[str]) -> str:
    def merged(m: re.Match[str]) -> str:
        return _VMERGE + m.group(1) + _FIRST + m.group(2) + m.group(3) + "{% endif %}" + m.group(4)

    return _VM_TEXT.sub(merged, cell.group())


def _horizontal_merge(cell: re.Match[str]) -> str:
    xml = cell.group()
    if "w:gridSpan" in xml:
        xml = _GRID_SPAN.sub(lambda m: m.group(1) + "{{ " + m.group(2) + " * loop.length }}" + m.group(3), xml)
        xml = _HM_TAG.sub("", xml)
    else:
        span = '<w:gridSpan w:val="{{ loop.length }}"/>'
        xml = _HM_TEXT.sub(lambda m: span + m.group(1) + m.group(2) + m.group(3) + m.group(4), xml)
    return _FIRST + xml + "{% endif %}"


def _straight(match: re.Match[str]) -> str:
    text = match.group()
    for old, new in _TAG_TEXT:
        text = text.replace(old, new)
    return text


_STEPS: list[_Step] = [
    (_SPLIT_BRACE, ""),
    (_TAG_START, lambda m: _TEXT_GAP.sub("", m.group())),
    _cell_from_tag("gridSpan", '<w:gridSpan w:val="{{EXPR}}"/>'),
    _cell_from_tag("shd", '<w:shd w:val="clear" w:color="auto" w:fill="{{EXPR}}"/>'),
    (_UNPRESERVED, r'<w:t xml:space="preserve">\1\2'),
    (_RUN_TAG, _OWN_RUN),
    (_TRIM_BEFORE, "{%"),
    (_TRIM_AFTER, "%}"),
    *((block, r"\1 \2") for block in _BLOCKS),
    (_VM_CELL, _vertical_merge),
    (_HM_CELL, _horizontal_merge),
    (_TAG_BODY, _straight),
]


def patch_xml(xml: str) -> str:
    """``xml`` as docxtpl's ``patch_xml`` leaves it for Jinja."""
    for pattern, replacement in _STEPS:
        xml = pattern.sub(replacement, xml)
    return xml
