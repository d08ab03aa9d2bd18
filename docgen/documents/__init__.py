"""The documents a plan gives: one module per kind, building what its template receives.

A document is a template, a path under OUT and a context built from a resolved ``Plan``.
May use ``docgen.plan``, ``docgen.calendar``, ``docgen.rendering``, ``docgen.office`` and the
shared base; independent of ``docgen.collecting``.

- ``kinds``: which documents a plan gives and their file names (add a new kind here).
- ``notice`` (with ``body``), ``letter``, ``task_sheet``, ``forms``, ``issuing`` (with ``red_head``): each
  kind's context; ``context``: the one context every template receives (``plan_cache``: shared per plan);
  ``tables``, ``pictures``: the plan's tables and pictures as templates receive them.
- ``declared``: the documents a plan declares itself (``documents:``); ``template_files``: which template
  each document uses, and the template check over them; ``template_drop``: a template dropped on the
  workbench; ``plan_text``: the plan file as an editor holds it.
- ``layout``: what several kinds share: signature placement, heading numbers, widths; ``titles``: a long
  title in lines (梯形 or 菱形, words kept whole).
- ``deadlines``: deadlines in words and the month grid of the task sheets.
- ``checks``: ``check_plan``, the plan's own checks and what its documents need, and ``check_project``,
  all that ``docgen check`` reports (the declared documents, the user's templates); ``form_fit``: how
  the 活动安排 form fits one landscape page (the layout numbers the check and the forms share).
- ``batch``: ``render``, the whole run in named steps; ``render_run``: a render and what OUT says after
  it (``docgen render``'s report); ``print_file``: the PDFs and the one file to
  print; ``preview``: page images; ``deadline_calendar``: the deadlines as .ics.
- ``fitting``: the layout pass, each 公文 measured in its PDF and adjusted (``adjustments``) within GB/T
  9704's latitude; ``fit_cache``: what it settled, remembered by content for a plain render.
- ``scaffold``: ``docgen init``, a new folder to start from.
"""
