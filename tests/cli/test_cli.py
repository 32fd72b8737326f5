"""The command line through ``python -m socle_desktop``, as a user or a script runs it."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from socle_desktop.domain.samples import valid_uai
from socle_desktop.resources import example_dossier_path

ROOT = Path(__file__).resolve().parents[2]


def socle(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "socle_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=60,
    )


# --- building the dossiers of snee-2021.md §5.5 -------------------------------------------------

_uai_counter = iter(range(3_510_000, 3_600_000))


def school(
    commune: str, classes: int, amount: str, pupils: int = 0, services: str | None = None
) -> dict:
    data = {
        "nom": f"École {commune}-{classes}",
        "uai": valid_uai(next(_uai_counter)),
        "commune": commune,
        "secteur": "public",
        "eleves": pupils,
        "classes": [
            {"nom": f"Classe {i + 1}", "niveaux": ["CM1"], "eleves": 0} for i in range(classes)
        ],
        "lignes": [
            {
                "article": "borne-wifi",
                "libelle": "Équipement",
                "quantite": 1,
                "prix_unitaire": amount,
            }
        ],
    }
    if services:
        data["services"] = [
            {"article": "ent", "libelle": "ENT", "quantite": 1, "prix_unitaire": services}
        ]
    return data


def dossier(schools_by_commune: dict[str, list[dict]], porteur: str = "commune") -> dict:
    return {
        "format": "socle-dossier",
        "version": 1,
        "campagne": "snee-2021",
        "porteur": {"type": porteur, "nom": "Porteur d'essai", "siren": "213500000"},
        "communes": [{"insee": code, "nom": f"Commune {code}"} for code in schools_by_commune],
        "ecoles": [s for schools in schools_by_commune.values() for s in schools],
    }


WORKED_EXAMPLES = {
    "minimum": (dossier({"35001": [school("35001", 1, "3500.00")]}), "2450.00", "0.00"),
    "below minimum": (dossier({"35001": [school("35001", 1, "3499.00")]}), "0.00", "0.00"),
    "class cap": (dossier({"35001": [school("35001", 1, "5000.00")]}), "2450.00", "0.00"),
    "small school": (
        dossier({"35001": [school("35001", 4, "10000.00", 100, "2400.00")]}),
        "7000.00",
        "1000.00",
    ),
    "two schools": (
        dossier({"35001": [school("35001", 3, "20000.00"), school("35001", 5, "10000.00")]}),
        "14350.00",
        "0.00",
    ),
    "first band": (dossier({"35001": [school("35001", 60, "200000.00")]}), "140000.00", "0.00"),
    "both bands": (dossier({"35001": [school("35001", 100, "300000.00")]}), "190000.00", "0.00"),
    "ceiling": (dossier({"35001": [school("35001", 400, "1200000.00")]}), "540000.00", "0.00"),
    "cap binds": (
        dossier({"35001": [school("35001", 31, "217500.00"), school("35001", 31, "217500.00")]}),
        "148500.00",
        "0.00",
    ),
    "EPCI": (
        dossier(
            {
                "35001": [school("35001", 60, "200000.00")],
                "35002": [school("35002", 60, "200000.00")],
            },
            "epci",
        ),
        "280000.00",
        "0.00",
    ),
    "services, excluded school": (
        dossier(
            {
                "35001": [
                    school("35001", 4, "10000.00", 100, "4000.00"),
                    school("35001", 1, "2000.00", 60),
                ]
            }
        ),
        "7000.00",
        "1000.00",
    ),
    "cap pooled per commune": (
        dict(
            dossier(
                {
                    "35001": [school("35001", 3, "20000.00"), school("35001", 5, "10000.00")],
                    "35002": [school("35002", 2, "7000.00")],
                },
                "epci",
            ),
            parametres={"plafond_par_classe": "projet"},
        ),
        "24500.00",
        "0.00",
    ),
    "rounding per commune": (
        dossier(
            {"35001": [school("35001", 2, "3500.01")], "35002": [school("35002", 2, "3500.01")]},
            "epci",
        ),
        "4900.02",
        "0.00",
    ),
    "VAT per article": (
        dict(
            dossier(
                {
                    "35001": [
                        dict(
                            school("35001", 4, "8333.33", 300),
                            services=[
                                {
                                    "article": "ent",
                                    "libelle": "ENT",
                                    "quantite": 1,
                                    "prix_unitaire": "1000.00",
                                },
                                {
                                    "article": "manuels-numeriques",
                                    "libelle": "Manuels numériques",
                                    "quantite": 1,
                                    "prix_unitaire": "1000.00",
                                },
                            ],
                        )
                    ]
                }
            ),
            parametres={"prix_saisis": "HT"},
        ),
        "7000.00",
        "1127.50",
    ),
}


@pytest.mark.parametrize("case", WORKED_EXAMPLES)
def test_worked_examples_through_the_dossier_file(tmp_path, case):
    data, equipment, services = WORKED_EXAMPLES[case]
    source, target = tmp_path / "entree.json", tmp_path / "dossier.socle"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = socle("import-json", source, target)
    assert imported.returncode == 0, imported.stderr
    assert target.exists()
    summary = socle("summary", target, "--json")
    assert summary.returncode == 0, summary.stderr
    result = json.loads(summary.stdout)
    assert result["equipement"]["subvention"] == equipment
    assert result["services"]["subvention"] == services
    if case == "below minimum":
        assert result["ecoles"][0]["exclue"] is True
    if case == "EPCI":
        assert [c["subvention_equipement"] for c in result["communes"]] == ["140000.00"] * 2
    if case == "rounding per commune":
        assert [c["subvention_equipement"] for c in result["communes"]] == ["2450.01"] * 2
    if case == "services, excluded school":
        assert result["services"]["eleves"] == 100
    if case == "VAT per article":
        assert result["services"]["depense"] == "2255.00"
    if case == "cap pooled per commune":
        text = socle("summary", target).stdout
        assert "Plafond de 3\u202f500,00\u00a0€ par classe appliqué par commune" in text
        rules = [
            line
            for line in text.splitlines()
            if line.startswith(("Montants", "Plafond", "Subvention de chaque"))
        ]
        assert len(rules) == 3 and not any("projet" in line for line in rules)


def test_export_then_import_gives_the_same_dossier(tmp_path):
    first, second = tmp_path / "a.socle", tmp_path / "b.socle"
    assert socle("import-json", example_dossier_path(), first).returncode == 0
    exported = socle("export-json", first)
    assert exported.returncode == 0, exported.stderr
    (tmp_path / "export.json").write_text(exported.stdout, encoding="utf-8")
    assert socle("import-json", tmp_path / "export.json", second).returncode == 0
    again = socle("export-json", second)
    assert again.stdout == exported.stdout
    assert socle("summary", first, "--json").stdout == socle("summary", second, "--json").stdout
    original = json.loads(example_dossier_path().read_text(encoding="utf-8"))
    assert json.loads(exported.stdout)["ecoles"][0]["nom"] == original["ecoles"][0]["nom"]


# --- bad input: exit 2, a French message naming the file and the JSON path, nothing written ------


def _example() -> dict:
    return json.loads(example_dossier_path().read_text(encoding="utf-8"))


def _with(change) -> str:
    data = copy.deepcopy(_example())
    change(data)
    return json.dumps(data, ensure_ascii=False)


def _set(path: list, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


BAD_INPUTS = {
    "invalid JSON": ('{"format": "socle-dossier", "version": 1,', "JSON invalide"),
    "empty file": ("", "vide"),
    "wrong type": (_with(_set(["ecoles", 0, "eleves"], "96")), "ecoles[0].eleves"),
    "negative quantity": (
        _with(_set(["ecoles", 0, "classes", 0, "lignes", 1, "quantite"], -2)),
        "ecoles[0].classes[0].lignes[1].quantite",
    ),
    "three decimals": (
        _with(_set(["ecoles", 0, "lignes", 0, "prix_unitaire"], "390.001")),
        "ecoles[0].lignes[0].prix_unitaire",
    ),
    "amount as a float": (
        _with(_set(["ecoles", 1, "services", 0, "prix_unitaire"], 12.5)),
        "ecoles[1].services[0].prix_unitaire",
    ),
    "unknown commune": (_with(_set(["ecoles", 1, "commune"], "35998")), "ecoles[1].commune"),
    "bad UAI": (_with(_set(["ecoles", 0, "uai"], "035990X")), "ecoles[0].uai"),
    "not a dossier": ('{"nom": "liste de courses"}', "format"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_json_exits_2_naming_file_and_path_and_writes_nothing(tmp_path, case):
    text, expected = BAD_INPUTS[case]
    source, target = tmp_path / "mauvais.json", tmp_path / "dossier.socle"
    source.write_text(text, encoding="utf-8")
    result = socle("import-json", source, target)
    assert result.returncode == 2
    assert "mauvais.json" in result.stderr and expected in result.stderr
    assert result.stderr.startswith("Erreur : ")
    assert "Traceback" not in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["mauvais.json"]


def test_import_does_not_overwrite_without_remplacer(tmp_path):
    target = tmp_path / "d.socle"
    assert socle("import-json", example_dossier_path(), target).returncode == 0
    before = target.read_bytes()
    result = socle("import-json", example_dossier_path(), target)
    assert result.returncode == 2 and "existe déjà" in result.stderr
    assert target.read_bytes() == before
    assert socle("import-json", example_dossier_path(), target, "--remplacer").returncode == 0


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    assert socle("import-json", example_dossier_path(), path).returncode == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda p: p.write_text("pas du SQLite", encoding="utf-8"), "n'est pas un dossier Socle"),
        (_foreign, "n'est pas un dossier Socle"),
        (_newer, "version plus récente de Socle"),
    ],
)
@pytest.mark.parametrize("verb", [["summary", "--json"], ["export-json"]])
def test_unusable_dossier_file_exits_2(tmp_path, make, expected, verb):
    path = tmp_path / "fichier.socle"
    make(path)
    before = path.read_bytes()
    result = socle(verb[0], path, *verb[1:])
    assert result.returncode == 2
    assert "fichier.socle" in result.stderr and expected in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == before


def test_missing_dossier_file_exits_2(tmp_path):
    result = socle("summary", tmp_path / "absent.socle")
    assert result.returncode == 2 and "introuvable" in result.stderr


def test_summary_text_survives_a_non_utf8_output(tmp_path):
    """A redirected output on Windows is cp1252, which has no narrow no-break space."""
    target = tmp_path / "d.socle"
    assert socle("import-json", example_dossier_path(), target).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "cp1252"}
    ran = subprocess.run(
        [sys.executable, "-m", "socle_desktop", "summary", str(target)],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr.decode("utf-8", "replace")
    assert "\u202f" in ran.stdout.decode("utf-8") and "€" in ran.stdout.decode("utf-8")
