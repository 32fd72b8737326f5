"""A blocks.Document as an OpenDocument text (.odt), with odfpy: named paragraph styles a
secrétaire can restyle, a table, and the gaps to fill highlighted in yellow."""

from __future__ import annotations

import io
from typing import Any

from socle_desktop.export.blocks import Document, Paragraph, TableBlock

FONT = "Arial"  # Liberation Sans or DejaVu Sans where Arial is missing
BLANK_BG = "#fff2a8"
HEADER_BG = "#e4ecf4"
PARAGRAPH_STYLES = {
    # name: (size, bold, align, space above, space below, left margin)
    "title": ("16pt", True, "center", "0.2cm", "0.3cm", "0cm"),
    "subtitle": ("11pt", True, "start", "0cm", "0.4cm", "0cm"),
    "center": ("10.5pt", False, "center", "0cm", "0.5cm", "0cm"),
    "body": ("10.5pt", False, "justify", "0cm", "0.2cm", "0cm"),
    "decision": ("10.5pt", False, "justify", "0cm", "0.2cm", "0.6cm"),
    "signature": ("10.5pt", False, "end", "0.1cm", "0.1cm", "0cm"),  # kept together
    "cell": ("9.5pt", False, "start", "0cm", "0cm", "0cm"),
    "cell-number": ("9.5pt", False, "end", "0cm", "0cm", "0cm"),
}


def _styles(doc: Any) -> dict[str, Any]:
    from odf.style import (
        FontFace,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableProperties,
        TextProperties,
    )

    doc.fontfacedecls.addElement(
        FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss", fontpitch="variable")
    )
    styles = {}
    for name, (size, bold, align, above, below, left) in PARAGRAPH_STYLES.items():
        style = Style(name=f"Socle {name}", displayname=f"Socle {name}", family="paragraph")
        keep = {"keepwithnext": "always"} if name in ("signature", "title") else {}
        style.addElement(
            ParagraphProperties(
                textalign=align, margintop=above, marginbottom=below, marginleft=left, **keep
            )
        )
        style.addElement(
            TextProperties(fontname=FONT, fontsize=size, fontweight="bold" if bold else "normal")
        )
        doc.styles.addElement(style)
        styles[name] = style
    bold = Style(name="gras", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    gap = Style(name="a-completer", displayname="À compléter", family="text")
    gap.addElement(TextProperties(backgroundcolor=BLANK_BG, fontstyle="italic"))
    for style in (bold, gap):
        doc.styles.addElement(style)
    styles["bold"], styles["blank"] = bold, gap
    table = Style(name="tableau", family="table")
    table.addElement(TableProperties(width="17cm", align="center"))
    doc.automaticstyles.addElement(table)
    styles["table"] = table
    for name, background in (("cellule", None), ("entete", HEADER_BG)):
        cell = Style(name=name, family="table-cell")
        attributes = {"border": "0.5pt solid #808080", "padding": "0.08cm"}
        if background:
            attributes["backgroundcolor"] = background
        cell.addElement(TableCellProperties(**attributes))
        doc.automaticstyles.addElement(cell)
        styles[name] = cell
    styles["column"] = lambda index, width: _column(doc, TableColumnProperties, Style, index, width)
    return styles


def _column(doc: Any, properties: Any, style_class: Any, index: int, width_cm: float) -> Any:
    style = style_class(name=f"colonne{index}", family="table-column")
    style.addElement(properties(columnwidth=f"{width_cm:.2f}cm"))
    doc.automaticstyles.addElement(style)
    return style


def _paragraph(block: Paragraph, styles: dict[str, Any], style: str | None = None) -> Any:
    from odf.text import P, Span

    element = P(stylename=styles[style or block.style])
    for run in block.runs:
        if run.blank:
            element.addElement(Span(stylename=styles["blank"], text=run.text))
        elif run.bold:
            element.addElement(Span(stylename=styles["bold"], text=run.text))
        else:
            element.addText(run.text)
    return element


def _table(block: TableBlock, styles: dict[str, Any]) -> Any:
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import P, Span

    table = Table(name="Plan de financement", stylename=styles["table"])
    widths = block.widths or (1.0,) * len(block.headers)
    scale = 17 / sum(widths)
    for index, width in enumerate(widths):
        table.addElement(TableColumn(stylename=styles["column"](index, width * scale)))
    header = TableHeaderRows()
    row = TableRow()
    for index, text in enumerate(block.headers):
        cell = TableCell(stylename=styles["entete"], valuetype="string")
        style = "cell-number" if index >= block.numeric_from else "cell"
        paragraph = P(stylename=styles[style])
        paragraph.addElement(Span(stylename=styles["bold"], text=text))
        cell.addElement(paragraph)
        row.addElement(cell)
    header.addElement(row)
    table.addElement(header)
    for number, values in enumerate(block.rows):
        row = TableRow()
        last = block.bold_last and number == len(block.rows) - 1
        for index, text in enumerate(values):
            cell = TableCell(stylename=styles["cellule"], valuetype="string")
            style = "cell-number" if index >= block.numeric_from else "cell"
            paragraph = P(stylename=styles[style])
            if last:
                paragraph.addElement(Span(stylename=styles["bold"], text=text))
            else:
                paragraph.addText(text)
            cell.addElement(paragraph)
            row.addElement(cell)
        table.addElement(row)
    return table


def odt_bytes(document: Document) -> bytes:
    from odf.dc import Title
    from odf.opendocument import OpenDocumentText
    from odf.style import MasterPage, PageLayout, PageLayoutProperties

    doc = OpenDocumentText()
    doc.meta.addElement(Title(text=document.title))
    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            margintop="2cm",
            marginbottom="2cm",
            marginleft="2cm",
            marginright="2cm",
            printorientation="portrait",
        )
    )
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Standard", pagelayoutname=layout))
    styles = _styles(doc)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            doc.text.addElement(_paragraph(block, styles))
        else:
            doc.text.addElement(_table(block, styles))
            doc.text.addElement(_paragraph(Paragraph(()), styles, "body"))  # room below
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()
