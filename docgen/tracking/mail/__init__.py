"""The campaign's mailbox: its messages read without a change, each unit's files filed as ``receive`` files them.

Part of ``docgen.tracking``: it may use every stage below it (the plan, the dues, the inputs
layer that reads a message under limits); only ``docgen.cli`` uses it.

- ``connection``: a session with the IMAP server, secured as asked, bounded in time and bytes,
  the password never shown.
- ``mailbox``: one folder examined read-only: the messages since a day, when each came
  (INTERNALDATE), their bytes fetched with BODY.PEEK.
- ``sorting``: which unit a message is from, what its subject names, whether its text is the report.
- ``fetching``: ``fetch_mail``, each new message's files filed through ``receiving.receive_file``
  with its arrival and a source (Message-ID and part), so a second run files nothing twice.
"""
