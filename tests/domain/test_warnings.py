"""Every warning of snee-2021.md §5.4 against the figure it comments."""

from decimal import Decimal

from hypothesis import given, settings

from socle_desktop.domain import edits
from socle_desktop.domain.catalogue import load_default_catalogue
from socle_desktop.domain.incremental import ComputeCache
from socle_desktop.domain.model import Classroom, Line
from socle_desktop.domain.money import euros
from socle_desktop.domain.rules import compute

from .builders import dossier, school
from .strategies import CAMPAIGN, dossiers

D = Decimal


def messages(d, campaign) -> list[str]:
    return [a.message for a in compute(d, campaign).alerts]


def with_catalogue(d):
    d.catalogue = load_default_catalogue()
    return d


# --- services ---------------------------------------------------------------------------------


def test_the_services_cap_warning_counts_only_subsidised_lines(campaign):
    """100 € of ENT under the 200 € cap of 10 pupils, 900 € outside the socle: no excess."""
    s = school(1, "3500", pupils=10)
    s.services = [Line("ent", "ENT", 1, D("100")), Line("hors-socle", "Abonnement", 1, D("900"))]
    d = with_catalogue(dossier(s))
    d.catalogue["hors-socle"] = d.catalogue["ressources"].__class__(
        "hors-socle", "Abonnement", "autre", "ecole", "services", D("900"), subventionnable=False
    )
    result = compute(d, campaign)
    assert (result.services.subsidisable, result.services_cap) == (D("100.00"), D("200.00"))
    assert not any("plafond de 20,00" in m for m in messages(d, campaign))
    assert any(
        "« Abonnement » (900,00\u00a0€) n'est pas subventionnable" in m
        for m in messages(d, campaign)
    )


def test_the_services_cap_warning_says_the_excess_it_leaves(campaign):
    d = dossier(school(1, "3500", pupils=10, services="300"))
    result = compute(d, campaign)
    [alert] = [a.message for a in result.alerts if "services subventionnables" in a.message]
    excess = result.services.subsidisable - result.services.eligible
    assert excess == D("100.00")
    assert f"dépassent de {euros(excess)} le plafond de {euros(D(20))} par élève" in alert
    assert f"(10 élèves, {euros(result.services_cap)})" in alert


def test_no_services_warning_follows_the_services_expense(campaign):
    d = dossier(school(1, "3500"))
    assert any(m.startswith("Aucune ligne de services") for m in messages(d, campaign))
    d.ecoles[0].services = [Line("ent", "ENT", 0, D("12"))]
    assert any(m.startswith("Aucune dépense de services") for m in messages(d, campaign))
    d.ecoles[0].services[0].quantite = 1
    assert not any("deux volets" in m for m in messages(d, campaign))


def test_a_school_without_pupils_brings_none_to_the_services_cap(campaign):
    d = dossier(school(2, "7000", pupils=0, services="100"))
    assert compute(d, campaign).services_pupils == 0
    assert any(
        "aucun élève n'est indiqué ; l'école n'apporte aucun élève" in m
        for m in messages(d, campaign)
    )
    d.ecoles[0].eleves = 40
    assert not any("aucun élève" in m for m in messages(d, campaign))
    d.parametres.eleves_services = "cycles_2_3"  # counted from the classes: none typed
    assert any("aucun élève n'est indiqué dans ses classes" in m for m in messages(d, campaign))


# --- equipment --------------------------------------------------------------------------------


def test_the_class_cap_warning_quotes_what_the_commune_pays(campaign):
    d = dossier(school(2, "9000"))
    result = compute(d, campaign)
    sr = result.schools[0]
    assert sr.above_cap == sr.subsidisable - sr.eligible == D("2000.00")
    assert any(
        m.endswith(
            f"{euros(sr.above_cap)} de dépense d'équipement au-delà du plafond "
            f"de {euros(D(3500))} par classe restent entièrement à la charge de "
            "la commune."
        )
        for m in messages(d, campaign)
    )


def test_with_the_cap_pooled_only_the_commune_excess_is_pointed_out(campaign):
    d = dossier(school(2, "9000"), school(2, "5000"))  # 2 000 € above, 2 000 € unused
    d.parametres.plafond_par_classe = "projet"
    assert not any("au-delà du plafond" in m for m in messages(d, campaign))
    d.ecoles[1].lignes[0].prix_unitaire = D("6000")  # only 1 000 € unused now
    result = compute(d, campaign)
    assert [s.above_cap for s in result.schools] == [D("1000.00"), D("0.00")]
    [alert] = [m for m in messages(d, campaign) if "au-delà du plafond" in m]
    assert "1\u202f000,00\u00a0€" in alert and "mis en commun entre les écoles" in alert


