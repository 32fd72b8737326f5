"""Every dossier the open-data import can produce exports and imports back (issue 11): random
annuaire and effectifs rows (hostile names, odd codes, absurd counts) go through the reader,
the proposals and the import plan into a real dossier file by the edit protocol, and the file's
export imports back to the same dossier."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socle_desktop.domain import jsonio
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.model import Classroom, Commune, Dossier, School
from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.effectifs import read_effectifs
from socle_desktop.opendata.merge import plan_import
from socle_desktop.opendata.proposals import propose
from socle_desktop.opendata.samples import (
    ANNUAIRE_COLUMNS,
    EFFECTIFS_COLUMNS,
    annuaire_row,
    effectifs_row,
    write_csv,
)
from socle_desktop.store import DossierFile, read_dossier
from socle_desktop.store.editing import perform

# Each half valid, half what a damaged or hostile file holds.
NAMES = st.sampled_from(
    [
        "ECOLE PRIMAIRE PUBLIQUE JULES FERRY",
        "École <i>des</i> Lilas & Cie 🏫",
        "ECOLE PRIVEE STE MARIE",
    ]
) | st.sampled_from(["É" * 260, "Ecole élémentaire " + "du Val " * 40, "  ", "Ecole\tdu\x7fBourg"])
UAIS = st.sampled_from(["0350165P", "0350103X", "0351981N"]) | st.sampled_from(
    ["035016", "ABCDEFGH", "0350165p"]
)
COUNTS = st.sampled_from(["120", "0", "", "12.0"]) | st.sampled_from(
    ["99999", "125000015", "-3", "beaucoup"]
)
LEVELS = st.tuples(*[st.sampled_from([0, 12, 25])] * 5) | st.tuples(
    *[st.sampled_from([0, 25, 400, 125_000_015])] * 5
)


@st.composite
def open_data(draw):
    schools = draw(
        st.lists(
            st.tuples(UAIS, NAMES, COUNTS, st.booleans(), st.sampled_from(["Public", "Privé", ""])),
            min_size=1,
            max_size=4,
            unique_by=lambda t: t[0],
        )
    )
    counts = draw(
        st.lists(
            st.tuples(st.integers(0, 30), LEVELS, st.integers(0, 300)),
            min_size=len(schools),
            max_size=len(schools),
        )
    )
    return schools, counts


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=open_data(), existing=st.booleans())
def test_every_dossier_the_open_data_import_makes_exports_and_imports_back(
    tmp_path_factory, data, existing
):
    folder = tmp_path_factory.mktemp("opendata")
    schools, counts = data
    annuaire = read_annuaire(
        write_csv(
            folder / "annuaire.csv",
            [
                annuaire_row(
                    uai,
                    nom,
                    "35050",
                    "Cardroc",
                    eleves=eleves,
                    statut=statut,
                    maternelle="1" if maternelle else "0",
                )
                for uai, nom, eleves, maternelle, statut in schools
            ],
            ANNUAIRE_COLUMNS,
        )
    )
    effectifs = read_effectifs(
        write_csv(
            folder / "effectifs.csv",
            [
                effectifs_row(uai.upper(), 2022, "Cardroc", classes=classes, levels=levels, pre=pre)
                for (uai, *_rest), (classes, levels, pre) in zip(schools, counts, strict=True)
            ],
            EFFECTIFS_COLUMNS,
        )
    )
    communes = [info for info in annuaire.communes.values()]
    proposals = [p for p in propose(annuaire, communes, effectifs) if p.eligible]

    dossier = Dossier()
    if existing:  # a school already typed, which the import updates
        dossier.communes = [Commune("35050", "Cardroc")]
        dossier.ecoles = [
            School(
                "Mon école", "0350165P", "35050", eleves=3, classes=[Classroom("CP", ["CP"], 20)]
            )
        ]
    path = folder / "dossier.socle"
    with DossierFile.create(path, dossier, load_campaign()) as file:
        plan = plan_import(file.dossier, proposals)
        if plan.edit is not None:
            perform(file.dossier, plan.edit, file)  # never refused: the proposals are checked
        in_memory = jsonio.to_data(file.dossier)
    on_disk = read_dossier(path)[0]
    assert jsonio.to_data(on_disk) == in_memory
    assert jsonio.to_data(jsonio.loads(jsonio.dumps(on_disk))) == in_memory
