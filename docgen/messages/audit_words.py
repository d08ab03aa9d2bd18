"""Messages about Word files checked against GB/T 9704-2012 (docgen audit).

Each entry is a code: (message, hint), both marked for Babel; the hint names the clause and
how to fix it. ``PLACES`` are the words for where a finding stands.
"""

from __future__ import annotations

from docgen.messages.language import N_

PLACES: dict[str, str] = {
    "paragraph": N_("paragraph {n} (“{excerpt}”)"),
    "section": N_("section {n}"),
    "footer": N_("the {which} pages' footer"),
    "document": N_("the document"),
}
PLACE_WORDS = (N_("odd"), N_("even"))
# What kind of document the audit held a file to be (docgen.auditing.kinds), and what that means.
KIND_WORDS: dict[str, str] = {
    "official": N_("a 公文 (official document): every rule of GB/T 9704-2012"),
    "letter": N_("a letter, not a 公文: the rules of any printed document (paper, fonts, dates, punctuation)"),
    "bulletin": N_("a 简报, not a 公文: the rules of any printed document (paper, fonts, dates, punctuation)"),
    "form": N_("a form, not a 公文: the rules of any printed document (paper, fonts, dates, punctuation)"),
}
READ_AS = N_("{file}: read as {kind}")

MESSAGES: dict[str, tuple[str, str]] = {
    # reading the file
    "audit-missing": (N_("file not found"), N_("check the path")),
    "audit-is-directory": (N_("this is a folder, not a Word file"), N_("give the path of a .docx file")),
    "audit-too-large": (N_("the file is larger than {limit} MiB; it is not read"), ""),
    "audit-old-word": (
        N_("this is an old Word 97-2003 (.doc) file, not .docx"),
        N_("open it in Word or WPS and save it as .docx"),
    ),
    "audit-encrypted": (
        N_("the .docx is protected by a password; docgen cannot read it"),
        N_("open it in Word or WPS, remove the password (File > Info > Protect Document) and save it again"),
    ),
    "audit-not-docx": (N_("not a Word document (.docx)"), N_("save it from Word or WPS as .docx")),
    "audit-corrupt": (N_("the .docx is damaged: {detail}"), N_("open it in Word or WPS and save it again")),
    "audit-part-too-large": (N_("the part {part} inflates past {limit} MiB; it is not read"), ""),
    "audit-bad-xml": (N_("the document's XML is broken: {detail}"), N_("open it in Word or WPS and save it again")),
    "audit-bad-number": (
        N_('{attribute} is "{value}", which is no number a Word file may hold; the file is not checked'),
        N_("open it in Word or WPS and save it again"),
    ),
    "audit-doctype": (
        N_("the document's XML carries a DOCTYPE, which Word never writes; it is not read"),
        N_("open it in Word or WPS and save it again"),
    ),
    # the page
    "page-setup-missing": (N_("the document sets no page size or margins"), N_("GB/T 9704-2012 5.2: set A4")),
    "paper-size": (
        N_("the paper is {width} × {height} mm, not A4"),
        N_("GB/T 9704-2012 5.2.1: A4, 210 × 297 mm"),
    ),
    "margins": (
        N_("the margins are {found} mm"),
        N_("GB/T 9704-2012 5.2.2: top 37, bottom 35, left 28, right 26 mm"),
    ),
    "lines-per-page": (
        N_("{lines} lines fit a page (line spacing {pitch} pt)"),
        N_("GB/T 9704-2012 5.2.3: 22 lines a page; set the line spacing to exactly 28.95 pt"),
    ),
    "chars-per-line": (
        N_("{chars} characters fit a line"),
        N_("GB/T 9704-2012 5.2.3: 28 characters a line; 三号 text with character spacing -0.25 pt gives it"),
    ),
    # fonts
    "font-slot": (
        N_(
            "the Chinese text has no East Asian font of its own (it falls back to '{found}'; "
            "the Latin font is '{latin}')"
        ),
        N_(
            "GB/T 9704-2012 5.2.3: set the font for Chinese text (the East Asian font), e.g. 仿宋_GB2312; "
            "a Latin font does not apply to Chinese"
        ),
    ),
    "body-font": (N_("the text is in {found}"), N_("GB/T 9704-2012 5.2.3: body text in {expected}")),
    "body-size": (N_("the text is {found} pt"), N_("GB/T 9704-2012 5.2.3: body text in 三号 (16 pt)")),
    "title-font": (N_("the title is in {found}"), N_("GB/T 9704-2012 7.3.1: the title in {expected}")),
    "title-size": (N_("the title is {found} pt"), N_("GB/T 9704-2012 7.3.1: the title in 二号 (22 pt)")),
    "heading-font": (
        N_("a level-{level} heading in {found}"),
        N_("GB/T 9704-2012 7.3.3: 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋; here {expected}"),
    ),
    "label-font": (N_("the attachment label is in {found}"), N_("GB/T 9704-2012 7.3.7: 附件 in 三号 黑体")),
    "label-size": (N_("the attachment label is {found} pt"), N_("GB/T 9704-2012 7.3.7: 附件 in 三号 黑体")),
    "record-font": (N_("the 版记 is in {found}"), N_("GB/T 9704-2012 7.4: the 版记 in 四号 仿宋")),
    "record-size": (N_("the 版记 is {found} pt"), N_("GB/T 9704-2012 7.4: the 版记 in 四号 (14 pt) 仿宋")),
    # text
    "document-number": (
        N_("the document number is written '{found}'"),
        N_("GB/T 9704-2012 7.2.4: write '{corrected}', with 六角括号 〔〕, no leading zeros, no 第"),
    ),
    "date-form": (
        N_("the date is written '{found}'"),
        N_("GB/T 9704-2012 7.3.5.1: Arabic numerals, the full year, no zero padding: '{corrected}'"),
    ),
    "half-width-punctuation": (
        N_("a half-width '{found}' in Chinese text"),
        N_("GB/T 15834: use the full-width '{corrected}'"),
    ),
    "title-punctuation": (
        N_("the title ends with '{found}'"),
        N_("GB/T 9704-2012 7.3.1: a title ends without punctuation; delete it"),
    ),
    "heading-number-form": (
        N_("the heading number is followed by '{found}'"),
        N_("GB/T 9704-2012 7.3.3: write 1. with a half-width full stop"),
    ),
    # signature and attachments
    "signature-layout": (
        N_(
            "the signature is laid out neither for a sealed nor for an unsealed document (the date ends "
            "{date_right} characters from the right; it starts {offset_chars} characters right of the issuer)"
        ),
        N_(
            "GB/T 9704-2012 7.3.5.2 without a seal: the date 右空二字, its first character two characters "
            "right of the issuer's; 7.3.5.1 with a seal: the date 右空四字, the issuer centred over it"
        ),
    ),
    "attachment-note-blank": (
        N_("no blank line before the 附件说明"),
        N_("GB/T 9704-2012 7.3.4: leave one blank line after the body"),
    ),
    "attachment-note-indent": (
        N_("the 附件说明 is indented {found} characters"),
        N_("GB/T 9704-2012 7.3.4: two characters in"),
    ),
    "attachment-note-colon": (
        N_("附件 is followed by a half-width colon"),
        N_("GB/T 9704-2012 7.3.4: write 附件："),
    ),
    "attachment-note-punctuation": (
        N_("the attachment's name ends with '{found}'"),
        N_("GB/T 9704-2012 7.3.4: no punctuation after an attachment's name; delete it"),
    ),
    "attachment-label-colon": (
        N_("the attachment label ends with '{found}'"),
        N_("GB/T 9704-2012 7.3.7: the label reads 附件 or 附件1, nothing after it"),
    ),
    "attachment-label-place": (
        N_("the attachment label is not at the left edge"),
        N_("GB/T 9704-2012 7.3.7: 附件 顶格, on the first line of the page, no indent"),
    ),
    "attachment-label-missing": (
        N_("the document announces an attachment, but no page starts with the label 附件"),
        N_("GB/T 9704-2012 7.3.7: start the attachment on a new page with 附件 (3号黑体, 顶格)"),
    ),
    # 版记
    "copy-to-colon": (N_("抄送 is followed by a half-width colon"), N_("GB/T 9704-2012 7.4.2: write 抄送：")),
    "copy-to-stop": (
        N_("the 抄送 line does not end with a full stop"),
        N_("GB/T 9704-2012 7.4.2: names separated by 、, a 。 after the last"),
    ),
    "record-imprint-missing": (
        N_("the 版记 has no line with the 印发机关 and 印发日期"),
        N_("GB/T 9704-2012 7.4.3: 印发机关 left, the date right, followed by 印发"),
    ),
    "record-position": (
        N_("text follows the 版记"),
        N_("GB/T 9704-2012 7.4: the 版记 stands last, on the last page"),
    ),
    "record-page-numbered": (
        N_("the 版记 stands on a page of its own that carries a page number"),
        N_(
            "GB/T 9704-2012 7.5: the 版记 page and the blank page before it carry no page number; "
            "give the 版记 a section of its own that starts on an even page, its footers empty"
        ),
    ),
    "record-rules": (
        N_("the 版记's rules are missing or of the wrong width (top {top} pt, bottom {bottom} pt)"),
        N_("GB/T 9704-2012 7.4.1: first and last rules 0.35 mm (1 pt), those between 0.25 mm"),
    ),
    # page numbers
    "page-number-missing": (
        N_("the pages carry no page numbers"),
        N_("GB/T 9704-2012 7.5: a PAGE field in the footer, as — 1 —"),
    ),
    "page-number-form": (
        N_("the page number reads '{found}'"),
        N_("GB/T 9704-2012 7.5: Arabic numerals with a dash on each side, — 1 —"),
    ),
    "page-number-side": (
        N_("the page number stands {found}"),
        N_("GB/T 9704-2012 7.5: odd pages right, even pages left; here {expected}"),
    ),
    "page-number-font": (
        N_("the page number is in {found}"),
        N_("GB/T 9704-2012 7.5: 四号 (14 pt) 半角 宋体"),
    ),
    "page-number-alternate": (
        N_("odd and even pages share one footer"),
        N_("GB/T 9704-2012 7.5: turn on different odd and even footers, odd right, even left"),
    ),
}
