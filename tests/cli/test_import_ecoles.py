"""``socle-desktop import-ecoles``: a commune's schools from the real open data into a real
dossier file, and every bad input told in French with nothing written."""

from __future__ import annotations

import json

from socle_desktop.store import read_dossier
from tests.cli.test_cli import socle


def import_ecoles(target, annuaire, *args):
    return socle("import-ecoles", target, "--annuaire", annuaire, *args)


def test_rennes_and_cardroc_into_a_new_dossier_file(tmp_path, annuaire_35, effectifs_35):
    target = tmp_path / "epci.socle"
    run = import_ecoles(
        target,
        annuaire_35,
        "--effectifs",
        effectifs_35,
        "--commune",
        "Rennes",
        "--commune",
        "CARDROC",
    )
    assert run.returncode == 0, run.stderr
    assert "Dossier créé" in run.stderr
    assert "Rennes (35238) : 97 écoles dans l'annuaire" in run.stdout
    assert "[x] 0350594F  École élémentaire publique Champion de Cicé" in run.stdout
    assert "[ ] 0350643J  École maternelle publique Champion de Cicé" in run.stdout
    assert (
        "[-] 0352908W  École primaire privée Holiskol — primaire, privé hors contrat" in run.stdout
    )
    assert "Effectifs de la rentrée 2022." in run.stdout
    dossier, _campaign = read_dossier(target)
    assert [c.insee for c in dossier.communes] == ["35238", "35050"]
    cardroc = next(s for s in dossier.ecoles if s.uai == "0350165P")
    assert (cardroc.commune, cardroc.eleves, len(cardroc.classes)) == ("35050", 71, 3)
    champion = next(s for s in dossier.ecoles if s.uai == "0350594F")
    assert champion.cycle_2_3_classes == 11
    assert not any(s.uai == "0350643J" for s in dossier.ecoles)  # a maternelle: not ticked

    # A second run updates, never duplicates.
    again = import_ecoles(target, annuaire_35, "--effectifs", effectifs_35, "--commune", "35050")
    assert again.returncode == 0, again.stderr
    assert "Résumé : 1 déjà à jour" in again.stdout
    assert "Rien à changer" in again.stderr
    dossier, _ = read_dossier(target)
    assert sum(1 for s in dossier.ecoles if s.uai == "0350165P") == 1


def test_chosen_schools_and_a_simulation_that_writes_nothing(tmp_path, annuaire_35):
    target = tmp_path / "acigne.socle"
    dry = import_ecoles(target, annuaire_35, "--commune", "acigne", "--simulation")
    assert dry.returncode == 0, dry.stderr
    assert "Simulation : rien n'a été écrit." in dry.stderr and not target.exists()
    run = import_ecoles(target, annuaire_35, "--commune", "Acigné", "--uai", "0351981n")
    assert run.returncode == 0, run.stderr
    dossier, _ = read_dossier(target)
    assert [s.uai for s in dossier.ecoles] == ["0351981N"]  # a maternelle, asked by its UAI
    exported = json.loads(socle("export-json", target).stdout)
    assert exported["ecoles"][0]["commune"] == "35001"


def test_bad_inputs_exit_2_in_french_and_write_nothing(tmp_path, annuaire_35, effectifs_35):
    target = tmp_path / "d.socle"
    cases = [
        (
            ["--commune", "Renes"],
            "Aucune commune « Renes » dans l'annuaire choisi. Vouliez-vous dire : Rennes (35238) ?",
        ),
        (
            ["--commune", "Rennes", "--uai", "0000000A"],
            "l'UAI 0000000A n'est pas une école des communes choisies",
        ),
        (
            ["--commune", "Rennes", "--effectifs", tmp_path / "absent.csv"],
            "absent.csv : fichier introuvable",
        ),
    ]
    for args, words in cases:
        run = import_ecoles(target, annuaire_35, *args)
        assert run.returncode == 2 and words in run.stderr, run.stderr
        assert run.stderr.startswith("Erreur : ")
    swapped = import_ecoles(target, effectifs_35, "--commune", "Rennes")
    assert swapped.returncode == 2
    assert "celui des effectifs par école, pas l'annuaire" in swapped.stderr
    assert not target.exists()


def test_a_dossier_that_is_not_a_dossier_file_is_left_alone(tmp_path, annuaire_35):
    target = tmp_path / "notes.socle"
    target.write_text("des notes, pas un dossier", encoding="utf-8")
    run = import_ecoles(target, annuaire_35, "--commune", "Cardroc")
    assert run.returncode == 2 and "notes.socle" in run.stderr
    assert target.read_text(encoding="utf-8") == "des notes, pas un dossier"


def test_a_dossier_open_in_a_window_is_not_written_behind_its_back(
    tmp_path, annuaire_35, example_dossier, campaign
):
    from socle_desktop.store import DossierFile

    target = tmp_path / "ouvert.socle"
    with DossierFile.create(target, example_dossier, campaign):  # as the window holds it
        run = import_ecoles(target, annuaire_35, "--commune", "Cardroc")
    assert run.returncode == 2
    assert "déjà ouvert par une autre instance de Socle" in run.stderr
    dossier, _ = read_dossier(target)
    assert "0350165P" not in [s.uai for s in dossier.ecoles]
