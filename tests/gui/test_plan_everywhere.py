"""The plan de financement reads the same, cell for cell, in the command line's ``summary``, the
window's récapitulatif (and the panel's totals), the PDF, the tableur (.ods as shown, .xlsx as
numbers), the draft délibération's table (.docx, .odt) and the fiche de dépôt's figures, on
every worked example of
snee-2021.md §5.5 and on the bundled example (a commune, and the same dossier as an EPCI)."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from socle_desktop.cli import run as cli_main
from socle_desktop.domain.campaign import load_campaign
from socle_desktop.domain.jsonio import loads
from socle_desktop.domain.model import PorteurType
from socle_desktop.domain.money import euros, percent_fr
from socle_desktop.domain.plan import NO_RATE
from socle_desktop.domain.rules import compute
from socle_desktop.export.deliberation import write_deliberation
from socle_desktop.export.spreadsheet import write_spreadsheet
from socle_desktop.gui.pages.recapitulatif import RecapitulatifPage
from socle_desktop.gui.panel import SubsidyPanel
from socle_desktop.gui.session import Session
from socle_desktop.report import build_pdf
from socle_desktop.report.styles import FONT, FONT_BOLD, register_fonts
from socle_desktop.resources import example_dossier_path
from socle_desktop.store import DossierFile
from tests.domain.test_worked_examples import CASES
from tests.export.sheets import ods_sheets, resolved, xlsx_sheets

FIRST_CELLS = ("Volet", "Équipement", "Services et ressources", "Total")


def _flat(text: str) -> str:
    """Line breaks and the no-break spaces as plain spaces: a two-line PDF header is one."""
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def _example():
    return loads(example_dossier_path().read_text(encoding="utf-8"))


def _example_epci():
    dossier = _example()
    dossier.porteur.type = PorteurType.EPCI
    return dossier


DOSSIERS = {name: build for name, (build, _eq, _sv) in CASES.items()}
DOSSIERS["exemple"] = _example
DOSSIERS["exemple (EPCI)"] = _example_epci


# --- reading each front end back ---------------------------------------------------------------


def cli_table(path, capsys) -> list[list[str]]:
    """The rows of ``summary``: the header line, then each volet and the total."""
    assert cli_main(["summary", str(path)]) in (0, None)
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Volet"))
    rows = [re.split(r" {2,}", line.strip()) for line in lines[start : start + 4]]
    return [[_flat(cell) for cell in row] for row in rows]


def window_table(page: RecapitulatifPage) -> list[list[str]]:
    table, model = page.plan_table, page.plan_table.model()
    header = [_flat(model.headerData(c, _horizontal())) for c in range(model.columnCount())]
    rows = [
        [_flat(table.cell_text(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    return [header, *rows]


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def pdf_table(pdf: bytes) -> list[list[str]]:
    """The plan's cells on the first page, by position: rows by their baseline, columns by
    their right edge (the figures and their headers are right-aligned, the labels left)."""
    register_fonts()
    pieces = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        name = FONT_BOLD if "Bold" in str(font.get("/BaseFont", "")) else FONT
        scale = tm[0] * cm[0]
        x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
        width = stringWidth(text.strip(), name, size) * scale
        pieces.append((round(y, 1), x, x + width, text.strip()))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    heading = next(y for y, _x, _r, text in pieces if text == "Plan de financement")
    below = [p for p in pieces if p[0] < heading]
    total_y = next(y for y, _x, _r, text in sorted(below, reverse=True) if text == "Total")
    left = next(x for _y, x, _r, text in below if text == "Équipement")
    table = [p for p in below if p[0] >= total_y]
    body_ys = sorted(
        {p[0] for p in table if p[3] in FIRST_CELLS[1:] and abs(p[1] - left) < 1}, reverse=True
    )
    header = [p for p in table if p[0] > body_ys[0]]
    columns: list[list] = []  # header pieces grouped by their right edge (one column each)
    for piece in sorted(header, key=lambda p: (abs(p[1] - left) >= 1, p[2], -p[0])):
        if columns and abs(piece[1] - left) >= 1 and abs(columns[-1][-1][2] - piece[2]) < 1.5:
            columns[-1].append(piece)
        else:
            columns.append([piece])
    rows = [[" ".join(p[3] for p in sorted(column, key=lambda p: -p[0])) for column in columns]]
    for y in body_ys:
        cells = sorted((p for p in table if p[0] == y), key=lambda p: p[1])
        rows.append([p[3] for p in cells])
    return [[_flat(cell) for cell in row] for row in rows]


def _plan_block(rows: list[list]) -> list[list]:
    """From the « Volet » header to the « Total » row of the plan's sheet (first column)."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Volet")
    end = next(i for i, row in enumerate(rows) if row and row[0] == "Total")
    return [row[:6] for row in rows[start : end + 1]]


def ods_table(path) -> list[list[str]]:
    """The plan's cells as LibreOffice shows them (the text beside each value). A rate the
    plan has not (nothing eligible) is an empty cell there, « — » in the other front ends."""
    rows = [[cell["text"] for cell in row] for row in ods_sheets(path)["Plan de financement"]]
    block = _plan_block(rows)
    return [block[0]] + [[c or NO_RATE for c in row] for row in block[1:]]


def xlsx_table(path) -> list[list[str]]:
    """The plan's numbers (the total's formulas re-added), each written as the window writes
    it: amounts by ``money.euros``, the rate by ``money.percent_fr``."""
    block = _plan_block(resolved(xlsx_sheets(path)["Plan de financement"]))
    rows = [list(block[0])]
    for row in block[1:]:
        amounts = [euros(Decimal(str(v))) for v in (row[1], row[2], row[4], row[5])]
        rate = NO_RATE if row[3] is None else percent_fr(Decimal(str(row[3])), 1)
        rows.append([row[0], amounts[0], amounts[1], rate, amounts[2], amounts[3]])
    return rows


