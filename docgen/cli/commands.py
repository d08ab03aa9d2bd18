"""Every ``docgen`` command: the module that defines it, its name, and its line in ``docgen --help``.

``docgen --help`` lists the commands from this table alone, and a command's module is imported
only when that command runs or its own help is asked for: the list costs no import.

To add a command: write it with ``@main.command()`` in one of the ``*_commands`` modules, and
add one line under that module below: the command's name and the first sentence of its
docstring, which is all the list shows of it (click cuts the English help there; the Chinese
translation is cut at its first 。). A new module gets its own entry. tests/cli/test_commands.py
checks that every command is in the table and that its line reads as its own help would.
"""

from __future__ import annotations

from docgen.messages.language import N_

COMMANDS: dict[str, dict[str, str]] = {
    "plan_commands": {
        "check": N_("Validate PLAN and print a summary, or every problem with its line."),
        "schema": N_("Print the plan's JSON Schema (for editor completion and validation)."),
        "render": N_("Render PLAN's documents into OUT (all or nothing)."),
        "preview": N_("Write PNG images of the pages of PLAN's documents into OUT (needs LibreOffice and poppler)."),
        "new-year": N_("Write next year's plan from PLAN: only the year and the dates change."),
        "init": N_("Start a new folder with the sample plan, its schema and the default templates."),
        "list": N_("Show the document kinds and, for each unit, the tasks and duties it carries."),
        "calendar": N_("Write PLAN's period and deadlines as an iCalendar file for phone and desktop calendars."),
        "context": N_(
            "Print, as YAML, what the template of KIND receives from PLAN (a record's text is what it prints)."
        ),
    },
    "returns_commands": {
        "receive": N_(
            "File received files into the returns folder, each under its unit's name, and record when they came."
        ),
        "collect": N_(
            "Collect returned 活动安排 forms (FORM: .docx files or folders) into a schedule, a spreadsheet "
            "and a calendar."
        ),
    },
    "status_commands": {
        "status": N_("Who has sent what: make the returns folders (--init DIR), or report on them (--returns DIR)."),
    },
    "publishing_commands": {
        "digest": N_(
            "The week's 工作简报 (OUT/简报/…第N期.docx) and the web column (OUT/专栏/) from the units' reports."
        ),
        "summary": N_("A draft of the campaign's 活动总结 (OUT/总结/), every figure counted from the record."),
    },
    "mail_commands": {
        "fetch-mail": N_(
            "Read the campaign's mailbox: each unit's files filed into the returns folder once, with when they came."
        ),
    },
    "audit_commands": {
        "audit": N_("Check Word files (FILE: .docx) against GB/T 9704-2012, the layout of official documents."),
    },
    "cache_commands": {
        "cache": N_("Show or clear docgen's cache of compiled templates, PDFs and page layouts."),
    },
    "machine_commands": {
        "doctor": N_("Check what docgen needs on this machine (LibreOffice, fonts, poppler) and say how to get it."),
    },
    "serve_commands": {
        "serve": N_(
            "Open the workbench: PLAN, its documents, the month's returns and the templates in one local web page."
        ),
    },
    "import_commands": {
        "import": N_("Write a plan from last year's notice or plan saved as .docx by Word or WPS."),
    },
}
"""Each command module in ``docgen.cli``, and each command it defines with the line the list shows for it."""
