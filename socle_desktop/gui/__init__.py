"""The Qt user interface. Widgets edit the dossier only through ``session.Session``."""
