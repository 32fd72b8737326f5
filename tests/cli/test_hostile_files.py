"""The command line on planted and special files: exit 2, a French message, no traceback, and
every file as it was."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from socle_desktop.opendata.samples import ANNUAIRE_COLUMNS, annuaire_row, write_csv
from socle_desktop.resources import example_dossier_path
from tests.cli.test_cli import socle
from tests.store.planted import execute, folder_state, interrupted_write

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and FIFOs")


def refused(run, *words: str) -> str:
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and run.stderr.startswith("Erreur : ")
    for word in words:
        assert word in run.stderr, run.stderr
    return run.stderr


@pytest.fixture
def dossier(tmp_path):
    path = tmp_path / "d.socle"
    assert socle("import-json", example_dossier_path(), path).returncode == 0
    return path


@pytest.fixture
def annuaire(tmp_path):
    return write_csv(
        tmp_path / "annuaire.csv",
        [annuaire_row("0350165P", "Ecole élémentaire publique de Cardroc", "35050", "Cardroc")],
        ANNUAIRE_COLUMNS,
    )


@POSIX_ONLY
def test_a_planted_lock_link_stops_every_write(dossier, annuaire, tmp_path):
    victim = tmp_path / "precieux.txt"
    victim.write_text("à garder\n", encoding="utf-8")
    (tmp_path / "d.socle.lock").symlink_to(victim.name)
    before = folder_state(tmp_path)
    refused(
        socle("import-ecoles", dossier, "--annuaire", annuaire, "--commune", "Cardroc"),
        "« d.socle.lock » est un lien symbolique",
        "supprimez",
    )
    refused(
        socle("import-json", example_dossier_path(), dossier, "--remplacer"),
        "ni modifié ni remplacé",
    )
    assert folder_state(tmp_path) == before
    assert socle("summary", dossier).returncode == 0  # reading needs no lock


def test_a_planted_trigger_stops_the_edit_and_never_runs(dossier, annuaire, tmp_path):
    execute(dossier, "CREATE TRIGGER t AFTER INSERT ON ecoles BEGIN DELETE FROM ecoles; END")
    before = folder_state(tmp_path)
    refused(
        socle("import-ecoles", dossier, "--annuaire", annuaire, "--commune", "Cardroc"),
        "le déclencheur « t »",
        "export-json",
    )
    assert folder_state(tmp_path) == before
    summary = socle("summary", dossier)
    assert summary.returncode == 0 and "Total" in summary.stdout


@POSIX_ONLY
@pytest.mark.parametrize(
    "kind, said", [("fifo", "tube nommé"), ("folder", "répertoire"), ("loop", "boucle")]
)
def test_special_files_are_refused_by_every_verb(tmp_path, annuaire, kind, said):
    path = tmp_path / "x.socle"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to(path)
    before = folder_state(tmp_path)
    for verb in (
        ("summary", path),
        ("export-json", path),
        ("pdf", path, "-o", tmp_path / "x.pdf"),
        ("import-ecoles", path, "--annuaire", annuaire, "--commune", "Cardroc"),
        ("import-json", path, tmp_path / "y.socle"),
        ("import-ecoles", tmp_path / "z.socle", "--annuaire", path, "--commune", "X"),
    ):
        refused(socle(*verb), said)  # the FIFO at once: socle() times out after 60 s
    if kind != "loop":  # replacing a link that loops with the new dossier is what was asked
        refused(socle("import-json", example_dossier_path(), path, "--remplacer"), said)
    assert folder_state(tmp_path) == before


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names are bytes on Linux only")
def test_a_latin_1_file_name_works_with_every_verb(tmp_path, annuaire):
    name = os.fsdecode(b"Mairie d'\xc9t\xe9.socle")  # written by an old Windows, on a USB key
    path = tmp_path / name
    assert socle("import-json", example_dossier_path(), path).returncode == 0
    for verb in (
        ("summary", path),
        ("export-json", path),
        ("pdf", path, "-o", tmp_path / os.fsdecode(b"r\xe9sum\xe9.pdf")),
        ("import-ecoles", path, "--annuaire", annuaire, "--commune", "Cardroc"),
    ):
        run = socle(*verb)
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr
    assert "Mairie d'Été.socle" in run.stderr  # told with its name readable
    assert sorted(os.listdir(os.fsencode(tmp_path))) == [
        b"Mairie d'\xc9t\xe9.socle",
        b"annuaire.csv",
        b"r\xe9sum\xe9.pdf",
    ]


@POSIX_ONLY
def test_a_foreign_journal_is_named(dossier, tmp_path):
    other = tmp_path / "autre" / "comptes.db"
    other.parent.mkdir()
    execute(
        other,
        "CREATE TABLE t (x)",
        *[f"INSERT INTO t VALUES (hex(randomblob(60)) || '{i}')" for i in range(1500)],
    )
    shutil.move(interrupted_write(other, "UPDATE t SET x = x || x"), tmp_path / "d.socle-journal")
    before = folder_state(tmp_path)
    for verb in ("summary", "export-json"):
        refused(socle(verb, dossier), "le journal « d.socle-journal »", "déplacez")
    assert folder_state(tmp_path) == before


def test_broken_or_converted_open_data_is_refused_with_nothing_written(tmp_path, annuaire):
    target = tmp_path / "nouveau.socle"
    text = annuaire.read_text(encoding="utf-8-sig")
    header, row = text.splitlines()[:2]
    unbalanced = tmp_path / "guillemet.csv"
    unbalanced.write_text(
        "\n".join([header, row.replace(";Ecole", ';"Ecole', 1)] + [row] * 3), encoding="utf-8"
    )
    converted = tmp_path / "converti.csv"
    converted.write_text(text.replace('"', "").replace(";", ","), encoding="utf-8")
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes(text.replace(";", "\t").encode("utf-16"))
    before = folder_state(tmp_path)
    refused(
        socle("import-ecoles", target, "--annuaire", unbalanced, "--commune", "Cardroc"),
        "guillemet.csv : ligne 2 : un guillemet ouvre un champ",
    )
    refused(
        socle("import-ecoles", target, "--annuaire", converted, "--commune", "Cardroc"),
        "n'a pas les 69 colonnes",
    )
    assert folder_state(tmp_path) == before
    run = socle("import-ecoles", target, "--annuaire", utf16, "--commune", "Cardroc")
    assert run.returncode == 0 and "[x] 0350165P" in run.stdout


def test_a_school_with_absurd_pupils_is_never_imported(tmp_path):
    rows = [
        annuaire_row("0350165P", "Ecole de Cardroc", "35050", "Cardroc", eleves="99999999"),
        annuaire_row("0350166R", "Ecole du Bourg", "35050", "Cardroc"),
    ]
    annuaire = write_csv(tmp_path / "annuaire.csv", rows, ANNUAIRE_COLUMNS)
    target = tmp_path / "d.socle"
    refused(
        socle(
            "import-ecoles",
            target,
            "--annuaire",
            annuaire,
            "--commune",
            "Cardroc",
            "--uai",
            "0350165P",
        ),
        "nombre d'élèves absurde",
    )
    assert not target.exists()
    run = socle("import-ecoles", target, "--annuaire", annuaire, "--commune", "Cardroc")
    assert run.returncode == 0, run.stderr
    assert "[-] 0350165P" in run.stdout and "[x] 0350166R" in run.stdout
