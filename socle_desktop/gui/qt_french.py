"""Qt's own dialogs in French: the qtbase translation, and the few strings it lacks.

Qt's file dialog (used where the system offers none, as on a bare Linux desktop) shows
« Look in: », « Files of type: » and « Folder » even with ``qtbase_fr.qm`` loaded: those
strings are missing from it. ``MissingFrench`` answers them, and leaves every other string to
qtbase.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

MISSING = {
    ("QFileDialog", "&Look in:"): "&Regarder dans\u00a0:",
    ("QFileDialog", "Files of &type:"): "Fichiers de &type\u00a0:",
    ("QAbstractFileIconProvider", "Folder"): "Dossier",
    ("QAbstractFileIconProvider", "File"): "Fichier",
    ("QAbstractFileIconProvider", "%1 File"): "Fichier %1",
    ("QAbstractFileIconProvider", "Drive"): "Lecteur",
    ("QAbstractFileIconProvider", "Computer"): "Ordinateur",
    ("QAbstractFileIconProvider", "Trashcan"): "Corbeille",
    ("QAbstractFileIconProvider", "Network"): "Réseau",
}


class MissingFrench(QTranslator):
    """Installed after qtbase's translator, so asked first; for anything else it answers a null
    string (None), which sends Qt on to qtbase (an empty string would be taken as the answer)."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's
        return MISSING.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


_installed: list[QTranslator] = []  # alive as long as the application


def install(app) -> bool:
    """qtbase's French, then the missing strings; False when qtbase_fr.qm is not found."""
    from PySide6.QtCore import QLibraryInfo, QLocale

    if _installed:
        return True
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if not qtbase.load(QLocale(QLocale.Language.French), "qtbase", "_", folder):
        return False
    missing = MissingFrench(app)
    for translator in (qtbase, missing):
        app.installTranslator(translator)
        _installed.append(translator)
    return True


def uninstall(app) -> None:
    """Back to Qt's English (for tests that must leave the process as they found it)."""
    while _installed:
        app.removeTranslator(_installed.pop())
