"""What someone else made, read under limits: any file, Word packages, pictures, and Jinja text.

The base layer for everything docgen opens and did not write itself: a plan, a template, a
returned form, a unit's report, a file to audit, last year's 方案, a photo, a mail attachment.
Nothing in them is trusted, so each is read here once, bounded, and a refusal is data (a code
and its parameters) that each stage words in its own terms. Knows no plan and no document; may
use only ``docgen.errors``. Every stage above may use it.

- ``bounded``: only a regular file, only so many bytes; zip members bounded as they inflate.
- ``wordfiles``: any Word file opened under limits, refused with its reason, and the walks over
  its paragraphs, tables and runs (forms, reports, the audit and the import all read Word files so).
- ``pictures``: pictures opened under limits, turned upright and scaled; QR codes from a text.
- ``budget``: the one Jinja sandbox every evaluation of someone's text runs in (a template, the
  plan's running text): steps, seconds and output bounded.
- ``mail``: an e-mail someone sent, read under limits (sender, subject, text, files);
  ``mail_text``: its headers as Chinese mail clients write them; ``payloads``: what an
  attachment's bytes really are (a program under any name, an archive).
"""
