"""The catalogue: the default articles merged with the dossier's own copy, searchable, editable.

The default catalogue ships with Socle and never changes here; what the user adds or edits goes
into the dossier's copy (``PutArticle``), which wins over the default for the same id. The same
dialog, in picker mode, lets a page choose an article (``choose_article``).
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from socle_desktop.domain import line_tools
from socle_desktop.domain.amounts import converts, vat_effect
from socle_desktop.domain.catalogue import (
    NIVEAU_LABELS,
    VOLET_LABELS,
    default_catalogue,
    lines_using,
    merged_catalogue,
    parse_vat_rate,
    vat_rate_text,
)
from socle_desktop.domain.edits import PutArticle
from socle_desktop.domain.model import CatalogueItem
from socle_desktop.domain.money import amount_fr, euros
from socle_desktop.domain.presentation import category_titles
from socle_desktop.gui.forms import load_form
from socle_desktop.gui.generated.ui_catalogue_dialog import Ui_CatalogueForm
from socle_desktop.gui.price_update import PriceUpdateOffer
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state
from socle_desktop.gui.widgets import AmountEdit

COLUMNS = ("Libellé", "Catégorie", "Niveau", "Volet", "Prix TTC", "TVA", "Subv.", "Origine")
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()  # the invisible root: these models are flat tables


def fold(text: str) -> str:
    """Lower case without accents, for searching: « Écran » and « ecran » match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class CatalogueModel(QAbstractTableModel):
    """Rows of the merged catalogue; display only, the dialog does the editing."""

    def __init__(self, session: Session, categories: dict[str, str], parent=None):
        super().__init__(parent)
        self.session, self.categories = session, categories
        self.rows: list[tuple[CatalogueItem, str]] = []
        self.reload()

    def reload(self) -> None:
        merged = merged_catalogue(self.session.dossier)
        self.beginResetModel()
        self.rows = list(merged.values())
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, origin = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                item.libelle,
                self.categories.get(item.categorie, item.categorie),
                NIVEAU_LABELS.get(item.niveau, item.niveau),
                VOLET_LABELS.get(item.volet, item.volet),
                euros(item.prix_unitaire),
                f"{vat_rate_text(item.taux_tva)}\u00a0%",
                "oui" if item.subventionnable else "non",
                origin,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{item.libelle}\nIdentifiant : {item.id}"
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return self.categories.get(item.categorie, item.categorie)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SEARCH_ROLE:
            return fold(f"{item.libelle} {item.id}")
        if role == ID_ROLE:
            return item.id
        return None

    def item(self, row: int) -> CatalogueItem:
        return self.rows[row][0]


