"""Crafted JSON (issue 13.4): a French refusal, exit 2, nothing written, never a traceback."""

from __future__ import annotations

import json

import pytest

from socle_desktop.cli import run
from socle_desktop.resources import example_dossier_path


@pytest.fixture
def example() -> dict:
    return json.loads(example_dossier_path().read_text(encoding="utf-8"))


def _import(tmp_path, capsys, text: str) -> tuple[int, str]:
    source, target = tmp_path / "entree.json", tmp_path / "dossier.socle"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    code = run(["import-json", str(source), str(target)])
    err = capsys.readouterr().err
    assert not target.exists(), "nothing is written on failure"
    assert [p.name for p in tmp_path.iterdir()] == ["entree.json"]  # no temporary file left
    assert "Traceback" not in err
    return code, err


def _with(example: dict, change) -> str:
    change(example)
    return json.dumps(example)  # « \ud800 » escaped, as a crafted file carries it


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 1500 + "]" * 1500, "imbriqué sur plus de 20 niveaux"),
        ('{"a": ' * 1200 + "1" + "}" * 1200, "imbriqué"),
        ('{"format": "socle-dossier", "version": ' + "9" * 5000 + "}", "trop de chiffres"),
        (
            '{"format": "socle-dossier",\n "version": 1,,}',
            "ligne 2, colonne 15 : nom de clé attendu",
        ),
        ('{"format": "socle-dossier" "version": 1}', "« , » attendue"),
        ('{"format": "socle-dossier", "version": 1} x', "texte en trop"),
        ('{"format": "socle-dossier", "nom": "sans fin', "texte non terminé"),
        ('{"format": "socle-dossier", "nom": "\\x"}', "séquence d'échappement"),
    ],
)
def test_malformed_json_is_refused_in_french(tmp_path, capsys, text, words):
    code, err = _import(tmp_path, capsys, text)
    assert code == 2 and words in err, err
    assert "Expecting" not in err and "Exceeds" not in err


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda d: d["ecoles"][0].__setitem__("nom", "École \ud800"), "ecoles[0].nom", "U+D800"),
        (lambda d: d["ecoles"][0].__setitem__("nom", "École\x00"), "ecoles[0].nom", "U+0000"),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("prix_unitaire", "٢٣٠٠"),
            "ecoles[0].lignes[0].prix_unitaire",
            "montant invalide",
        ),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("prix_unitaire", "２３００"),
            "ecoles[0].lignes[0].prix_unitaire",
            "montant invalide",
        ),
        (
            lambda d: d["ecoles"][0]["services"][0].__setitem__("prix_unitaire", "12.00\n"),
            "ecoles[0].services[0].prix_unitaire",
            "montant invalide « 12.00\\n »",
        ),
        (
            lambda d: d["ecoles"][1].__setitem__("uai", d["ecoles"][0]["uai"] + "\n"),
            "ecoles[1].uai",
            "invalide",
        ),
        (lambda d: d.__setitem__("version", -7), "version", "version -7 inconnue"),
        (lambda d: d.__setitem__("version", 0), "version", "inconnue"),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("quantite", 10**4000),
            "ecoles[0].lignes[0].quantite",
            "ne peut pas dépasser 100\u202f000",
        ),
        (
            lambda d: d["ecoles"][0].__setitem__("eleves", 125_000_015),
            "ecoles[0].eleves",
            "5\u202f000",
        ),
        (
            lambda d: d["porteur"]["contact"].__setitem__("fonction", "x" * 10_000),
            "porteur.contact.fonction",
            "au plus 200",
        ),
        (lambda d: d.__setitem__("campagne", "\ud800"), "campagne", "U+D800"),
        (lambda d: d.__setitem__("campagne", "../../etc/passwd"), "campagne", "inconnue"),
    ],
)
def test_crafted_values_are_refused_with_their_path(tmp_path, capsys, example, change, path, words):
    code, err = _import(tmp_path, capsys, _with(example, change))
    assert code == 2 and f"{path} : " in err and words in err, err
    assert "dossier.socle" not in err  # the message is about the input, not the output file


def test_nan_and_infinity_literals_are_refused(tmp_path, capsys, example):
    text = _with(example, lambda d: None).replace('"quantite": 1,', '"quantite": NaN,', 1)
    code, err = _import(tmp_path, capsys, text)
    assert code == 2 and "nombre entier attendu" in err
