"""Placeholder page (being written): Services et ressources."""

from __future__ import annotations

from socle_desktop.gui.pages.base import DossierPage


class ServicesPage(DossierPage):
    def __init__(self, session, parent=None):
        super().__init__(session, "Services et ressources", parent=parent)
