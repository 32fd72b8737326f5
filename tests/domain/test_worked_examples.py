"""Every worked example of snee-2021.md §5.5, through the public compute function."""

from decimal import Decimal

import pytest

from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.catalogue import load_default_catalogue
from socle_desktop.domain.model import Line
from socle_desktop.domain.rules import compute

from .builders import dossier, school

D = Decimal


def even(classes: int, expense: int, schools: int, commune="35001"):
    """``classes`` and ``expense`` spread evenly over ``schools`` schools."""
    per_classes, per_expense = classes // schools, D(expense) / schools
    return [school(per_classes, f"{per_expense:.2f}", commune) for _ in range(schools)]


CASES = {
    "minimum": (lambda: dossier(school(1, "3500")), "2450.00", "0.00"),
    "below minimum": (lambda: dossier(school(1, "3499")), "0.00", "0.00"),
    "class cap": (lambda: dossier(school(1, "5000")), "2450.00", "0.00"),
    "small school": (
        lambda: dossier(school(4, "10000", pupils=100, services="2400")),
        "7000.00",
        "1000.00",
    ),
    "two schools": (lambda: dossier(school(3, "20000"), school(5, "10000")), "14350.00", "0.00"),
    "first band": (lambda: dossier(school(60, "200000")), "140000.00", "0.00"),
    "both bands": (lambda: dossier(school(100, "300000")), "190000.00", "0.00"),
    "ceiling": (lambda: dossier(school(400, "1200000")), "540000.00", "0.00"),
    "cap binds": (lambda: dossier(*even(62, 435000, 2)), "148500.00", "0.00"),
    "EPCI": (
        lambda: dossier(
            school(60, "200000", "35001"),
            school(60, "200000", "35002"),
            communes=("35001", "35002"),
        ),
        "280000.00",
        "0.00",
    ),
    "services, excluded school": (
        lambda: dossier(
            school(4, "10000", pupils=100, services="4000"), school(1, "2000", pupils=60)
        ),
        "7000.00",
        "1000.00",
    ),
    "cap pooled per commune": (lambda: pooled(epci_xy()), "24500.00", "0.00"),
    "rounding per commune": (
        lambda: dossier(
            school(2, "3500.01", "35001"),
            school(2, "3500.01", "35002"),
            communes=("35001", "35002"),
        ),
        "4900.02",
        "0.00",
    ),
    "VAT per article": (lambda: vat_per_article(), "7000.00", "1127.50"),
}


def epci_xy():
    """Commune X: A 3 classes 20 000 €, B 5 classes 10 000 €; commune Y: C 2 classes 7 000 €."""
    return dossier(
        school(3, "20000", "35001"),
        school(5, "10000", "35001"),
        school(2, "7000", "35002"),
        communes=("35001", "35002"),
    )


def pooled(d):
    d.parametres.plafond_par_classe = "projet"  # said « par commune »
    return d


def vat_per_article():
    """Prices typed HT, basis TTC: ENT 1 000 € HT (20 %), digital textbooks 1 000 € HT (5,5 %),
    300 pupils in the equipped school (equipment 10 000 € TTC for 4 classes, as typed HT)."""
    s = school(4, "8333.33", pupils=300)  # 8 333,33 € HT × 1,20 = 10 000,00 € TTC
    s.services = [
        Line("ent", "ENT", 1, D("1000")),
        Line("manuels-numeriques", "Manuels numériques", 1, D("1000")),
    ]
    d = dossier(s)
    d.parametres.prix_saisis = "HT"
    d.catalogue = load_default_catalogue()
    return d


@pytest.mark.parametrize("name", CASES)
def test_worked_example(name):
    build, equipment, services = CASES[name]
    result = compute(build(), load_campaign())
    assert result.equipment.subsidy == D(equipment)
    assert result.services.subsidy == D(services)


def test_below_minimum_says_why():
    result = compute(dossier(school(1, "3499")), load_campaign())
    (s,) = result.schools
    assert s.eligible == 0
    assert "inférieure au minimum de 3\u202f500,00\u00a0€" in s.excluded_because
    assert any("exclue" in a.message for a in result.alerts)


def test_cap_binds_for_every_even_split():
    for schools in (1, 2, 31, 62):
        result = compute(dossier(*even(62, 435000, schools)), load_campaign())
        assert result.equipment.subsidy == D("148500.00"), schools


