"""Messages about the campaign's record and receiving files (docgen receive, docgen status, docgen digest).

Each entry is a code: (message, hint), both marked for Babel; ``docgen.messages`` joins the tables.
"""

from __future__ import annotations

from docgen.messages.language import N_

MESSAGES: dict[str, tuple[str, str]] = {
    # the record, .docgen/record.sqlite in the returns folder
    "record-not-folder": (
        N_("this should be docgen's folder for the record, but it is a file or a link"),
        N_("move it away; docgen makes the folder itself"),
    ),
    "record-not-file": (
        N_("the record is not a regular file (a link or a folder); docgen does not follow it"),
        N_("move it away; docgen starts a new record from the returns folder"),
    ),
    "record-too-large": (
        N_("the record is larger than {limit} MiB, far more than a campaign's record; it is not opened"),
        N_("move it away; docgen starts a new record from the returns folder"),
    ),
    "record-unwritable": (
        N_("the record cannot be written: {reason}"),
        N_("check that you may write to the returns folder and that the disk is not full"),
    ),
    "record-busy": (
        N_("another program has kept the record locked for {seconds} seconds ({reason})"),
        N_("close the program that has it open (a database viewer, say), then run docgen again"),
    ),
    "record-newer": (
        N_("the record was written by a newer docgen (its version {version}; this docgen knows {known})"),
        N_("update docgen; the record is left as it is"),
    ),
    "record-damaged": (
        N_("the record was damaged ({detail}); it is kept as {aside} and a new one was started from the folder"),
        N_(
            "arrival times are now those of the files (or the dates their names start with), and the 简报 written "
            "before are no longer recorded; record a file's real arrival with docgen receive FILE --at TIME"
        ),
    ),
    "record-damaged-now": (
        N_("the record changed while docgen was using it ({detail})"),
        N_("run the command again; docgen checks the record when it opens it"),
    ),
    "record-started": (
        N_("no record of this returns folder yet: its files ({count}) were recorded as arriving at their files' times"),
        N_("from now on each file keeps the arrival it is recorded with; use 'docgen receive' to record the real one"),
    ),
    # the plan's units as the month sees them (docgen check)
    "unit-without-contact": (
        N_("{count} units that owe returns name no contact (联络员): {units}; reminders show 未登记联络员 for them"),
        N_("add 'contact: {{name: …, phone: …, email: …}}' under a unit to show its own"),
    ),
    # docgen receive
    "receive-unknown-unit": (N_("the plan has no unit '{unit}'"), N_("give a unit's id or name: {known}")),
    "receive-week-of-dated": (
        N_("the deadline '{key}' falls due once, so it has no week {week}"),
        N_("leave out --week for this deadline"),
    ),
    "receive-no-such-week": (
        N_("the deadline '{key}' has no week {week}: it falls due {weeks} times"),
        N_("give a week from 1 to {weeks}"),
    ),
    "receive-which-unit": (
        N_("cannot tell which unit sent {name}; it could be {units}"),
        N_("give --unit with the unit's name; nothing was filed"),
    ),
    "receive-which-deadline": (
        N_("cannot tell which deadline {name} is for; it could be {deadlines}"),
        N_("give --deadline with one of these keys; nothing was filed"),
    ),
    "receive-not-owed": (
        N_("{unit} does not owe '{deadline}'; it owes {deadlines}"),
        N_("give --deadline with one of these keys, or check --unit; nothing was filed"),
    ),
    "receive-owes-nothing": (
        N_("{unit} owes nothing in this plan: the issuer and the unit returns go to send nothing"),
        N_("check --unit: give the unit that sent the file; nothing was filed"),
    ),
    "receive-not-a-file": (N_("this is not a regular file (a folder, a device or a broken link)"), ""),
    "receive-bad-time": (
        N_("a file cannot have come at {at}: that is before 1970 or after {latest}"),
        N_("give the time it came (--at YYYY-MM-DD HH:MM), or check this computer's clock"),
    ),
    "receive-too-many-copies": (
        N_("{limit} files named like {name} are already here; no new name is left"),
        N_("rename the file before receiving it"),
    ),
    # reports in older formats, and the 简报
    "report-needs-office": (
        N_("a report in an older Word format is only listed: reading it needs LibreOffice"),
        N_("install it (Debian: apt-get install {packages}), or ask the unit for a .docx"),
    ),
    "report-not-converted": (
        N_("LibreOffice could not convert this report, so it is only listed ({detail})"),
        N_("open it in Word or WPS and save it as .docx"),
    ),
    "report-not-its-format": (
        N_("the file is named {suffix} but is no such document; it is only listed"),
        N_("open it and save it again as .docx"),
    ),
    "digest-out-is-returns": (
        N_("the output folder is the returns folder itself"),
        N_("give another folder with -o (the default is out)"),
    ),
}
