"""The report's error, importable without loading reportlab."""


class ReportError(Exception):
    """The PDF could not be written; the message is French and names the file."""
