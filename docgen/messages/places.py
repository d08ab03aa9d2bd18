"""Where a dotted path points in a plan, in words a user knows (``tasks[2].units[0]`` -> task 3's unit 1).

Problems keep the dotted path in their ``FILE:LINE:COL: path:`` prefix, which editors and
scripts parse; a translated message adds this description in front of its text, since
"第 3 项任务的第 1 个责任部门" says more to an office worker than ``tasks[2].units[0]``.
English messages do not use it: the dotted path is written in English already.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docgen.messages.language import N_

# Each schematic path ("[]" for a list item, "*" for a deadline's own key) and its words.
# An item's words replace its list's ("第 3 项任务", not "主要工作任务的第 3 项任务").
_WORDS: dict[str, str] = {
    "institution": N_("the institution's name"),
    "year": N_("the year"),
    "campaign": N_("the campaign's name"),
    "issuer": N_("the issuing unit"),
    "joint_issuers": N_("the units signing with the issuer"),
    "joint_issuers[]": N_("joint issuer {n}"),
    "issued": N_("the date of issue"),
    "policies": N_("the policies cited"),
    "policies[]": N_("policy {n}"),
    "policies[].issuer": N_("the issuing authority"),
    "policies[].title": N_("the title"),
    "policies[].number": N_("the document number"),
    "notice": N_("the notice"),
    "notice.title": N_("the title"),
    "notice.opening": N_("the opening paragraph"),
    "ideology": N_("the guiding idea"),
    "organization": N_("the organization"),
    "organization.leaders": N_("the leaders"),
    "organization.leaders[]": N_("leader {n}"),
    "organization.deputy_leaders": N_("the deputy leaders"),
    "organization.deputy_leaders[]": N_("deputy leader {n}"),
    "organization.members": N_("the members"),
    "organization.lead": N_("the lead unit"),
    "organization.cooperating": N_("the cooperating units"),
    "organization.cooperating[]": N_("cooperating unit {n}"),
    "organization.note": N_("the note"),
    "period": N_("the campaign period"),
    "period.start": N_("the start date"),
    "period.end": N_("the end date"),
    "theme": N_("the theme"),
    "units": N_("the unit registry"),
    "units[]": N_("unit {n}"),
    "units[].id": N_("the id"),
    "units[].name": N_("the name"),
    "units[].full_name": N_("the full name"),
    "tasks": N_("the tasks"),
    "tasks[]": N_("task {n}"),
    "tasks[].id": N_("the id"),
    "tasks[].title": N_("the title"),
    "tasks[].units": N_("the responsible units"),
    "tasks[].units[]": N_("responsible unit {n}"),
    "tasks[].organisers": N_("the organising units"),
    "tasks[].organisers[]": N_("organising unit {n}"),
    "tasks[].work": N_("the work"),
    "requirements": N_("the work requirements"),
    "requirements[]": N_("requirement {n}"),
    "requirements[].title": N_("the title"),
    "requirements[].text": N_("the text"),
    "requirements[].units": N_("the units with a duty"),
    "requirements[].units[]": N_("unit {n} with a duty"),
    "requirements[].duty": N_("the duty"),
    "deadlines": N_("the deadlines"),
    "deadlines.*": N_("the deadline {key}"),
    "deadlines.*.date": N_("the date"),
    "deadlines.*.weekday": N_("the weekly day"),
    "deadlines.*.action": N_("what is due"),
    "deadlines.*.how": N_("how it is handed in"),
    "deadlines.*.task": N_("the task it concerns"),
    "deadlines.*.to": N_("the unit it goes to"),
    "deadlines.*.units": N_("the units it concerns"),
    "deadlines.*.units[]": N_("unit {n} it concerns"),
    "deadlines.*.after_end": N_("the after-the-end mark"),
    "contact": N_("the contact"),
    "contact.name": N_("the person's name"),
    "contact.unit": N_("the person's unit"),
    "contact.other_names": N_("the other people's names"),
    "contact.phone": N_("the phone number"),
    "contact.email": N_("the email address"),
    "form": N_("the form"),
    "form.title": N_("the title"),
    "form.submitter": N_("the submitting unit's label"),
    "form.columns": N_("the columns"),
    "form.columns[]": N_("column {n}"),
    "form.blank_rows": N_("the number of blank rows"),
    "form.remark": N_("the remark"),
    "letter": N_("the letter"),
    "letter.title": N_("the title"),
    "letter.sender": N_("the sender"),
    "letter.salutation": N_("the salutation"),
    "letter.body": N_("the body"),
    "letter.body[]": N_("paragraph {n}"),
    "letter.closing": N_("the closing"),
    "letter.date": N_("the letter's date"),
    "letter.hotline": N_("the hotline"),
    "letter.website": N_("the website"),
    "letter.address": N_("the address"),
    "images": N_("the pictures"),
    "images.*": N_("the picture {key}"),
    "images.*.file": N_("the file"),
    "images.*.qr": N_("the QR code's text"),
    "images.*.width_mm": N_("the width"),
    "images.*.description": N_("the description"),
}
_KEYED = ("deadlines", "images")  # mappings whose keys the plan chooses
_ROW = N_("row {n}")
# places in a template (docgen.rendering.tags.Place): "body, paragraph 3", "footer, table 1, row 2, column 3"
_TEMPLATE_PLACE = re.compile(
    r"(?P<part>body|header|footer|footnotes|endnotes|document properties)"
    r"(?:, paragraph (?P<paragraph>\d+)|, table (?P<table>\d+), row (?P<row>\d+), column (?P<column>\d+)"
    r"|, (?P<prop>\w+))?"
)
_IN_PARAGRAPH = N_("{part}, paragraph {paragraph}")
_IN_CELL = N_("{part}, table {table}, row {row}, column {column}")
_IN_BODY_CELL = N_("table {table}, row {row}, column {column}")  # the body's tables are the tables
_IN_PROPERTY = N_("{part}, the property '{prop}'")
_PROPERTIES = {
    "title": N_("title"),
    "subject": N_("subject"),
    "creator": N_("author"),
    "description": N_("comments"),
    "keywords": N_("keywords"),
    "category": N_("category"),
}
_OF = N_("{part} of {whole}")
_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
_ROW_PATH = re.compile(r"row (\d+)")


def describe(path: str | None, gettext: Callable[[str], str]) -> str:
    """The place ``path`` names, in words of ``gettext``'s language; '' when no words fit.

    Words stop at the first part the plan does not have (a misspelt key): the message itself
    names that part.
    """
    if not path:
        return ""
    row = _ROW_PATH.fullmatch(path)
    if row:
        return gettext(_ROW).format(n=row.group(1))
    in_template = _TEMPLATE_PLACE.fullmatch(path)
    if in_template:
        return _template_place(in_template, gettext)
    phrases: list[str] = []
    schematic = ""
    for index, key in _PART.findall(path):
        item = bool(index) or schematic in _KEYED
        if index:
            schematic += "[]"
        elif item:
            schematic += ".*"
        else:
            schematic = f"{schematic}.{key}" if schematic else key
        words = _WORDS.get(schematic)
        if words is None:
            break
        phrase = gettext(words).format(n=int(index or 0) + 1, key=key)
        if item and phrases:
            phrases[-1] = phrase  # the item stands for its list
        else:
            phrases.append(phrase)
    place = ""
    for phrase in phrases:
        place = gettext(_OF).format(part=phrase, whole=place) if place else phrase
    return place


def is_row(path: str | None) -> bool:
    """Whether ``path`` is a row of a returned form's table ("row 3"), which the message says in words."""
    return bool(path) and _ROW_PATH.fullmatch(path or "") is not None


def in_template(path: str | None) -> bool:
    """Whether ``path`` is a place in a template (``body, paragraph 3``), which words say whole in any language."""
    return bool(path) and _TEMPLATE_PLACE.fullmatch(path or "") is not None


def _template_place(place: re.Match[str], gettext: Callable[[str], str]) -> str:
    """A place in a template in words: 正文第3段, 表格2第3行第2列, 页脚表格1第2行第3列."""
    from docgen.messages.template_words import PARTS

    values = place.groupdict()
    part = gettext(PARTS[values["part"]])
    if values["paragraph"]:
        return gettext(_IN_PARAGRAPH).format(part=part, paragraph=values["paragraph"])
    if values["table"]:
        cell = {"table": values["table"], "row": values["row"], "column": values["column"]}
        if values["part"] == "body":
            return gettext(_IN_BODY_CELL).format(**cell)
        return gettext(_IN_CELL).format(part=part, **cell)
    if values["prop"]:
        prop = values["prop"]
        return gettext(_IN_PROPERTY).format(part=part, prop=gettext(_PROPERTIES[prop]) if prop in _PROPERTIES else prop)
    return part
