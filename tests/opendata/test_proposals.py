"""Classes estimated from the effectifs: invariants (hypothesis) and the names users read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from socle_desktop.domain.model import CYCLE_2_3_LEVELS, LEVELS
from socle_desktop.opendata.effectifs import ELEMENTARY_LEVELS, SchoolCounts
from socle_desktop.opendata.proposals import (
    elementary_class_count,
    estimate_classes,
    readable_name,
)


@st.composite
def school_years(draw):
    levels = draw(st.lists(st.integers(0, 60), min_size=5, max_size=5))
    pre, ulis = draw(st.integers(0, 200)), draw(st.integers(0, 15))
    elem = sum(levels) if draw(st.booleans()) else draw(st.integers(0, 300))  # odd files too
    return SchoolCounts(
        annee=2022,
        classes=draw(st.integers(0, 30)),
        preelementaire=pre,
        elementaire=elem,
        ulis=ulis,
        niveaux=dict(zip(ELEMENTARY_LEVELS, levels, strict=True)),
        total=pre + elem + ulis,
    )


@given(school_years())
def test_the_elementary_share_of_classes_stays_within_the_school(counts):
    n = elementary_class_count(counts)
    if counts.elementary_pupils == 0 or counts.classes == 0:
        assert n == 0
        return
    assert 1 <= n <= counts.classes
    if counts.preelementaire and counts.classes > 1:
        assert n < counts.classes  # the maternelle pupils keep at least one class


@given(school_years())
def test_estimated_classes_hold_every_elementary_pupil_once_in_level_order(counts):
    classes, _notes = estimate_classes(counts)
    assert len(classes) == elementary_class_count(counts)
    if not classes:
        return
    by_level = sum(counts.niveaux.values())
    expected = (by_level if by_level else counts.elementaire) + counts.ulis
    assert sum(c.eleves for c in classes) == expected
    assert all(c.niveaux and set(c.niveaux) <= CYCLE_2_3_LEVELS for c in classes)
    assert len({c.nom for c in classes}) == len(classes)
    ordered = [c for c in classes if c.nom != "ULIS"]
    if not by_level:  # no pupils per level in the file: every class may hold every level
        assert all(c.niveaux == list(ELEMENTARY_LEVELS) for c in ordered)
        return
    for before, after in zip(ordered, ordered[1:], strict=False):
        assert LEVELS.index(before.niveaux[-1]) <= LEVELS.index(after.niveaux[0])
    sizes = [c.eleves for c in ordered]
    if all(c.nom != "ULIS" for c in classes) and not counts.ulis:
        assert max(sizes) - min(sizes) <= 1  # equal shares


def test_a_village_school_with_three_levels_and_three_classes():
    counts = SchoolCounts(
        2022, 3, 0, 71, 0, {"CP": 0, "CE1": 0, "CE2": 8, "CM1": 28, "CM2": 35}, 71
    )
    classes, notes = estimate_classes(counts)
    assert [(c.nom, c.niveaux, c.eleves) for c in classes] == [
        ("CE2-CM1", ["CE2", "CM1"], 24),
        ("CM1-CM2", ["CM1", "CM2"], 23),
        ("CM2", ["CM2"], 24),
    ]
    assert notes == []


def test_two_classes_of_the_same_level_are_told_apart():
    counts = SchoolCounts(
        2022, 4, 0, 100, 0, {"CP": 50, "CE1": 50, "CE2": 0, "CM1": 0, "CM2": 0}, 100
    )
    classes, _ = estimate_classes(counts)
    assert [c.nom for c in classes] == ["CP A", "CP B", "CE1 A", "CE1 B"]


def test_names_in_capitals_read_as_the_others():
    assert (
        readable_name("ECOLE PRIMAIRE PRIVEE STE JEANNE D'ARC")
        == "École primaire privée Ste Jeanne d'Arc"
    )
    assert (
        readable_name("Ecole élémentaire publique Jean Zay")
        == "École élémentaire publique Jean Zay"
    )
    assert readable_name("  École  des   Lilas ") == "École des Lilas"
    assert (
        readable_name("ECOLE PRIMAIRE PRIVEE MONTESSO'RENNES")
        == "École primaire privée Montesso'Rennes"
    )
