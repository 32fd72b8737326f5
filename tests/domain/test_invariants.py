"""Property tests (hypothesis) of the invariants of snee-2021.md §5.3, over dossiers of 1 to 15
communes with every setting."""

from copy import deepcopy
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from socle_desktop.domain import jsonio
from socle_desktop.domain.amounts import line_amount
from socle_desktop.domain.model import Classroom, Dossier, Line, School
from socle_desktop.domain.rules import compute
from socle_desktop.domain.samples import valid_uai

from .strategies import CAMPAIGN, EQUIPMENT, SERVICES, amounts, classrooms, dossiers, quantities

MAX_COMMUNE = Decimal("540000.00")


def rounded(amount: Decimal, arrondi: str) -> Decimal:
    step = Decimal(1) if arrondi == "euro" else Decimal("0.01")
    return amount.quantize(step, ROUND_HALF_UP)


def with_scope(d: Dossier, scope: str) -> Dossier:
    d = deepcopy(d)
    d.parametres.plafond_par_classe = scope
    return d


def check_ceilings(d: Dossier, result) -> None:
    """After rounding: a commune's figure is at most 540 000 € and at most 70 % of its base,
    rounded the same way (2 450,01 € for a base of 3 500,01 €)."""
    for commune in result.communes:
        assert commune.base <= Decimal("1000000.00")
        assert commune.subsidy <= MAX_COMMUNE
        assert commune.subsidy <= rounded(commune.base * CAMPAIGN.max_rate, d.parametres.arrondi)
        assert commune.subsidy == rounded(commune.exact_subsidy, d.parametres.arrondi)


def check_parts_add_up(result) -> None:
    """Schools add up to communes, communes to the volet, volets to the totals, to the cent."""
    for commune in result.communes:
        mine = [s for s in result.schools if s.commune == commune.insee]
        assert sum(s.subsidy for s in mine) == commune.subsidy
        assert sum(s.eligible for s in mine) == commune.eligible
        assert sum(s.expense for s in mine) == commune.expense
        assert all(s.subsidy == 0 for s in mine if s.excluded_because)
    equipment = result.equipment
    assert sum(c.subsidy for c in result.communes) == equipment.subsidy
    assert sum(c.base for c in result.communes) == equipment.eligible
    assert sum(s.subsidy for s in result.schools) == equipment.subsidy
    assert sum(s.expense for s in result.schools) == equipment.expense
    assert equipment.subsidy + result.services.subsidy == result.subsidy
    for school in result.schools:
        if not school.excluded_because:
            assert school.eligible + school.above_cap == school.subsidisable


def check_services_pupils(d: Dossier, result) -> None:
    """The pupils of the schools kept in the equipment volet, with or without services."""
    expected = 0
    for school, sr in zip(d.ecoles, result.schools, strict=True):
        if sr.excluded_because:
            continue
        if d.parametres.eleves_services == "cycles_2_3":
            expected += sum(c.eleves for c in school.classes if c.cycle_2_3)
        else:
            expected += school.eleves
    assert result.services_pupils == expected
    assert result.services.eligible <= CAMPAIGN.services_plafond_par_eleve * expected
    assert result.services.subsidy <= rounded(
        result.services.eligible * CAMPAIGN.services_taux, d.parametres.arrondi
    )


def check_remaining(result) -> None:
    for volet in (result.equipment, result.services):
        assert volet.remaining == volet.expense - volet.subsidy >= 0
    assert result.remaining == result.expense - result.subsidy >= 0


@settings(max_examples=250, deadline=None)
@given(dossiers())
def test_every_invariant_of_one_dossier(d):
    result = compute(d, CAMPAIGN)
    check_ceilings(d, result)
    check_parts_add_up(result)
    check_services_pupils(d, result)
    check_remaining(result)


@settings(max_examples=100, deadline=None)
@given(dossiers())
def test_pooling_per_commune_never_gives_less_than_per_school(d):
    per_school = compute(with_scope(d, "ecole"), CAMPAIGN)
    per_commune = compute(with_scope(d, "projet"), CAMPAIGN)
    for a, b in zip(per_school.communes, per_commune.communes, strict=True):
        assert b.eligible >= a.eligible
        assert b.subsidy >= a.subsidy
    assert per_commune.equipment.subsidy >= per_school.equipment.subsidy


@settings(max_examples=100, deadline=None)
@given(dossiers(min_schools=1), st.data())
def test_the_subsidy_never_decreases_when_an_expense_grows(d, data):
    before = compute(d, CAMPAIGN)
    grown = deepcopy(d)
    school = grown.ecoles[data.draw(st.integers(0, len(grown.ecoles) - 1))]
    places = [school.lignes, school.services] + [c.lignes for c in school.classes]
    place = places[data.draw(st.integers(0, len(places) - 1))]
    if place and data.draw(st.booleans()):
        line = place[data.draw(st.integers(0, len(place) - 1))]
        line.prix_unitaire += data.draw(amounts)
        line.quantite += data.draw(st.integers(0, 3))
    else:
        place.append(
            data.draw(
                st.builds(
                    lambda a, q, p: Line(a, a, q, p),
                    st.sampled_from(EQUIPMENT + SERVICES),
                    quantities,
                    amounts,
                )
            )
        )
    after = compute(grown, CAMPAIGN)
    assert after.equipment.subsidy >= before.equipment.subsidy
    assert after.services.subsidy >= before.services.subsidy
    assert after.expense >= before.expense
    for a, b in zip(before.communes, after.communes, strict=True):
        assert b.subsidy >= a.subsidy  # no commune loses when another spends more


@settings(max_examples=100, deadline=None)
@given(dossiers(min_schools=1), st.data())
def test_the_subsidy_never_decreases_when_a_class_is_added(d, data):
    before = compute(d, CAMPAIGN)
    grown = deepcopy(d)
    school = grown.ecoles[data.draw(st.integers(0, len(grown.ecoles) - 1))]
    school.classes.append(data.draw(classrooms(99)))
    after = compute(grown, CAMPAIGN)
    assert after.equipment.subsidy >= before.equipment.subsidy
    for a, b in zip(before.communes, after.communes, strict=True):
        assert b.subsidy >= a.subsidy


@settings(max_examples=50, deadline=None)
@given(dossiers(), st.integers(0, 349_999), st.data())
def test_a_school_below_the_minimum_changes_nothing(d, cents, data):
    before = compute(d, CAMPAIGN)
    small = School(
        nom="Petite école",
        uai=valid_uai(999),
        commune=data.draw(st.sampled_from([c.insee for c in d.communes])),
        eleves=data.draw(st.integers(0, 400)),
        classes=[Classroom("CP", ["CP"], 20)],
        lignes=[Line("vpi", "VPI", 1, Decimal(cents) / 100)],
    )
    assume(line_amount(small.lignes[0], d) < CAMPAIGN.minimum_par_ecole)
    d.ecoles.append(small)
    after = compute(d, CAMPAIGN)
    assert after.equipment.subsidy == before.equipment.subsidy
    assert after.services_pupils == before.services_pupils  # an excluded school brings none
    assert after.school(small.id).excluded_because


@settings(max_examples=50, deadline=None)
@given(dossiers())
def test_json_export_imports_back_to_the_same_result(d):
    again = jsonio.loads(jsonio.dumps(d))
    assert jsonio.result_data(compute(again, CAMPAIGN)) == jsonio.result_data(compute(d, CAMPAIGN))
    # import fills the dossier's catalogue copy; from then on export → import is a fixed point
    assert jsonio.dumps(jsonio.loads(jsonio.dumps(again))) == jsonio.dumps(again)