def test_epci_bands_apply_per_commune_not_to_the_total():
    result = compute(CASES["EPCI"][0](), load_campaign())
    assert [c.subsidy for c in result.communes] == [D("140000.00"), D("140000.00")]
    # 400 000 € in one commune would have reached the 50 % band: 240 000 €, not 280 000 €.
    assert result.equipment.subsidy != D("240000.00")


def test_class_cap_leaves_the_excess_to_the_commune_and_says_how_much():
    result = compute(dossier(school(1, "5000")), load_campaign())
    assert result.schools[0].above_cap == D("1500.00")
    assert result.equipment.remaining == D("2550.00")
    assert any("1\u202f500,00\u00a0€" in a.message for a in result.alerts)


def test_ceiling_is_explained():
    result = compute(CASES["ceiling"][0](), load_campaign())
    assert "plafonnée à 1\u202f000\u202f000,00\u00a0€" in result.equipment.explanation


def test_a_class_without_level_is_pointed_out():
    d = dossier(school(2, "7000"))
    d.ecoles[0].classes[1].niveaux = []
    result = compute(d, load_campaign())
    assert result.schools[0].classes_cycles_2_3 == 1
    assert any("aucun niveau n'est coché" in a.message for a in result.alerts)


def test_pupils_of_the_classes_may_be_fewer_than_the_schools_but_not_more(campaign):
    # A primary school enters only its elementary classes: its maternelle pupils are elsewhere.
    s = school(2, "7000", pupils=80)
    s.classes[0].eleves, s.classes[1].eleves = 25, 24
    assert not any("totalisent" in a.message for a in compute(dossier(s), campaign).alerts)
    s.classes[1].eleves = 56
    [alert] = [a for a in compute(dossier(s), campaign).alerts if "totalisent" in a.message]
    assert "compte 80 élèves mais ses classes en totalisent 81" in alert.message


def test_cap_pooled_per_commune_in_detail(campaign):
    per_commune = compute(pooled(epci_xy()), campaign)
    per_school = compute(epci_xy(), campaign)
    assert per_school.equipment.subsidy == D("19250.00")
    assert [c.eligible for c in per_commune.communes] == [D("28000.00"), D("7000.00")]
    assert [c.subsidy for c in per_commune.communes] == [D("19600.00"), D("4900.00")]
    a, b, c = per_commune.schools
    # B leaves 7 500 € of its cap unused; A, above its own 10 500 €, takes it.
    assert (a.eligible, a.pooled, a.above_cap) == (D("18000.00"), D("7500.00"), D("2000.00"))
    assert (b.eligible, b.pooled, b.above_cap) == (D("10000.00"), D("0.00"), D("0.00"))
    assert c.eligible == D("7000.00")
    assert "par commune" in per_commune.equipment.explanation
    assert "7\u202f500,00\u00a0€ du plafond laissé libre" in per_commune.equipment.explanation


def test_pooling_never_crosses_communes(campaign):
    """Y's unused cap cannot lift X: the bands are per commune."""
    d = dossier(
        school(1, "10000", "35001"), school(4, "3500", "35002"), communes=("35001", "35002")
    )
    result = compute(pooled(d), campaign)
    assert [c.eligible for c in result.communes] == [D("3500.00"), D("3500.00")]


def test_each_commune_is_rounded_on_its_own(campaign):
    result = compute(CASES["rounding per commune"][0](), campaign)
    assert [c.subsidy for c in result.communes] == [D("2450.01"), D("2450.01")]
    d = CASES["rounding per commune"][0]()
    d.parametres.arrondi = "euro"
    result = compute(d, campaign)
    assert [c.subsidy for c in result.communes] == [D("2450.00"), D("2450.00")]
    assert result.equipment.subsidy == D("4900.00")


def test_a_school_excluded_from_equipment_brings_no_pupils(campaign):
    result = compute(CASES["services, excluded school"][0](), campaign)
    assert result.schools[1].excluded_because
    assert result.services_pupils == 100
    assert result.services.eligible == D("2000.00")  # 20 € × 100, not × 160
    assert "100 élèves des écoles équipées" in result.services.explanation


def test_each_article_has_its_own_vat(campaign):
    result = compute(vat_per_article(), campaign)
    assert result.services.expense == D("2255.00")  # 1 200,00 + 1 055,00
    assert result.services.eligible == D("2255.00")  # under the 6 000 € cap of 300 pupils
