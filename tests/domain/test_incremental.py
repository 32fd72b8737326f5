"""Incremental compute: after every edit (and its undo), the result reusing the schools the edit
did not touch equals a full compute, figure for figure and word for word."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socle_desktop.domain import edits
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.incremental import ComputeCache
from socle_desktop.domain.rules import compute
from socle_desktop.domain.samples import large_dossier
from socle_desktop.store.editing import InvalidValue, perform
from tests.store.edit_sequence import EditGenerator


@pytest.fixture(scope="module")
def campaign():
    return load_campaign("snee-2021")


@pytest.mark.parametrize("seed", range(8))
def test_every_edit_then_its_undo_gives_the_full_result(campaign, seed):
    dossier = large_dossier(9, 31, communes=3)
    if seed % 2:
        dossier.parametres.plafond_par_classe = "projet"  # pooled within each commune
    if seed % 4 == 3:
        dossier.parametres.arrondi = "euro"
    cache = ComputeCache()
    compute(dossier, campaign, cache)
    generator = EditGenerator(seed)
    for step in range(120):
        edit = generator.next(dossier)
        try:
            inverse = perform(dossier, edit, None)
        except InvalidValue:
            continue
        cache.forget(dossier, edit, inverse)
        assert compute(dossier, campaign, cache) == compute(dossier, campaign), (step, edit)
        if step % 7 == 0:  # an undo, then its redo
            redo = perform(dossier, inverse, None)
            cache.forget(dossier, inverse, redo)
            assert compute(dossier, campaign, cache) == compute(dossier, campaign)
    assert cache.hits > 0  # the schools not touched were reused


def test_typing_in_one_school_reuses_every_other(campaign):
    dossier = large_dossier(40, 120, communes=4)
    cache = ComputeCache()
    compute(dossier, campaign, cache)
    line = dossier.ecoles[7].classes[0].lignes[0]
    edit = edits.SetField("ligne", line.id, "quantite", 5)
    cache.hits = 0
    cache.forget(dossier, edit, edits.apply(dossier, edit))
    assert compute(dossier, campaign, cache) == compute(dossier, campaign)
    assert cache.hits == 39  # every school but the one typed in


def test_a_setting_forgets_every_school(campaign):
    dossier = large_dossier(6, 12, communes=2)
    cache = ComputeCache()
    compute(dossier, campaign, cache)
    edit = edits.SetField("parametres", "", "arrondi", "euro")
    cache.forget(dossier, edit, edits.apply(dossier, edit))
    assert cache.hits == 0
    assert compute(dossier, campaign, cache) == compute(dossier, campaign)
    assert cache.hits == 0


def test_switching_variant_forgets_every_school(campaign):
    from socle_desktop.domain import variants
    from socle_desktop.domain.model import Variante

    dossier = large_dossier(5, 10, communes=2)
    cache = ComputeCache()
    compute(dossier, campaign, cache)
    other = Variante("Économe")
    edits.apply(dossier, edits.AddVariant(len(dossier.variantes), other))
    cache.forget(dossier, edits.AddVariant(0, other))
    variants.switch(dossier, other.id)  # not an edit: the new variant has no line yet
    assert compute(dossier, campaign, cache) == compute(dossier, campaign)
    assert compute(dossier, campaign, cache).expense == 0


@pytest.mark.parametrize("pooled", [False, True])
def test_edits_inside_schools_are_answered_from_the_last_result(campaign, pooled):
    """Quantities, prices, pupils, names and classes typed in schools of the same commune and
    of others, undone now and then: each result is made from the last one (no pass over every
    school), and equals a full compute."""
    dossier = large_dossier(12, 40, communes=3)
    if pooled:
        dossier.parametres.plafond_par_classe = "projet"
        dossier.parametres.arrondi = "euro"
    cache = ComputeCache()
    compute(dossier, campaign, cache)
    changes = []
    for n, school in enumerate(dossier.ecoles):
        line = school.classes[0].lignes[0]
        changes.append(edits.SetField("ligne", line.id, "quantite", 1 + n % 7))
        changes.append(edits.SetField("ligne", line.id, "prix_unitaire", Decimal(150 * n + 90)))
        changes.append(edits.SetField("ecole", school.id, "eleves", 10 * n))
        changes.append(edits.SetField("ecole", school.id, "nom", f"École n° {n} & <co>"))
        changes.append(edits.SetField("classe", school.classes[0].id, "niveaux", []))
    done = 0
    for step, edit in enumerate(changes):
        inverse = perform(dossier, edit, None)
        cache.forget(dossier, edit, inverse)
        assert compute(dossier, campaign, cache) == compute(dossier, campaign), (step, edit)
        done += 1
        if step % 3 == 0:
            redo = perform(dossier, inverse, None)
            cache.forget(dossier, inverse, redo)
            assert compute(dossier, campaign, cache) == compute(dossier, campaign), step
            done += 1
    assert cache.differences == done


def test_a_school_moved_added_or_removed_takes_the_full_pass(campaign):
    from socle_desktop.domain.model import School

    dossier = large_dossier(6, 18, communes=2)
    cache = ComputeCache()
    compute(dossier, campaign, cache)
    other = dossier.communes[1].insee
    moving = next(s for s in dossier.ecoles if s.commune != other)
    for edit in (
        edits.SetField("ecole", moving.id, "commune", other),
        edits.Insert("ecole", "", "ecoles", 2, School(nom="Nouvelle", uai="", commune=other)),
        edits.Remove("ecole", dossier.ecoles[0].id),
    ):
        cache.forget(dossier, edit, perform(dossier, edit, None))
        assert compute(dossier, campaign, cache) == compute(dossier, campaign), edit
    assert cache.differences == 0
