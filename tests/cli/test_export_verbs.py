"""``tableur``, ``deliberation`` and ``depot`` as a user runs them, and ``summary`` with the
FCTVA: figures equal to ``summary --json``, exit 2 with a French message on bad input."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from socle_desktop.resources import example_dossier_path
from tests.cli.test_cli import socle
from tests.export.sheets import resolved, xlsx_sheets


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "exemple.socle"
    assert socle("import-json", example_dossier_path(), path).returncode == 0
    return path


@pytest.fixture
def epci_file(tmp_path):
    data = json.loads(example_dossier_path().read_text(encoding="utf-8"))
    data["porteur"].update(type="epci", nom="CC du Val", siren="243500000")
    data["communes"].append({"insee": "35998", "nom": "Exemple-le-Petit"})
    data["ecoles"][1]["commune"] = "35998"
    data["parametres"] = {"fctva": True}
    source, path = tmp_path / "epci.json", tmp_path / "epci.socle"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert socle("import-json", source, path).returncode == 0
    return path


def test_tableur_totals_equal_summary_json(tmp_path, example_file):
    out = tmp_path / "plan.xlsx"
    run = socle("tableur", example_file, "-o", out)
    assert run.returncode == 0, run.stderr
    assert "Tableur écrit" in run.stderr
    summary = json.loads(socle("summary", example_file, "--json").stdout)
    plan = resolved(xlsx_sheets(out)["Plan de financement"])
    total = next(row for row in plan if row[0] == "Total")
    assert total[1] == Decimal(summary["total"]["depense"])
    assert total[4] == Decimal(summary["total"]["subvention"])
    assert total[5] == Decimal(summary["total"]["reste_a_charge"])
    communes = next(i for i, row in enumerate(plan) if row[0] == "Commune")
    commune = plan[communes + 1]
    assert commune[1] == summary["communes"][0]["insee"]
    assert Decimal(str(commune[5])) == Decimal(summary["communes"][0]["subvention_equipement"])


def test_tableur_ods(tmp_path, example_file):
    out = tmp_path / "plan.ods"
    assert socle("tableur", example_file, "-o", out).returncode == 0
    assert out.read_bytes()[:2] == b"PK" and b"opendocument.spreadsheet" in out.read_bytes()[:100]


def test_deliberation_both_formats(tmp_path, example_file):
    for name in ("d.odt", "d.docx"):
        run = socle("deliberation", example_file, "-o", tmp_path / name)
        assert run.returncode == 0, run.stderr
        assert (tmp_path / name).stat().st_size > 2000


def test_depot_json_on_a_multi_commune_dossier(epci_file):
    run = socle("depot", epci_file, "--json")
    assert run.returncode == 0, run.stderr
    entries = json.loads(run.stdout)
    summary = json.loads(socle("summary", epci_file, "--json").stdout)
    assert all(set(e) == {"rubrique", "champ", "valeur"} for e in entries)
    communes = [
        e["valeur"]
        for e in entries
        if e["rubrique"] == "Communes concernées" and e["champ"].startswith("Commune ")
    ]
    assert communes == ["Saint-Exemple-sur-Vilaine (35999)", "Exemple-le-Petit (35998)"]
    uais = [e["valeur"] for e in entries if e["champ"] == "UAI"]
    assert uais == [s["uai"] for s in summary["ecoles"]]
    asked = next(e["valeur"] for e in entries if e["champ"] == "Subvention de l'État demandée")
    assert asked == summary["total"]["subvention"].replace(".", ",")
    assert entries[0] == {
        "rubrique": "Porteur du projet",
        "champ": "Type de porteur",
        "valeur": "EPCI (intercommunalité)",
    }
    text = socle("depot", epci_file)
    assert text.returncode == 0 and "Pièces à joindre" in text.stdout


def test_summary_with_fctva(epci_file, example_file):
    data = json.loads(socle("summary", epci_file, "--json").stdout)
    assert data["fctva"]["taux"] == "0.16404"
    assert Decimal(data["fctva"]["reste_a_charge_apres_fctva"]) == Decimal(
        data["total"]["reste_a_charge"]
    ) - Decimal(data["fctva"]["montant"])
    assert "fctva" not in json.loads(socle("summary", example_file, "--json").stdout)
    text = socle("summary", epci_file).stdout
    assert "Reste à charge après FCTVA" in text


@pytest.mark.parametrize("verb", ["tableur", "deliberation"])
def test_bad_targets_exit_2_in_french(tmp_path, example_file, verb):
    suffix = ".xlsx" if verb == "tableur" else ".odt"
    for target, words in (
        (tmp_path / "absent" / f"x{suffix}", "n'existe pas"),
        (tmp_path / "x.txt", "extension"),
    ):
        run = socle(verb, example_file, "-o", target)
        assert run.returncode == 2
        assert words in run.stderr and "Traceback" not in run.stderr
        assert not target.exists()


@pytest.mark.parametrize("verb", ["tableur", "deliberation", "depot"])
def test_a_file_that_is_not_a_dossier(tmp_path, verb):
    bad = tmp_path / "faux.socle"
    bad.write_text("pas un dossier", encoding="utf-8")
    args = (
        ["-o", tmp_path / "x.odt"]
        if verb == "deliberation"
        else (["-o", tmp_path / "x.xlsx"] if verb == "tableur" else [])
    )
    run = socle(verb, bad, *args)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "faux.socle" in run.stderr


def test_exports_follow_the_retained_variant_or_the_one_asked(tmp_path, example_file):
    """As the PDF: the retained variant by default (the one filed), another with --variante."""
    made = socle("variante", example_file, "--nouvelle", "Écrans", "--remplacer", "vpi=eni-65")
    assert made.returncode == 0, made.stderr
    retained = json.loads(socle("summary", example_file, "--json").stdout)
    other = json.loads(socle("summary", example_file, "--json", "--variante", "Écrans").stdout)
    assert retained["total"]["depense"] != other["total"]["depense"]
    for args, expected in (((), retained), (("--variante", "Écrans"), other)):
        out = tmp_path / f"plan{len(args)}.xlsx"
        assert socle("tableur", example_file, "-o", out, *args).returncode == 0
        plan = resolved(xlsx_sheets(out)["Plan de financement"])
        total = next(row for row in plan if row[0] == "Total")
        assert total[1] == Decimal(expected["total"]["depense"])
        depot = json.loads(socle("depot", example_file, "--json", *args).stdout)
        spent = next(e["valeur"] for e in depot if e["champ"].startswith("Dépense totale"))
        assert spent == expected["total"]["depense"].replace(".", ",")
    refused = socle("deliberation", example_file, "-o", tmp_path / "d.odt", "--variante", "x")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
