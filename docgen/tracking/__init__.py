"""The campaign month: what each unit owes, what it has sent and when, the dashboard and the reminders.

A stage above ``docgen.collecting`` and ``docgen.documents``: it reads returned 活动安排 forms
with collecting's reader and signs reminders with documents' layout. May use every stage below
it; ``docgen.publishing`` and ``docgen.cli`` use it. Its memory is the record, one SQLite file in
the returns folder: every figure sent upward is counted from it, never from file dates.

- ``dues``: every time a deadline falls due (a weekly one week by week, ``第N周``, the last
  part-week included; a day off moved to the working day before), the units that owe it, and
  the folder its returns go into. The library API later stages build on.
- ``record``, ``record_rows``: the record, ``DIR/.docgen/record.sqlite`` (versioned, WAL, under
  the folder's lock, never trusted), and its rows checked as they are read.
- ``recording``: the folder brought into the record: files saved by hand recorded once, with
  the earlier of that moment and their file's time; edits and moves keep the arrival.
- ``returns``: which deadline, week and unit a file is for, and which earlier file a resend replaces.
- ``deciding``, ``receiving``: ``receive_file`` and ``receive_files``, a received file filed under
  its unit's name in its folder and recorded with when and how it came (``docgen receive``).
- ``status``: ``track_returns``, who owes, sent, sent late, is due today or is missing, as of the
  end of a given day; ``state``: the same as plain data (``status --json``).
- ``dashboard``: the status as one self-contained HTML page and as a spreadsheet.
- ``reminders``: one 催报 notice per unit owing anything (.docx), and the chat-group list.
- ``tally``: the 宣传评比, per unit: returns on time, late and missing, activities, pictures,
  videos and items in the 简报 written, with points only where the plan sets weights.
- ``folders``: ``init_returns``, the returns folders with their 说明.txt; ``write_status`` writes
  the dashboard and reminders all or nothing.
- ``mail``: ``fetch_mail``, the campaign's mailbox read (never changed) into the returns folder.
"""
