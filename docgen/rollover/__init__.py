"""Next year's plan from this year's: only the year and the dates change, the rest is listed.

May use ``docgen.plan``, ``docgen.calendar`` and the shared base.

- ``years``: ``new_year``, the plan's text rolled to another year, and its review list.
"""
