"""Page 5 « Services et ressources »: ENT, vie scolaire and resources for two school years."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton

from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.rules import Result
from socle_desktop.domain.suggestions import apply_ent_to_all_schools, ent_lines
from socle_desktop.gui.pages.common import SchoolPage, chain_tab_order


class ServicesPage(SchoolPage):
    STEP = "services"

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Services et ressources",
            "ENT, vie scolaire et ressources pédagogiques numériques, pour deux années "
            "scolaires. Les quantités « par élève » reprennent l'effectif de l'école.",
            parent=parent,
        )

    def build(self) -> None:
        """The page's widgets, made on its first visit (``DossierPage.ensure_built``)."""
        # Imported on the first visit: the start shows one page, and imports only its own widgets.
        from socle_desktop.gui.forms import load_form
        from socle_desktop.gui.generated.ui_services_page import Ui_ServicesForm
        from socle_desktop.gui.pages.lines_editor import LinesEditor

        session = self.session
        campaign = session.campaign
        form = self.form = load_form(Ui_ServicesForm(), self)
        self._init_school_selector(form)
        self.pupils_label: QLabel = form.pupils_label

        self.cap_label: QLabel = form.services_cap
        self.cap_label.setToolTip(
            "Plafond de l'appel à projets : "
            f"{euros(campaign.services_plafond_par_eleve)} par élève "
            f"pour {campaign.services_annees} années scolaires, subventionnés à "
            f"{percent_fr(campaign.services_taux)}."
        )

        self.lines_box: QGroupBox = form.lines_box
        self._init_lines_editor(
            form, LinesEditor(session, "ecole", "services", self.current_school)
        )
        self.apply_ent_button: QPushButton = form.apply_ent_button
        self.apply_ent_button.clicked.connect(self.apply_ent_to_all_schools)

        # the form's tab order, with the lines editor's own widgets joined in
        order = [self.school_combo, *self.lines_editor.tab_widgets(), self.apply_ent_button]
        chain_tab_order(order)
        self.redraw(session.result)

    # --- drawing ---------------------------------------------------------------------------

    def redraw(self, result: Result) -> None:
        self.school_selector.update_schools(self.session.dossier.ecoles)
        school = self.current_school()
        if school is None:
            self.pupils_label.setText("Ajoutez d'abord une école à l'étape « Écoles ».")
            self.lines_editor.set_target("", "services", [])
            self.apply_ent_button.setEnabled(False)
        else:
            self.pupils_label.setText(plural(school.eleves, "élève"))
            self.lines_editor.set_target(school.id, "services", school.services)
            self.apply_ent_button.setEnabled(
                not self.session.read_only
                and len(self.session.dossier.ecoles) > 1
                and bool(ent_lines(school, self.session.dossier))
            )
        self.cap_label.setText(
            "Services et ressources, tout le projet :\n" + result.services.explanation
        )

    # --- editing ---------------------------------------------------------------------------

    def apply_ent_to_all_schools(self) -> None:
        """Every other school gets this school's ENT lines, per-pupil quantities at its pupils."""
        school = self.current_school()
        if school is None:
            return
        batch = apply_ent_to_all_schools(self.session.dossier, school)
        if batch is None:
            self.lines_editor.show_error("cette école n'a pas encore d'ENT à appliquer")
            return
        if self.session.edit(batch):
            others = plural(len(self.session.dossier.ecoles) - 1, "autre école", "autres écoles")
            self.lines_editor.show_info(f"ENT appliqué à {others} (Ctrl+Z pour annuler).")
