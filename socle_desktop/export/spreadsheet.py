"""The spreadsheet of a dossier (``tableur``): .xlsx with XlsxWriter, .ods with odfpy.

Both files hold the sheets of workbook.py: numbers as numbers (euro and percent formats of the
French locale), totals as formulas with their computed value stored, the header rows frozen,
columns wide enough. User text is always written as text: a school named « =1+1 » stays
« =1+1 », never a formula.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.money import amount_fr, euros, percent_fr
from socle_desktop.domain.rules import Result, compute
from socle_desktop.export.files import ExportError, check_target, filed, write_bytes
from socle_desktop.export.workbook import (
    FORMULA_PREFIXES,
    Cell,
    Formula,
    Money,
    Rate,
    Sheet,
    workbook,
)

SUFFIXES = (".xlsx", ".ods")
EURO_XLSX = "#,##0.00\\ [$€-40C];\\-#,##0.00\\ [$€-40C]"  # « 12 345,67 € » in a French Excel
RATE_XLSX = {1: "0.0%", 3: "0.000%"}
HEADER_FILL = "#E4ECF4"


def write_spreadsheet(
    dossier: Dossier,
    campaign: Campaign,
    path: Path,
    result: Result | None = None,
    variant_id: str | None = None,
) -> None:
    """Write the spreadsheet to ``path`` (.xlsx or .ods), atomically; ExportError if not."""
    path = Path(path)
    check_target(path, SUFFIXES)
    dossier, result = filed(dossier, result, variant_id)
    result = compute(dossier, campaign) if result is None else result
    sheets = workbook(dossier, campaign, result)
    title = f"Plan de financement SNEE — {dossier.porteur.nom}".strip()
    try:
        data = (
            ods_bytes(sheets, title) if path.suffix.lower() == ".ods" else xlsx_bytes(sheets, title)
        )
    except Exception as error:  # noqa: BLE001 - told in French, never a traceback
        raise ExportError(f"{path} : le tableur n'a pas pu être composé ({error})") from error
    write_bytes(path, data)


# --- layout shared by both formats ------------------------------------------------------------


def _shown(cell: Cell) -> str:
    if isinstance(cell, (Money,)):
        return euros(cell.value)
    if isinstance(cell, Formula):
        return euros(cell.value) if cell.style == "money" else amount_fr(cell.value)
    if isinstance(cell, Rate):
        return "100,0 %"
    return "" if cell is None else str(cell)


def column_widths(sheet: Sheet) -> list[int]:
    """Width of each column in characters: its longest value, headers wrapped on two lines;
    rows of a single cell (titles, notes) run over the empty cells beside them."""
    count = max((len(row) for row in sheet.rows), default=0)
    widths = [6] * count
    for index, row in enumerate(sheet.rows):
        if len(row) < 2:
            continue
        for col, cell in enumerate(row):
            text = _shown(cell)
            if index in sheet.header_rows:
                words = max((len(w) for w in text.split()), default=0)
                size = max(words, (len(text) + 1) // 2)
            else:
                size = len(text)
            widths[col] = max(widths[col], min(size + 3, 48))
    return widths


def _neutral_to_excel(formula: str) -> str:
    """« SUMIF(H2:H9;"Équipement";G2:G9) » → Excel's comma-separated form."""
    parts = re.split(r'("[^"]*")', formula)
    return "=" + "".join(p if p.startswith('"') else p.replace(";", ",") for p in parts)


def _neutral_to_odf(formula: str) -> str:
    """« SUM(B3:B4) » → OpenFormula « of:=SUM([.B3:.B4]) »."""
    parts = re.split(r'("[^"]*")', formula)
    out = []
    for part in parts:
        if not part.startswith('"'):
            part = re.sub(
                r"\b([A-Z]{1,3}\d+)(?::([A-Z]{1,3}\d+))?\b",
                lambda m: f"[.{m[1]}" + (f":.{m[2]}]" if m[2] else "]"),
                part,
            )
        out.append(part)
    return "of:=" + "".join(out)


# --- xlsx -------------------------------------------------------------------------------------


def xlsx_bytes(sheets: list[Sheet], title: str) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"title": title, "author": "Socle", "comments": "Généré par Socle"})
    formats = _xlsx_formats(book)
    for sheet in sheets:
        page = book.add_worksheet(sheet.name)
        for r, row in enumerate(sheet.rows):
            kind = "header" if r in sheet.header_rows else "bold" if r in sheet.bold_rows else ""
            for c, cell in enumerate(row):
                _xlsx_cell(page, r, c, cell, formats, kind)
            if kind == "header":
                page.set_row(r, 44)  # three lines of a wrapped header
        for c, width in enumerate(column_widths(sheet)):
            page.set_column(c, c, width)
        page.freeze_panes(sheet.header_row + 1, 0)
        page.set_landscape()
        page.fit_to_pages(1, 0)
        page.repeat_rows(sheet.header_row)
    book.close()
    return buffer.getvalue()


