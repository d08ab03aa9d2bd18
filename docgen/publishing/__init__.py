"""What the campaign publishes from the units' reports: the weekly 工作简报, the web column, the summary.

The top stage below the command line. May use every stage below it; only ``docgen.cli`` uses
it. It reads the returns folders through ``docgen.tracking`` (which week a file is for, which
unit sent it) and each unit's files through ``docgen.collecting.reports``, and renders with
``docgen.rendering``.

- ``issues``: the 简报 of a week drafted from the files used (``gather_issues``, ``draft_issue``),
  or as written (``written_issues``, from the record), its items under their tasks, else 其他.
- ``wordml``: paragraphs and pictures as WordprocessingML, and the picture parts added to a package.
- ``bulletin``: the 简报 as .docx (masthead, items, pictures, the units that sent nothing).
- ``column``: the same issues as web pages (专栏) and as one page for a 微信公众号 editor.
- ``summary``: the 活动总结 draft, every figure counted from the record.
- ``writing``: ``write_digest`` (which records the issue it writes) and ``write_summary``, all or
  nothing through ``rendering.outputs``.
"""
