"""Checking Word files against GB/T 9704-2012 (``docgen audit``), and repairing what is mechanical.

May use rendering (to write the repaired copy), plan, messages and the shared base; not documents or collecting.

- ``package``: any .docx opened safely; ``document``: its paragraphs and sections with resolved formatting.
- ``structure``: which paragraph is the title, a heading, the signature, an attachment, the 版记;
  ``kinds``: whether the file is a 公文 at all (a letter, a 简报 and a form are not), which rules apply.
- ``layout_rules``, ``text_rules``: the rules; ``audit``: ``audit``, the rules run over a file;
  ``fixing``: ``fix_document``.
"""
