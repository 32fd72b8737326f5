"""Damaged cells (issue 13.3): each refused in French, naming the table, the row and the column,
exit 2 on the command line, the same message in the window, which stays usable."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from socle_desktop.cli import run
from socle_desktop.store import read_dossier
from tests.store.planted import folder_state

FIRST_LINE = "(SELECT min(rowid) FROM lignes)"
DAMAGES = {  # what is written in the file, and what the message must name
    "prix NaN": (
        f"UPDATE lignes SET prix_unitaire = 'NaN' WHERE rowid = {FIRST_LINE}",
        "« lignes », ligne n° 1",
        "prix_unitaire",
        "montant invalide « NaN »",
    ),
    "prix 1e999999": (
        f"UPDATE lignes SET prix_unitaire = '1e999999' WHERE rowid = {FIRST_LINE}",
        "« lignes », ligne n° 1",
        "prix_unitaire",
        "« 1e999999 »",
    ),
    "quantité beaucoup": (
        "UPDATE lignes SET quantite = 'beaucoup' WHERE rowid = 3",
        "« lignes », ligne n° 3",
        "quantite",
        "trouvé le texte « beaucoup »",
    ),
    "quantité à virgule": (
        "UPDATE lignes SET quantite = 1.5 WHERE rowid = 3",
        "« lignes », ligne n° 3",
        "quantite",
        "nombre à virgule 1.5",
    ),
    "nom en blob": (
        "UPDATE ecoles SET nom = X'00FF41' WHERE rowid = 2",
        "« ecoles », ligne n° 2",
        "nom",
        "des données binaires",
    ),
    "nom pas en UTF-8": (
        "UPDATE ecoles SET nom = CAST(X'C3FF41' AS TEXT) WHERE rowid = 1",
        "« ecoles », ligne n° 1",
        "nom",
        "pas en UTF-8",
    ),
    "règles pas en UTF-8": (
        "UPDATE campagne SET regles_toml = CAST(X'FFFE' AS TEXT)",
        "« campagne », ligne n° 1",
        "regles_toml",
        "pas en UTF-8",
    ),
    "élèves absurdes": (
        "UPDATE ecoles SET eleves = 125000015 WHERE rowid = 1",
        "« ecoles », ligne n° 1",
        "eleves",
        "ne peut pas dépasser 5\u202f000",
    ),
    "UAI en double": (
        "UPDATE ecoles SET uai = (SELECT uai FROM ecoles WHERE rowid = 1)",
        "« ecoles », ligne n° 2",
        "uai",
        "déjà dans le dossier",
    ),
    "commune absente": (
        "UPDATE ecoles SET commune = '99999' WHERE rowid = 1",
        "« ecoles », ligne n° 1",
        "commune",
        "pas dans la liste",
    ),
    "niveau inconnu": (
        "UPDATE classes SET niveaux = 'CP 6e' WHERE rowid = 1",
        "« classes », ligne n° 1",
        "niveaux",
        "niveau « 6e » inconnu",
    ),
    "texte avec NUL": (
        "UPDATE porteur SET nom = 'Mairie' || char(0)",
        "« porteur », ligne n° 1",
        "nom",
        "U+0000",
    ),
    "taux illisible": (
        "UPDATE parametres SET taux_tva = 'vingt'",
        "« parametres », ligne n° 1",
        "taux_tva",
        "« vingt »",
    ),
    "état inconnu": (
        "UPDATE existant SET etat = 'neuf' WHERE rowid = 1",
        "« existant », ligne n° 1",
        "etat",
        "« neuf » inconnu",
    ),
    "ligne sans classe": (
        "UPDATE lignes SET classe_id = 'fantome' WHERE rowid = 1",
        "« lignes », ligne n° 1",
        "classe_id",
        "n'existe pas",
    ),
}


def damaged(dossier_path, tmp_path, sql: str):
    path = tmp_path / "recu" / "dossier.socle"
    path.parent.mkdir()
    shutil.copyfile(dossier_path, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql)
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("case", DAMAGES)
def test_the_command_line_names_the_damaged_cell(dossier_path, tmp_path, capsys, case):
    sql, row, column, words = DAMAGES[case]
    path = damaged(dossier_path, tmp_path, sql)
    before = folder_state(path.parent)
    for verb in (
        ["export-json", str(path)],
        ["summary", str(path)],
        ["pdf", str(path), "-o", str(tmp_path / "sortie.pdf")],
    ):
        assert run(verb) == 2
        err = capsys.readouterr().err
        assert "contenu endommagé" in err and row in err, err
        assert f"colonne « {column} »" in err and words in err, err
        assert "Traceback" not in err and "Error" not in err
    assert not (tmp_path / "sortie.pdf").exists()
    assert folder_state(path.parent) == before  # reading wrote nothing, beside it neither


def test_a_real_number_in_a_price_column_is_read_as_its_text(dossier_path, tmp_path):
    path = damaged(
        dossier_path, tmp_path, f"UPDATE lignes SET prix_unitaire = 12.5 WHERE rowid = {FIRST_LINE}"
    )
    dossier, _campaign = read_dossier(path)  # TEXT affinity stored « 12.5 »: a valid amount
    assert any(
        str(line.prix_unitaire) == "12.5" for s in dossier.ecoles for line in s.equipment_lines()
    )


@pytest.mark.parametrize("case", ["prix NaN", "nom en blob", "règles pas en UTF-8"])
def test_the_window_says_the_same_and_stays_usable(
    qtbot, monkeypatch, dossier_path, tmp_path, case
):
    from PySide6.QtWidgets import QApplication

    from socle_desktop.gui.main_window import MainWindow
    from tests.gui.windows import record_message_boxes, show_active

    sql, row, column, words = DAMAGES[case]
    path = damaged(dossier_path, tmp_path, sql)
    calls = record_message_boxes(monkeypatch)
    window = MainWindow()
    qtbot.addWidget(window)
    show_active(qtbot, window)
    window.start_screen.show_opening(path.name)  # as « socle-desktop dossier.socle » does
    assert not window.open_at_start(path)
    kind, _title, text = calls[-1]
    assert kind == "warning" and row in text and f"colonne « {column} »" in text and words in text
    QApplication.processEvents()
    screen = window.start_screen
    assert screen.opening_label.isHidden()  # no longer « Ouverture de … » for ever
    assert screen.new_button.isVisible() and screen.open_button.isVisible()
    assert window.open_example()  # and the window goes on working
