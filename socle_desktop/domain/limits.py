"""Limits the first window needs before any dossier is open (the « Variantes » menu's Alt+1 to
Alt+9): here, not in ``validation``, whose import loads the whole model."""

MAX_VARIANTS = 9  # Alt+1 to Alt+9, and the comparison's columns on one page of the PDF
