"""The plan: what a plan file may hold, reading it with positions, and every check on it.

The first stage: a YAML file becomes a typed ``Plan``, or a list of located findings. May use
the shared base (``docgen.errors``, ``docgen.messages``, ``docgen.chinese``), ``docgen.calendar``
and ``docgen.inputs``; every later stage uses it.

- ``model``: the typed plan, field by field; ``reporting``: its optional ``digest`` and
  ``evaluation`` blocks (the weekly 简报, the 宣传评比). ``fields`` and ``types``: how models declare
  their fields and the base they share (plain classes: no pydantic loaded to read a plan).
- ``reading``: YAML to nodes with positions, safely; ``validation``: nodes to a ``Plan``, errors
  located; ``construction``: the walk that checks data against the declarations and builds the
  models; ``mirror``: the same declarations as pydantic models, for the data the walk leaves to
  pydantic (conversions, errors in pydantic's words) and for the JSON Schema.
- ``yaml_errors``: libyaml's errors told in plain words; ``sourcemap``: where a value stands.
- ``checks``: rules that span fields; ``holidays``: the plan's dates against the calendar.
- ``placeholders``: running text with ``{{ … }}`` and its context; ``text_fields``: which fields hold it;
  ``text_filters``: md, ymd, weekday, cite.
- ``files``: ``load_plan`` and ``check_plan``, the entry points (``docgen.documents.checks`` adds
  what the documents' layout asks); ``schema``: the JSON Schema.
- ``index``: units by id and duties by unit, built once from the plan's tuples.
- ``dues``: when each deadline falls due (each week of a weekly one, days off moved to the working
  day before), the one list the task sheets, the .ics calendar and the month's reports share.
- ``image_checks``, ``shape_checks``, ``issuing_checks``: rules on the ``images:`` block, the
  notice's shape and the ``issuing:`` block. Reading the files they name goes through
  ``docgen.inputs`` (the base layer): the plan stage reads no Word package and decodes no picture.
"""
