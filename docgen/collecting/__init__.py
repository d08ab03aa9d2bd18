"""What comes back: returned 活动安排 forms read safely, checked row by row, and collected.

May use ``docgen.plan``, ``docgen.calendar``, ``docgen.rendering``, ``docgen.office`` and the shared base;
independent of ``docgen.documents``.

- ``docx_reading``: a returned .docx's paragraphs and tables, under size and entity limits.
- ``cells``: one cell as a person meant it (the task, a phone number, a label).
- ``when``: dates and times as people write them in the 活动时间 column.
- ``forms``: ``collect``, forms to a checked list of activities with every problem located.
- ``reports``: a unit's weekly report as it arrives (Word as Word and WPS save it, pictures, a
  PDF, videos), read under the same kind of limits; ``pictures``: pictures upright and scaled;
  ``conversion``: .doc, .wps, .odt and .rtf reports converted by LibreOffice (``docgen.office``);
  ``pdf_text``: a PDF's title and paragraphs from where poppler places its words.
- ``schedule``: the collected schedule (.docx), spreadsheet (.xlsx); ``activity_calendar``: the activities as .ics.
"""
