"""The words every front end shares: counted words, who pays the rest, the plan's rows."""

from __future__ import annotations

from decimal import Decimal

from socle_desktop.domain import presentation
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.model import PorteurType
from socle_desktop.domain.rules import compute

from .builders import dossier, school


def test_plural_groups_thousands_and_takes_an_irregular_form():
    assert presentation.plural(0, "école") == "0 école"
    assert presentation.plural(1, "classe") == "1 classe"
    assert presentation.plural(1200, "élève") == "1\u202f200 élèves"
    assert presentation.plural(3, "autre école", "autres écoles") == "3 autres écoles"
    assert presentation.plural(2, "école", space="\u00a0") == "2\u00a0écoles"


def test_who_pays_depends_on_the_porteur():
    assert presentation.payer(PorteurType.COMMUNE) == "la commune"
    assert presentation.payer("epci") == "la collectivité"
    assert presentation.payer(PorteurType.RPI) == "la collectivité"


def test_every_row_has_a_rate_over_its_eligible_expense():
    campaign = load_campaign("snee-2021")
    result = compute(dossier(school(4, "10000", pupils=100, services="2400")), campaign)
    equipment, services, total = presentation.plan_lines(result)
    assert total.total and not equipment.total
    assert equipment.rate == "70,0\u00a0%"
    assert services.rate == "50,0\u00a0%"
    # 7 000 + 1 000 over 10 000 + 2 000 eligible
    assert total.rate == "66,7\u00a0%" and total.eligible == "12\u202f000,00\u00a0€"
    empty = presentation.plan_lines(compute(dossier(), campaign))
    assert [line.rate for line in empty] == ["—"] * 3
    assert presentation.rate_text(Decimal("1"), Decimal("3")) == "33,3\u00a0%"
