"""Page 6 « Récapitulatif »: every figure is the one ``compute`` gives; export and print ask."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.gui.pages.recapitulatif import RecapitulatifPage
from tests.gui.pages_helpers import show_page


@pytest.fixture
def page_session(qtbot, example_dossier, campaign):
    return show_page(qtbot, RecapitulatifPage, example_dossier, campaign)


def test_plan_de_financement_is_the_result(page_session):
    page, session = page_session
    r, t = session.result, page.plan_table
    for row, volet in ((0, r.equipment), (1, r.services)):
        assert [t.cell_text(row, c) for c in (1, 2, 3, 4, 5)] == [
            euros(volet.expense),
            euros(volet.eligible),
            percent_fr(volet.rate, 1),
            euros(volet.subsidy),
            euros(volet.remaining),
        ]
    assert [t.cell_text(2, c) for c in (0, 1, 4, 5)] == [
        "Total",
        euros(r.expense),
        euros(r.subsidy),
        euros(r.remaining),
    ]
    assert t.cell_text(0, 4) == "14\u202f700,00\u00a0€" and t.cell_text(1, 4) == "948,00\u00a0€"
    assert percent_fr(r.rate, 1) in page.share_label.text()


def test_details_per_commune_and_per_school(page_session):
    page, session = page_session
    commune = session.result.communes[0]
    assert page.communes_table.cell_text(0, 4) == euros(commune.subsidy)
    assert "70\u00a0% × 21\u202f000,00\u00a0€" in page.communes_table.cell_text(0, 5)
    for row, school in enumerate(session.result.schools):
        assert page.schools_table.cell_text(row, 0) == school.nom
        assert page.schools_table.cell_text(row, 3) == euros(school.cap)
        assert page.schools_table.cell_text(row, 4) == euros(school.eligible)
        assert page.schools_table.cell_text(row, 5) == euros(school.above_cap)


def test_excluded_school_says_why(page_session):
    page, session = page_session
    school = session.dossier.ecoles[1]
    for line in school.equipment_lines():
        session.set_field("ligne", line.id, "quantite", 0)
    reason = session.result.schools[1].excluded_because
    assert reason and page.schools_table.cell_text(1, 6) == f"Exclue : {reason}"


def test_socle_diagnostic_and_alerts(page_session):
    page, session = page_session
    diagnostic = session.diagnostics()[session.dossier.ecoles[1].id]
    mobiles = [d for d in diagnostic.items if d.item.id == "terminaux_mobiles"][0]
    column = 2 + [d.item.id for d in diagnostic.items].index("terminaux_mobiles")
    assert page.socle_table.cell_text(1, column) == f"{mobiles.planned} sur {mobiles.needed}"
    assert page.socle_table.cell_text(0, 1) == "Oui"
    assert page.socle_table.cell_text(1, 1) == "Non"
    tip = page.socle_table.model().index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Manque : terminaux mobiles"
    shown = page.alerts_model.stringList()
    assert shown == [f"⚠ {a.message}" for a in session.result.alerts]
    assert page.tabs.tabText(page.tabs.indexOf(page.alerts_list)) == (
        f"Points d'attention ({len(session.result.alerts)})"
    )


def test_hidden_page_redraws_when_shown(page_session):
    page, session = page_session
    page.hide()
    line = session.dossier.ecoles[0].classes[0].lignes[0]
    session.set_field("ligne", line.id, "quantite", 2)
    page.show()
    QApplication.processEvents()
    assert page.plan_table.cell_text(0, 1) == euros(session.result.equipment.expense)


def test_export_and_print_buttons_emit_requests(qtbot, page_session):
    page, _session = page_session
    with qtbot.waitSignal(page.exportRequested, timeout=1000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.printRequested, timeout=1000):
        qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)


def test_tables_fit_their_width_without_scrolling_sideways(qtbot, campaign):
    """Beside the panel at 1366×768 the page is about 830 px wide: long names give way."""
    from socle_desktop.domain.samples import HOSTILE_NAMES, large_dossier

    dossier = large_dossier(school_name="École élémentaire publique {n} " + "du Val " * 26)
    for school, name in zip(dossier.ecoles, HOSTILE_NAMES, strict=False):
        school.nom = name
    page, _session = show_page(qtbot, RecapitulatifPage, dossier, campaign)
    page.resize(830, 620)
    for table in (page.schools_table, page.communes_table, page.socle_table):
        page.tabs.setCurrentWidget(table)
        QApplication.processEvents()
        columns = table.model().columnCount()
        used = sum(table.columnWidth(c) for c in range(columns))
        assert used <= table.viewport().width(), table.accessibleName()
        assert not table.horizontalScrollBar().isVisible(), table.accessibleName()
        assert table.columnWidth(columns - 1) >= 60  # the last column is still readable
    page.tabs.setCurrentWidget(page.alerts_list)
    QApplication.processEvents()
    assert not page.alerts_list.horizontalScrollBar().isVisible()  # long alerts wrap
