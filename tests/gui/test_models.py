"""Every table model passes Qt's own model checks (QAbstractItemModelTester, through pytest-qt's
qtmodeltester), filled with the example, then changed as the pages change them."""

from __future__ import annotations

from socle_desktop.domain import edits
from socle_desktop.domain.model import Line
from socle_desktop.domain.samples import valid_uai
from socle_desktop.gui.catalogue_dialog import CatalogueFilter, CatalogueModel
from socle_desktop.gui.models.classes import ClassesModel
from socle_desktop.gui.models.lines import LinesModel
from socle_desktop.gui.models.proposals import ProposalsModel
from socle_desktop.gui.models.rows import Cell, RowsModel
from socle_desktop.gui.pages.ecoles import SchoolsModel
from socle_desktop.gui.session import Session
from socle_desktop.opendata.annuaire import read_annuaire
from socle_desktop.opendata.proposals import propose
from socle_desktop.opendata.samples import ANNUAIRE_COLUMNS, annuaire_row, write_csv


def _session(example_dossier, campaign) -> Session:
    return Session(example_dossier, campaign)


def test_schools_model(qtmodeltester, example_dossier, campaign):
    session = _session(example_dossier, campaign)
    model = SchoolsModel(session.dossier)
    qtmodeltester.check(model)
    school = session.dossier.ecoles[0]
    session.edit(edits.Remove("ecole", school.id))
    model.sync()
    qtmodeltester.check(model)


def test_classes_and_lines_models(qtmodeltester, example_dossier, campaign):
    session = _session(example_dossier, campaign)
    school = session.dossier.ecoles[0]
    classes = ClassesModel(session)
    classes.set_classes(school.classes)
    qtmodeltester.check(classes)
    lines = LinesModel(session)
    lines.set_lines(school.classes[0].lignes)
    qtmodeltester.check(lines)
    lines.set_lines(
        [*school.classes[0].lignes, Line("autre", "Câble", 2, school.lignes[0].prix_unitaire)]
    )
    lines.set_lines([])
    qtmodeltester.check(lines)


def test_rows_model(qtmodeltester):
    model = RowsModel(["Volet", "Montant"])
    model.set_rows(
        [
            [Cell("Équipement"), Cell("1 000,00 €", True, state="error")],
            [Cell("Total", bold=True), Cell("1 000,00 €", True, background="ok")],
        ]
    )
    qtmodeltester.check(model)
    model.set_headers(["Un"], ["Aide"])
    model.set_rows([[Cell("seul")]])
    qtmodeltester.check(model)


def test_catalogue_model_and_its_filter(qtmodeltester, example_dossier, campaign):
    from socle_desktop.domain.presentation import category_titles

    session = _session(example_dossier, campaign)
    model = CatalogueModel(session, category_titles(campaign))
    qtmodeltester.check(model)
    proxy = CatalogueFilter()
    proxy.setSourceModel(model)
    proxy.set_query("tablette")
    qtmodeltester.check(proxy)


def test_proposals_model(qtmodeltester, tmp_path):
    rows = [annuaire_row(valid_uai(n), f"École {n}", "35050", "Cardroc") for n in range(1, 4)]
    annuaire = read_annuaire(write_csv(tmp_path / "annuaire.csv", rows, ANNUAIRE_COLUMNS))
    model = ProposalsModel()
    qtmodeltester.check(model)
    model.set_proposals(propose(annuaire, [annuaire.communes["35050"]]))
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    model.toggle(0)
    model.tick_all(False)
    qtmodeltester.check(model)


# --- the tables of the printing, the dépôt and the variants (issues 14 and 15) ----------------


def test_the_comparison_tables(qtmodeltester, qtbot, example_dossier, campaign):
    from socle_desktop.domain import variants
    from socle_desktop.gui.compare_dialog import CompareDialog

    session = _session(example_dossier, campaign)
    dialog = CompareDialog(session, actions=None)
    qtbot.addWidget(dialog)
    dialog.show()  # it redraws on each edit while shown
    figures, schools = dialog.figures_table.model(), dialog.schools_table.model()
    qtmodeltester.check(figures)
    assert session.edit(variants.create(session.dossier, "Sans TNI"))  # a column more
    assert figures.columnCount() == 2
    qtmodeltester.check(figures)
    dialog.schools_check.setChecked(True)
    assert schools.rowCount() == len(session.dossier.ecoles)
    qtmodeltester.check(schools)
    assert session.edit(variants.delete(session.dossier, session.dossier.variantes[1].id))
    assert figures.columnCount() == 1
    qtmodeltester.check(figures)
    qtmodeltester.check(schools)


def test_the_depot_table_and_checklist(qtmodeltester, qtbot, example_dossier, campaign, tmp_path):
    from socle_desktop.gui.depot_dialog import DepotDialog

    session = _session(example_dossier, campaign)
    dialog = DepotDialog(session, tmp_path / "dossier.socle")
    qtbot.addWidget(dialog)
    assert dialog.table.model().rowCount() == len(dialog.entries) > 0
    qtmodeltester.check(dialog.table.model())
    assert dialog.checklist.model().rowCount() == len(dialog.attachments) > 0
    qtmodeltester.check(dialog.checklist.model())


def test_the_variant_list_and_the_replacement_choices(
    qtmodeltester, qtbot, example_dossier, campaign
):
    from socle_desktop.domain import variants
    from socle_desktop.gui.replace_dialog import ReplaceDialog
    from socle_desktop.gui.variant_bar import VariantBar

    session = _session(example_dossier, campaign)
    bar = VariantBar(session)
    qtbot.addWidget(bar)
    qtmodeltester.check(bar.combo.model())
    assert session.edit(variants.create(session.dossier, "Copie"))
    bar.refresh()
    assert bar.combo.count() == 2
    qtmodeltester.check(bar.combo.model())
    dialog = ReplaceDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.old_combo.count() > 0 and dialog.new_combo.count() > 0
    qtmodeltester.check(dialog.old_combo.model())
    qtmodeltester.check(dialog.new_combo.model())
