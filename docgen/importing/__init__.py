"""Importing last year's Word file: a 方案 or 通知 as Word or WPS saved it, made into a plan.

A stage of its own, above the documents stage (it may use the notice's shapes to name what it
reads) and beside nothing else; only ``docgen.cli`` uses it. Structure is read from what the
file says, not from its headings alone; nothing of the file is left out.

- ``wordfile``: the .docx read safely, Word's automatic numbers turned into text.
- ``lines``, ``outline``: numbered lines; header, title, salutation, opening, parts, signature, attachments.
- ``dates``, ``period``: days as people write them; the campaign period and where it was read.
- ``responsible``, ``signers``: units named in sentences; the school and the units that sign.
- ``sections``, ``tasks``, ``organization``, ``attachments``: each part as the plan's keys.
- ``facts``: the unit registry, deadlines, the contact, cited documents, punctuation in running text.
- ``reader``: the protocol the parts' readers hold the builder to; ``front``: title, school, signature.
- ``build``: the plan's data and the review; ``yaml_text``: the commented YAML.
- ``plans``: ``import_plan``, the entry point.
"""
