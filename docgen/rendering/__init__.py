"""Turning templates into files: the template engine, worker processes and safe outputs.

Knows templates, documents to render and output folders, not plans. May use the shared base
and ``docgen.plan`` (for types only); ``docgen.documents`` and ``docgen.collecting`` use it.

- ``sandbox``: the Jinja sandbox and budget user templates run in (``docgen.inputs.budget``, shared with running text).
- ``templates``: docxtpl templates compiled once and rendered many times; ``zipwriter``: the package writer;
  ``patching``: a part made ready for Jinja, each line led back to the tag as typed; ``wordml``: line
  breaks, tabs and table grids in rendered parts; ``package``: is a file a Word package at all;
  ``breaks``: section and page breaks a suite saves in a ``{%p`` paragraph, kept.
- ``tags``: a part's tags as typed, with their places; ``template_check``: every mistake in a template,
  found without rendering it (``check_template``).
- ``folders``: where a template is found (``--templates``, beside the plan, shipped).
- ``jobs``: one document to render; ``workers``: rendering many of them in one or several processes.
- ``outputs``: staging, the manifest and the all-or-nothing commit; ``lock``: one run per folder;
  ``targets``: what a write may replace (regular files only, never an input) and folders made inside a root.
- ``filenames``: file names that are safe on every system.
- ``docxtpl_compat``: ``DocxTemplate``, a drop-in for docxtpl's on the compiled engine, without layout mending.
"""
