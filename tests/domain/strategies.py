"""Hypothesis strategies: dossiers of 1 to 15 communes with every setting of snee-2021.md §5.3."""

from decimal import Decimal

from hypothesis import strategies as st

from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.catalogue import load_default_catalogue
from socle_desktop.domain.model import Classroom, Commune, Dossier, Line, Porteur, School
from socle_desktop.domain.samples import valid_uai

CAMPAIGN = load_campaign()
CATALOGUE = load_default_catalogue()
# Equipment articles of every kind: socle items at 20 %, one outside the socle, free text.
EQUIPMENT = ("vpi", "tablette", "mdm", "webcam", "maintenance", "article-libre")
SERVICES = ("ent", "manuels-numeriques", "ressources", "service-libre")

# Amounts from a few euros to a few hundred thousand: around the minimum, the class cap,
# the band at 200 000 € and the ceiling at 1 M€ per commune.
amounts = st.one_of(
    st.integers(0, 500_000).map(lambda c: Decimal(c) / 100),
    st.integers(0, 40_000_000).map(lambda c: Decimal(c) / 100),
)
quantities = st.integers(0, 12)
lines = st.lists(
    st.builds(lambda a, q, p: Line(a, a, q, p), st.sampled_from(EQUIPMENT), quantities, amounts),
    max_size=3,
)
services = st.lists(
    st.builds(
        lambda a, q, p: Line(a, a, q, p),
        st.sampled_from(SERVICES),
        st.integers(0, 300),
        st.integers(0, 3_000).map(lambda c: Decimal(c) / 100),
    ),
    max_size=2,
)
LEVELS = [["CP"], ["CM2"], ["GS"], ["PS", "CP"], ["CE1", "CE2"], []]


@st.composite
def classrooms(draw, index: int) -> Classroom:
    return Classroom(
        f"C{index}", draw(st.sampled_from(LEVELS)), draw(st.integers(0, 30)), draw(lines)
    )


@st.composite
def schools(draw, index: int, communes: list[str]) -> School:
    classes = [draw(classrooms(k)) for k in range(draw(st.integers(0, 6)))]
    # Sometimes many more classes, without lines of their own, so that a commune's base
    # reaches the 50 % band and the ceiling of 1 M€.
    bulk = draw(st.sampled_from([0, 0, 0, 0, 30, 80, 200, 350]))
    classes += [Classroom(f"B{k}", ["CE1"], 25) for k in range(bulk)]
    return School(
        nom=f"École {index}",
        uai=valid_uai(index),
        commune=draw(st.sampled_from(communes)),
        eleves=draw(st.integers(0, 400)),
        classes=classes,
        lignes=draw(lines),
        services=draw(services),
    )


@st.composite
def dossiers(draw, min_schools: int = 0) -> Dossier:
    # few communes often, so that schools share one (the pooled cap, the rounding per commune)
    count = draw(st.one_of(st.integers(1, 3), st.integers(1, 15)))
    communes = [f"35{n:03d}" for n in range(1, count + 1)]
    d = Dossier(porteur=Porteur(nom="Porteur"))
    d.communes = [Commune(code, f"Commune {code}") for code in communes]
    d.ecoles = [draw(schools(i + 1, communes)) for i in range(draw(st.integers(min_schools, 12)))]
    p = d.parametres
    p.plafond_par_classe = draw(st.sampled_from(["ecole", "projet"]))
    p.prix_saisis = draw(st.sampled_from(["TTC", "HT"]))
    p.base = draw(st.sampled_from(["TTC", "HT"]))
    p.arrondi = draw(st.sampled_from(["centime", "euro"]))
    p.eleves_services = draw(st.sampled_from(["ecoles", "cycles_2_3"]))
    p.taux_tva = draw(st.sampled_from([Decimal("20"), Decimal("10"), Decimal("5.5")]))
    d.catalogue = {key: item for key, item in CATALOGUE.items() if key in EQUIPMENT + SERVICES}
    return d
