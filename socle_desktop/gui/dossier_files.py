"""Opening, creating and copying dossier files from the main window, told in French."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6 import QtWidgets

from socle_desktop.gui import dialogs, preferences
from socle_desktop.system_errors import SpecialFile, os_reason, printable, read_bytes

if TYPE_CHECKING:
    from socle_desktop.domain.campaign import Campaign
    from socle_desktop.domain.model import Dossier
    from socle_desktop.gui.recent_files import RecentFiles
    from socle_desktop.gui.session import Session
    from socle_desktop.gui.start_screen import StartScreen
    from socle_desktop.store import DossierFile

FOREIGN_READ_ONLY = (
    "Ce fichier contient des éléments que Socle n'y met jamais (un autre "
    "programme l'a modifié) : il est ouvert en lecture seule, rien de ce qu'il "
    "contient ne s'exécute. « Enregistrer sous… » en fait une copie saine."
)
FILE_FILTER = "Dossiers Socle (*.socle)"


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file; never raises (``Path.resolve`` does on a link loop)."""
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


EXAMPLE_PREFIX = "socle-exemple-"


def remove_stale_examples() -> None:
    """The example copies a killed Socle left in the temporary folder; one whose dossier is
    open in another window (its lock held), or made in the last minute, stays."""
    from socle_desktop.store.lock import held_elsewhere

    root = Path(tempfile.gettempdir())
    try:
        folders = [p for p in root.iterdir() if p.name.startswith(EXAMPLE_PREFIX)]
    except OSError:
        return
    for folder in folders:
        try:
            if (
                folder.is_symlink()
                or not folder.is_dir()
                or time.time() - folder.stat().st_mtime < 60
            ):  # being made right now?
                continue
        except OSError:
            continue
        if not any(held_elsewhere(d) for d in folder.glob(f"*{extension()}")):
            shutil.rmtree(folder, ignore_errors=True)


def extension() -> str:
    """« .socle », the store's (imported here: the store is not needed before a file opens)."""
    from socle_desktop.store import EXTENSION

    return EXTENSION


class DossierWindow(Protocol):
    """What the file actions need of the window that owns them."""

    file: DossierFile | None
    session: Session | None
    temporary_dir: str | None
    start_screen: StartScreen
    recent: RecentFiles

    def install(self, file: DossierFile, temporary_dir: str | None = None) -> None: ...
    def show_file_state(self) -> None: ...  # title, banner and actions of the file now open
    def statusBar(self) -> QtWidgets.QStatusBar: ...  # noqa: N802 - Qt's name


