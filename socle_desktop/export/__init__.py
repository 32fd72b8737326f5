"""The documents made from a dossier besides its PDF: the spreadsheet (tableur), the draft
délibération and the fiche de dépôt. Plain Python, no Qt: the window and the command line call
the same functions."""