def _xlsx_formats(book: Any) -> dict[tuple[str, str], Any]:
    formats = {}
    for kind, extra in (
        ("", {}),
        ("bold", {"bold": True}),
        (
            "header",
            {
                "bold": True,
                "bg_color": HEADER_FILL,
                "text_wrap": True,
                "valign": "vcenter",
                "bottom": 1,
            },
        ),
    ):
        formats[("text", kind)] = book.add_format(extra)
        formats[("quoted", kind)] = book.add_format({**extra, "quote_prefix": True})
        formats[("money", kind)] = book.add_format({**extra, "num_format": EURO_XLSX})
        for decimals, code in RATE_XLSX.items():
            formats[(f"rate{decimals}", kind)] = book.add_format({**extra, "num_format": code})
        formats[("rate", kind)] = formats[("rate1", kind)]
        formats[("int", kind)] = book.add_format({**extra, "num_format": "#,##0"})
    return formats


def _number(value: Decimal) -> float:
    # The file stores IEEE doubles, as every spreadsheet does; an amount of at most 15 digits
    # (here 12 + 2) is written and read back exactly.
    return float(value)


def _xlsx_cell(
    page: Any, r: int, c: int, cell: Cell, formats: dict[tuple[str, str], Any], kind: str
) -> None:
    if cell is None:
        if kind == "header":
            page.write_blank(r, c, None, formats[("text", kind)])
        return
    if isinstance(cell, str):
        style = "quoted" if cell.startswith(FORMULA_PREFIXES) else "text"
        page.write_string(r, c, cell, formats[(style, kind)])
    elif isinstance(cell, bool):  # pragma: no cover - no boolean cells
        page.write_string(r, c, "oui" if cell else "non", formats[("text", kind)])
    elif isinstance(cell, int):
        page.write_number(r, c, cell, formats[("int", kind)])
    elif isinstance(cell, Money):
        page.write_number(r, c, _number(cell.value), formats[("money", kind)])
    elif isinstance(cell, Rate):
        page.write_number(r, c, _number(cell.value), formats[(f"rate{cell.decimals}", kind)])
    elif isinstance(cell, Formula):
        page.write_formula(
            r, c, _neutral_to_excel(cell.text), formats[(cell.style, kind)], _number(cell.value)
        )
    else:  # pragma: no cover - a bug in workbook.py
        raise ExportError(f"cellule inattendue : {cell!r}")


# --- ods --------------------------------------------------------------------------------------


def ods_bytes(sheets: list[Sheet], title: str) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet

    from socle_desktop.export import ods_styles

    doc = OpenDocumentSpreadsheet()
    ods_styles.set_title(doc, title)
    styles = ods_styles.cell_styles(doc)
    styles["table"] = ods_styles.landscape_table_style(doc)
    for sheet in sheets:
        doc.spreadsheet.addElement(_ods_table(doc, sheet, styles))
    ods_styles.freeze(doc, [(sheet.name, sheet.header_row + 1) for sheet in sheets])
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


def _ods_table(doc: Any, sheet: Sheet, styles: dict[str, Any]) -> Any:
    from odf.table import Table, TableColumn, TableRow

    from socle_desktop.export import ods_styles

    table = Table(name=sheet.name, stylename=styles["table"])
    for c, width in enumerate(column_widths(sheet)):
        table.addElement(TableColumn(stylename=ods_styles.column_style(doc, c, width)))
    for r, row in enumerate(sheet.rows):
        kind = "header" if r in sheet.header_rows else "bold" if r in sheet.bold_rows else ""
        element = TableRow(stylename=styles["header-row"]) if kind == "header" else TableRow()
        for cell in row:
            element.addElement(_ods_cell(cell, styles, kind))
        if not row:
            element.addElement(_ods_cell(None, styles, ""))
        table.addElement(element)
    return table


def _ods_cell(cell: Cell, styles: dict[str, Any], kind: str) -> Any:
    from odf.table import TableCell
    from odf.text import P

    suffix = f"-{kind}" if kind else ""
    if cell is None:
        return TableCell(stylename=styles["text" + suffix]) if kind else TableCell()
    if isinstance(cell, str):
        element = TableCell(valuetype="string", stylename=styles["text" + suffix])
        element.addElement(P(text=cell))
        return element
    if isinstance(cell, int):
        return _ods_number(cell, "int", styles, suffix)
    if isinstance(cell, Money):
        return _ods_number(cell.value, "money", styles, suffix)
    if isinstance(cell, Rate):
        return _ods_number(
            cell.value, f"rate{cell.decimals}" if cell.decimals == 3 else "rate", styles, suffix
        )
    if isinstance(cell, Formula):
        return _ods_number(
            cell.value, cell.style, styles, suffix, formula=_neutral_to_odf(cell.text)
        )
    raise ExportError(f"cellule inattendue : {cell!r}")  # pragma: no cover


def _ods_number(
    value: Decimal | int,
    style: str,
    styles: dict[str, Any],
    suffix: str,
    formula: str | None = None,
) -> Any:
    from odf.table import TableCell
    from odf.text import P

    attributes = {"stylename": styles[style + suffix], "value": str(value)}
    if style == "money":
        attributes.update(valuetype="currency", currency="EUR")
        shown = euros(Decimal(value))
    elif style.startswith("rate"):
        attributes.update(valuetype="percentage")
        decimals = 3 if style.startswith("rate3") else 1
        shown = percent_fr(Decimal(value), decimals)
    else:
        attributes.update(valuetype="float")
        shown = str(value)
    if formula:
        attributes["formula"] = formula
    element = TableCell(**attributes)
    element.addElement(P(text=shown))  # what a reader that does not compute shows
    return element