class DossierFiles:
    """« Nouveau », « Ouvrir », the example, « Importer un dossier JSON… » and « Enregistrer
    sous… » of the main window, which owns them.

    A file that cannot be opened or written is told in French and what is open stays open;
    an opened file is handed to ``window.install``."""

    def __init__(self, window: DossierWindow):
        self.window = window
        self.parent = cast(QtWidgets.QWidget, window)  # the dialogs' parent

    def open_at_start(self, path: Path | None) -> bool:
        """The dossier named on the command line (None: the example), once the window shows
        « Ouverture de … »: whatever happens (a damaged file, a bug), the start screen offers
        its choices again unless the dossier opened."""
        opened = False
        try:
            if path is None:
                opened = self.open_example()
            elif path.suffix.lower() == ".json":  # the interchange form: imported into a file
                opened = self.import_json(path)
            else:
                opened = self.open_path(path)
        finally:
            if not opened:
                self.window.start_screen.show_choices(bool(self.window.recent.paths()))
        return opened

    def open_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.parent,
            "Ouvrir un dossier",
            str(preferences.folder("last_folder")),
            f"{FILE_FILTER};;Tous les fichiers (*)",
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path, read_only: bool = False, reason: str | None = None) -> bool:
        """Open a dossier file; say in French what went wrong and keep what is open if it fails.

        ``reason``: why it is opened read-only, for the banner, when the user was asked."""
        from socle_desktop.store import DossierFile, DossierInUse, StoreError
        from socle_desktop.store.errors import ForeignSchema

        path = Path(path)
        name = printable(path.name)
        if self.window.file is not None and same_file(path, self.window.file.path):
            self.window.statusBar().showMessage(f"{name} est déjà ouvert ici.", 5000)
            return True
        try:
            file = DossierFile.open(path, read_only=read_only)
        except (DossierInUse, ForeignSchema) as error:
            title = (
                "Dossier déjà ouvert"
                if isinstance(error, DossierInUse)
                else "Dossier modifié par un autre programme"
            )
            answer = dialogs.question(
                self.parent,
                title,
                f"{error}\n\nVoulez-vous l'ouvrir en lecture seule ? Vous pourrez le consulter, "
                "et garder vos modifications dans une copie avec « Enregistrer sous… ».",
                QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
                QtWidgets.QMessageBox.StandardButton.Yes,
            )
            if answer != QtWidgets.QMessageBox.StandardButton.Yes:
                return False
            return self.open_path(
                path,
                read_only=True,
                reason=None if isinstance(error, DossierInUse) else FOREIGN_READ_ONLY,
            )
        except StoreError as error:
            # A file migrated, then refused, was modified: saying otherwise would be a lie.
            tail = "" if error.modified else "\n\nRien n'a été modifié."
            dialogs.warning(
                self.parent,
                "Ouverture impossible",
                f"Le dossier {name} n'a pas pu être ouvert.\n\n{error}{tail}",
            )
            self.window.recent.forget(path)
            return False
        if reason:
            file.read_only_reason = reason
        self.window.install(file)
        self.window.recent.remember(path)
        return True

    def new_dossier(self) -> bool:
        from socle_desktop.domain.campaign import load_campaign
        from socle_desktop.domain.model import Dossier

        path = self._ask_save_path("Nouveau dossier : où l'enregistrer ?", "dossier")
        if path is None:
            return False
        return self._create(path, Dossier(), load_campaign())

    def _create(
        self, path: Path, dossier: Dossier, campaign: Campaign, temporary_dir: str | None = None
    ) -> bool:
        from socle_desktop.store import DossierFile, StoreError

        if self.window.file is not None and same_file(path, self.window.file.path):
            dialogs.warning(
                self.parent,
                "Fichier déjà ouvert",
                f"{printable(path.name)} est le dossier ouvert : choisissez un autre nom.",
            )
            return False
        try:
            # The file dialog has already asked whether to replace an existing file; the store
            # replaces it atomically, unless someone is editing it.
            file = DossierFile.create(path, dossier, campaign)
        except (StoreError, OSError) as error:
            reason = os_reason(error) if isinstance(error, OSError) else str(error)
            dialogs.warning(
                self.parent,
                "Création impossible",
                f"Le dossier {printable(path.name)} n'a pas pu être créé.\n\n{reason}",
            )
            return False
        self.window.install(file, temporary_dir)
        if temporary_dir is None:
            self.window.recent.remember(path)
        return True

    def import_json_dialog(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.parent,
            "Importer un dossier JSON",
            str(preferences.folder("last_folder")),
            "Dossiers JSON (*.json);;Tous les fichiers (*)",
        )
        if path:
            self.import_json(Path(path))

    def import_json(self, source: Path) -> bool:
        """A dossier in the JSON interchange form, read then saved as a new .socle file."""
        from socle_desktop.domain import jsonio
        from socle_desktop.domain.campaign import load_campaign

        source = Path(source)
        name = printable(source.name)
        try:  # a FIFO or a device is refused at once: reading it would freeze the window
            dossier = jsonio.loads(read_bytes(source).decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, SpecialFile) as error:
            reason = (
                os_reason(error)
                if isinstance(error, OSError)
                else "ce n'est pas un fichier texte UTF-8"
                if isinstance(error, UnicodeError)
                else str(error)
            )
            dialogs.warning(
                self.parent,
                "Import impossible",
                f"{name} n'a pas pu être lu : {reason}.\n\nRien n'a été créé.",
            )
            return False
        except jsonio.DossierJsonError as error:
            dialogs.warning(
                self.parent,
                "Import impossible",
                f"{name} n'est pas un dossier valide.\n\n{error}\n\nRien n'a été créé.",
            )
            return False
        path = self._ask_save_path(
            f"Importer {name} : où enregistrer le dossier ?", printable(source.stem)
        )
        if path is None:
            return False
        return self._create(path, dossier, load_campaign(dossier.campagne))

    def open_example(self) -> bool:
        """The bundled example, imported into a temporary copy (the bundled file stays intact)."""
        from socle_desktop.domain import jsonio
        from socle_desktop.domain.campaign import load_campaign
        from socle_desktop.resources import example_dossier_path

        dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
        remove_stale_examples()
        folder = tempfile.mkdtemp(prefix=EXAMPLE_PREFIX)
        path = Path(folder) / f"saint-exemple{extension()}"
        if not self._create(path, dossier, load_campaign(dossier.campagne), folder):
            shutil.rmtree(folder, ignore_errors=True)
            return False
        return True

    def save_as(self) -> bool:
        if self.window.file is None:
            return False
        path = self._ask_save_path("Enregistrer le dossier sous…", Path(self.window.file.path).stem)
        if path is None:
            return False
        from socle_desktop.store import StoreError

        try:
            new_file = self.window.file.save_as(path)
        except StoreError as error:
            dialogs.warning(
                self.parent,
                "Enregistrement impossible",
                f"Le dossier n'a pas pu être enregistré dans {path.name}.\n\n"
                f"{error}\n\nLe dossier ouvert n'a pas changé.",
            )
            return False
        old, temporary, session = self.window.file, self.window.temporary_dir, self.window.session
        if session is not None and new_file.dossier is session.dossier:  # keep the undo history
            session.file = new_file
            self.window.file = new_file
            if old is not new_file:
                old.close()
            if temporary:
                shutil.rmtree(temporary, ignore_errors=True)
            self.window.temporary_dir = None
            self.window.show_file_state()
        else:
            self.window.install(new_file)
        self.window.recent.remember(path)
        self.window.statusBar().showMessage(f"Dossier enregistré sous {path}", 8000)
        return True

    def _ask_save_path(self, title: str, stem: str) -> Path | None:
        folder = preferences.folder("last_folder")
        chosen, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.parent, title, str(folder / f"{stem}{extension()}"), FILE_FILTER
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != extension():
            path = path.with_name(path.name + extension())
        return path
