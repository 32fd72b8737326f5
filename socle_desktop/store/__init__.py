"""The dossier file: one SQLite file per dossier (see docs/dossier-file.md)."""
