"""The visit's editing tools: replace an article everywhere, apply a class's equipment to every
school, bring lines to a changed catalogue price, and the charging-case warning."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from socle_desktop.domain import edits, line_tools, variants
from socle_desktop.domain.edit_checks import apply_checked
from socle_desktop.domain.model import Existant, Line
from socle_desktop.domain.rules import compute
from socle_desktop.domain.validation import InvalidValue
from tests.domain.strategies import CAMPAIGN


def all_lines(dossier, variant_id):
    return [line for lines in variants.lines_of(dossier, variant_id).values() for line in lines]


def test_replace_in_this_variant_keeps_quantities_and_takes_the_catalogue_price(example_dossier):
    d = example_dossier
    other = variants.create(d, "ENI")
    apply_checked(d, other)
    vpis = [(line.id, line.quantite) for line in all_lines(d, d.courante) if line.article == "vpi"]
    assert len(vpis) == 4
    change = line_tools.replace_article(d, "vpi", "eni-65", everywhere=False)
    assert (change.current, change.others) == (4, 0)
    inverse = apply_checked(d, change.edit)
    replaced = {line_id for line_id, _q in vpis}
    eni = [line for line in all_lines(d, d.courante) if line.id in replaced]
    assert {line.article for line in eni} == {"eni-65"}
    assert [(line.id, line.quantite) for line in eni] == vpis  # same lines, quantities kept
    assert {line.prix_unitaire for line in eni} == {Decimal("3200.00")}
    assert {line.libelle for line in eni} == {d.catalogue["eni-65"].libelle}
    assert any(line.article == "vpi" for line in all_lines(d, other.variante.id))  # untouched
    apply_checked(d, inverse)
    assert [
        (line.id, line.quantite) for line in all_lines(d, d.courante) if line.article == "vpi"
    ] == vpis


def test_replace_everywhere_counts_each_variant(example_dossier):
    d = example_dossier
    apply_checked(d, variants.create(d, "B"))
    apply_checked(d, variants.create(d, "C"))
    change = line_tools.replace_article(d, "vpi", "tni", everywhere=True)
    assert (change.current, change.others, change.total) == (4, 8, 12)
    apply_checked(d, change.edit)
    for variant in d.variantes:
        assert not any(line.article == "vpi" for line in all_lines(d, variant.id))
    assert line_tools.usage(d, "tni") == {v.id: 4 for v in d.variantes}


def test_prices_typed_ht_come_from_the_catalogue_ht(example_dossier):
    d = example_dossier
    d.parametres.prix_saisis = "HT"
    vpis = {line.id for line in all_lines(d, d.courante) if line.article == "vpi"}
    change = line_tools.replace_article(d, "vpi", "eni-65", everywhere=False)
    apply_checked(d, change.edit)
    prices = {line.prix_unitaire for line in all_lines(d, d.courante) if line.id in vpis}
    assert prices == {Decimal("2666.67")}  # 3 200,00 € TTC at 20 %


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (
            "vpi",
            "tablette",
            "article de niveau école : il ne peut pas remplacer les lignes d'une classe",
        ),
        ("tablette", "ent", "volet services : il ne peut pas remplacer"),
        ("tni", "eni-65", "aucune ligne de l'article « tni » dans cette variante"),
        ("vpi", "vpi", "choisissez un autre article"),
        ("vpi", "inconnu", "article inconnu : « inconnu »"),
    ],
)
def test_replacements_refused_in_french(example_dossier, old, new, words):
    with pytest.raises(InvalidValue, match=words):
        line_tools.replace_article(example_dossier, old, new, everywhere=False)


def test_an_article_from_the_default_catalogue_is_copied_in(example_dossier):
    d = example_dossier
    assert "tni" not in d.catalogue
    change = line_tools.replace_article(d, "vpi", "tni", everywhere=False)
    assert isinstance(change.edit.edits[0], edits.PutArticle)
    apply_checked(d, change.edit)
    assert d.catalogue["tni"].prix_unitaire == Decimal("2500.00")


def test_a_price_changed_in_the_catalogue_updates_the_lines_asked(example_dossier):
    d = example_dossier
    apply_checked(d, variants.create(d, "B"))
    item = replace(d.catalogue["vpi"], prix_unitaire=Decimal("2100.00"))
    apply_checked(d, edits.PutArticle("vpi", item))
    here = line_tools.price_update(d, "vpi", everywhere=False)
    everywhere = line_tools.price_update(d, "vpi", everywhere=True)
    assert (here.current, here.others) == (4, 0)
    assert (everywhere.current, everywhere.others) == (4, 4)
    before = compute(d, CAMPAIGN).equipment.expense
    apply_checked(d, everywhere.edit)
    assert compute(d, CAMPAIGN).equipment.expense == before - 4 * Decimal("200.00")
    for variant in d.variantes:
        assert {
            line.prix_unitaire for line in all_lines(d, variant.id) if line.article == "vpi"
        } == {Decimal("2100.00")}
    assert line_tools.price_update(d, "vpi", everywhere=True).edit is None  # nothing left


def test_apply_to_all_schools(example_dossier):
    d = example_dossier
    source = d.ecoles[0].classes[0]
    batch = line_tools.apply_lines_to_all_schools(d, source)
    apply_checked(d, batch)
    wanted = [(line.article, line.quantite) for line in source.lignes]
    for school in d.ecoles:
        for classroom in school.classes:
            assert [(line.article, line.quantite) for line in classroom.lignes] == wanted
    ids = [line.id for s in d.ecoles for c in s.classes for line in c.lignes]
    assert len(ids) == len(set(ids))  # copies, never the same line twice


def _tablets(school, tablets: int, cases: int, article: str = "valise-recharge"):
    school.lignes = [Line("tablette", "Tablette", tablets, Decimal("390.00"))]
    if cases:
        school.lignes.append(Line(article, "Valise", cases, Decimal("1200.00")))


def charging_alerts(dossier):
    return [a.message for a in compute(dossier, CAMPAIGN).alerts if "recharge" in a.message]


def test_more_mobile_devices_than_charging_places_is_warned(example_dossier):
    d = example_dossier
    school = d.ecoles[0]
    _tablets(school, 16, 1)
    assert charging_alerts(d) == []
    _tablets(school, 20, 1)
    assert charging_alerts(d) == [
        "École élémentaire Jules Ferry : 20 terminaux mobiles pour 16 places de recharge "
        "(valises, chariots) ; il manque 4 places."
    ]
    d.catalogue["chariot-recharge"] = replace(
        d.catalogue["valise-recharge"], id="chariot-recharge", places=32
    )
    _tablets(school, 20, 1, "chariot-recharge")
    assert charging_alerts(d) == []
    _tablets(school, 12, 0)
    assert charging_alerts(d) == [
        "École élémentaire Jules Ferry : 12 terminaux mobiles sont prévus, mais aucune valise "
        "ni aucun chariot de rangement et de recharge."
    ]
    school.existant["gestion_mobiles"] = Existant.PRESENT  # the school has its cases already
    assert charging_alerts(d) == []


# --- what the dialogs offer and say, decided here (the widgets only show it) -----------------


def test_articles_in_use_count_the_lines_of_this_variant_or_all(example_dossier):
    d = example_dossier
    apply_checked(d, variants.create(d, "B"))
    here = {u.article: u for u in line_tools.articles_in_use(d, everywhere=False)}
    everywhere = {u.article: u for u in line_tools.articles_in_use(d, everywhere=True)}
    assert here["vpi"].lines == 4 and everywhere["vpi"].lines == 8
    assert here["vpi"].name == d.catalogue["vpi"].libelle
    assert here["vpi"].choice == f"{d.catalogue['vpi'].libelle} — 4 lignes"
    assert set(here) == {line.article for line in all_lines(d, d.courante)}


def test_replacements_are_of_the_same_level_and_volet(example_dossier):
    d = example_dossier
    vpi = d.catalogue["vpi"]
    choices = line_tools.replacements(d, CAMPAIGN, "vpi")
    assert choices and "vpi" not in {c.id for c in choices}
    assert {(c.niveau, c.volet) for c in choices} == {(vpi.niveau, vpi.volet)}
    assert "eni-65" in {c.id for c in choices}
    # each offered article is one the replacement accepts
    for choice in choices[:3]:
        assert line_tools.replace_article(d, "vpi", choice.id, everywhere=False).total == 4


def test_the_dialogs_sentences_agree_in_number(example_dossier):
    d = example_dossier
    apply_checked(d, variants.create(d, "B"))
    one = line_tools.LinesChange(None, 1, 0)
    assert line_tools.replace_preview(one).startswith("1 ligne sera remplacée : quantités")
    change = line_tools.replace_article(d, "vpi", "eni-65", everywhere=True)
    assert line_tools.replace_preview(change).startswith(
        "8 lignes seront remplacées (4 dans cette variante, 4 dans les autres) :"
    )
    assert line_tools.price_question(one, one, "VPI") == (
        "1 ligne de cette variante utilise « VPI » à un autre prix que celui du catalogue. "
        "Les mettre à jour ?"
    )
    assert line_tools.price_question(change, change, "VPI").startswith(
        "4 lignes de cette variante et 4 lignes des autres variantes utilisent « VPI »"
    )
    assert line_tools.price_updated(one) == (
        "1 ligne mise au prix du catalogue (Ctrl+Z pour annuler)."
    )
    assert line_tools.price_updated(change).startswith("8 lignes mises au prix")
