"""Reading the spreadsheets back with independent libraries (openpyxl, odfpy), and re-adding
their formulas as a spreadsheet user would."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path


def xlsx_sheets(path: Path, computed: bool = False) -> dict[str, list[list]]:
    """Sheet name → rows of values (formulas as text, or their stored values)."""
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=computed)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }


def xlsx_formulas(path: Path) -> list[str]:
    """The text of every <f> element of every sheet: what the file really holds as formulas."""
    with zipfile.ZipFile(path) as archive:
        return [
            formula
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            for formula in re.findall(r"<f>(.*?)</f>", archive.read(name).decode())
        ]


def ods_sheets(path: Path) -> dict[str, list[list[dict]]]:
    """Sheet name → rows of cells {type, value, formula, text} (repeated cells expanded)."""
    from odf import opendocument, table, teletype

    document = opendocument.load(str(path))
    sheets = {}
    for sheet in document.spreadsheet.getElementsByType(table.Table):
        rows = []
        for row in sheet.getElementsByType(table.TableRow):
            cells = []
            for cell in row.getElementsByType(table.TableCell):
                repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
                cells += [
                    {
                        "type": cell.getAttribute("valuetype"),
                        "value": cell.getAttribute("value"),
                        "formula": cell.getAttribute("formula"),
                        "text": teletype.extractText(cell),
                    }
                ] * repeat
            rows.append(cells)
        sheets[sheet.getAttribute("name")] = rows
    return sheets


def _cell(rows: list[list], ref: str):
    match = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for letter in match[1]:
        col = col * 26 + ord(letter) - 64
    row = rows[int(match[2]) - 1]
    return row[col - 1] if col - 1 < len(row) else None


def evaluate(formula: str, rows: list[list]) -> Decimal:
    """Re-add a formula of the spreadsheet from the numbers read back: SUM, SUMIF, a - b,
    IF(x=0;0;a/b) — the forms Socle writes — over ``rows`` of plain values."""
    formula = formula.lstrip("=")

    def value(ref: str) -> Decimal:
        cell = _cell(rows, ref)
        assert not isinstance(cell, str), f"{ref} holds text {cell!r}, not a number"
        return Decimal(str(cell or 0))

    def span(first: str, last: str) -> list[str]:
        col = re.match(r"[A-Z]+", first)[0]
        return [f"{col}{n}" for n in range(int(first[len(col) :]), int(last[len(col) :]) + 1)]

    if m := re.fullmatch(r"SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", formula):
        return sum((value(ref) for ref in span(m[1], m[2])), Decimal(0))
    sumif = r'SUMIF\(([A-Z]+\d+):([A-Z]+\d+)[,;]"([^"]*)"[,;]([A-Z]+\d+):([A-Z]+\d+)\)'
    if m := re.fullmatch(sumif, formula):
        keys, values = span(m[1], m[2]), span(m[4], m[5])
        return sum(
            (value(v) for k, v in zip(keys, values, strict=True) if _cell(rows, k) == m[3]),
            Decimal(0),
        )
    if m := re.fullmatch(r"([A-Z]+\d+)-([A-Z]+\d+)", formula):
        return value(m[1]) - value(m[2])
    if m := re.fullmatch(r"IF\(([A-Z]+\d+)=0[,;]0[,;]([A-Z]+\d+)/([A-Z]+\d+)\)", formula):
        return Decimal(0) if value(m[1]) == 0 else value(m[2]) / value(m[3])
    if formula == "0":
        return Decimal(0)
    raise AssertionError(f"formule inattendue : {formula}")


def resolved(rows: list[list]) -> list[list]:
    """The rows with every formula replaced by its value, re-added from the cells it names
    (formulas over formulas are resolved in order, as the totals come after their parts)."""
    out = [list(row) for row in rows]
    for _ in range(3):
        for r, row in enumerate(out):
            for c, cell in enumerate(row):
                if (
                    isinstance(cell, str)
                    and cell.startswith("=")
                    and re.match(r"=(SUM|SUMIF|IF|[A-Z]+\d+-)", cell)
                ):
                    try:
                        out[r][c] = evaluate(cell, out)
                    except AssertionError:
                        continue
    return out
