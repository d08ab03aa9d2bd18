"""Where the tests find the project and the files docgen ships; never the user's working copies.

``SHIPPED_PLAN`` is the sample plan inside the package (``docgen/shipped/``). A checkout's
``data/campaign.yaml`` and ``templates/`` are the user's to edit, so no test reads or writes them
(``tests/test_own_data.py`` holds the tests to that).
"""

from __future__ import annotations

from pathlib import Path

from docgen.resources import sample_plan, templates_dir

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED_PLAN = sample_plan()
SHIPPED_TEMPLATES = templates_dir()
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_394454c19d12eced.txt"
USER_FILES = (ROOT / "data", ROOT / "templates")
TEMPLATE_NAMES = [
    "digest.docx",
    "form.docx",
    "issuing-notice.docx",
    "letter.docx",
    "notice.docx",
    "reminder.docx",
    "schedule.docx",
    "summary.docx",
    "task-sheet.docx",
]
"""Every template docgen ships."""
