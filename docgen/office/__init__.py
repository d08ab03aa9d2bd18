"""LibreOffice and poppler: .docx to PDF with the fonts a Chinese document needs, PDF to images.

Knows files, not plans. May use only the shared base; ``docgen.documents`` uses it.

- ``convert``: LibreOffice headless conversion in a private profile, with docgen's font map.
- ``warm``: one LibreOffice kept running, converting through its API (``uno_worker`` is its far end);
  ``warm_session``: the one a long-running program keeps (the workbench), the cold way when it
  cannot.
- ``pdf_cache``: PDFs kept by the content of their .docx.
- ``pipes``: the sockets a killed LibreOffice leaves in /tmp, found by the profile and removed.
- ``pages``: page images of PDFs (pdftoppm); ``printed``: what a PDF shows, read back (each page's lines
  and where they stand, the fonts it was drawn with); ``printing``: the one file to print.
- ``programs``: where LibreOffice and poppler are (PATH, Program Files, the registry, the app
  bundle) and how to install them on each system.
- ``font_check``: which face draws each font the documents name, through docgen's fontconfig file.
- ``doctor``: ``docgen doctor``, what the commands need on this machine, as data.
- ``fonts/fonts.conf``: the fontconfig aliases that map 仿宋, 黑体, 楷体 to installed faces.
"""
