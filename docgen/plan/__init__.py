"""The plan: what a plan file may hold, reading it with positions, and every check on it.

The first stage: a YAML file becomes a typed ``Plan``, or a list of located findings. May use
the shared base (``docgen.errors``, ``docgen.messages``, ``docgen.chinese``) and
``docgen.calendar``; every later stage uses it.

- ``model``: the typed plan, field by field (pydantic); ``reporting``: its optional ``digest`` and
  ``evaluation`` blocks (the weekly 简报, the 宣传评比).
- ``reading``: YAML to nodes with positions, safely; ``validation``: nodes to a ``Plan``.
- ``yaml_errors``: libyaml's errors told in plain words; ``sourcemap``: where a value stands.
- ``checks``: rules that span fields; ``holidays``: the plan's dates against the calendar.
- ``placeholders``: running text with ``{{ … }}`` and its context; ``text_fields``: which fields hold it;
  ``text_filters``: md, ymd, weekday, cite.
- ``budget``: the one Jinja sandbox with limits, for running text and templates alike.
- ``files``: ``load_plan`` and ``check_plan``, the entry points; ``schema``: the JSON Schema.
- ``inputs``: any file someone else made, read bounded (a FIFO refused, zip members bounded);
  ``wordfiles``: any Word file opened under limits and refused with its reason, and the walks over
  its paragraphs, tables and runs (forms, reports, the audit and the import all read Word files so).
"""