def deliberation_tables(tmp_path, dossier, campaign) -> dict[str, list[list[str]]]:
    """The plan's table of the draft délibération, read back from the .docx and the .odt."""
    import docx
    from odf import opendocument, table, teletype

    write_deliberation(dossier, campaign, tmp_path / "deliberation.docx")
    write_deliberation(dossier, campaign, tmp_path / "deliberation.odt")
    word = docx.Document(str(tmp_path / "deliberation.docx")).tables[0]
    writer = opendocument.load(str(tmp_path / "deliberation.odt"))
    odt = writer.text.getElementsByType(table.Table)[0]
    return {
        "docx": [[cell.text for cell in row.cells] for row in word.rows],
        "odt": [
            [teletype.extractText(cell) for cell in row.getElementsByType(table.TableCell)]
            for row in odt.getElementsByType(table.TableRow)
        ],
    }


def depot_figures(dossier, campaign) -> dict[str, dict[str, str]]:
    """The fiche de dépôt's values, by rubrique and champ."""
    from socle_desktop.export.depot import fiche

    found: dict[str, dict[str, str]] = {}
    for entry in fiche(dossier, campaign):
        found.setdefault(entry.rubrique, {})[entry.champ] = str(entry.valeur)
    return found


def _form(cell: str) -> str:
    """« 32 670,00 € » as the online form takes it: « 32670,00 »."""
    return re.sub(r"[\s\u202f\u00a0€]", "", cell)


# --- the comparison -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DOSSIERS))
def test_cli_window_and_pdf_show_the_same_plan(name, qtbot, tmp_path, capsys):
    campaign = load_campaign("snee-2021")
    dossier = DOSSIERS[name]()
    path = tmp_path / "dossier.socle"
    DossierFile.create(path, dossier, campaign).close()
    cli = cli_table(path, capsys)

    session = Session(dossier, campaign)
    page = RecapitulatifPage(session)
    qtbot.addWidget(page)
    page.show()
    window = window_table(page)

    result = compute(dossier, campaign)
    pdf = pdf_table(build_pdf(dossier, campaign, result=result, today=datetime.date(2026, 12, 1)))

    assert [row[0] for row in window] == list(FIRST_CELLS)
    assert all(len(row) == 6 for row in window), window
    assert cli == window, f"summary:\n{cli}\nfenêtre:\n{window}"
    assert pdf == window, f"PDF:\n{pdf}\nfenêtre:\n{window}"
    assert all(cell for row in window for cell in row), "no cell is left blank"

    write_spreadsheet(dossier, campaign, tmp_path / "plan.ods")
    write_spreadsheet(dossier, campaign, tmp_path / "plan.xlsx")
    ods, xlsx = ods_table(tmp_path / "plan.ods"), xlsx_table(tmp_path / "plan.xlsx")
    assert [[_flat(c) for c in row] for row in ods] == window, f"ods:\n{ods}\nfenêtre:\n{window}"
    assert [[_flat(c) for c in row] for row in xlsx] == window, f"xlsx:\n{xlsx}"
    for kind, rows in deliberation_tables(tmp_path, dossier, campaign).items():
        flat = [[_flat(c) for c in row] for row in rows]
        assert flat == window, f"délibération {kind}:\n{flat}\nfenêtre:\n{window}"
    # the fiche de dépôt: the same figures, written as the online form takes them
    depot, (_head, equipment, services, total) = depot_figures(dossier, campaign), window
    for rubrique, row in (
        ("Volet équipement", equipment),
        ("Volet services et ressources", services),
    ):
        assert depot[rubrique]["Dépense"] == _form(row[1])
        assert depot[rubrique]["Dépense éligible"] == _form(row[2])
        assert depot[rubrique]["Subvention demandée"] == _form(row[4])
    plan = depot["Plan de financement"]
    assert plan[f"Dépense totale ({dossier.parametres.base})"] == _form(total[1])
    assert plan["Subvention de l'État demandée"] == _form(total[4])
    assert plan["Autofinancement (reste à charge)"] == _form(total[5])

    panel = SubsidyPanel(session)
    qtbot.addWidget(panel)
    total = window[-1]
    assert _flat(panel.expense_label.text()) == total[1]
    assert _flat(panel.subsidy_label.text()) == total[4]
    assert _flat(panel.remaining_label.text()) == total[5]


def test_who_pays_the_rest_is_said_once_by_porteur_type(qtbot):
    """« la commune » for a commune, « la collectivité » for an EPCI, in the panel, the
    récapitulatif and the PDF's key figures alike."""
    campaign = load_campaign("snee-2021")
    for build, who in ((_example, "la commune"), (_example_epci, "la collectivité")):
        dossier = build()
        session = Session(dossier, campaign)
        panel, page = SubsidyPanel(session), RecapitulatifPage(session)
        qtbot.addWidget(panel)
        qtbot.addWidget(page)
        assert panel.names["remaining"].text() == f"Reste à charge pour {who}"
        assert f"reste à la charge de {who}" in page.share_label.text()
        panel.explain("remaining")
        assert f"à la charge de {who}" in panel.explanation_text()
        pdf = build_pdf(dossier, campaign, result=session.result, today=datetime.date(2026, 12, 1))
        first = _flat(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
        assert f"Reste à charge de {who}" in first
        other = "la collectivité" if who == "la commune" else "la commune"
        assert f"charge de {other}" not in first
        # Nor anywhere further: the warnings, the schools' figures.
        whole = _flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
        assert f"charge de {who}" in whole.replace(f"Reste à charge de {who}", "")
        assert f"charge de {other}" not in whole
