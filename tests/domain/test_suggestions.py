"""The rules the pages only call: the socle's mobile devices, default quantities, the ENT for
every school, a new class's name, what each step still needs and the catalogue offered."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socle_desktop.domain import completeness, edits
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.catalogue import (
    ORIGIN_CHANGED,
    ORIGIN_DEFAULT,
    ORIGIN_DOSSIER,
    default_catalogue,
    merged_catalogue,
    offered_articles,
)
from socle_desktop.domain.diagnostic import needed_quantity
from socle_desktop.domain.model import Classroom, Dossier, Line
from socle_desktop.domain.suggestions import (
    MOBILE_DEVICES,
    advised_range,
    apply_ent_to_all_schools,
    default_quantity,
    mobile_advice,
    new_class,
    suggest_mobiles,
)

from .builders import dossier, school


@pytest.fixture(scope="module")
def campaign():
    return load_campaign("snee-2021")


def _with_catalogue(d: Dossier, *ids: str) -> Dossier:
    d.catalogue.update({i: default_catalogue()[i] for i in ids})
    return d


@pytest.mark.parametrize(
    "classes, expected",
    [(0, (0, 0, 0)), (1, (10, 12, 15)), (4, (10, 12, 15)), (5, (20, 24, 30)), (9, (30, 36, 45))],
)
def test_mobile_devices_per_started_group_of_four_classes(campaign, classes, expected):
    item = campaign.socle_item(MOBILE_DEVICES)
    assert advised_range(item, classes) == expected
    assert needed_quantity(item, classes) == expected[0]  # the diagnostic's minimum is the same


def test_suggesting_mobiles_sets_the_first_line_and_keeps_the_others(campaign):
    s = school(5, "0")
    s.lignes = [
        Line("tablette", "Tablette", 3, Decimal("390")),
        Line("portable-eleve", "Portable", 4, Decimal("480")),
    ]
    d = _with_catalogue(dossier(s), "tablette", "portable-eleve")
    advice = mobile_advice(s, d, campaign)
    assert (advice.classes, advice.advised, advice.planned, advice.enough) == (5, 24, 7, False)
    batch = suggest_mobiles(s, d, campaign)
    assert isinstance(batch, edits.Batch)
    edits.apply(d, batch)
    assert [line.quantite for line in s.lignes] == [20, 4]  # 20 + 4 = the advised 24
    assert mobile_advice(s, d, campaign).enough


def test_suggesting_mobiles_without_a_line_offers_the_first_article(campaign):
    s = school(2, "0")
    s.lignes = []
    item, quantity = suggest_mobiles(s, dossier(s), campaign)
    assert (item.categorie, quantity) == (MOBILE_DEVICES, 12)
    assert suggest_mobiles(school(0, "0"), dossier(), campaign) is None


def test_default_quantities(campaign):
    s = school(5, "0", pupils=118)
    s.lignes = [Line("tablette", "Tablette", 20, Decimal("390"))]
    d = _with_catalogue(dossier(s), "tablette")
    articles = default_catalogue()
    assert default_quantity(articles["tablette"], s, d, campaign) == 24  # advised for 5 classes
    assert default_quantity(articles["mdm"], s, d, campaign) == 20  # one licence per device
    assert default_quantity(articles["ent"], s, d, campaign) == 118  # per pupil
    assert default_quantity(articles["borne-wifi"], s, d, campaign) == 1
    assert default_quantity(articles["ent"], None, d, campaign) == 1


def test_the_ent_for_every_school_is_one_edit_at_each_schools_pupils():
    a, b, c = school(1, "0", pupils=40), school(1, "0", pupils=62), school(1, "0", pupils=0)
    a.services = [Line("ent", "ENT", 40, Decimal("12"))]
    b.services = [
        Line("ent-extension", "Ancien ENT", 62, Decimal("8")),
        Line("autre", "Maintenance", 1, Decimal("100")),
    ]
    d = _with_catalogue(dossier(a, b, c), "ent", "ent-extension")
    batch = apply_ent_to_all_schools(d, a)
    inverse = edits.apply(d, batch)
    assert [(line.article, line.quantite) for line in b.services] == [("autre", 1), ("ent", 62)]
    assert [(line.article, line.quantite) for line in c.services] == [("ent", 40)]
    assert b.services[1].id != a.services[0].id
    edits.apply(d, inverse)
    assert [line.article for line in b.services] == ["ent-extension", "autre"]
    assert apply_ent_to_all_schools(d, c) is None  # nothing to apply


def test_a_new_class_takes_the_first_free_number():
    s = school(0, "0")
    s.classes = [Classroom("Classe 2"), Classroom("CP")]
    assert new_class(s).nom == "Classe 3"
    s.classes.append(Classroom("Classe 3"))
    assert new_class(s).nom == "Classe 4"


def test_what_each_step_still_needs():
    d = Dossier()
    assert completeness.first_incomplete(d) == "porteur"
    assert len(completeness.missing(d, "porteur")) == 2  # name and commune (no SIREN is fine)
    d = dossier(school(0, "0"))
    assert completeness.missing(d, "porteur") == []
    assert completeness.first_incomplete(d) == "classes"
    assert completeness.missing(d, "classes") == [
        f"L'école « {d.ecoles[0].nom} » n'a encore aucune classe."
    ]
    d.ecoles[0].commune = "99999"
    assert completeness.missing(d, "ecoles") == [
        f"École « {d.ecoles[0].nom} » : choisissez sa commune."
    ]
    with pytest.raises(ValueError):
        completeness.missing(d, "nulle part")


def test_the_catalogue_offered_for_a_level_and_volet(campaign):
    d = Dossier()
    changed = default_catalogue()["tablette"]
    from dataclasses import replace

    d.catalogue["tablette"] = replace(changed, prix_unitaire=Decimal("350.00"))
    d.catalogue["vpi"] = default_catalogue()["vpi"]
    d.catalogue["maison"] = replace(changed, id="maison", libelle="Tablette maison")
    merged = merged_catalogue(d)
    assert merged["tablette"][1] == ORIGIN_CHANGED
    assert merged["vpi"][1] == ORIGIN_DOSSIER
    assert merged["mdm"][1] == ORIGIN_DEFAULT
    order = [item.id for item in campaign.socle]
    offered = offered_articles(d, order, "ecole", "equipement")
    assert {i.niveau for i in offered} == {"ecole"} and {i.volet for i in offered} == {"equipement"}
    by_id = {i.id: i for i in offered}
    assert by_id["tablette"].prix_unitaire == Decimal("350.00") and "maison" in by_id
    ranks = [order.index(i.categorie) if i.categorie in order else len(order) for i in offered]
    assert ranks == sorted(ranks)  # in the socle's order
    only = offered_articles(d, order, "ecole", "equipement", {MOBILE_DEVICES})
    assert {i.categorie for i in only} == {MOBILE_DEVICES}
