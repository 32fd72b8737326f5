"""The open points of §5.3 as settings, and the campaign file read and checked at start."""

import subprocess
import sys
from decimal import Decimal

import pytest

from socle_desktop.domain.campaign import CampaignError, load_campaign, parse_campaign_text
from socle_desktop.domain.rules import compute
from socle_desktop.resources import resource

from .builders import dossier, school

D = Decimal


def test_ht_prices_are_converted_to_ttc():
    d = dossier(school(1, "2916.67"))
    d.parametres.prix_saisis = "HT"
    result = compute(d, load_campaign())
    assert result.equipment.expense == D("3500.00")
    assert result.equipment.subsidy == D("2450.00")


def test_ht_basis_computes_in_ht():
    d = dossier(school(2, "8400"))
    d.parametres.base = "HT"  # prices typed TTC, computed HT: 7 000 € HT
    assert compute(d, load_campaign()).equipment.subsidy == D("4900.00")


def test_rounding_to_the_cent_or_to_the_euro():
    d = dossier(school(2, "5000.03"))  # 70 % of 5 000,03 € = 3 500,021 €
    exact = compute(d, load_campaign()).equipment.subsidy
    d.parametres.arrondi = "euro"
    rounded = compute(d, load_campaign()).equipment.subsidy
    assert (exact, rounded) == (D("3500.02"), D("3500.00"))
    d.ecoles[0].lignes[0].prix_unitaire = D("5000.72")  # 3 500,504 € → half up
    assert compute(d, load_campaign()).equipment.subsidy == D("3501.00")


def test_the_pooled_cap_pools_the_classes_of_a_commune():
    d = dossier(school(3, "20000"), school(5, "10000"))
    d.parametres.plafond_par_classe = "projet"
    result = compute(d, load_campaign())
    # 8 classes × 3 500 € = 28 000 € in the commune, against 20 500 € per school
    assert result.equipment.eligible == D("28000.00")
    assert result.equipment.subsidy == D("19600.00")
    assert sum(s.eligible for s in result.schools) == D("28000.00")


def test_the_stored_value_projet_is_said_par_commune():
    from socle_desktop.domain.campaign import SETTINGS_CHOICES, SETTINGS_LABELS, setting_label

    assert SETTINGS_CHOICES["plafond_par_classe"] == ("ecole", "projet")  # the JSON values
    assert setting_label("plafond_par_classe", "projet").startswith("par commune")
    assert setting_label("plafond_par_classe", "ecole") == "par école"
    for labels in SETTINGS_LABELS.values():
        assert not any("projet" in label for label in labels.values())


def test_services_pupils_of_cycles_2_3_only():
    s = school(1, "3500", pupils=100, services="2400")
    s.classes[0].eleves = 25
    d = dossier(s)
    d.parametres.eleves_services = "cycles_2_3"
    result = compute(d, load_campaign())
    assert result.services_pupils == 25 and result.services.subsidy == D("250.00")


def test_items_outside_the_socle_are_not_subsidised():
    from socle_desktop.domain.catalogue import load_default_catalogue
    from socle_desktop.domain.model import Line

    d = dossier(school(1, "3500"))
    d.catalogue = load_default_catalogue()
    d.ecoles[0].lignes.append(Line("maintenance", "Contrat de maintenance", 1, D("600")))
    result = compute(d, load_campaign())
    assert result.equipment.expense == D("4100.00")
    assert result.equipment.subsidy == D("2450.00")
    assert any("n'est pas subventionnable" in a.message for a in result.alerts)


def test_the_bundled_campaign_is_read_from_its_file():
    campaign = load_campaign("snee-2021")
    assert campaign.minimum_par_ecole == D("3500.00")
    assert [b.rate for b in campaign.bands] == [D("0.70"), D("0.50")]
    assert "snee-2021" in campaign.source_text
    assert {item.id for item in campaign.socle} >= {"projection", "poste_enseignant", "reseau"}


def test_a_changed_rate_is_a_new_file_not_new_code():
    text = resource("campaigns", "snee-2021.toml").read_text(encoding="utf-8")
    campaign = parse_campaign_text(text.replace('taux = "0.70"', 'taux = "0.80"'), "essai.toml")
    assert compute(dossier(school(1, "3500")), campaign).equipment.subsidy == D("2800.00")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('jusqu_a = "200000.00"', 'jusqu_a = "2000000.00"'), "ordre croissant"),
        (('taux = "0.70"', 'taux = "1.70"'), "dépasse 100"),
        (
            ('minimum_par_ecole = "3500.00"', 'minimum_par_ecole = "beaucoup"'),
            "n'est pas un nombre",
        ),
        (('arrondi = "centime"', 'arrondi = "dixieme"'), "arrondi"),
        (("[services]", "[servicez]"), "manque"),
    ],
)
def test_a_bad_campaign_file_is_refused_in_french(change, words):
    text = resource("campaigns", "snee-2021.toml").read_text(encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        parse_campaign_text(text.replace(*change), "mauvais.toml")
    assert "mauvais.toml" in str(caught.value) and words in str(caught.value)


def test_unknown_campaign():
    with pytest.raises(CampaignError, match="campagne inconnue"):
        load_campaign("snee-2099")


def test_the_domain_imports_no_qt():
    code = (
        "import sys, pkgutil, importlib, socle_desktop.domain, socle_desktop.opendata\n"
        "for d in (socle_desktop.domain, socle_desktop.opendata):\n"
        "    for m in pkgutil.iter_modules(d.__path__):\n"
        "        importlib.import_module(f'{d.__name__}.{m.name}')\n"
        "import socle_desktop.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_catalogue_prices_are_offered_in_the_typed_basis():
    from socle_desktop.domain.amounts import typed_price
    from socle_desktop.domain.catalogue import load_default_catalogue

    vpi = load_default_catalogue()["vpi"]  # 2 300,00 € TTC
    d = dossier()
    assert typed_price(vpi, d) == D("2300.00")
    d.parametres.prix_saisis = "HT"
    assert typed_price(vpi, d) == D("1916.67")
