"""Placeholder page (being written): Récapitulatif."""

from __future__ import annotations

from socle_desktop.gui.pages.base import DossierPage


class RecapitulatifPage(DossierPage):
    def __init__(self, session, parent=None):
        super().__init__(session, "Récapitulatif", parent=parent)
