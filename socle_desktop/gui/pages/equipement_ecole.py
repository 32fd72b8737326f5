"""Placeholder page (being written): Équipement de l'école."""

from __future__ import annotations

from socle_desktop.gui.pages.base import DossierPage


class EquipementEcolePage(DossierPage):
    def __init__(self, session, parent=None):
        super().__init__(session, "Équipement de l'école", parent=parent)
