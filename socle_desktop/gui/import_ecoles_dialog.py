"""Importing schools from the Ministry's open data: choose the two CSV files, type the
communes, tick the schools, read what will change, then one undoable edit.

The files are read in a background thread (opendata_jobs.py); everything else (the communes,
the proposals, the plan) is the plain-Python ``socle_desktop.opendata`` package.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from socle_desktop.domain.money import NBSP
from socle_desktop.domain.presentation import plural
from socle_desktop.gui import preferences
from socle_desktop.gui.forms import load_form
from socle_desktop.gui.generated.ui_import_ecoles_dialog import Ui_ImportEcolesForm
from socle_desktop.gui.models.proposals import (
    COL_COMMUNE,
    COL_NOM,
    COL_NOTES,
    HEADERS,
    ProposalsModel,
)
from socle_desktop.gui.opendata_jobs import ANNUAIRE, EFFECTIFS, ReadJob, start_read_job
from socle_desktop.gui.session import Session
from socle_desktop.gui.theme import set_state
from socle_desktop.opendata.communes import CommuneQueryError
from socle_desktop.opendata.merge import ImportPlan, plan_import
from socle_desktop.opendata.proposals import propose

FILE_FILTER = "Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)"
SETTING = {ANNUAIRE: "opendata/annuaire", EFFECTIFS: "opendata/effectifs"}
CHOOSE_TITLE = {
    ANNUAIRE: "Choisir l'annuaire de l'éducation (CSV)",
    EFFECTIFS: "Choisir les effectifs par école (CSV)",
}
_SEPARATORS = re.compile(r"[,;]")


class CommunesCompleter(QCompleter):
    """Completes the commune typed after the last comma, keeping those before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [_SEPARATORS.split(path)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # noqa: N802
        text = self.widget().text() if self.widget() else ""
        cut = max(text.rfind(","), text.rfind(";"))
        head = text[: cut + 1] + " " if cut >= 0 else ""
        return head + index.data()


class ImportEcolesDialog(QDialog):
    """Propose the schools of the communes typed, from the annuaire (and the effectifs)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.annuaire = self.index = self.effectifs = None
        self.communes: list = []  # those whose schools the table shows
        self.plan: ImportPlan | None = None
        self._job: ReadJob | None = None
        self._queue: list[tuple[str, Path]] = []
        self.setWindowTitle("Importer des écoles depuis les données de l'Éducation nationale")
        self.resize(1100, 650)
        form = self.form = load_form(Ui_ImportEcolesForm(), self)
        self.layout().setContentsMargins(10, 10, 10, 10)
        self.annuaire_edit: QLineEdit = form.annuaire_edit
        self.annuaire_button: QPushButton = form.annuaire_button
        self.effectifs_edit: QLineEdit = form.effectifs_edit
        self.effectifs_button: QPushButton = form.effectifs_button
        self.effectifs_remove_button: QPushButton = form.effectifs_remove_button
        self.status_stack: QStackedWidget = form.status_stack
        self.files_label: QLabel = form.files_label
        self.progress_bar: QProgressBar = form.progress_bar
        self.cancel_button: QPushButton = form.cancel_button
        self.commune_edit: QLineEdit = form.commune_edit
        self.show_button: QPushButton = form.show_button
        self.hint_label: QLabel = form.hint_label
        self.message_label: QLabel = form.message_label
        self.table: QTableView = form.proposals_table
        self.tick_all_button: QPushButton = form.tick_all_button
        self.untick_all_button: QPushButton = form.untick_all_button
        self.count_label: QLabel = form.count_label
        self.changes_edit: QPlainTextEdit = form.changes_edit
        self.summary_label: QLabel = form.summary_label
        self.import_button: QPushButton = form.import_button
        self.close_button: QPushButton = form.close_button
        set_state(self.hint_label, "muted")
        # Long commune names (up to 200 characters) must not widen the dialog past the screen:
        # the count is cut at the dialog's edge, and whole in its tooltip.
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message_label.hide()
        policy = self.cancel_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the files' rows stay put while reading
        self.cancel_button.setSizePolicy(policy)
        splitter: QSplitter = form.splitter
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self._build_table()
        self.completer = CommunesCompleter(QStringListModel(self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.commune_edit.setCompleter(self.completer)
        self.commune_edit.installEventFilter(self)
        self.commune_edit.setText(
            ", ".join(
                f"{c.nom} ({c.insee})" if c.nom.strip() else c.insee
                for c in session.dossier.communes
            )
        )

        self.annuaire_button.clicked.connect(lambda: self.choose(ANNUAIRE))
        self.effectifs_button.clicked.connect(lambda: self.choose(EFFECTIFS))
        self.effectifs_remove_button.clicked.connect(self.remove_effectifs)
        self.cancel_button.clicked.connect(self.cancel_reading)
        self.show_button.clicked.connect(self.show_schools)
        self.commune_edit.returnPressed.connect(self.show_schools)  # a completion chosen
        self.tick_all_button.clicked.connect(lambda: self.model.tick_all(True))
        self.untick_all_button.clicked.connect(lambda: self.model.tick_all(False))
        self.import_button.clicked.connect(self.import_schools)
        self.close_button.clicked.connect(self.reject)
        self.import_button.setDefault(True)
        self._show_files()
        self._update_plan()
        self._read_remembered_files()

    def _build_table(self) -> None:
        self.model = ProposalsModel(self)
        self.model.ticksChanged.connect(self._update_plan)
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.installEventFilter(self)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(50)
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((COL_NOM, 300), (COL_COMMUNE, 120)):  # long names are elided
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_NOTES, QHeaderView.ResizeMode.Stretch)

    # --- the files -------------------------------------------------------------------------

    def _read_remembered_files(self) -> None:
        for kind in (ANNUAIRE, EFFECTIFS):
            path = preferences.settings().value(SETTING[kind])
            if path and Path(str(path)).is_file():
                self._queue.append((kind, Path(str(path))))
        self._start_next()

    def choose(self, kind: str) -> None:
        loaded = self.annuaire if kind == ANNUAIRE else self.effectifs
        remembered = preferences.settings().value(SETTING[kind])
        if loaded is not None:
            start = Path(loaded.path).parent
        elif remembered and Path(str(remembered)).parent.is_dir():
            start = Path(str(remembered)).parent
        else:
            start = preferences.folder("last_folder")
        path, _filter = QFileDialog.getOpenFileName(
            self, CHOOSE_TITLE[kind], str(start), FILE_FILTER
        )
        if path:
            self.read(kind, Path(path))

    def read(self, kind: str, path: Path) -> None:
        """Read ``path`` as the annuaire or the effectifs, after the file being read if any."""
        self._queue = [(k, p) for k, p in self._queue if k != kind] + [(kind, path)]
        if self._job is not None and self._job.kind == kind:
            self._job.cancel()  # the next one starts when it stops
        self._start_next()

    def _start_next(self) -> None:
        if self._job is not None or not self._queue:
            self._update_state()
            return
        kind, path = self._queue.pop(0)
        (self.annuaire_edit if kind == ANNUAIRE else self.effectifs_edit).setText(str(path))
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(f"Lecture de {path.name}… %p\u00a0%")
        self._job = start_read_job(
            kind,
            path,
            on_progress=self._on_progress,
            on_finished=self._on_read,
            on_failed=self._on_failed,
            on_cancelled=self._on_cancelled,
        )
        self._update_state()

    def cancel_reading(self) -> None:
        self._queue.clear()
        if self._job is not None:
            self._job.cancel()

    def _on_progress(self, job: ReadJob, fraction: float) -> None:
        if job is self._job:
            self.progress_bar.setValue(round(fraction * 1000))

    def _on_read(self, job: ReadJob, result) -> None:
        if job is not self._job:
            return
        self._job = None
        preferences.settings().setValue(SETTING[job.kind], str(job.path))
        if job.kind == ANNUAIRE:
            self.annuaire, self.index = result
            self.completer.model().setStringList(self.index.labels())
            self._say("")
            self.communes = []  # those of the previous annuaire, if any
            self.model.set_proposals([])
            if self.commune_edit.text().strip():
                self.show_schools()
            else:
                self.commune_edit.setFocus()
        else:
            self.effectifs = result
            self._say("")
            if self.communes:
                self._propose()
        self._after_reading()

    def _on_failed(self, job: ReadJob, message: str) -> None:
        if job is self._job:
            self._job = None
            self._say(message.rstrip(".") + ".", error=True)
            self._after_reading()

    def _on_cancelled(self, job: ReadJob) -> None:
        if job is self._job:
            self._job = None
            if not any(kind == job.kind for kind, _path in self._queue):
                self._say(f"Lecture de {job.path.name} annulée : rien n'a changé.")
            self._after_reading()

    def _after_reading(self) -> None:
        self._show_files()
        self._start_next()
        self._update_plan()

    def remove_effectifs(self) -> None:
        self._queue = [(k, p) for k, p in self._queue if k != EFFECTIFS]
        if self._job is not None and self._job.kind == EFFECTIFS:
            self._job.cancel()
        preferences.settings().remove(SETTING[EFFECTIFS])
        if self.effectifs is not None:
            self.effectifs = None
            if self.communes:
                self._propose()
        self._show_files()
        self._update_state()

    def _show_files(self) -> None:
        """The files in use (a failed or cancelled reading leaves the previous ones)."""
        parts = []
        reading = self._job.kind if self._job is not None else None
        for kind, edit, data in (
            (ANNUAIRE, self.annuaire_edit, self.annuaire),
            (EFFECTIFS, self.effectifs_edit, self.effectifs),
        ):
            if kind != reading:  # the file being read stays shown
                edit.setText(str(data.path) if data is not None else "")
            edit.setToolTip(edit.text())
            edit.setCursorPosition(0)
        if self.annuaire is not None:
            communes = self.completer.model().rowCount()
            parts.append(f"Annuaire lu : {plural(communes, 'commune', space=NBSP)} avec des écoles")
        if self.effectifs is not None:
            year = self.effectifs.latest_year
            parts.append(f"effectifs de la rentrée {year}" if year else "effectifs lus")
        self.files_label.setText(
            " ; ".join(parts) + "." if parts else "Choisissez au moins le fichier de l'annuaire."
        )

    # --- the communes and their schools ------------------------------------------------------

    def show_schools(self) -> None:
        if self.index is None:
            self._say("Choisissez d'abord le fichier « Annuaire de l'éducation ».", error=True)
            return
        try:
            communes = self.index.resolve(self.commune_edit.text())
        except CommuneQueryError as error:
            self._say(str(error), error=True)
            return
        self.communes = communes
        self._say("")
        self._propose()
        if self.model.rowCount():  # ready for the keyboard, without a highlighted row
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, COL_NOM), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def _propose(self) -> None:
        """The table for ``communes``; the user's ticks so far are kept (same UAI)."""
        self.model.set_proposals(propose(self.annuaire, self.communes, self.effectifs))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Names as wide as they need, within reason: the remarks take what is left."""
        header = self.table.horizontalHeader()
        for column, most in ((COL_NOM, 340), (COL_COMMUNE, 170)):
            wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(wanted, most))
        self._update_state()

    def _update_plan(self) -> None:
        """What the ticked schools would change, shown before anything is done."""
        shown = self.model.rowCount()
        self.plan = plan_import(self.session.dossier, self.model.ticked()) if shown else None
        self.changes_edit.setPlainText(self.plan.text() if self.plan else "")
        self.summary_label.setText(self.plan.summary() + "." if self.plan else "")
        ticked = len(self.model.ticked())
        names = ", ".join(c.nom for c in self.communes)
        self.count_label.setText(
            f"{plural(ticked, 'école cochée', 'écoles cochées', space=NBSP)} sur {shown} ({names})"
            if shown
            else ""
        )
        self.count_label.setToolTip(self.count_label.text())
        self._update_state()

    def _update_state(self) -> None:
        reading = self._job is not None
        self.status_stack.setCurrentIndex(1 if reading else 0)
        self.cancel_button.setVisible(reading)
        self.effectifs_remove_button.setEnabled(
            self.effectifs is not None
            or any(k == EFFECTIFS for k, _p in self._queue)
            or (reading and self._job.kind == EFFECTIFS)
        )
        has_index = self.index is not None
        self.commune_edit.setEnabled(has_index)
        self.show_button.setEnabled(has_index)
        eligible = any(p.eligible for p in self.model.proposals)
        self.tick_all_button.setEnabled(eligible)
        self.untick_all_button.setEnabled(eligible)
        self.import_button.setEnabled(
            self.plan is not None
            and self.plan.edit is not None
            and not reading
            and not self.session.read_only
        )

    def _say(self, text: str, error: bool = False) -> None:
        set_state(self.message_label, "error" if error else "")
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # --- importing -------------------------------------------------------------------------

    def import_schools(self) -> None:
        plan = plan_import(self.session.dossier, self.model.ticked())  # the dossier of now
        if plan.edit is None or self.session.read_only:
            return
        if self.session.edit(plan.edit):
            self.accept()
        else:
            self._say("L'import n'a pas pu être enregistré : le dossier est inchangé.", error=True)

    # --- keys and closing --------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if obj is self.commune_edit and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Enter shows the schools; it must not press « Importer », the default button.
                # (Enter in the completer's list reaches the field as returnPressed instead.)
                self.completer.popup().hide()
                self.show_schools()
                return True
            elif (
                obj is self.table
                and key == Qt.Key.Key_Space
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
            ):
                self.model.toggle(self.table.currentIndex().row())
                return True
        return super().eventFilter(obj, event)

    def done(self, result: int) -> None:  # noqa: D401 - Qt override
        self._queue.clear()
        if self._job is not None:  # it stops at its next progress call; its signals are ignored
            self._job.cancel()
            self._job = None
        super().done(result)
