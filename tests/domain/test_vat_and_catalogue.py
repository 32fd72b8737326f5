"""Each article's VAT (snee-2021.md §5.3) and the default catalogue against the socle list (§4)."""

from decimal import Decimal

import pytest

from socle_desktop.domain import jsonio
from socle_desktop.domain.amounts import line_amount, typed_price, vat_effect, vat_rate
from socle_desktop.domain.catalogue import (
    CatalogueError,
    load_default_catalogue,
    parse_catalogue,
    parse_vat_rate,
    vat_rate_text,
)
from socle_desktop.domain.model import Line
from socle_desktop.domain.rules import compute
from socle_desktop.resources import example_dossier_path

from .builders import dossier, school

D = Decimal
CATALOGUE = load_default_catalogue()


def ht_dossier(*lines: Line, rate: str = "20"):
    s = school(4, "10000", pupils=300)
    s.services = list(lines)
    d = dossier(s)
    d.parametres.prix_saisis = "HT"
    d.parametres.taux_tva = D(rate)
    d.catalogue = load_default_catalogue()
    return d


def test_a_line_typed_ht_takes_its_articles_rate():
    book = Line("manuels-numeriques", "Manuels", 3, D("333.33"))
    free = Line("logiciel-libre", "Logiciel hors catalogue", 1, D("100"))
    d = ht_dossier(book, free, rate="10")
    assert vat_rate(book, d) == D("5.5")
    assert vat_rate(free, d) == D("10")  # outside the catalogue: the dossier's rate
    assert line_amount(book, d) == D("1054.99")  # 999,99 € × 1,055 = 1 054,989 45 €
    assert line_amount(free, d) == D("110.00")


def test_amounts_computed_ht_from_prices_typed_ttc_divide_by_the_articles_rate():
    d = ht_dossier(Line("manuels-numeriques", "Manuels", 1, D("1055")))
    d.parametres.prix_saisis, d.parametres.base = "TTC", "HT"
    assert line_amount(d.ecoles[0].services[0], d) == D("1000.00")


def test_ht_to_ttc_is_rounded_line_by_line(campaign):
    """Two lines of 0,05 € HT at 5,5 %: 0,05 € TTC each (0,052 75 rounded), 0,10 € in all,
    not 0,11 € as the rounded sum of 0,105 5 would be."""
    lines = [Line("manuels-numeriques", "Manuels", 1, D("0.05")) for _ in range(2)]
    d = ht_dossier(*lines)
    assert compute(d, campaign).services.expense == D("0.10")


def test_changing_an_articles_rate_changes_the_result(campaign):
    d = ht_dossier(Line("manuels-numeriques", "Manuels", 1, D("1000")))
    before = compute(d, campaign).services.expense
    d.catalogue["manuels-numeriques"].taux_tva = D("20")
    after = compute(d, campaign).services.expense
    assert (before, after) == (D("1055.00"), D("1200.00"))


def test_an_article_without_a_rate_in_the_json_takes_the_dossiers():
    data = jsonio.to_data(ht_dossier(Line("maison", "Article maison", 1, D("100")), rate="10"))
    data["catalogue"] = [
        {
            "id": "maison",
            "libelle": "Article maison",
            "niveau": "ecole",
            "volet": "services",
            "prix_unitaire": "110.00",
        }
    ]
    d = jsonio.from_data(data)
    assert d.catalogue["maison"].taux_tva == D("10")
    assert line_amount(d.ecoles[0].services[0], d) == D("110.00")


def test_vat_rates_typed_and_shown_the_french_way():
    assert parse_vat_rate("5,5") == D("5.5") and parse_vat_rate("20 %") == D("20")
    assert parse_vat_rate("200") is None and parse_vat_rate("cinq") is None
    assert vat_rate_text(D("5.50")) == "5,5" and vat_rate_text(D("20")) == "20"


def test_what_the_rate_does_is_said_for_every_setting():
    d = dossier()
    assert "ne change aucun montant" in vat_effect(d.parametres)
    d.parametres.prix_saisis = "HT"
    assert "chaque ligne est convertie au taux de son article" in vat_effect(d.parametres)
    d.parametres.base = "HT"
    assert "prix HT proposé" in vat_effect(d.parametres)


@pytest.mark.parametrize("rate", ['"cinq"', '"150"', '"-1"', '"NaN"'])
def test_a_bad_rate_in_a_catalogue_file_is_refused_in_french(rate):
    text = (
        '[[article]]\nid = "x"\nlibelle = "X"\nniveau = "ecole"\nvolet = "equipement"\n'
        f'prix = "10.00"\ntaux_tva = {rate}\n'
    )
    with pytest.raises(CatalogueError, match="taux de TVA"):
        parse_catalogue(text, "essai.toml")


# --- the default catalogue --------------------------------------------------------------------


def test_digital_textbooks_are_at_the_reduced_rate():
    books = CATALOGUE["manuels-numeriques"]
    assert (books.volet, books.taux_tva, books.unite) == ("services", D("5.5"), "élève")
    d = dossier()
    d.parametres.prix_saisis = "HT"
    assert typed_price(books, d) == D("10.00")
    assert all(
        item.taux_tva == D("20") for key, item in CATALOGUE.items() if key != "manuels-numeriques"
    )


def test_the_mdm_licence_is_a_three_year_purchase():
    mdm = CATALOGUE["mdm"]
    assert "3 ans" in mdm.libelle and "par an" not in mdm.libelle
    assert mdm.subventionnable and mdm.categorie == "gestion_mobiles"


def test_the_class_has_its_sound_and_camera():
    for key, word in (("webcam", "Webcam"), ("micro", "Micro"), ("haut-parleurs", "Haut-parleurs")):
        item = CATALOGUE[key]
        assert word in item.libelle
        assert (item.niveau, item.volet, item.categorie) == (
            "classe",
            "equipement",
            "peripheriques",
        )


def test_every_item_of_the_socle_has_an_article(campaign):
    categories = {item.categorie for item in CATALOGUE.values() if item.subventionnable}
    assert {item.id for item in campaign.socle} <= categories
    projection = {
        item.libelle.split(" ")[0] for item in CATALOGUE.values() if item.categorie == "projection"
    }
    assert {"Vidéoprojecteur", "Tableau", "Écran"} <= projection  # vidéoprojecteur, VPI, TNI, ENI
    assert any(
        item.categorie == "partage" and item.volet == "equipement" for item in CATALOGUE.values()
    )  # a school server, beside the ENT


def test_recurring_costs_stay_outside_the_subsidy():
    recurring = [item for item in CATALOGUE.values() if not item.subventionnable]
    assert {item.id for item in recurring} == {"maintenance", "consommables"}
    assert not any("par an" in item.libelle for item in CATALOGUE.values() if item.subventionnable)


def test_the_example_types_the_catalogues_articles_as_they_are():
    example = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    for s in example.ecoles:
        for line in s.equipment_lines() + s.services:
            assert line.libelle == CATALOGUE[line.article].libelle
