"""Qt table models over the dossier: they show it and turn user input into session edits."""
