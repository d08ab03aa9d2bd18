"""LibreOffice and poppler: .docx to PDF with the fonts a Chinese document needs, PDF to images.

Knows files, not plans. May use only the shared base; ``docgen.documents`` uses it.

- ``convert``: LibreOffice headless conversion in a private profile, with docgen's font map.
- ``pages``: page images of PDFs (pdftoppm); ``printing``: the one print file.
- ``programs``: where LibreOffice and poppler are (PATH, Program Files, the registry, the app
  bundle) and how to install them on each system.
- ``font_check``: which face draws each font the documents name, through docgen's fontconfig file.
- ``doctor``: ``docgen doctor``, what the commands need on this machine, as data.
- ``fonts/fonts.conf``: the fontconfig aliases that map 仿宋, 黑体, 楷体 to installed faces.
"""
