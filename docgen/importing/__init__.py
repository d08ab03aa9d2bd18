"""Importing last year's Word file: a 方案 or 通知 as Word or WPS saved it, made into a plan.

A stage of its own, above the documents stage (it may use the notice's shapes to name what it
reads) and beside nothing else; only ``docgen.cli`` uses it.

- ``wordfile``: the .docx read safely, Word's automatic numbers turned into text.
- ``outline``: title, salutation, opening, numbered sections, signature, attachment pages.
- ``sections``, ``tasks``, ``attachments``: each part as the plan's keys.
- ``facts``: units, deadlines, the contact, cited documents and punctuation in running text.
- ``build``: the plan's data and the review; ``yaml_text``: the commented YAML.
- ``plans``: ``import_plan``, the entry point.
"""
