"""`socle-desktop variantes` and `variante`, and `--variante` of summary and pdf, as a script runs
them: what they print, what they write, and the French refusals (exit 2, nothing changed)."""

from __future__ import annotations

import json
import shutil

import pytest

from socle_desktop.resources import example_dossier_path
from tests.cli.test_cli import socle
from tests.store.conftest import digest, rows


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("variantes")
    path = folder / "ex.socle"
    assert socle("import-json", example_dossier_path(), path).returncode == 0
    done = socle("variante", path, "--nouvelle", "Écrans interactifs", "--remplacer", "vpi=eni-65")
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "Variante « Écrans interactifs » créée (copie de « Principale ») : "
        "4 lignes « vpi » remplacées par « eni-65 ».\n"
    )
    return path


@pytest.fixture
def dossier(base, tmp_path):
    path = tmp_path / "ex.socle"
    shutil.copyfile(base, path)
    return path


def test_variantes_json_gives_summarys_objects_per_variant(dossier):
    done = socle("variantes", dossier, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(v["nom"], v["retenue"]) for v in data["variantes"]] == [
        ("Principale", True),
        ("Écrans interactifs", False),
    ]
    for variant in data["variantes"]:
        summary = json.loads(
            socle("summary", dossier, "--json", "--variante", variant["nom"]).stdout
        )
        for key in ("equipement", "services", "total"):
            assert variant[key] == summary[key]
        assert summary["variante"] == variant["nom"]
    principale, eni = data["variantes"]
    assert eni["ecart_avec_la_retenue"]["reste_a_charge"] == "3600.00"  # 4 × (3 200 − 2 300)
    assert principale["ecart_avec_la_retenue"] == {
        "depense": "0.00",
        "subvention": "0.00",
        "reste_a_charge": "0.00",
    }


def test_variantes_text(dossier):
    done = socle("variantes", dossier)
    assert done.returncode == 0
    assert "variante retenue : « Principale »" in done.stdout
    assert "Écrans interactifs : +3\u202f600,00\u00a0€ de reste à charge" in done.stdout
    assert "Écoles au socle" in done.stdout


def test_summary_and_pdf_use_the_retained_variant_unless_asked(dossier, tmp_path):
    retained = json.loads(socle("summary", dossier, "--json").stdout)
    assert retained["variante"] == "Principale"
    assert socle("variante", dossier, "--retenir", "écrans interactifs").returncode == 0
    now = json.loads(socle("summary", dossier, "--json").stdout)
    assert now["variante"] == "Écrans interactifs"
    assert now["total"] != retained["total"]
    out = tmp_path / "cmp.pdf"
    done = socle("pdf", dossier, "-o", out, "--variante", "Principale", "--comparaison")
    assert done.returncode == 0, done.stderr
    text = socle_pdf_text(out)
    assert "document de travail" in text and "Comparaison des variantes" in text


def socle_pdf_text(path) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_rename_retain_delete(dossier):
    assert socle("variante", dossier, "--renommer", "Écrans interactifs", "ENI").returncode == 0
    assert socle("variante", dossier, "--retenir", "ENI").returncode == 0
    done = socle("variante", dossier, "--supprimer", "Principale")
    assert done.returncode == 0 and done.stderr == "Variante « Principale » supprimée.\n"
    assert rows(dossier, "SELECT nom, retenue FROM variantes") == [("ENI", 1)]
    exported = json.loads(socle("export-json", dossier).stdout)
    articles = {
        line["article"] for s in exported["ecoles"] for c in s["classes"] for line in c["lignes"]
    }
    assert "vpi" not in articles and "eni-65" in articles


def test_a_copy_of_another_variant(dossier):
    done = socle(
        "variante",
        dossier,
        "--nouvelle",
        "TNI",
        "--depuis",
        "Écrans interactifs",
        "--remplacer",
        "eni-65=tni",
        "--remplacer",
        "pc-enseignant=pc-enseignant",
    )
    assert done.returncode == 2
    assert "choisissez un autre article" in done.stderr
    done = socle(
        "variante",
        dossier,
        "--nouvelle",
        "TNI",
        "--depuis",
        "Écrans interactifs",
        "--remplacer",
        "eni-65=tni",
    )
    assert done.returncode == 0, done.stderr
    assert "6 lignes « eni-65 » remplacées par « tni »" in done.stderr
    data = json.loads(socle("export-json", dossier).stdout)
    assert [v["nom"] for v in data["variantes"]] == ["Principale", "Écrans interactifs", "TNI"]
    assert any(item["id"] == "tni" for item in data["catalogue"])  # copied into the dossier


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--supprimer", "Principale"], "« Principale » est la variante retenue : retenez-en"),
        (
            ["--nouvelle", " écrans INTERACTIFS "],
            "une variante s'appelle déjà « Écrans interactifs »",
        ),
        (
            ["--retenir", "Inconnue"],
            "variante inconnue : « Inconnue » (variantes du dossier : "
            "« Principale », « Écrans interactifs »)",
        ),
        (
            ["--nouvelle", "x" * 200],
            "le nom de la variante dépasse la longueur permise : 200 caractères, au plus 80",
        ),
        (
            ["--nouvelle", "Nouvelle", "--remplacer", "vpi=tablette"],
            "est un article de niveau école : il ne peut pas remplacer les lignes d'une classe",
        ),
        (["--nouvelle", "Nouvelle", "--remplacer", "vpi"], "écrivez ANCIEN=NOUVEAU"),
        (["--nouvelle", "Nouvelle", "--remplacer", "vpi=introuvable"], "article inconnu"),
        ([], "indiquez une et une seule action"),
        (["--retenir", "Principale", "--supprimer", "Principale"], "une et une seule action"),
        (["--supprimer", "Principale", "--depuis", "Principale"], "vont avec --nouvelle"),
    ],
)
def test_refusals_exit_2_in_french_and_change_nothing(dossier, args, words):
    before = digest(dossier)
    done = socle("variante", dossier, *args)
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.startswith("Erreur : ")
    assert digest(dossier) == before


def test_the_last_variant_cannot_be_deleted(tmp_path):
    path = tmp_path / "seule.socle"
    assert socle("import-json", example_dossier_path(), path).returncode == 0
    done = socle("variante", path, "--supprimer", "Principale")
    assert done.returncode == 2
    assert "« Principale » est la seule variante du dossier" in done.stderr


def test_an_unknown_variant_of_summary_and_pdf(dossier, tmp_path):
    for args in (
        ["summary", dossier, "--variante", "Nulle"],
        ["pdf", dossier, "-o", tmp_path / "x.pdf", "--variante", "Nulle"],
    ):
        done = socle(*args)
        assert done.returncode == 2
        assert "variante inconnue : « Nulle »" in done.stderr and dossier.name in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_json_with_variants_imports_and_exports_the_same(dossier, tmp_path):
    exported = socle("export-json", dossier).stdout
    source = tmp_path / "variantes.json"
    source.write_text(exported, encoding="utf-8")
    again = tmp_path / "again.socle"
    assert socle("import-json", source, again).returncode == 0
    assert socle("export-json", again).stdout == exported
