"""Property tests (hypothesis) of the invariants of the subsidy rules."""

from copy import deepcopy
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from socle_desktop.domain import jsonio
from socle_desktop.domain.amounts import line_amount
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.model import Classroom, Commune, Dossier, Line, Porteur, School
from socle_desktop.domain.rules import compute
from socle_desktop.domain.samples import valid_uai

CAMPAIGN = load_campaign()
COMMUNES = ("35001", "35002", "35003")

amounts = st.integers(min_value=0, max_value=40_000_000).map(lambda c: Decimal(c) / 100)
lines = st.lists(
    st.builds(lambda q, p: Line("vpi", "Article", q, p), st.integers(0, 50), amounts), max_size=4
)


@st.composite
def schools(draw, index):
    classes = [
        Classroom(
            f"C{k}",
            draw(st.sampled_from([["CP"], ["CM2"], ["GS"], ["PS", "CP"]])),
            draw(st.integers(0, 30)),
            draw(lines),
        )
        for k in range(draw(st.integers(0, 6)))
    ]
    return School(
        nom=f"École {index}",
        uai=valid_uai(index),
        commune=draw(st.sampled_from(COMMUNES)),
        eleves=draw(st.integers(0, 400)),
        classes=classes,
        lignes=draw(lines),
        services=[
            Line("ent", "ENT", q, p)
            for q, p in draw(
                st.lists(
                    st.tuples(
                        st.integers(0, 300),
                        amounts.map(lambda a: a / 100).map(lambda a: a.quantize(Decimal("0.01"))),
                    ),
                    max_size=2,
                )
            )
        ],
    )


@st.composite
def dossiers(draw):
    count = draw(st.integers(0, 5))
    d = Dossier(porteur=Porteur(nom="Porteur"))
    d.communes = [Commune(code, code) for code in COMMUNES]
    d.ecoles = [draw(schools(i + 1)) for i in range(count)]
    d.parametres.plafond_par_classe = draw(st.sampled_from(["ecole", "projet"]))
    d.parametres.prix_saisis = draw(st.sampled_from(["TTC", "HT"]))
    d.parametres.arrondi = draw(st.sampled_from(["centime", "euro"]))
    return d


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_equipment_subsidy_is_bounded(d):
    result = compute(d, CAMPAIGN)
    eligible = result.equipment.eligible
    # 70 % at most (plus half a euro when rounding to the euro)
    assert result.equipment.subsidy <= eligible * Decimal("0.70") + Decimal("0.50")
    for commune in result.communes:
        assert commune.subsidy <= Decimal("540000.00")
        assert commune.base <= Decimal("1000000.00")
    assert sum(c.subsidy for c in result.communes) == result.equipment.subsidy


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_remaining_cost_is_expense_minus_subsidy_and_never_negative(d):
    result = compute(d, CAMPAIGN)
    for volet in (result.equipment, result.services):
        assert volet.remaining == volet.expense - volet.subsidy
        assert volet.remaining >= 0
    assert result.remaining == result.expense - result.subsidy >= 0


@settings(max_examples=150, deadline=None)
@given(dossiers())
def test_services_subsidy_is_at_most_ten_euros_per_pupil(d):
    result = compute(d, CAMPAIGN)
    assert result.services.subsidy <= Decimal(10) * result.services_pupils + Decimal("0.50")
    assert result.services.subsidy <= result.services.expense


@settings(max_examples=150, deadline=None)
@given(dossiers(), st.data())
def test_subsidy_never_decreases_when_an_expense_grows(d, data):
    before = compute(d, CAMPAIGN)
    candidates = [line for s in d.ecoles for line in s.equipment_lines() + s.services]
    if not candidates:
        return
    grown = deepcopy(d)
    grown_lines = [line for s in grown.ecoles for line in s.equipment_lines() + s.services]
    line = grown_lines[data.draw(st.integers(0, len(candidates) - 1))]
    line.prix_unitaire += data.draw(amounts)
    line.quantite += data.draw(st.integers(0, 3))
    after = compute(grown, CAMPAIGN)
    assert after.equipment.subsidy >= before.equipment.subsidy
    assert after.services.subsidy >= before.services.subsidy
    assert after.expense >= before.expense


@settings(max_examples=100, deadline=None)
@given(dossiers(), st.integers(0, 349_999), st.sampled_from(COMMUNES))
def test_a_school_below_the_minimum_changes_nothing(d, cents, commune):
    before = compute(d, CAMPAIGN)
    small = School(
        nom="Petite école",
        uai=valid_uai(999),
        commune=commune,
        classes=[Classroom("CP", ["CP"])],
        lignes=[Line("vpi", "VPI", 1, Decimal(cents) / 100)],
    )
    assume(line_amount(small.lignes[0], d) < CAMPAIGN.minimum_par_ecole)  # HT prices: in TTC
    d.ecoles.append(small)
    after = compute(d, CAMPAIGN)
    assert after.equipment.subsidy == before.equipment.subsidy
    assert after.school(small.id).excluded_because


@settings(max_examples=100, deadline=None)
@given(dossiers())
def test_json_export_imports_back_to_the_same_result(d):
    for s in d.ecoles:  # the JSON form needs the commune list and names
        s.nom = s.nom or "École"
    again = jsonio.loads(jsonio.dumps(d))
    assert jsonio.result_data(compute(again, CAMPAIGN)) == jsonio.result_data(compute(d, CAMPAIGN))
    # import fills the dossier's catalogue copy; from then on export → import is a fixed point
    assert jsonio.dumps(jsonio.loads(jsonio.dumps(again))) == jsonio.dumps(again)
