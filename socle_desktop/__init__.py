"""Socle: the dossier of a commune for the « socle numérique dans les écoles élémentaires » call."""

__version__ = "0.1.0"
APP_NAME = "Socle"
