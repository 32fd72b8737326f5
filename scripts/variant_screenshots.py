"""PNG captures of the variants at 1366×768, for checking by eye (never written to docs/): the
window with its variant bar (a variant shown that is not the retained one), « Comparer les
variantes » with its detail per school, « Remplacer un article partout… », and the PDF's page
« Comparaison des variantes » (pdftoppm). Also with a variant of 80 characters and hostile
names, as a user could type them.

`python scripts/variant_screenshots.py [FOLDER]` (default /tmp/socle-variantes), offscreen or
under Xvfb.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

SIZE = (1366, 768)


def _settle(app, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget, folder: Path, name: str, app) -> Path:
    _settle(app)
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Impossible d'écrire {path}")
    print(f"  {path}")
    return path


def _dossier_file(folder: Path, long_names: bool) -> Path:
    """The example with « Écrans interactifs » (VPI replaced by 65" screens) and « Tablettes
    pour tous » (twice the tablets), or with a long and a hostile name."""
    from socle_desktop.domain import edits, jsonio, line_tools, variants
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.domain.edit_checks import apply_checked
    from socle_desktop.resources import example_dossier_path
    from socle_desktop.store import create_dossier_file

    dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    names = (
        [
            "Écrans interactifs dans toutes les classes, tablettes et " + "x" * 23,
            "<b>ENI</b> & « tablettes » 😀",
        ]
        if long_names
        else ["Écrans interactifs", "Tablettes pour tous"]
    )
    for name in names:
        created = variants.create(dossier, name)
        apply_checked(dossier, created)
        variants.switch(dossier, created.variante.id)
        if name == names[0]:
            apply_checked(dossier, line_tools.replace_article(dossier, "vpi", "eni-65", False).edit)
        else:
            for school in dossier.ecoles:
                for line in school.lignes:
                    if line.article == "tablette":
                        apply_checked(
                            dossier, edits.SetField("ligne", line.id, "quantite", line.quantite * 2)
                        )
    variants.switch(dossier, dossier.retenue)
    path = folder / ("longs.socle" if long_names else "variantes.socle")
    create_dossier_file(path, dossier, load_campaign(dossier.campagne), replace=True)
    return path


def capture(folder: Path, long_names: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from socle_desktop.gui.app import setup_application
    from socle_desktop.gui.main_window import MainWindow
    from socle_desktop.gui.wizard import PageId
    from socle_desktop.report import build_pdf

    app = QApplication.instance() or QApplication(["socle"])
    setup_application(app)
    suffix = "-longs" if long_names else ""
    work = Path(tempfile.mkdtemp(prefix="socle-variantes-"))
    path = _dossier_file(work, long_names)
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    assert window.open_path(path)
    window.wizard.go_to(int(PageId.CLASSES))
    window.variant_actions.go_to(1)
    _save(window, folder, f"variantes-selecteur{suffix}", app)
    window.wizard.go_to(int(PageId.RECAPITULATIF))
    _save(window, folder, f"variantes-recapitulatif{suffix}", app)
    window.variant_actions.compare()
    dialog = window.variant_actions.compare_dialog
    dialog.schools_check.setChecked(True)
    dialog.figures_table.setCurrentCell(0, 1)
    _save(dialog, folder, f"variantes-comparaison{suffix}", app)
    dialog.reject()
    window.variant_actions.replace_article()
    replace = window.variant_actions.replace_dialog
    _save(replace, folder, f"variantes-remplacer{suffix}", app)
    replace.reject()
    pdf = folder / f"variantes{suffix}.pdf"
    pdf.write_bytes(build_pdf(window.session.dossier, window.session.campaign, comparison=True))
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf),
                str(folder / f"variantes-pdf{suffix}"),
            ],
            check=True,
        )
        print(f"  {folder}/variantes-pdf{suffix}-*.png")
    window.close()
    shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    folder = Path((argv or sys.argv[1:] or ["/tmp/socle-variantes"])[0])
    folder.mkdir(parents=True, exist_ok=True)
    capture(folder, long_names=False)
    capture(folder, long_names=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
