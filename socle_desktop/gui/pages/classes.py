"""Placeholder page (being written): Classes et équipement des classes."""

from __future__ import annotations

from socle_desktop.gui.pages.base import DossierPage


class ClassesPage(DossierPage):
    def __init__(self, session, parent=None):
        super().__init__(session, "Classes et équipement des classes", parent=parent)
