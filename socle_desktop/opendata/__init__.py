"""The Ministry's open data (annuaire de l'éducation, effectifs par école) read into schools of a
dossier. Plain Python, no Qt: the command line, the dialog and the tests share it.

  csvtable   tolerant CSV reading (separators, encodings, column names)
  annuaire   the « Annuaire de l'éducation »: schools and communes
  effectifs  the « Effectifs d'élèves par niveau et nombre de classes par école »
  communes   finding the communes the user types
  proposals  schools as the dossier would hold them, classes estimated
  merge      what an import changes, and its one undoable edit
"""
