"""PNG captures of the application at 1366×768 into docs/screenshots/ (`make screenshots`).

The example dossier is opened in the main window (a temporary copy), then each wizard page, the
catalogue dialog, the start screen, the print dialog and preview, the fiche de dépôt and the
FCTVA estimate are captured, and the open-data import dialog on Rennes when the real extracts
are found (SOCLE_SHARED_DATA, or ../shared/data). Runs
under Xvfb (`xvfb-run -a -s "-screen 0 1366x768x24"`) or offscreen (QT_QPA_PLATFORM=offscreen),
without touching the user's settings.

`--stress [FOLDER]` captures the same screens on a large dossier with 200-character and hostile
names (60 schools, 300 classes), for checking by eye; those PNG go to FOLDER (default
/tmp/socle-stress), never to docs/.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

SIZE = (1366, 768)
PAGE_FILES = (
    "1-porteur",
    "2-ecoles",
    "3-classes",
    "4-equipement-ecole",
    "5-services",
    "6-recapitulatif",
)


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget, folder: Path, name: str, app) -> Path:
    _settle(app)
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Impossible d'écrire {path}")
    print(f"  {path}")
    return path


def _capture_import(window, folder: Path, app) -> None:
    """The import dialog after choosing both files and typing « Rennes »."""
    import time

    from socle_desktop.opendata.samples import REAL_ANNUAIRE, REAL_EFFECTIFS, real_extracts_folder

    data = real_extracts_folder(ROOT)
    if data is None:
        print("  (données ouvertes absentes : capture de l'import sautée)")
        return
    page = window.wizard.page_ecoles
    page.open_import()
    dialog = page.import_dialog
    dialog.read("annuaire", data / REAL_ANNUAIRE)
    dialog.read("effectifs", data / REAL_EFFECTIFS)
    deadline = time.monotonic() + 30
    while (dialog._job is not None or dialog._queue) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    dialog.commune_edit.setText("Rennes")
    dialog.show_schools()
    _save(dialog, folder, "9-import-ecoles", app)
    dialog.close()


def _wait(app, condition, seconds: float = 30) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return condition()


def _capture_filing(window, folder: Path, app) -> None:
    """The print dialog, the print preview, the fiche de dépôt and the FCTVA estimate."""
    window.print_dossier()
    if not _wait(app, lambda: bool(window.pdf.print_flows) and window.pdf.print_flows[0].dialog):
        raise SystemExit("Le dialogue d'impression ne s'est pas ouvert")
    flow = window.pdf.print_flows[0]
    _save(flow.dialog, folder, "10-impression", app)
    flow.dialog.reject()
    window.preview_dossier()
    if not _wait(
        app,
        lambda: (
            bool(window.pdf.print_flows) and window.pdf.print_flows[0].preview_dialog is not None
        ),
    ):
        raise SystemExit("L'aperçu avant impression ne s'est pas ouvert")
    preview = window.pdf.print_flows[0].preview_dialog
    _save(preview, folder, "11-apercu", app)
    preview.reject()
    window.show_depot()
    _save(window.exports.depot_dialog, folder, "12-depot", app)
    window.exports.depot_dialog.close()
    window.menus.fctva_action.trigger()
    window.panel.explain("fctva")
    _save(window, folder, "13-fctva", app)
    window.menus.undo_action.trigger()  # the example's copy is temporary, but leave it as it was


def _stress_file(folder: Path) -> Path:
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.domain.samples import HOSTILE_NAMES, large_dossier
    from socle_desktop.store import DossierFile

    dossier = large_dossier(school_name="École élémentaire publique {n} " + "du Val " * 26)
    for school, name in zip(dossier.ecoles, HOSTILE_NAMES, strict=False):
        school.nom = name
    dossier.porteur.nom = "Communauté de communes " + "du Pays de la Vilaine " * 8
    dossier.communes[0].nom = "Saint-" + "Exemple-" * 24
    path = folder / "stress.socle"
    DossierFile.create(path, dossier, load_campaign()).close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stress", nargs="?", const="/tmp/socle-stress", metavar="DOSSIER")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    settings_dir = tempfile.mkdtemp(prefix="socle-captures-")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from socle_desktop.gui.app import setup_application

    setup_application(app)
    from socle_desktop.gui.main_window import MainWindow
    from socle_desktop.gui.wizard import PageId

    folder = Path(args.stress) if args.stress else ROOT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"Captures ({SIZE[0]}×{SIZE[1]}) dans {folder} :")
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    _save(window, folder, "0-accueil", app)
    if args.stress:
        if not window.open_path(_stress_file(Path(tempfile.mkdtemp(prefix="socle-stress-")))):
            raise SystemExit("Le dossier de test n'a pas pu être ouvert")
    elif not window.open_example():
        raise SystemExit("L'exemple n'a pas pu être ouvert")
    window.resize(*SIZE)
    for page_id, name in zip(PageId, PAGE_FILES, strict=True):
        if not window.wizard.go_to(int(page_id)):
            raise SystemExit(f"Étape {name} inaccessible : {window.wizard_view.missing_text()}")
        _save(window, folder, name, app)
    window.wizard.go_to(int(PageId.ECOLES))
    window.panel.explain("equipment")
    _save(window, folder, "8-explication-subvention", app)
    window.panel.explain(None)
    window.show_catalogue()
    dialog = window.catalogue_dialog
    dialog.search_edit.setText("écran")
    _save(dialog, folder, "7-catalogue", app)
    dialog.close()
    window.wizard.go_to(int(PageId.ECOLES))
    _capture_import(window, folder, app)
    window.wizard.go_to(int(PageId.RECAPITULATIF))
    _capture_filing(window, folder, app)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
