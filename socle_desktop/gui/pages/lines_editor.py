"""The lines editor shared by pages 3, 4 and 5: choose an article, then edit quantity and price.

Cells are edited through ``FieldDelegate``: a whole valid value reaches the dossier at each
keystroke (the panel follows the typing), a refused text never does and says why with its
limit, and the keystrokes in one cell make a single undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from socle_desktop.domain import edits
from socle_desktop.domain.amounts import typed_price
from socle_desktop.domain.catalogue import line_category, offered_articles
from socle_desktop.domain.model import CatalogueItem, Dossier, Line, School
from socle_desktop.domain.money import euros
from socle_desktop.domain.suggestions import default_quantity
from socle_desktop.gui.field_delegate import FieldDelegate
from socle_desktop.gui.forms import load_form
from socle_desktop.gui.generated.ui_lines_editor import Ui_LinesEditorForm
from socle_desktop.gui.message_line import MessageLine
from socle_desktop.gui.models.lines import (
    COL_ARTICLE,
    COL_LIBELLE,
    COL_MONTANT,
    COL_PRIX,
    COL_QUANTITE,
    LinesModel,
)
from socle_desktop.gui.session import Session
from socle_desktop.gui.tables import EditTable

__all__ = ["EditTable", "FieldDelegate", "LinesEditor", "available_articles", "fit_columns"]


def available_articles(
    session: Session, niveau: str, volet: str, categories: set[str] | None = None
) -> list[CatalogueItem]:
    """The articles the dossier offers there (``catalogue.offered_articles``)."""
    return offered_articles(
        session.dossier, [item.id for item in session.campaign.socle], niveau, volet, categories
    )


def article_text(item: CatalogueItem, dossier: Dossier) -> str:
    unit = f" par {item.unite}" if item.unite else ""
    basis = " HT" if dossier.parametres.prix_saisis == "HT" else ""
    extra = " — non subventionnable" if not item.subventionnable else ""
    return f"{item.libelle} — {euros(typed_price(item, dossier))}{basis}{unit}{extra}"


def fit_columns(table: QTableView, columns: dict[int, int]) -> None:
    """Widen the numeric ``columns`` (column -> minimum width) so no amount is ever elided."""
    model, metrics = table.model(), table.fontMetrics()
    header_metrics = table.horizontalHeader().fontMetrics()
    for column, minimum in columns.items():
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        needed = max(minimum, header_metrics.horizontalAdvance(title) + 24)
        for row in range(min(model.rowCount(), 200)):
            text = model.index(row, column).data() or ""
            needed = max(needed, metrics.horizontalAdvance(text) + 16)
        if table.columnWidth(column) < needed:
            table.setColumnWidth(column, needed)


class LinesEditor(QWidget):
    """Lines of one parent (class, school, school services): an article chooser and a table."""

    linesChanged = Signal()
    NUMBER_WIDTHS = {COL_QUANTITE: 80, COL_PRIX: 120, COL_MONTANT: 120}

    def __init__(
        self,
        session: Session,
        niveau: str,
        volet: str,
        school: Callable[[], School | None] = lambda: None,
        parent=None,
    ):
        super().__init__(parent)
        self.session, self.niveau, self.volet = session, niveau, volet
        self.school = school  # the school the lines belong to (for the default quantities)
        self.categories: set[str] | None = None
        self._parent_id = ""
        self._collection = "lignes"
        self._lines: list[Line] = []
        self._articles_key: tuple = ()

        form = self.form = load_form(Ui_LinesEditorForm(), self)
        self.article_combo: QComboBox = form.article_combo
        self.article_combo.installEventFilter(self)
        self.add_button: QPushButton = form.add_button
        self.add_button.clicked.connect(self.add_current_article)
        self.catalogue_button: QPushButton = form.catalogue_button
        self.catalogue_button.clicked.connect(self._choose_in_catalogue)
        self.remove_button: QPushButton = form.remove_button
        self.remove_button.clicked.connect(self.remove_current_line)

        self.model = LinesModel(session, self)
        self.table: EditTable = form.lines_table
        self.table.setModel(self.model)
        self.table.deleteRequested.connect(self.remove_current_line)
        line_id = self._line_id
        self.quantity_delegate = FieldDelegate(
            session, "ligne", "quantite", "Modifier la quantité", line_id, "count", self.table
        )
        self.price_delegate = FieldDelegate(
            session,
            "ligne",
            "prix_unitaire",
            "Modifier le prix unitaire",
            line_id,
            "amount",
            self.table,
        )
        self.libelle_delegate = FieldDelegate(
            session, "ligne", "libelle", "Modifier le libellé", line_id, "text", self.table
        )
        self.table.setItemDelegateForColumn(COL_QUANTITE, self.quantity_delegate)
        self.table.setItemDelegateForColumn(COL_PRIX, self.price_delegate)
        self.table.setItemDelegateForColumn(COL_LIBELLE, self.libelle_delegate)
        for delegate in (self.quantity_delegate, self.price_delegate, self.libelle_delegate):
            delegate.invalid.connect(
                lambda message: self.show_error(message) if message else self.clear_message()
            )
            delegate.notice.connect(self.show_info)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_LIBELLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_ARTICLE, 130)
        fit_columns(self.table, self.NUMBER_WIDTHS)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

        self.message_label: QLabel = form.message_label
        self.message = MessageLine(self.message_label, session, self)

    def _line_id(self, row: int) -> str | None:
        line = self.model.line(row)
        return line.id if line is not None else None

    def tab_widgets(self) -> list[QWidget]:
        """Its widgets in keyboard order, for the page's tab chain."""
        return [
            self.article_combo,
            self.add_button,
            self.catalogue_button,
            self.table,
            self.remove_button,
        ]

    # --- what is shown ---------------------------------------------------------------------

    def set_target(self, parent_id: str, collection: str, lines: list[Line]) -> None:
        """Show (and add to) ``lines``, the list ``collection`` of entity ``parent_id``."""
        if parent_id != self._parent_id:
            self.clear_message()
        self._parent_id, self._collection, self._lines = parent_id, collection, lines
        shown = lines
        if self.categories is not None:
            dossier = self.session.dossier
            shown = [line for line in lines if line_category(line, dossier) in self.categories]
        self.model.set_lines(shown)
        fit_columns(self.table, self.NUMBER_WIDTHS)
        self._refresh_articles()
        self._update_buttons()

    def set_categories(self, categories: set[str] | None) -> None:
        self.categories = categories

    def _refresh_articles(self) -> None:
        items = available_articles(self.session, self.niveau, self.volet, self.categories)
        key = (
            self.session.dossier.parametres.prix_saisis,
            *((i.id, i.libelle, i.prix_unitaire, i.unite) for i in items),
        )
        if key == self._articles_key:
            return
        self._articles_key = key
        current = self.article_combo.currentData()
        self.article_combo.blockSignals(True)
        self.article_combo.clear()
        for item in items:
            self.article_combo.addItem(article_text(item, self.session.dossier), item.id)
            self.article_combo.setItemData(
                self.article_combo.count() - 1, item.libelle, Qt.ItemDataRole.ToolTipRole
            )
        index = self.article_combo.findData(current)
        self.article_combo.setCurrentIndex(max(0, index))
        self.article_combo.blockSignals(False)

    def _update_buttons(self, *_args) -> None:
        writable = not self.session.read_only and bool(self._parent_id)
        self.add_button.setEnabled(writable and self.article_combo.count() > 0)
        self.article_combo.setEnabled(writable)
        self.catalogue_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and self.current_line() is not None)

    def open_editor(self, row: int, column: int = COL_QUANTITE):
        """Open the cell editor of (row, column), as Entrée would, and return it (or None)."""
        index = self.model.index(row, column)
        if not index.isValid() or not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return None
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        delegate = {
            COL_QUANTITE: self.quantity_delegate,
            COL_PRIX: self.price_delegate,
            COL_LIBELLE: self.libelle_delegate,
        }
        return delegate[column].editor if column in delegate else self.table.focusWidget()

    def quantity_editor(self, row: int = 0):
        return self.open_editor(row, COL_QUANTITE)

    def price_editor(self, row: int = 0):
        return self.open_editor(row, COL_PRIX)

    def current_line(self) -> Line | None:
        index = self.table.currentIndex()
        return self.model.line(index.row()) if index.isValid() else None

    # --- messages --------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.message.error(f"Saisie refusée : {message.rstrip('.')}.")

    def show_info(self, message: str) -> None:
        self.message.info(message)

    def clear_message(self) -> None:
        self.message.clear()

    # --- editing ---------------------------------------------------------------------------

    def add_current_article(self) -> Line | None:
        article_id = self.article_combo.currentData()
        if not article_id or not self._parent_id:
            return None
        items = {i.id: i for i in available_articles(self.session, self.niveau, self.volet)}
        return self.add_article(items[article_id])

    def add_article(self, item: CatalogueItem, quantity: int | None = None) -> Line | None:
        """Add a line of ``item`` (its catalogue price, the default quantity) and select it."""
        if not self._parent_id:
            return None
        dossier = self.session.dossier
        if quantity is None:
            quantity = default_quantity(item, self.school(), dossier, self.session.campaign)
        line = Line(item.id, item.libelle, quantity, typed_price(item, dossier))
        batch = [edits.Insert("ligne", self._parent_id, self._collection, len(self._lines), line)]
        if self.session.dossier.catalogue.get(item.id) != item:
            batch.insert(0, edits.PutArticle(item.id, item))
        if not self.session.edit(edits.Batch(tuple(batch), f"Ajouter « {item.libelle} »")):
            return None
        self.clear_message()
        self.select_line(line.id, COL_QUANTITE)
        self.table.setFocus()
        self.linesChanged.emit()
        return line

    def select_line(self, line_id: str, column: int = COL_LIBELLE) -> None:
        row = self.model.row_of(line_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, column))

    def remove_current_line(self) -> None:
        line = self.current_line()
        if line is None or self.session.read_only:
            return
        row = self.table.currentIndex().row()
        if self.session.edit(edits.Remove("ligne", line.id, f"Supprimer « {line.libelle} »")):
            self.show_info(f"Ligne « {line.libelle} » supprimée (Ctrl+Z pour annuler).")
            if self.model.rowCount():
                self.table.setCurrentIndex(
                    self.model.index(min(row, self.model.rowCount() - 1), COL_LIBELLE)
                )
            self.linesChanged.emit()

    def _choose_in_catalogue(self) -> None:
        from socle_desktop.gui.catalogue_dialog import choose_article

        item = choose_article(self, self.session, niveau=self.niveau, volet=self.volet)
        if item is not None:
            self.add_article(item)

    def eventFilter(self, watched, event) -> bool:
        if (
            watched is self.article_combo
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.article_combo.view().isVisible()
        ):
            self.add_current_article()
            return True
        return super().eventFilter(watched, event)
