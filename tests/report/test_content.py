"""The example's PDF says what compute() says, in French, on pages a prefecture can file."""

from __future__ import annotations

import re

from socle_desktop.domain.diagnostic import STATUS_LABELS, diagnose
from socle_desktop.domain.money import euros, percent_fr

from .conftest import TODAY, page_texts, spaced


def test_is_a_pdf(example_pdf):
    assert example_pdf.startswith(b"%PDF-")
    assert len(page_texts(example_pdf)) >= 2


def test_first_page_has_porteur_communes_campaign_date_and_plan(example, example_pdf, campaign):
    dossier, result = example
    first = spaced(page_texts(example_pdf)[0])
    assert dossier.porteur.nom in first
    assert dossier.porteur.siren in first
    for commune in dossier.communes:
        assert f"{commune.nom} ({commune.insee})" in first
    assert campaign.nom in first
    assert "23 novembre 2026" in first
    assert "Plan de financement" in first
    for heading in ("Dépense", "éligible", "Taux", "Subvention", "Reste"):
        assert heading in first


def test_plan_figures_are_the_computed_ones_formatted_the_french_way(example, example_pdf):
    _dossier, result = example
    first = spaced(page_texts(example_pdf)[0])
    for volet, label in (
        (result.equipment, "Équipement"),
        (result.services, "Services et ressources"),
    ):
        row = " ".join(
            spaced(x)
            for x in (
                label,
                euros(volet.expense),
                euros(volet.eligible),
                percent_fr(volet.rate, 1),
                euros(volet.subsidy),
                euros(volet.remaining),
            )
        )
        assert row in first, row
    total = " ".join(
        spaced(x)
        for x in (
            "Total",
            euros(result.expense),
            euros(result.eligible),
            percent_fr(result.subsidy / result.eligible, 1),
            euros(result.subsidy),
            euros(result.remaining),
        )
    )
    assert total in first
    assert spaced(f"soit {percent_fr(result.rate, 1)} de la dépense totale") in first


def test_the_exact_totals_of_the_example(example_pdf):
    """The figures of the bundled example, as a reader sees them."""
    first = spaced(page_texts(example_pdf)[0])
    for figure in ("34 566,00 €", "15 648,00 €", "18 918,00 €", "14 700,00 €", "948,00 €"):
        assert figure in first


def test_every_school_with_its_lines_cap_and_eligible_amount(example, example_text):
    dossier, result = example
    text = spaced(example_text)
    for school, sr in zip(dossier.ecoles, result.schools, strict=True):
        assert school.nom in text
        assert school.uai in text
        for classroom in school.classes:
            assert classroom.nom in text
        for line in school.equipment_lines() + school.services:
            assert line.libelle in text
        assert spaced(f"Dépense d'équipement {euros(sr.expense)}") in text
        assert spaced(euros(sr.cap)) in text
        assert spaced(f"Dépense éligible de l'école {euros(sr.eligible)}") in text


def test_socle_diagnostic_per_school(example, example_text, campaign):
    dossier, _result = example
    text = spaced(example_text)
    assert text.count("Diagnostic du socle numérique") == len(dossier.ecoles)
    for diagnostic in diagnose(dossier, campaign).values():
        for item in diagnostic.items:
            assert spaced(item.item.libelle) in text
            assert STATUS_LABELS[item.status] in text
    # Les Tilleuls plans 8 tablets for 2 classes where the rule of thumb asks 10.
    assert (
        "Reste à couvrir après le projet : Terminaux mobiles partagés (classe mobile) : "
        "2 manquants" in text
    )


def test_warnings_rules_settings_and_signature(example, example_text, campaign):
    _dossier, result = example
    text = spaced(example_text)
    assert "Points d'attention" in text
    for alert in result.alerts:
        assert spaced(alert.message) in text
    assert "Règles et paramètres de calcul" in text
    for expected in (
        campaign.id,
        "Base des montants TTC",
        "Prix saisis TTC",
        "Taux de TVA 20 %",
        "appliqué par école",
        "au centime",
        "tous les élèves des écoles équipées",
        "chaque commune",
        spaced(euros(campaign.minimum_par_ecole)),
        spaced(euros(campaign.plafond_par_commune)),
        "70 % jusqu'à",
        spaced(euros(campaign.services_plafond_par_eleve)),
    ):
        assert expected in text, expected
    assert "Fait à" in text and "Le maire" in text and "Cachet et signature" in text


def test_every_page_has_the_header_and_page_x_of_y(example, example_pdf, campaign):
    dossier, _result = example
    pages = page_texts(example_pdf)
    for number, page in enumerate(pages, start=1):
        assert dossier.porteur.nom in page
        assert campaign.nom in page
        assert f"page {number} / {len(pages)}" in page
        assert "Dossier généré le 23 novembre 2026" in page


def test_no_english_left_in_the_document(example_text):
    for word in ("Page ", "Total:", "Subsidy", "School", "Warning", "None", "True", "False"):
        assert word not in example_text


def test_settings_other_than_the_defaults_are_stated(example, campaign):
    import copy

    from socle_desktop.domain.rules import compute
    from socle_desktop.report import build_pdf

    dossier = copy.deepcopy(example[0])
    params = dossier.parametres
    params.base, params.prix_saisis, params.plafond_par_classe = "HT", "HT", "projet"
    params.arrondi, params.eleves_services = "euro", "cycles_2_3"
    result = compute(dossier, campaign)
    text = spaced("\n".join(page_texts(build_pdf(dossier, campaign, result=result, today=TODAY))))
    for expected in (
        "Base des montants HT",
        "Prix saisis HT",
        "appliqué par commune",
        "à l'euro",
        "les élèves de cycles 2 et 3 des écoles équipées",
        "Montant HT (€)",
    ):
        assert expected in text, expected
    assert "projet" not in text.split("Règles et paramètres de calcul")[1].split("Signature")[0]
    assert spaced(euros(result.subsidy)) in text


def test_an_excluded_school_says_why(example, campaign):
    import copy

    from socle_desktop.domain.rules import compute
    from socle_desktop.report import build_pdf

    dossier = copy.deepcopy(example[0])
    school = dossier.ecoles[1]
    school.lignes = []
    for classroom in school.classes:
        classroom.lignes = classroom.lignes[1:]  # the teacher's computers only: below 3 500 €
    result = compute(dossier, campaign)
    reason = result.schools[1].excluded_because
    assert reason
    text = spaced("\n".join(page_texts(build_pdf(dossier, campaign, result=result, today=TODAY))))
    assert spaced(f"École exclue de la subvention d'équipement : {reason}.") in text
    assert spaced(f"Exclue : {reason}") in text


def test_epci_signs_as_president(large_pages):
    last = spaced(large_pages[-1])
    assert "Le président" in last and "Le maire" not in last


def test_date_defaults_to_today(example, campaign):
    import datetime

    from socle_desktop.domain.dates import date_fr
    from socle_desktop.report import build_pdf

    dossier, result = example
    text = spaced(page_texts(build_pdf(dossier, campaign, result=result))[0])
    assert date_fr(datetime.date.today()) in text


def test_french_dates():
    import datetime

    from socle_desktop.domain.dates import date_fr

    assert date_fr(datetime.date(2027, 1, 1)) == "1er janvier 2027"
    assert date_fr(datetime.date(2026, 8, 15)) == "15 août 2026"
    assert re.fullmatch(r"\d+ décembre 2026", date_fr(datetime.date(2026, 12, 24)))
