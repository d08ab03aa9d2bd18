"""Messages of ``docgen doctor`` (``docgen.office.doctor``): what this machine has for docgen, and what not.

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
A check that is met is a line of its own too ("LibreOffice: /usr/bin/soffice"), so the codes
name what was looked at, not only what went wrong. ``{role}`` and ``{flaw}`` are docgen's words
(``docgen.office.font_check``), translated like the message.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    "machine-python": (N_("Python {version}: {path}"), ""),
    "machine-office": (N_("LibreOffice: {path} ({version})"), ""),
    "machine-office-self-tests": (
        N_(
            "LibreOffice: {path} ({version}); its version cannot be read from its files, so every"
            " LibreOffice docgen starts runs its graphics self-tests first (about 0.75 s a start)"
        ),
        N_("the PDFs are the same; LibreOffice from the system's packages or from libreoffice.org is read"),
    ),
    "machine-office-missing": (
        N_("LibreOffice is missing: PDF output (render --pdf), previews and the print file need it"),
        "",
    ),
    "machine-font": (N_("{family} ({role}): {face}"), ""),
    "machine-font-stand-in": (N_("{family} ({role}): drawn in {face}, standing in for {meant}"), ""),
    "machine-font-stand-in-flaw": (N_("{family} ({role}): drawn in {face}, standing in for {meant}: {flaw}"), ""),
    "machine-font-missing": (
        N_("{family} ({role}): no face on this machine writes it (fontconfig gives '{face}')"),
        N_("the PDFs would show empty boxes or the wrong shapes"),
    ),
    "machine-fonts-unchecked": (
        N_("fonts ({families}): not checked (no fontconfig here): the office uses the fonts installed in the system"),
        "",
    ),
    "machine-poppler": (N_("poppler: {path}"), ""),
    "machine-poppler-missing": (
        N_("poppler is missing ({tools}): previews (docgen preview) and the print file (render --pdf) need it"),
        "",
    ),
    "machine-chromium": (N_("Chromium: {browser}, {driver}"), ""),
    "machine-chromium-missing": (
        N_("Chromium is missing ({missing}): only the dashboard's browser test (make test) needs it"),
        "",
    ),
    "machine-output": (N_("output folder {folder}: can be written"), ""),
    "machine-output-unwritable": (N_("output folder {folder}: cannot be written ({reason})"), ""),
}

# the readiness of a check, as ``docgen doctor`` prints it before the line
READINESS = {"ok": N_("ok"), "warning": N_("warning"), "missing": N_("not found")}
