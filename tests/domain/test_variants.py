"""Variants of one dossier: switching, copies, the JSON extension, and the comparison whose every
figure is ``compute()`` of a dossier holding the same lines."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socle_desktop.domain import edits, jsonio, line_tools, variants
from socle_desktop.domain.comparison import compare
from socle_desktop.domain.diagnostic import diagnose
from socle_desktop.domain.edit_checks import apply_checked
from socle_desktop.domain.jsonio import DossierJsonError
from socle_desktop.domain.model import DEFAULT_VARIANT_NAME, Dossier, Line
from socle_desktop.domain.rules import compute
from socle_desktop.domain.validation import InvalidValue
from tests.domain.strategies import CAMPAIGN, dossiers


def with_variant(dossier: Dossier, name: str) -> str:
    """A copy of the current variant, added; its id."""
    created = variants.create(dossier, name)
    apply_checked(dossier, created)
    return created.variante.id


def test_a_dossier_has_one_variant_retained_and_current():
    dossier = Dossier()
    assert [v.nom for v in dossier.variantes] == [DEFAULT_VARIANT_NAME] == ["Principale"]
    assert dossier.courante == dossier.retenue == dossier.variantes[0].id


def test_switching_moves_the_lines_and_back(example_dossier):
    before = copy.deepcopy(example_dossier)
    other = with_variant(example_dossier, "ENI")
    school = example_dossier.ecoles[0]
    variants.switch(example_dossier, other)
    assert example_dossier.courante == other
    copied = school.classes[0].lignes[0]
    assert copied.id != before.ecoles[0].classes[0].lignes[0].id  # a copy, new ids
    apply_checked(example_dossier, edits.SetField("ligne", copied.id, "quantite", 9))
    variants.switch(example_dossier, example_dossier.retenue)
    assert school.classes[0].lignes == before.ecoles[0].classes[0].lignes  # untouched
    variants.switch(example_dossier, other)
    assert school.classes[0].lignes[0].quantite == 9


def test_checked_out_reads_another_variant_and_changes_nothing(example_dossier):
    other = with_variant(example_dossier, "Sans tablettes")
    variants.switch(example_dossier, other)
    apply_checked(example_dossier, edits.Remove("ligne", example_dossier.ecoles[0].lignes[0].id))
    snapshot = copy.deepcopy(example_dossier)
    retained = variants.retained(example_dossier)
    assert example_dossier == snapshot
    assert retained.courante == retained.retenue
    assert len(retained.ecoles[0].lignes) == len(example_dossier.ecoles[0].lignes) + 1
    switched = copy.deepcopy(example_dossier)
    variants.switch(switched, switched.retenue)
    assert retained == switched  # the same dossier as really switching


def test_names_are_checked(example_dossier):
    with_variant(example_dossier, "ENI")
    with pytest.raises(InvalidValue, match="une variante s'appelle déjà « ENI »"):
        apply_checked(example_dossier, variants.create(example_dossier, "  eni "))
    with pytest.raises(InvalidValue, match="une variante s'appelle déjà"):
        apply_checked(
            example_dossier, variants.rename(example_dossier, example_dossier.retenue, "Eni")
        )
    with pytest.raises(InvalidValue, match="variante inconnue : « TNI » .*« Principale », « ENI »"):
        variants.by_name(example_dossier, "TNI")
    assert variants.by_name(example_dossier, " principale ").id == example_dossier.retenue
    assert variants.free_name(example_dossier) == "Variante 3"


def test_at_most_nine_variants(example_dossier):
    for n in range(2, 10):
        with_variant(example_dossier, f"V{n}")
    with pytest.raises(InvalidValue, match="déjà 9 variantes"):
        variants.create(example_dossier, "Dixième")


def test_undo_of_a_removed_school_gives_back_every_variant(example_dossier):
    other = with_variant(example_dossier, "Copie")
    school = example_dossier.ecoles[0]
    before = copy.deepcopy(example_dossier)
    inverse = apply_checked(example_dossier, edits.Remove("ecole", school.id))
    assert all(key[0] != school.id for key in example_dossier.variante(other).lignes)
    apply_checked(example_dossier, inverse)
    assert example_dossier == before


# --- the JSON extension -----------------------------------------------------------------------


def three_variants(example_dossier) -> Dossier:
    """Principale; « ENI » (retained: VPI replaced by ENI); « Tablettes » (current: more)."""
    d = example_dossier
    eni = with_variant(d, "ENI")
    variants.switch(d, eni)
    apply_checked(d, line_tools.replace_article(d, "vpi", "eni-65", everywhere=False).edit)
    apply_checked(d, variants.retain(d, eni))
    tablets = with_variant(d, "Tablettes & <co>")
    variants.switch(d, tablets)
    line = d.ecoles[1].lignes[0]
    apply_checked(d, edits.SetField("ligne", line.id, "quantite", 30))
    return d


def test_json_round_trip_keeps_every_variant(example_dossier):
    d = three_variants(example_dossier)
    data = jsonio.to_data(d)
    assert [(v["nom"], v["retenue"]) for v in data["variantes"]] == [
        ("Principale", False),
        ("ENI", True),
        ("Tablettes & <co>", False),
    ]
    assert "ecoles" not in data["variantes"][1]
    # the contract's lines are the retained plan's, whatever variant was current
    articles = {
        line["article"] for s in data["ecoles"] for c in s["classes"] for line in c["lignes"]
    }
    assert "eni-65" in articles and "vpi" not in articles
    again = jsonio.loads(jsonio.dumps(d))
    assert jsonio.to_data(again) == data
    assert again.courante == again.retenue
    for name in ("Principale", "ENI", "Tablettes & <co>"):
        mine = variants.by_name(d, name).id
        theirs = variants.by_name(again, name).id
        assert jsonio.result_data(
            compute(variants.checked_out(again, theirs), CAMPAIGN)
        ) == jsonio.result_data(compute(variants.checked_out(d, mine), CAMPAIGN))


def test_a_dossier_without_variants_reads_as_one(example_dossier):
    data = jsonio.to_data(example_dossier)
    del data["variantes"]
    dossier = jsonio.from_data(data)
    assert [v.nom for v in dossier.variantes] == ["Principale"]
    assert jsonio.to_data(dossier)["variantes"] == [{"nom": "Principale", "retenue": True}]


def _bad(data, path: str, words: str):
    with pytest.raises(DossierJsonError) as caught:
        jsonio.loads(json.dumps(data))
    assert caught.value.path == path
    assert words in caught.value.reason


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (lambda v: v[1].__setitem__("retenue", False), "variantes", "0 variantes retenues"),
        (
            lambda v: v.__setitem__(2, {"nom": "X", "retenue": True}),
            "variantes",
            "2 variantes retenues",
        ),
        (
            lambda v: v[1].__setitem__("ecoles", []),
            "variantes[1].ecoles",
            "pas de clé « ecoles » ici",
        ),
        (lambda v: v[0]["ecoles"].pop(), "variantes[0].ecoles", "1 écoles, le dossier en a 2"),
        (
            lambda v: v[0]["ecoles"][0]["classes"].pop(),
            "variantes[0].ecoles[0].classes",
            "3 classes, l'école en a 4",
        ),
        (
            lambda v: v[2].__setitem__("nom", "eni"),
            "variantes[2].nom",
            "une variante s'appelle déjà « ENI »",
        ),
        (lambda v: v[2].__setitem__("nom", 3), "variantes[2].nom", "texte attendu"),
        (lambda v: v[2].__setitem__("nom", ""), "variantes[2].nom", "ne peut pas être vide"),
        (
            lambda v: v[0]["ecoles"][0]["lignes"][0].__setitem__("quantite", -1),
            "variantes[0].ecoles[0].lignes[0].quantite",
            "un nombre négatif n'a pas de sens",
        ),
        (
            lambda v: v.extend({"nom": f"N{n}"} for n in range(7)),
            "variantes",
            "10 variantes : au plus 9",
        ),
        (lambda v: v.clear(), "variantes", "une variante au moins"),
    ],
)
def test_json_variants_refused_with_their_path(example_dossier, mutate, path, words):
    data = jsonio.to_data(three_variants(example_dossier))
    mutate(data["variantes"])
    _bad(data, path, words)


# --- the comparison equals compute() of a dossier holding the same lines ----------------------


def plain_dossier(dossier: Dossier, variant_id: str) -> Dossier:
    """A dossier of one variant holding ``variant_id``'s lines, made through the JSON form
    (another path than ``checked_out``): that variant's ``ecoles`` put in the contract's."""
    data = jsonio.to_data(dossier)
    index = next(i for i, v in enumerate(dossier.variantes) if v.id == variant_id)
    entry = data["variantes"][index]
    if not entry["retenue"]:
        for school, lines in zip(data["ecoles"], entry["ecoles"], strict=True):
            school["lignes"], school["services"] = lines["lignes"], lines["services"]
            for classroom, class_lines in zip(school["classes"], lines["classes"], strict=True):
                classroom["lignes"] = class_lines["lignes"]
    del data["variantes"]
    return jsonio.from_data(data)


REPLACEMENTS = st.lists(
    st.tuples(
        st.sampled_from(["vpi", "tablette", "mdm", "webcam", "ent", "maintenance"]),
        st.sampled_from(
            [
                "tni",
                "eni-65",
                "portable-eleve",
                "chariot-recharge",
                "micro",
                "manuels-numeriques",
                "consommables",
            ]
        ),
        st.booleans(),
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers(min_schools=1), REPLACEMENTS, st.integers(0, 2), st.data())
def test_every_figure_of_a_variant_is_compute_of_its_lines(dossier, replacements, extra, data):
    ids = [dossier.courante] + [with_variant(dossier, f"Variante {n}") for n in range(extra + 1)]
    for old, new, everywhere in replacements:
        variants.switch(dossier, data.draw(st.sampled_from(ids)))
        try:
            change = line_tools.replace_article(dossier, old, new, everywhere)
        except InvalidValue:
            continue  # nothing of « old » there, or « new » does not go where « old » is
        before = {
            v: sum(len(lines) for lines in variants.lines_of(dossier, v).values()) for v in ids
        }
        apply_checked(dossier, change.edit)
        for v in ids if everywhere else [dossier.courante]:
            lines = [line for lst in variants.lines_of(dossier, v).values() for line in lst]
            assert all(line.article != old for line in lines)
            assert sum(len(lst) for lst in variants.lines_of(dossier, v).values()) == before[v]
    apply_checked(dossier, variants.retain(dossier, data.draw(st.sampled_from(ids))))
    variants.switch(dossier, data.draw(st.sampled_from(ids)))
    current = compute(dossier, CAMPAIGN)
    comparison = compare(dossier, CAMPAIGN, current)
    assert comparison.retained.variant_id == dossier.retenue
    for column in comparison.columns:
        expected = compute(plain_dossier(dossier, column.variant_id), CAMPAIGN)
        # every figure, the communes', the schools' and the alerts, in the contract's form
        assert jsonio.result_data(column.result) == jsonio.result_data(expected)
        values = {
            "expense": expected.expense,
            "eligible": expected.eligible,
            "equipment": expected.equipment.subsidy,
            "services": expected.services.subsidy,
            "subsidy": expected.subsidy,
            "remaining": expected.remaining,
            "rate": expected.rate,
        }
        for key, value in values.items():
            assert column.value(key) == value
        assert column.value("socle") == sum(
            d.reaches_socle
            for d in diagnose(plain_dossier(dossier, column.variant_id), CAMPAIGN).values()
        )


def test_differences_are_said_against_the_retained_variant(example_dossier):
    d = example_dossier
    eni = with_variant(d, "ENI")
    variants.switch(d, eni)
    change = line_tools.replace_article(d, "vpi", "eni-65", everywhere=False)
    apply_checked(d, change.edit)
    comparison = compare(d, CAMPAIGN)
    retained, other = comparison.columns
    assert retained.retained and other.current
    delta = other.value("remaining") - retained.value("remaining")
    assert delta > 0
    assert comparison.difference(other, "remaining") == (f"+{_euros(delta)} de reste à charge")
    assert comparison.headline(retained) == "variante retenue"
    assert comparison.headline(other).startswith("+")
    assert comparison.difference(retained, "socle") == "identique"


def _euros(amount: Decimal) -> str:
    from socle_desktop.domain.money import euros

    return euros(amount)


def test_a_free_text_line_survives_a_copy(example_dossier):
    line = Line("article-libre", "Rideau occultant", 2, Decimal("80.00"))
    apply_checked(
        example_dossier, edits.Insert("ligne", example_dossier.ecoles[0].id, "lignes", 0, line)
    )
    other = with_variant(example_dossier, "Copie")
    copied = example_dossier.variante(other).lignes[(example_dossier.ecoles[0].id, "lignes")][0]
    assert (copied.article, copied.libelle, copied.quantite) == (
        "article-libre",
        "Rideau occultant",
        2,
    )
    assert copied.id != line.id


def test_the_comparison_cells_and_their_tendency(example_dossier):
    from socle_desktop.domain.comparison import tendency

    d = example_dossier
    eni = with_variant(d, "ENI")
    variants.switch(d, eni)
    apply_checked(d, line_tools.replace_article(d, "vpi", "eni-65", everywhere=False).edit)
    comparison = compare(d, CAMPAIGN)
    retained, other = comparison.columns
    delta = comparison.delta(other, "remaining")
    assert comparison.cell(other, "remaining") == (
        _euros(other.value("remaining")),
        "+" + _euros(delta),
    )
    assert comparison.cell(retained, "remaining") == (_euros(retained.value("remaining")), "")
    assert comparison.cell(other, "socle")[0] == f"{other.at_socle} sur {len(d.ecoles)}"
    # more to pay is worse; more subsidy is better; no difference, nothing to say
    assert tendency("remaining", delta) == "worse" and tendency("remaining", -delta) == "better"
    assert tendency("subsidy", Decimal(1)) == "better" and tendency("subsidy", 0) == ""
    for index in range(len(d.ecoles)):
        mine, theirs = other.schools[index], retained.schools[index]
        assert mine.remaining == mine.expense - mine.equipment_subsidy
        value, difference = comparison.school_cell(other, index)
        assert value == _euros(mine.remaining)
        change = mine.remaining - theirs.remaining
        assert difference == ("" if not change else ("+" if change > 0 else "\u2212"))[:1] + (
            _euros(abs(change)) if change else ""
        )
    assert any(comparison.school_cell(other, i)[1] for i in range(len(d.ecoles)))
    assert {s.socle_text for s in other.schools} <= {"au socle", "socle incomplet"}


def test_a_note_says_when_the_variant_shown_is_not_the_retained_one(example_dossier):
    d = example_dossier
    assert variants.not_retained_note(d) == ""
    variants.switch(d, with_variant(d, "ENI"))
    assert variants.not_retained_note(d) == (
        "Pas la variante retenue : le PDF et le dépôt utilisent « Principale »."
    )
