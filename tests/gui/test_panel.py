"""The subsidy panel: the figures of compute(), to the cent, live, and each explains itself."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from socle_desktop.domain.edits import SetField
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.rules import compute
from socle_desktop.gui.panel import SubsidyPanel
from socle_desktop.gui.session import Session


def _panel(qtbot, dossier, campaign):
    session = Session(dossier, campaign)
    panel = SubsidyPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    return session, panel


def test_panel_shows_exactly_what_compute_gives(qtbot, example_dossier, campaign):
    session, panel = _panel(qtbot, example_dossier, campaign)
    result = compute(example_dossier, campaign)
    assert panel.expense_label.text() == euros(result.expense)
    assert panel.equipment_label.text() == euros(result.equipment.subsidy)
    assert panel.services_label.text() == euros(result.services.subsidy)
    assert panel.subsidy_label.text() == euros(result.subsidy)
    assert panel.remaining_label.text() == euros(result.remaining)
    assert panel.rate_label.text() == percent_fr(result.rate, 1)


def test_panel_follows_every_edit(qtbot, example_dossier, campaign):
    session, panel = _panel(qtbot, example_dossier, campaign)
    line = example_dossier.ecoles[0].classes[0].lignes[0]
    session.edit(SetField("ligne", line.id, "quantite", 3))
    result = compute(example_dossier, campaign)
    assert panel.subsidy_label.text() == euros(result.subsidy)
    assert panel.expense_label.text() == euros(result.expense)
    session.undo_stack.undo()
    assert panel.expense_label.text() == euros(compute(example_dossier, campaign).expense)


def test_question_marks_explain_caps_bands_and_excluded_schools(qtbot, example_dossier, campaign):
    school = example_dossier.ecoles[1]
    for c in school.classes:
        c.lignes.clear()
    school.lignes.clear()  # this school now spends nothing on equipment: excluded
    session, panel = _panel(qtbot, example_dossier, campaign)
    result = session.result
    qtbot.mouseClick(panel.buttons["equipment"], Qt.MouseButton.LeftButton)
    assert panel.explanation_view.isVisible()
    assert panel.explanation_text() == result.equipment.explanation
    assert "70" in panel.explanation_text()  # the band's rate
    qtbot.mouseClick(panel.buttons["services"], Qt.MouseButton.LeftButton)
    assert panel.explanation_text() == result.services.explanation
    assert not panel.buttons["equipment"].isChecked()
    assert panel.excluded_label.isVisible()
    assert school.nom in panel.excluded_label.text()
    qtbot.mouseClick(panel.excluded_button, Qt.MouseButton.LeftButton)
    assert "inférieure au minimum" in panel.explanation_text()
    qtbot.mouseClick(panel.excluded_button, Qt.MouseButton.LeftButton)  # click again: closes
    assert not panel.explanation_view.isVisible()
    assert panel.equipment_label.toolTip() == result.equipment.explanation


def test_open_explanation_follows_edits(qtbot, example_dossier, campaign):
    session, panel = _panel(qtbot, example_dossier, campaign)
    panel.explain("rate")
    line = example_dossier.ecoles[0].lignes[0]
    session.edit(SetField("ligne", line.id, "prix_unitaire", Decimal("1.00")))
    assert percent_fr(session.result.rate, 1) in panel.explanation_text()


def test_big_numbers_fit(qtbot, campaign):
    from socle_desktop.domain.samples import large_dossier

    dossier = large_dossier()
    session, panel = _panel(qtbot, dossier, campaign)
    assert panel.subsidy_label.text() == euros(session.result.subsidy)
    assert "\u202f" in panel.expense_label.text()


def test_what_remains_is_charged_to_the_porteur(qtbot, example_dossier, campaign):
    from socle_desktop.domain.model import PorteurType

    example_dossier.porteur.type = PorteurType.COMMUNE
    session, panel = _panel(qtbot, example_dossier, campaign)
    assert panel.names["remaining"].text() == "Reste à charge pour la commune"
    session.edit(SetField("porteur", "", "type", PorteurType.EPCI))
    assert panel.names["remaining"].text() == "Reste à charge pour la collectivité"
    panel.explain("remaining")
    assert "à la charge de la collectivité" in panel.explanation_text()
    assert "commune" not in panel.explanation_text()


def test_very_large_amounts_are_shown_whole_at_the_panels_width(qtbot, example_dossier, campaign):
    session, panel = _panel(qtbot, example_dossier, campaign)
    panel.resize(panel.minimumWidth(), 600)
    amount = euros(Decimal("12345678.90"))
    for label in (panel.subsidy_label, panel.remaining_label, panel.expense_label):
        label.setText(amount)
    qtbot.wait(10)
    for label in (panel.subsidy_label, panel.remaining_label, panel.expense_label):
        assert label.width() >= label.fontMetrics().horizontalAdvance(amount)
        assert label.geometry().right() <= panel.contentsRect().right()
