"""The remaining cost after FCTVA: off by default, an estimate apart from the State's figures."""

from __future__ import annotations

import dataclasses
import re
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from socle_desktop.domain import edits, jsonio
from socle_desktop.domain.campaign import parse_campaign_text
from socle_desktop.domain.dates import iso_date_fr
from socle_desktop.domain.fctva import (
    compute_fctva,
    fctva_rate,
    fctva_unavailable_reason,
)
from socle_desktop.domain.plan import fctva_rows, financing_plan
from socle_desktop.domain.rules import compute
from socle_desktop.domain.summary_text import plan_text
from socle_desktop.store import DossierFile, create_dossier_file, read_dossier
from tests.domain.builders import dossier, school
from tests.store.conftest import rows


def half_up(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_the_rate_is_data_with_its_source_and_date(campaign):
    rate = fctva_rate(campaign)
    assert rate.taux == Decimal("0.16404")
    assert rate.label == "16,404\u00a0%"
    assert "L1615-6" in rate.source
    assert rate.date == "2021-01-01" and iso_date_fr(rate.date) == "1er janvier 2021"
    assert rate.volets == ("equipement",)


def test_off_by_default(example_dossier, campaign):
    assert example_dossier.parametres.fctva is False
    result = compute(example_dossier, campaign)
    assert compute_fctva(example_dossier, campaign, result) is None
    assert financing_plan(example_dossier, campaign, result).fctva is None
    assert "FCTVA" not in plan_text(example_dossier, campaign, result)


def test_a_worked_example(campaign):
    d = dossier(school(4, "10000.00", pupils=100))  # 7 000 € of State subsidy
    d.parametres.fctva = True
    result = compute(d, campaign)
    fctva = compute_fctva(d, campaign, result)
    assert fctva.base == Decimal("10000.00")
    assert fctva.amount == Decimal("1640.40")  # 16,404 % of 10 000 €
    assert result.remaining == Decimal("3000.00")
    assert fctva.remaining_after == Decimal("1359.60")
    text = plan_text(d, campaign, result)
    assert re.search(
        r"FCTVA estimé \(16,404\u00a0% de la dépense TTC d'équipement\)\s+"
        r"1\u202f640,40\u00a0€",
        text,
    )
    assert re.search(r"Reste à charge après FCTVA\s+1\u202f359,60\u00a0€", text)
    assert "Hors subvention de l'État" in text
    words = fctva_rows(fctva)  # the same words in the window, the PDF and the tableur
    assert words.sentence == (
        "Hors subvention de l'État (estimation) : FCTVA estimé à 1\u202f640,40\u00a0€ "
        "(16,404\u00a0%) ; reste à charge après FCTVA : 1\u202f359,60\u00a0€."
    )
    assert words.short_label == "FCTVA estimé (16,404\u00a0%)"
    assert words.base_label == "Dépense TTC d'équipement"
    assert words.share == "16,404\u00a0% de la dépense TTC d'équipement"
    assert words.source == (f"Taux : {fctva.rate.source}, en vigueur au 1er janvier 2021.")
    assert "ne fait pas partie de la subvention" in words.note


def test_the_example_with_fctva(example_dossier, campaign):
    example_dossier.parametres.fctva = True
    result = compute(example_dossier, campaign)
    fctva = compute_fctva(example_dossier, campaign, result)
    assert fctva.base == result.equipment.expense  # the services are operating costs
    assert fctva.amount == half_up(fctva.base * Decimal("0.16404"))
    assert fctva.remaining_after == result.remaining - fctva.amount


def test_not_estimated_on_ht_amounts(example_dossier, campaign):
    example_dossier.parametres.fctva = True
    example_dossier.parametres.base = "HT"
    result = compute(example_dossier, campaign)
    assert compute_fctva(example_dossier, campaign, result) is None
    assert "TTC" in fctva_unavailable_reason(example_dossier, campaign)


def test_rules_copied_before_the_rate_existed_use_the_bundled_rate(example_dossier, campaign):
    old_text = campaign.source_text.split("[fctva]")[0].rsplit("\n#", 1)[0]
    old = parse_campaign_text(old_text, "copie ancienne")
    assert "fctva" not in old.source_text
    example_dossier.parametres.fctva = True
    fctva = compute_fctva(example_dossier, old, compute(example_dossier, old))
    assert fctva.rate.taux == Decimal("0.16404")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 8), st.integers(0, 5_000_000)), min_size=1, max_size=4),
    st.integers(0, 500_000),
)
@example([(1, 12500)], 0)  # 125 € × 16,404 % = 20,505 €: half up, 20,51 €
def test_the_switch_changes_no_state_figure(schools, services_cents):
    from socle_desktop.domain.campaign import load_campaign

    campaign = load_campaign()
    built = [
        school(classes, f"{cents / 100:.2f}", pupils=20 * classes) for classes, cents in schools
    ]
    built[0].services = [
        dataclasses.replace(
            built[0].lignes[0], article="ent", prix_unitaire=Decimal(services_cents) / 100
        )
    ]
    d = dossier(*built)
    off = compute(d, campaign)
    d.parametres.fctva = True
    on = compute(d, campaign)
    assert on == off  # the State's subsidy never depends on the estimate
    fctva = compute_fctva(d, campaign, on)
    assert fctva.amount == half_up(on.equipment.expense * Decimal("0.16404"))  # 20,505 → 20,51
    assert fctva.remaining_after + fctva.amount == on.remaining


def test_the_setting_is_saved_and_exported(tmp_path, example_dossier, campaign):
    path = tmp_path / "d.socle"
    create_dossier_file(path, example_dossier, campaign)
    assert rows(path, "SELECT valeur FROM meta WHERE cle = 'parametre_fctva'") == [("0",)]
    with DossierFile.open(path) as file:
        edit = edits.SetField("parametres", "", "fctva", True, "Afficher le FCTVA")
        edits.apply(file.dossier, edit)
        file.apply(edit)
    dossier_read, _ = read_dossier(path)
    assert dossier_read.parametres.fctva is True
    data = jsonio.to_data(dossier_read)
    assert data["parametres"]["fctva"] is True
    assert jsonio.loads(jsonio.dumps(dossier_read)).parametres.fctva is True


def test_json_refuses_a_switch_that_is_not_a_boolean(example_dossier):
    data = jsonio.to_data(example_dossier)
    data["parametres"]["fctva"] = "oui"
    try:
        jsonio.from_data(data)
    except jsonio.DossierJsonError as error:
        assert "parametres.fctva" in str(error)
    else:  # pragma: no cover
        raise AssertionError("accepted")


def test_a_date_of_the_rules_is_written_the_french_way_or_as_given():
    assert iso_date_fr("2021-03-15") == "15 mars 2021"
    assert iso_date_fr("2021-13-01") == "2021-13-01"
    assert iso_date_fr("courant 2021") == "courant 2021"
