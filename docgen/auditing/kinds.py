"""What kind of document a Word file is, so that the audit holds it to the rules of its kind.

GB/T 9704-2012 lays out 公文, official documents (a 通知, a 方案 issued with one, a 催报, a
unit's task sheet); the offices that print them print other things too, which it does not
govern: a 简报 with its own masthead, a letter to parents signed as a letter is signed, a form
to fill in. Held to the 公文's rules, those come out full of false findings (第1期 taken for
the title, a letter's two-line signature for a bad one). So each file is first recognised,
as a reader would, from what it shows, and only a 公文 gets every rule; the others get the
rules any printed Chinese document answers to (paper, fonts named for Chinese text, dates and
document numbers, punctuation). ``docgen audit --kind`` says which, when the guess is wrong.
"""

from __future__ import annotations

import re

from docgen.auditing.document import Document
from docgen.auditing.structure import Parts

OFFICIAL, LETTER, BULLETIN, FORM = "official", "letter", "bulletin", "form"
KINDS = (OFFICIAL, LETTER, BULLETIN, FORM)
_ISSUE = re.compile(r"^\s*(?:总\s*)?第\s*\d+\s*期\s*$")
_MASTHEAD = re.compile(r"简报|快报|动态|通讯|专报|工作信息")
_LETTER_TITLE = re.compile(r"(?:一封信|公开信|倡议书|慰问信|感谢信|贺信|邀请信|家长信)$|^致.+的信$")
_LETTER_GREETING = re.compile(r"^\s*(?:亲爱的|尊敬的).*[:：]\s*$")
FORM_PARAGRAPHS = 6  # a form holds no more paragraphs of text outside its tables than these


def kind_of(document: Document, parts: Parts) -> str:
    """``official`` (a 公文), ``letter``, ``bulletin`` (a 简报) or ``form``, from the document's text."""
    top = [p.text for p in document.paragraphs if p.text.strip() and not p.in_table][:6]
    if any(_ISSUE.match(text) for text in top) and any(_MASTHEAD.search(text) for text in top):
        return BULLETIN
    title = "".join(p.text.strip() for p in parts.title)
    if _LETTER_TITLE.search(title) or any(_LETTER_GREETING.match(p.text) for p in parts.main[:3]):
        return LETTER
    outside = [p for p in document.paragraphs if p.text.strip() and not p.in_table]
    inside = [p for p in document.paragraphs if p.text.strip() and p.in_table]
    if parts.date is None and len(outside) <= FORM_PARAGRAPHS and len(inside) > len(outside):
        return FORM
    return OFFICIAL
