"""Turning templates into files: the template engine, worker processes and safe outputs.

Knows templates, documents to render and output folders, not plans. May use the shared base
and ``docgen.plan`` (for types only); ``docgen.documents`` and ``docgen.collecting`` use it.

- ``sandbox``: the Jinja sandbox and budget user templates run in (``docgen.plan.budget``, shared with running text).
- ``templates``: docxtpl templates compiled once and rendered many times; ``zipwriter``: the package writer.
- ``jobs``: one document to render; ``workers``: rendering many of them in one or several processes.
- ``outputs``: staging, the manifest and the all-or-nothing commit; ``lock``: one run per folder.
- ``filenames``: file names that are safe on every system.
"""
