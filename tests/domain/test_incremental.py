"""Incremental compute: after every edit (and its undo), the result reusing the schools the edit
did not touch equals a full compute, figure for figure and word for word."""

from __future__ import annotations

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
