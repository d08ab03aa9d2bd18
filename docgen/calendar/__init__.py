"""Days: China's working days and holidays, and the pieces of iCalendar files.

Knows nothing of plans: functions take dates and return dates, names or calendar parts, so
the plan's checks, the documents and the collected schedule can all use them. May use only
``docgen.errors`` and ``docgen.chinese``.

- ``workdays``: public holidays, holiday breaks and adjusted working days (调休).
- ``ics``: the calendar, event and time-zone parts every docgen .ics file shares.
"""
