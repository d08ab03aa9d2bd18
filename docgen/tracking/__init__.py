"""The campaign month: what each unit owes, what it has sent, the dashboard and the reminders.

A stage above ``docgen.collecting`` and ``docgen.documents``: it reads returned 活动安排 forms
with collecting's reader and signs reminders with documents' layout. May use every stage below
it; only ``docgen.cli`` uses it.

- ``dues``: every time a deadline falls due (a weekly one week by week, ``第N周``), the units
  that owe it, and the folder its returns go into. The library API later stages build on.
- ``returns``: the files in a returns folder, each given to the unit it names, with its date.
- ``status``: ``track_returns``, who owes, sent, sent late or is missing, by a given day.
- ``dashboard``: the status as one self-contained HTML page and as a spreadsheet.
- ``reminders``: a 催报 notice per overdue deadline (.docx) and the same as plain text.
- ``tally``: the 宣传评比, per unit: returns on time, late and missing, activities, pictures,
  videos and items in the 简报, with points only where the plan sets weights.
- ``folders``: ``init_returns``, the returns folders with their 说明.txt; ``write_status`` writes
  the dashboard and reminders all or nothing.
- ``mail``: ``fetch_mail``, the campaign's mailbox read (never changed) into the returns folder.
"""