def test_an_excluded_school_says_its_subsidisable_expense(campaign):
    d = with_catalogue(dossier(school(1, "3000")))
    d.ecoles[0].lignes.append(Line("maintenance", "Contrat de maintenance", 1, D("600")))
    result = compute(d, campaign)
    sr = result.schools[0]
    assert sr.subsidisable == D("3000.00") and sr.expense == D("3600.00")
    assert any(
        f"dépense subventionnable de {euros(sr.subsidisable)}, inférieure au minimum" in m
        for m in messages(d, campaign)
    )


def test_a_school_outside_the_dossiers_communes_is_excluded_and_says_why(campaign):
    d = dossier(school(1, "5000", commune="35999", pupils=30, services="100"))
    result = compute(d, campaign)
    assert result.schools[0].excluded_because == "sa commune (35999) n'est pas dans le dossier"
    assert result.equipment.subsidy == 0 and result.services_pupils == 0
    assert sum(1 for m in messages(d, campaign) if "35999" in m) == 1


def test_the_ceiling_warning_quotes_the_part_above_it(campaign):
    d = dossier(school(400, "1234567.89"))
    result = compute(d, campaign)
    (commune,) = result.communes
    assert commune.above_ceiling == commune.eligible - commune.base == D("234567.89")
    assert any(
        m.endswith(f"par commune de {euros(commune.above_ceiling)}.") for m in messages(d, campaign)
    )


def test_school_and_class_checks(campaign):
    s = school(1, "3500", pupils=20)
    s.classes.append(Classroom("Sans niveau", [], 0))
    s.classes[0].eleves = 40
    alerts = messages(dossier(s), campaign)
    assert any("classe Sans niveau : aucun niveau n'est coché" in m for m in alerts)
    assert any("40 élèves, est-ce exact ?" in m for m in alerts)
    assert any("compte 20 élèves mais ses classes en totalisent 40" in m for m in alerts)
    maternelle = school(1, "5000", levels=("GS",))
    assert any(
        "aucune classe de cycle 2 ou 3" in m for m in messages(dossier(maternelle), campaign)
    )
    empty = school(0, "5000")
    assert any("n'a encore aucune classe" in m for m in messages(dossier(empty), campaign))


# --- every dossier ----------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(dossiers())
def test_each_figure_warning_appears_exactly_when_its_figure_says_so(d):
    result = compute(d, CAMPAIGN)
    alerts = [a.message for a in result.alerts]
    excess = result.services.subsidisable - result.services_cap
    services_alerts = [m for m in alerts if m.startswith("Les services subventionnables")]
    assert len(services_alerts) == (1 if excess > 0 else 0)
    if excess > 0:
        assert f"dépassent de {euros(excess)}" in services_alerts[0]
    for s, sr in zip(d.ecoles, result.schools, strict=True):
        mine = [a.message for a in result.alerts if a.school_id == s.id]
        over = [m for m in mine if "au-delà du plafond" in m]
        assert len(over) == (1 if sr.above_cap > 0 else 0)
        if over:
            assert f" : {euros(sr.above_cap)} de dépense" in over[0]
        excluded = [m for m in mine if "est exclue de la subvention" in m]
        assert len(excluded) == (1 if sr.excluded_because and sr.classes_cycles_2_3 else 0)
    for c in result.communes:
        ceiling = [m for m in alerts if m.startswith(f"{c.nom} : la dépense éligible dépasse")]
        assert len(ceiling) == (1 if c.above_ceiling > 0 else 0)
        if ceiling:
            assert ceiling[0].endswith(f"de {euros(c.above_ceiling)}.")


def test_the_warnings_name_who_pays_and_follow_the_porteur(campaign):
    """« la commune » for a commune, « la collectivité » for an EPCI; changing the porteur's
    type (no figure changes) must not leave the old word in the reused warnings."""
    d = dossier(school(2, "9000"))
    cache = ComputeCache()
    assert any(m.endswith("à la charge de la commune.") for m in _alerts(d, campaign, cache))
    edit = edits.SetField("porteur", "", "type", "epci")
    cache.forget(d, edit, edits.apply(d, edit))
    after = _alerts(d, campaign, cache)
    assert after == messages(d, campaign)
    assert any(m.endswith("à la charge de la collectivité.") for m in after)
    assert not any("la commune." in m for m in after)


def _alerts(d, campaign, cache) -> list[str]:
    return [a.message for a in compute(d, campaign, cache).alerts]
