"""Page 5 « Services et ressources »: ENT, vie scolaire and resources for two school years."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton

from socle_desktop.domain import edits
from socle_desktop.domain.model import CatalogueItem, School
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import Result
from socle_desktop.gui.forms import load_form
from socle_desktop.gui.pages.common import SchoolPage, chain_tab_order
from socle_desktop.gui.pages.lines_editor import LinesEditor

ENT = "partage"  # the socle item the ENT articles belong to


class ServicesPage(SchoolPage):
    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Services et ressources",
            "ENT, vie scolaire et ressources pédagogiques numériques, pour deux années "
            "scolaires. Les quantités « par élève » reprennent l'effectif de l'école.",
            parent=parent,
        )
        campaign = session.campaign
        form = self.form = load_form("services_page", self)
        self._init_school_selector(form)
        self.pupils_label: QLabel = form.findChild(QLabel, "pupils_label")

        self.cap_label: QLabel = form.findChild(QLabel, "services_cap")
        self.cap_label.setToolTip(
            "Plafond de l'appel à projets : "
            f"{euros(campaign.services_plafond_par_eleve)} par élève "
            f"pour {campaign.services_annees} années scolaires, subventionnés à "
            f"{percent_fr(campaign.services_taux)}."
        )

        self.lines_box: QGroupBox = form.findChild(QGroupBox, "lines_box")
        self._init_lines_editor(
            form, LinesEditor(session, "ecole", "services", self._default_quantity))
        self.apply_ent_button: QPushButton = form.findChild(QPushButton, "apply_ent_button")
        self.apply_ent_button.clicked.connect(self.apply_ent_to_all_schools)

        # the form's tab order, with the lines editor's own widgets joined in
        order = [self.school_combo, *self.lines_editor.tab_widgets(), self.apply_ent_button]
        chain_tab_order(order)
        self.redraw(session.result)

    def _default_quantity(self, item: CatalogueItem) -> int:
        school = self.current_school()
        if item.unite == "élève" and school is not None and school.eleves:
            return school.eleves
        return 1

    def _ent_lines(self, school: School):
        catalogue = self.session.dossier.catalogue
        return [line for line in school.services
                if line.article in catalogue and catalogue[line.article].categorie == ENT]

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self, result: Result) -> None:
        self.school_selector.update_schools(self.session.dossier.ecoles)
        school = self.current_school()
        if school is None:
            self.pupils_label.setText("Ajoutez d'abord une école à l'étape « Écoles ».")
            self.lines_editor.set_target("", "services", [])
            self.apply_ent_button.setEnabled(False)
        else:
            self.pupils_label.setText(f"{school.eleves} élève{'s' if school.eleves > 1 else ''}")
            self.lines_editor.set_target(school.id, "services", school.services)
            self.apply_ent_button.setEnabled(
                not self.session.read_only and len(self.session.dossier.ecoles) > 1
                and bool(self._ent_lines(school)))
        self.cap_label.setText("Services et ressources, tout le projet :\n"
                               + result.services.explanation)

    # --- editing ---------------------------------------------------------------------------

    def apply_ent_to_all_schools(self) -> None:
        """Every other school gets this school's ENT lines, per-pupil quantities at its pupils."""
        school = self.current_school()
        if school is None:
            return
        source = self._ent_lines(school)
        if not source:
            self.lines_editor.show_error("cette école n'a pas encore d'ENT à appliquer")
            return
        catalogue = self.session.dossier.catalogue
        batch = []
        others = [s for s in self.session.dossier.ecoles if s.id != school.id]
        for other in others:
            batch += [edits.Remove("ligne", line.id) for line in self._ent_lines(other)]
            start = len(other.services) - len(self._ent_lines(other))
            for offset, line in enumerate(source):
                copy = edits.copy_with_new_ids(line)
                if catalogue[line.article].unite == "élève" and other.eleves:
                    copy.quantite = other.eleves
                batch.append(edits.Insert("ligne", other.id, "services", start + offset, copy))
        if self.session.edit(edits.Batch(tuple(batch), "Appliquer l'ENT à toutes les écoles")):
            count = len(others)
            self.lines_editor.show_info(
                f"ENT appliqué à {count} autre{'s' if count > 1 else ''} "
                f"école{'s' if count > 1 else ''} (Ctrl+Z pour annuler).")
