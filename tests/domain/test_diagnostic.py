"""The socle diagnostic: what each school will have, and what is still missing."""

from socle_desktop.domain.diagnostic import Status, diagnose, needed_quantity
from socle_desktop.domain.model import Existant


def statuses(dossier, campaign, school_index):
    diagnostics = diagnose(dossier, campaign)
    school = dossier.ecoles[school_index]
    return {d.item.id: d for d in diagnostics[school.id].items}


def test_the_example_schools(example_dossier, campaign):
    ferry = statuses(example_dossier, campaign, 0)
    assert ferry["projection"].status == Status.COVERED and ferry["projection"].planned == 4
    assert ferry["direction"].status == Status.COVERED  # already present, nothing planned
    assert ferry["peripheriques"].status == Status.OPTIONAL
    tilleuls = statuses(example_dossier, campaign, 1)
    # 2 cycle 2–3 classes need at least 10 shared devices; 8 are planned
    assert tilleuls["terminaux_mobiles"].status == Status.PARTIAL
    assert tilleuls["terminaux_mobiles"].missing == 2


def test_an_obsolete_item_still_needs_replacing(example_dossier, campaign):
    school = example_dossier.ecoles[1]
    school.lignes = [line for line in school.lignes if line.article != "borne-wifi"]
    school.existant = {**school.existant, "reseau": Existant.OBSOLETE}
    assert statuses(example_dossier, campaign, 1)["reseau"].status == Status.MISSING
    school.existant = {**school.existant, "reseau": Existant.PRESENT}
    assert statuses(example_dossier, campaign, 1)["reseau"].status == Status.COVERED


def test_mobile_devices_scale_with_groups_of_four_classes(campaign):
    item = campaign.socle_item("terminaux_mobiles")
    assert [needed_quantity(item, n) for n in (0, 1, 4, 5, 8)] == [0, 10, 10, 20, 20]
