"""Page 1 — Porteur du projet: who applies, who to call, which communes the project covers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from socle_desktop.domain.edits import Insert, Remove
from socle_desktop.domain.model import PORTEUR_LABELS, Commune, PorteurType
from socle_desktop.domain.rules import Result
from socle_desktop.domain.typed import InvalidValue, typed_value
from socle_desktop.domain.validation import siren_error, siren_key_ok
from socle_desktop.gui.field_binding import FieldBinding, quoted, sentence
from socle_desktop.gui.pages.common import LazyPage
from socle_desktop.gui.theme import set_state

# line edit name -> (edit kind, field, undo label)
TEXT_FIELDS = {
    "nom_edit": ("porteur", "nom", "Modifier le nom du porteur"),
    "siren_edit": ("porteur", "siren", "Modifier le SIREN"),
    "contact_nom_edit": ("contact", "nom", "Modifier le contact"),
    "fonction_edit": ("contact", "fonction", "Modifier la fonction du contact"),
    "telephone_edit": ("contact", "telephone", "Modifier le téléphone"),
    "courriel_edit": ("contact", "courriel", "Modifier le courriel"),
}


class PorteurPage(LazyPage):
    STEP = "porteur"

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            "Porteur du projet",
            "Qui dépose le dossier, qui contacter, et les communes concernées.",
            parent=parent,
        )

    def build(self) -> None:
        """The page's widgets, made on its first visit (``DossierPage.ensure_built``)."""
        # Imported on the first visit: the start shows one page, and imports only its own widgets.
        from socle_desktop.gui.forms import load_form
        from socle_desktop.gui.generated.ui_porteur_page import Ui_PorteurForm
        from socle_desktop.gui.message_line import MessageLine

        session = self.session
        form = self.form = load_form(Ui_PorteurForm(), self)
        self.type_combo: QComboBox = form.type_combo
        for kind, label in PORTEUR_LABELS.items():
            self.type_combo.addItem(label, kind.value)
        self.type_combo.activated.connect(self._on_type)
        self.siren_message: QLabel = form.siren_message
        self.porteur_message = MessageLine(form.porteur_message, session, self)
        self.contact_message = MessageLine(form.contact_message, session, self)
        self.edits: dict[str, QLineEdit] = {}
        self.bindings: dict[str, FieldBinding] = {}
        for name, (kind, field, label) in TEXT_FIELDS.items():
            edit = getattr(form, name)
            binding = FieldBinding(edit, session, kind, field, lambda: "", label, parent=self)
            line = self.contact_message if kind == "contact" else self.porteur_message
            if field == "siren":
                binding.stateChanged.connect(self._show_siren)
            else:
                binding.stateChanged.connect(
                    lambda b=binding, m=line: m.error(sentence(b.error)) if b.error else m.clear()
                )
            binding.notice.connect(line.info)
            self.edits[name], self.bindings[name] = edit, binding
            setattr(self, name, edit)

        self.communes_table: QTableWidget = form.communes_table
        table = self.communes_table
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels(["Code INSEE", "Nom de la commune"])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)
        table.itemChanged.connect(self._on_commune_renamed)
        self.insee_edit: QLineEdit = form.insee_edit
        self.commune_nom_edit: QLineEdit = form.commune_nom_edit
        self.add_commune_button: QPushButton = form.add_commune_button
        self.remove_commune_button: QPushButton = form.remove_commune_button
        self.commune_message: QLabel = form.commune_message
        MessageLine(self.commune_message, session, self)  # cleared by the next change
        form.add_row.setStretch(3, 1)
        self.add_commune_button.clicked.connect(self.add_commune)
        self.commune_nom_edit.returnPressed.connect(self.add_commune)
        self.insee_edit.returnPressed.connect(self.commune_nom_edit.setFocus)
        self.remove_commune_button.clicked.connect(self.remove_commune)
        self._filling = False
        self.redraw(session.result)

    # --- from the user to the dossier --------------------------------------------------------

    def _on_type(self, index: int) -> None:
        kind = PorteurType(self.type_combo.itemData(index))
        self.session.set_field("porteur", "", "type", kind, "Changer le type de porteur")

    def _show_siren(self) -> None:
        """The refusal of the text being typed, else what the saved SIREN is worth."""
        siren = self.session.dossier.porteur.siren
        error = self.bindings["siren_edit"].error or siren_error(siren)
        if error:
            set_state(self.siren_message, "error")
            self.siren_message.setText(sentence(error))
        elif siren and not siren_key_ok(siren):
            set_state(self.siren_message, "warning")
            self.siren_message.setText(
                "Attention : la clé de ce SIREN ne correspond pas, vérifiez les chiffres."
            )
        else:
            set_state(self.siren_message, "ok")
            self.siren_message.setText("SIREN valide" if siren else "")

    def add_commune(self) -> None:
        try:
            insee = typed_value("commune", "insee", self.insee_edit.text())
        except InvalidValue as error:
            self._commune_problem(str(error), self.insee_edit)
            return
        try:
            nom = typed_value("commune", "nom", self.commune_nom_edit.text())
        except InvalidValue as error:
            empty = not self.commune_nom_edit.text().strip()
            self._commune_problem(
                "indiquez le nom de la commune" if empty else str(error), self.commune_nom_edit
            )
            return
        communes = self.session.dossier.communes
        if not self.session.edit(
            Insert(
                "commune",
                "",
                "communes",
                len(communes),
                Commune(insee, nom),
                f"Ajouter la commune {nom}",
            )
        ):
            failure = self.session.last_failure
            if failure is not None and failure.kind == "refused":
                self._commune_problem(failure.message, self.insee_edit)
            return
        self.commune_message.setText("")
        self.insee_edit.clear()
        self.commune_nom_edit.clear()
        self.insee_edit.setFocus()

    def _commune_problem(self, message: str, field: QLineEdit) -> None:
        set_state(self.commune_message, "error")
        self.commune_message.setText(sentence(message))
        field.setFocus()

    def remove_commune(self) -> None:
        row = self.communes_table.currentRow()
        communes = self.session.dossier.communes
        if not 0 <= row < len(communes):
            set_state(self.commune_message, "error")
            self.commune_message.setText("Choisissez d'abord la commune à retirer dans la liste.")
            return
        commune = communes[row]
        # the dossier refuses to lose the commune of a school (domain.edit_checks), and says why
        if self.session.edit(Remove("commune", commune.id, f"Retirer la commune {commune.nom}")):
            self.commune_message.setText("")
            return
        failure = self.session.last_failure
        if failure is not None and failure.kind == "refused":
            set_state(self.commune_message, "error")
            self.commune_message.setText(f"{sentence(failure.message)[:-1]} à l'étape « Écoles ».")

    def _on_commune_renamed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1:
            return
        communes = self.session.dossier.communes
        if item.row() < len(communes):
            commune = communes[item.row()]
            try:
                name = typed_value("commune", "nom", item.text())
            except InvalidValue as error:
                typed = item.text()
                self._filling = True
                item.setText(commune.nom)  # the saved name comes back, and why
                self._filling = False
                set_state(self.commune_message, "error")
                self.commune_message.setText(
                    f"{quoted(typed)} n'a pas été gardé ({error}) : la commune garde son nom "
                    f"{quoted(commune.nom)}."
                )
                return
            self.session.set_field("commune", commune.id, "nom", name, "Renommer la commune")

    # --- from the dossier to the widgets -----------------------------------------------------

    def redraw(self, result: Result) -> None:
        porteur = self.session.dossier.porteur
        index = self.type_combo.findData(PorteurType(porteur.type).value)
        if index != self.type_combo.currentIndex():
            self.type_combo.setCurrentIndex(index)
        values = {
            "nom_edit": porteur.nom,
            "siren_edit": porteur.siren,
            "contact_nom_edit": porteur.contact.nom,
            "fonction_edit": porteur.contact.fonction,
            "telephone_edit": porteur.contact.telephone,
            "courriel_edit": porteur.contact.courriel,
        }
        for name in values:
            self.bindings[name].refresh()
        self._show_siren()
        self._fill_communes()

    def _fill_communes(self) -> None:
        communes = self.session.dossier.communes
        table = self.communes_table
        rows = [(c.insee, c.nom) for c in communes]
        current = [
            (table.item(r, 0).text(), table.item(r, 1).text())
            for r in range(table.rowCount())
            if table.item(r, 0) and table.item(r, 1)
        ]
        if rows == current:
            return
        self._filling = True
        try:
            table.setRowCount(len(rows))
            for r, (insee, nom) in enumerate(rows):
                code = QTableWidgetItem(insee)
                code.setFlags(code.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(r, 0, code)
                table.setItem(r, 1, QTableWidgetItem(nom))
        finally:
            self._filling = False
