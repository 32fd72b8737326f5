"""The spreadsheet, read back with openpyxl and odfpy: numbers are numbers, totals re-add to
the figures of ``summary --json``, user text stays text (never a formula)."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from socle_desktop.domain.fctva import compute_fctva
from socle_desktop.domain.jsonio import result_data
from socle_desktop.domain.money import euros
from socle_desktop.domain.rules import compute
from socle_desktop.domain.samples import total_lines
from socle_desktop.export.files import ExportError
from socle_desktop.export.spreadsheet import write_spreadsheet
from tests.export.conftest import FORMULA_NAMES
from tests.export.sheets import evaluate, ods_sheets, resolved, xlsx_formulas, xlsx_sheets

SHEETS = ["Plan de financement", "Écoles", "Lignes"]


def row_of(rows, label):
    return next(row for row in rows if row and row[0] == label)


@pytest.fixture
def xlsx(tmp_path, example, campaign):
    example.parametres.fctva = True
    path = tmp_path / "plan.xlsx"
    write_spreadsheet(example, campaign, path)
    return path, example


def test_plan_numbers_and_totals_match_the_summary(xlsx, campaign):
    path, dossier = xlsx
    summary = result_data(compute(dossier, campaign))
    plan = xlsx_sheets(path)["Plan de financement"]
    stored = xlsx_sheets(path, computed=True)["Plan de financement"]
    assert list(xlsx_sheets(path)) == SHEETS
    equipment, services = row_of(plan, "Équipement"), row_of(plan, "Services et ressources")
    for row, key in ((equipment, "equipement"), (services, "services")):
        assert all(isinstance(v, (int, float)) for v in row[1:5])  # numbers, not text
        assert Decimal(str(row[1])) == Decimal(summary[key]["depense"])
        assert Decimal(str(row[2])) == Decimal(summary[key]["eligible"])
        assert Decimal(str(row[4])) == Decimal(summary[key]["subvention"])
    total = row_of(plan, "Total")
    assert total[1].startswith("=SUM(") and total[4].startswith("=SUM(")
    re_added = row_of(resolved(plan), "Total")
    assert re_added[1] == Decimal(summary["total"]["depense"])
    assert re_added[4] == Decimal(summary["total"]["subvention"])
    assert re_added[5] == Decimal(summary["total"]["reste_a_charge"])
    # the value stored beside each formula, for a viewer that does not recalculate
    assert Decimal(str(row_of(stored, "Total")[4])) == Decimal(summary["total"]["subvention"])


def test_fctva_apart_from_the_state_figures(xlsx, campaign):
    path, dossier = xlsx
    plan = xlsx_sheets(path)["Plan de financement"]
    heading = row_of(plan, "Hors subvention de l'État (estimation)")
    assert heading[4] == "FCTVA estimé"
    fctva = row_of(plan, "FCTVA")
    estimate = compute_fctva(dossier, campaign, compute(dossier, campaign))
    assert Decimal(str(fctva[1])) == estimate.base and fctva[3] == pytest.approx(0.16404)
    assert Decimal(str(fctva[4])) == estimate.amount
    assert evaluate(fctva[5], resolved(plan)) == estimate.remaining_after


def test_french_euro_format_frozen_headers_and_widths(xlsx):
    import openpyxl

    path, dossier = xlsx
    book = openpyxl.load_workbook(path)
    plan = book["Plan de financement"]
    assert "€" in plan["B5"].number_format and "40C" in plan["B5"].number_format  # fr-FR
    assert plan["D5"].number_format == "0.0%"
    assert plan.freeze_panes == "A5"
    assert book["Écoles"].freeze_panes == "A2" and book["Lignes"].freeze_panes == "A2"
    longest = max(len(s.nom) for s in dossier.ecoles)
    assert book["Écoles"].column_dimensions["A"].width >= longest
    assert book["Lignes"].column_dimensions["G"].width >= len("32 670,00 €")


def test_every_line_with_its_school_class_and_volet(xlsx, campaign):
    path, dossier = xlsx
    rows = xlsx_sheets(path)["Lignes"]
    assert rows[0] == [
        "École",
        "Classe",
        "Article (code)",
        "Libellé",
        "Quantité",
        "Prix unitaire (TTC)",
        "Montant (TTC)",
        "Volet",
        "Subventionnable",
    ]
    lines = [row for row in rows[1:] if row[0] and isinstance(row[4], int)]
    assert len(lines) == total_lines(dossier)
    first_class = dossier.ecoles[0].classes[0]
    assert lines[0][:2] == [dossier.ecoles[0].nom, first_class.nom]
    assert lines[0][4] == first_class.lignes[0].quantite
    assert Decimal(str(lines[0][5])) == first_class.lignes[0].prix_unitaire
    assert {row[7] for row in lines} == {"Équipement", "Services et ressources"}
    assert {row[8] for row in lines} <= {"oui", "non"}
    result = compute(dossier, campaign)
    totals = resolved(rows)
    assert row_of(totals, "Total équipement")[6] == result.equipment.expense
    assert row_of(totals, "Total services et ressources")[6] == result.services.expense
    assert row_of(totals, "Total")[6] == result.expense


def test_schools_sheet_re_adds(xlsx, campaign):
    path, dossier = xlsx
    result = compute(dossier, campaign)
    rows = xlsx_sheets(path)["Écoles"]
    assert [row[1] for row in rows[1:3]] == [s.uai for s in dossier.ecoles]
    total = row_of(resolved(rows), "Total")
    assert total[5] == sum(s.classes_cycles_2_3 for s in result.schools)
    assert total[6] == sum(s.eleves for s in dossier.ecoles)
    assert total[7] == result.equipment.expense


def test_ods_holds_the_same_numbers_as_currency(tmp_path, example, campaign):
    path = tmp_path / "plan.ods"
    write_spreadsheet(example, campaign, path)
    summary = result_data(compute(example, campaign))
    sheets = ods_sheets(path)
    assert list(sheets) == SHEETS
    plan = sheets["Plan de financement"]
    equipment = next(row for row in plan if row and row[0]["text"] == "Équipement")
    assert equipment[1]["type"] == "currency"
    assert Decimal(equipment[1]["value"]) == Decimal(summary["equipement"]["depense"])
    assert equipment[1]["text"] == euros(Decimal(summary["equipement"]["depense"]))
    total = next(row for row in plan if row and row[0]["text"] == "Total")
    assert total[4]["formula"] == "of:=SUM([.E5:.E6])"
    assert Decimal(total[4]["value"]) == Decimal(summary["total"]["subvention"])
    assert equipment[3]["type"] == "percentage" and Decimal(equipment[3]["value"]) == Decimal("0.7")


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_hostile_names_stay_text(tmp_path, hostile, campaign, suffix):
    path = tmp_path / f"hostile{suffix}"
    write_spreadsheet(hostile, campaign, path)
    if suffix == ".xlsx":
        texts = {
            v
            for rows in xlsx_sheets(path).values()
            for row in rows
            for v in row
            if isinstance(v, str)
        }
        formulas = xlsx_formulas(path)
        assert formulas and all(
            f.startswith(("SUM(", "SUMIF(", "IF(")) or "-" in f for f in formulas
        )
        assert not any("1+1" in f or "HYPERLINK" in f or "cmd" in f for f in formulas)
    else:
        cells = [c for rows in ods_sheets(path).values() for row in rows for c in row]
        texts = {c["text"] for c in cells if c["type"] == "string"}
        assert not any(
            c["formula"] and ("1+1" in c["formula"] or "HYPERLINK" in c["formula"]) for c in cells
        )
    for name in FORMULA_NAMES[:3]:
        assert any(name in text for text in texts), name
    assert hostile.ecoles[0].classes[0].nom in texts  # « École <Jules Ferry> & annexe »
    assert hostile.ecoles[0].lignes[0].libelle in texts


def test_formula_like_text_is_quoted_in_excel(tmp_path, hostile, campaign):
    import openpyxl

    path = tmp_path / "hostile.xlsx"
    write_spreadsheet(hostile, campaign, path)
    sheet = openpyxl.load_workbook(path)["Écoles"]
    cell = sheet["A2"]
    assert cell.value == FORMULA_NAMES[3] and cell.data_type == "s"
    assert cell.quotePrefix  # Excel keeps it text when the cell is edited


def test_unwritable_targets(tmp_path, example, campaign):
    with pytest.raises(ExportError, match="n'existe pas"):
        write_spreadsheet(example, campaign, tmp_path / "absent" / "plan.xlsx")
    with pytest.raises(ExportError, match="extension"):
        write_spreadsheet(example, campaign, tmp_path / "plan.csv")
    (tmp_path / "dossier.xlsx").mkdir()
    with pytest.raises(ExportError, match="c'est un dossier"):
        write_spreadsheet(example, campaign, tmp_path / "dossier.xlsx")


def test_a_file_open_in_libreoffice_is_not_overwritten(tmp_path, example, campaign):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"ancien")
    (tmp_path / ".~lock.plan.xlsx#").write_text("Claire,PC-MAIRIE,12/01/2026 10:00,")
    with pytest.raises(ExportError, match="ouvert dans un autre programme"):
        write_spreadsheet(example, campaign, path)
    assert path.read_bytes() == b"ancien"


def test_a_file_that_refuses_to_be_replaced_is_left_whole(tmp_path, example, campaign, monkeypatch):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"ancien")

    def refuse(*_args):  # what Windows does while Excel holds the file
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="ne peut pas être remplacé"):
        write_spreadsheet(example, campaign, path)
    assert path.read_bytes() == b"ancien"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no temporary left


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_an_empty_dossier_still_writes(tmp_path, campaign, suffix):
    from socle_desktop.domain.model import Dossier

    path = tmp_path / f"vide{suffix}"
    write_spreadsheet(Dossier(), campaign, path)
    if suffix == ".xlsx":
        plan = resolved(xlsx_sheets(path)["Plan de financement"])
        assert row_of(plan, "Total")[1] == 0
        assert row_of(plan, "Équipement")[3] is None  # no rate where nothing is eligible