class CatalogueFilter(QSortFilterProxyModel):
    """Every word typed must appear (accents and case ignored); optional niveau and volet."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.words: list[str] = []
        self.niveau: str | None = None
        self.volet: str | None = None

    def set_query(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10: invalidateFilter is deprecated
            self.beginFilterChange()
            self.words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        model: CatalogueModel = self.sourceModel()
        item = model.item(row)
        if self.niveau and item.niveau != self.niveau:
            return False
        if self.volet and item.volet != self.volet:
            return False
        haystack = model.data(model.index(row, 0), SEARCH_ROLE)
        return all(word in haystack for word in self.words)


class CatalogueDialog(QDialog):
    """Browse, search and edit the catalogue; in picker mode, choose one article."""

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        picker: bool = False,
        niveau: str | None = None,
        volet: str | None = None,
    ):
        super().__init__(parent)
        self.session, self.picker = session, picker
        self.chosen: CatalogueItem | None = None
        self._new = False
        self.setWindowTitle("Choisir un article du catalogue" if picker else "Catalogue")
        self.resize(1000, 620)
        form = self.form = load_form(Ui_CatalogueForm(), self)
        self.layout().setContentsMargins(10, 10, 10, 10)
        self.categories = category_titles(session.campaign)
        self.search_edit: QLineEdit = form.search_edit
        self.count_label: QLabel = form.count_label
        self.table: QTableView = form.catalogue_table
        self.libelle_edit: QLineEdit = form.libelle_edit
        self.id_edit: QLineEdit = form.id_edit
        self.categorie_combo: QComboBox = form.categorie_combo
        self.niveau_combo: QComboBox = form.niveau_combo
        self.volet_combo: QComboBox = form.volet_combo
        self.prix_edit: AmountEdit = form.prix_edit
        self.prix_edit.kind, self.prix_edit.field = "article", "prix_unitaire"
        self.tva_edit: QLineEdit = form.tva_edit
        self.subventionnable_check: QCheckBox = form.subventionnable_check
        self.message_label: QLabel = form.message_label
        # a price changed: the lines still at the old one, and the offer to update them
        self.price_offer = PriceUpdateOffer(session, self)
        self.message_label.parentWidget().layout().addWidget(self.price_offer, 5, 0, 1, 6)
        self.new_button: QPushButton = form.new_button
        self.save_button: QPushButton = form.save_button
        self.remove_button: QPushButton = form.remove_button
        self.choose_button: QPushButton = form.choose_button
        self.close_button: QPushButton = form.close_button
        for key, label in self.categories.items():
            self.categorie_combo.addItem(label, key)
        for key, label in NIVEAU_LABELS.items():
            self.niveau_combo.addItem(label, key)
        for key, label in VOLET_LABELS.items():
            self.volet_combo.addItem(label, key)
        self.tva_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tva_edit.setToolTip(vat_tooltip(session))

        self.model = CatalogueModel(session, self.categories, self)
        self.proxy = CatalogueFilter(self)
        self.proxy.niveau, self.proxy.volet = niveau, volet
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 200)

        self.search_edit.textChanged.connect(self._on_search)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.doubleClicked.connect(lambda _i: self._choose() if picker else None)
        self.new_button.clicked.connect(self.new_article)
        self.save_button.clicked.connect(self.save_article)
        self.remove_button.clicked.connect(self.remove_article)
        self.choose_button.clicked.connect(self._choose)
        self.close_button.clicked.connect(self.reject)
        self.choose_button.setVisible(picker)
        self.close_button.setText("&Annuler" if picker else "&Fermer")
        (self.choose_button if picker else self.close_button).setDefault(True)
        session.changed.connect(self._on_session_changed)
        self._select_row(0)
        self._update_count()
        self.search_edit.setFocus()

    # --- browsing ----------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()
        self._select_row(0)  # the best match is ready for « Choisir » or editing

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} article{'s' if shown > 1 else ''} sur {total}")

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, 0))
        self._show_current()

    def select_article(self, article_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ID_ROLE) == article_id:
                self._select_row(row)
                return True
        return False

    def current_item(self) -> CatalogueItem | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(self.proxy.mapToSource(index).row())

    def _show_current(self) -> None:
        self._new = False
        item = self.current_item()
        self.id_edit.setReadOnly(True)
        self.message_label.setText("")
        if item is None:
            self.remove_button.setEnabled(False)
            self.choose_button.setEnabled(False)
            return
        self.libelle_edit.setText(item.libelle)
        self.id_edit.setText(item.id)
        self.categorie_combo.setCurrentIndex(max(0, self.categorie_combo.findData(item.categorie)))
        self.niveau_combo.setCurrentIndex(max(0, self.niveau_combo.findData(item.niveau)))
        self.volet_combo.setCurrentIndex(max(0, self.volet_combo.findData(item.volet)))
        self.prix_edit.setText(amount_fr(item.prix_unitaire))
        self.prix_edit.set_error(None)
        self.tva_edit.setText(vat_rate_text(item.taux_tva))
        self.subventionnable_check.setChecked(item.subventionnable)
        in_dossier = item.id in self.session.dossier.catalogue
        self.remove_button.setEnabled(in_dossier and not self.session.read_only)
        self.remove_button.setToolTip(
            ""
            if in_dossier
            else "Article du catalogue par défaut : il reste disponible pour "
            "tous les dossiers ; modifiez-le pour en garder une version propre au dossier."
        )
        self.choose_button.setEnabled(True)

    def _on_session_changed(self, _result) -> None:
        current = self.current_item()
        self.model.reload()
        self._update_count()
        if current is None or not self.select_article(current.id):
            self._select_row(0)

    # --- editing -----------------------------------------------------------------------------

    def new_article(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._new = True
        self.id_edit.setReadOnly(False)
        for edit in (self.libelle_edit, self.id_edit, self.prix_edit):
            edit.clear()
        self.tva_edit.setText(vat_rate_text(self.session.dossier.parametres.taux_tva))
        self.subventionnable_check.setChecked(True)
        if self.proxy.niveau:
            self.niveau_combo.setCurrentIndex(self.niveau_combo.findData(self.proxy.niveau))
        if self.proxy.volet:
            self.volet_combo.setCurrentIndex(self.volet_combo.findData(self.proxy.volet))
        self.remove_button.setEnabled(False)
        self.message_label.setText(
            "Nouvel article : remplissez les champs puis « Enregistrer l'article »."
        )
        set_state(self.message_label, "")
        self.libelle_edit.setFocus()

    def _error(self, message: str, widget: QWidget | None = None) -> None:
        set_state(self.message_label, "error")
        self.message_label.setText(message)
        if widget is not None:
            widget.setFocus()

    def article_from_form(self) -> CatalogueItem | None:
        """The article the form describes, or None after showing what is wrong."""
        libelle = self.libelle_edit.text().strip()
        if not libelle:
            self._error("Indiquez le libellé de l'article.", self.libelle_edit)
            return None
        ident = self.id_edit.text().strip() or slug(libelle)
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ident):
            self._error(
                "L'identifiant ne peut contenir que des lettres minuscules sans accent, "
                "des chiffres, « - » et « _ ».",
                self.id_edit,
            )
            return None
        if self._new and ident in self.model_ids():
            if self.id_edit.text().strip():
                self._error(
                    f"L'identifiant « {ident} » existe déjà : choisissez-en un autre.", self.id_edit
                )
                return None
            ident = unique_id(ident, self.model_ids())
        prix = self.prix_edit.value()
        if prix is None:
            error = self.prix_edit.parse_error() or "montant invalide"
            self.prix_edit.set_error(error)
            self._error(f"Prix unitaire : {error}.", self.prix_edit)
            return None
        tva = parse_vat_rate(self.tva_edit.text())
        if tva is None:
            self._error(
                "TVA : saisissez un taux entre 0 et 100, par exemple 20 ou 5,5.", self.tva_edit
            )
            return None
        old = self.current_item() if not self._new else None
        return CatalogueItem(
            id=ident,
            libelle=libelle,
            categorie=self.categorie_combo.currentData(),
            niveau=self.niveau_combo.currentData(),
            volet=self.volet_combo.currentData(),
            prix_unitaire=prix,
            taux_tva=tva,
            subventionnable=self.subventionnable_check.isChecked(),
            unite=old.unite if old is not None else "",
            places=old.places if old is not None else 0,
        )

    def model_ids(self) -> set[str]:
        return {item.id for item, _origin in self.model.rows}

    def save_article(self) -> bool:
        item = self.article_from_form()
        if item is None:
            return False
        if not self._new and self.current_item() == item:
            self.message_label.setText("Rien n'a changé.")
            return True
        before = None if self._new else self.current_item()
        label = ("Ajouter l'article " if self._new else "Modifier l'article ") + item.libelle
        if not self.session.edit(PutArticle(item.id, item, label)):
            failure = self.session.last_failure
            if failure is not None and failure.kind == "refused":
                self._error(f"Article non enregistré : {failure.message}.")
            return False
        self.select_article(item.id)
        set_state(self.message_label, "ok")
        message = f"Article « {item.libelle} » enregistré dans le dossier."
        users = self._lines_of(item.id)
        rate_changed = before is not None and before.taux_tva != item.taux_tva
        if rate_changed and users and converts(self.session.dossier.parametres):
            plural = "s" if len(users) > 1 else ""
            message += (
                f" {len(users)} ligne{plural} recalculée{plural} avec "
                f"{vat_rate_text(item.taux_tva)}\u00a0% de TVA."
            )
        self.message_label.setText(message)
        if before is not None:
            self.price_offer.offer(item.id)
        return True

    def _lines_of(self, article_id: str) -> list:
        return lines_using(self.session.dossier, article_id)

    def _uses(self, article_id: str) -> int:
        """Lines of the article in every variant (an article still used stays)."""
        return sum(line_tools.usage(self.session.dossier, article_id).values())

    def remove_article(self) -> bool:
        item = self.current_item()
        if item is None or item.id not in self.session.dossier.catalogue:
            return False
        users = self._uses(item.id)
        if users:
            self._error(
                f"« {item.libelle} » est utilisé par {users} ligne"
                f"{'s' if users > 1 else ''} du dossier (toutes variantes confondues) : "
                "retirez d'abord ces lignes."
            )
            return False
        restored = item.id in default_catalogue()
        if not self.session.edit(PutArticle(item.id, None, f"Supprimer l'article {item.libelle}")):
            return False
        set_state(self.message_label, "")
        self.message_label.setText(
            "Version du dossier supprimée : l'article du catalogue par défaut s'applique."
            if restored
            else f"Article « {item.libelle} » supprimé."
        )
        return True

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        try:  # a closed dialog must not redraw on later edits
            self.session.changed.disconnect(self._on_session_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)

    def _choose(self) -> None:
        item = self.current_item()
        if item is not None and not self._new:
            self.chosen = item
            self.accept()


def slug(text: str) -> str:
    """An article id from its name: « Écran 86" » → « ecran-86 »."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40] or "article"


def unique_id(ident: str, taken: set[str]) -> str:
    number = 2
    while f"{ident}-{number}" in taken:
        number += 1
    return f"{ident}-{number}"


def vat_tooltip(session: Session) -> str:
    rate = vat_rate_text(session.dossier.parametres.taux_tva)
    return (
        f"Taux de TVA de l'article, en % (celui du dossier, {rate}\u00a0%, vaut pour les "
        f"lignes hors catalogue). {vat_effect(session.dossier.parametres)}"
    )


def choose_article(
    parent: QWidget | None, session: Session, niveau: str | None = None, volet: str | None = None
) -> CatalogueItem | None:
    """A modal picker; the chosen article is also put into the dossier's copy if missing."""
    dialog = CatalogueDialog(session, parent, picker=True, niveau=niveau, volet=volet)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return None
        item = dialog.chosen
    finally:
        dialog.deleteLater()
    if session.dossier.catalogue.get(item.id) != item:
        session.edit(PutArticle(item.id, item, f"Ajouter l'article {item.libelle} au dossier"))
    return item
