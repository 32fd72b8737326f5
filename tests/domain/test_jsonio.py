"""The JSON contract: what is accepted, and the French message with the path of what is not."""

import copy
import json

import pytest

from socle_desktop.domain import jsonio
from socle_desktop.domain.jsonio import DossierJsonError
from socle_desktop.resources import example_dossier_path


@pytest.fixture
def example():
    return json.loads(example_dossier_path().read_text(encoding="utf-8"))


def error_of(data) -> DossierJsonError:
    with pytest.raises(DossierJsonError) as caught:
        jsonio.loads(data if isinstance(data, str) else json.dumps(data))
    return caught.value


def test_the_example_imports(example):
    dossier = jsonio.loads(json.dumps(example))
    assert [s.uai for s in dossier.ecoles] == ["0359901X", "0359902Y"]
    assert sum(len(s.classes) for s in dossier.ecoles) == 7
    assert dossier.catalogue["vpi"].categorie == "projection"


def test_invalid_json_names_line_and_column():
    error = error_of('{"format": "socle-dossier",\n  "version": 1,,}')
    assert "JSON invalide, ligne 2" in str(error)


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (
            lambda d: d["ecoles"][1]["classes"][1]["lignes"].__setitem__(
                0, {**d["ecoles"][1]["classes"][1]["lignes"][0], "quantite": -2}
            ),
            "ecoles[1].classes[1].lignes[0].quantite",
            "négatif",
        ),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("quantite", "12"),
            "ecoles[0].lignes[0].quantite",
            "nombre entier attendu",
        ),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("quantite", 1.5),
            "ecoles[0].lignes[0].quantite",
            "nombre entier attendu",
        ),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("prix_unitaire", "390.001"),
            "ecoles[0].lignes[0].prix_unitaire",
            "au plus 2 décimales",
        ),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("prix_unitaire", 390.5),
            "ecoles[0].lignes[0].prix_unitaire",
            "entre guillemets",
        ),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("prix_unitaire", "-3.00"),
            "ecoles[0].lignes[0].prix_unitaire",
            "montant invalide",
        ),
        (
            lambda d: d["ecoles"][1].__setitem__("commune", "99999"),
            "ecoles[1].commune",
            "n'est pas dans la liste",
        ),
        (
            lambda d: d["ecoles"][0].__setitem__("uai", "035990X"),
            "ecoles[0].uai",
            "7 chiffres suivis d'une lettre",
        ),
        (lambda d: d["ecoles"][0].__setitem__("eleves", True), "ecoles[0].eleves", "booléen"),
        (lambda d: d["ecoles"][0].__setitem__("secteur", "prive"), "ecoles[0].secteur", "inconnu"),
        (
            lambda d: d["ecoles"][0]["classes"][0].__setitem__("niveaux", ["CP", "6e"]),
            "ecoles[0].classes[0].niveaux[1]",
            "niveau « 6e » inconnu",
        ),
        (lambda d: d["porteur"].__setitem__("type", "mairie"), "porteur.type", "inconnu"),
        (lambda d: d["porteur"].__setitem__("siren", "12345"), "porteur.siren", "9 chiffres"),
        (lambda d: d["communes"][0].__setitem__("insee", "3599"), "communes[0].insee", "INSEE"),
        (
            lambda d: d["ecoles"][0]["lignes"][0].__setitem__("quantite", 10**9),
            "ecoles[0].lignes[0].quantite",
            "ne peut pas dépasser 100\u202f000",
        ),
        (lambda d: d.pop("ecoles"), "ecoles", "manquante"),
        (lambda d: d["ecoles"][1].__setitem__("uai", "0359901X"), "ecoles[1].uai", "déjà"),
        (
            lambda d: d["parametres"].__setitem__("plafond_par_classe", "commune"),
            "parametres.plafond_par_classe",
            "inconnu",
        ),
    ],
)
def test_bad_values_are_refused_with_their_path(example, mutate, path, words):
    data = copy.deepcopy(example)
    mutate(data)
    error = error_of(data)
    assert error.path == path
    assert words in str(error)
    assert str(error).startswith(path + " : ")


def test_a_foreign_json_is_not_a_dossier():
    assert "n'est pas un dossier Socle" in str(error_of({"name": "x"}))
    assert "objet JSON" in str(error_of([1, 2]))


def test_a_newer_format_asks_to_update(example):
    example["version"] = 7
    assert "plus récent" in str(error_of(example))


def test_unknown_campaign(example):
    example["campagne"] = "snee-2031"
    error = error_of(example)
    assert error.path == "campagne" and "campagne inconnue" in str(error)


def test_hostile_text_round_trips(example):
    example["ecoles"][0]["nom"] = 'École <Jules & Ferry> "bis" 🏫\nannexe'
    dossier = jsonio.loads(json.dumps(example))
    assert jsonio.loads(jsonio.dumps(dossier)).ecoles[0].nom == example["ecoles"][0]["nom"]


def test_export_keeps_the_contract_keys(example):
    data = jsonio.to_data(jsonio.loads(json.dumps(example)))
    assert data["ecoles"][0]["lignes"][0] == example["ecoles"][0]["lignes"][0]
    assert data["parametres"]["prix_saisis"] == "TTC"
    assert data["parametres"]["taux_tva"] == "20.00"
