"""A blocks.Document as a Word document (.docx), written with the standard library.

A .docx is a zip of a few WordprocessingML parts; the handful this document needs (paragraph
styles, runs, one table, highlighted gaps) are written here directly, which spares the bundle a
library and its XML engine. Word, LibreOffice and python-docx (the tests) read it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from socle_desktop.export.blocks import Document, Paragraph, Run, TableBlock

FONT = "Arial"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PAGE_WIDTH_TWIPS = 11906 - 2 * 1134  # A4 less 2 cm margins
# name: (size in half-points, bold, alignment, space before, after (twips), left indent (twips))
STYLES = {
    "title": (32, True, "center", 100, 200, 0),
    "subtitle": (22, True, "left", 0, 240, 0),
    "center": (21, False, "center", 0, 280, 0),
    "body": (21, False, "both", 0, 120, 0),
    "decision": (21, False, "both", 0, 120, 340),
    "signature": (21, False, "right", 60, 60, 0),
    "cell": (19, False, "left", 0, 0, 0),
    "cellnumber": (19, False, "right", 0, 0, 0),
}


def _style_id(name: str) -> str:
    return "Socle" + name.capitalize()


def _styles_xml() -> str:
    parts = [
        f'<w:styles xmlns:w="{W}">',
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" '
        f'w:cs="{FONT}" w:eastAsia="{FONT}"/><w:sz w:val="21"/><w:lang w:val="fr-FR"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "</w:style>",
    ]
    for name, (size, bold, align, before, after, left) in STYLES.items():
        parts.append(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{_style_id(name)}">'
            f'<w:name w:val="Socle {name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
            f"<w:pPr>{'<w:keepNext/>' if name in ('signature', 'title') else ''}"
            f'<w:spacing w:before="{before}" w:after="{after}"/>'
            + (f'<w:ind w:left="{left}"/>' if left else "")
            + f'<w:jc w:val="{align}"/></w:pPr>'
            f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr></w:style>'
        )
    parts.append("</w:styles>")
    return "".join(parts)


def _text(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def _run(run: Run, force_bold: bool = False) -> str:
    properties = ""
    if run.bold or force_bold:
        properties += "<w:b/>"
    if run.blank:
        properties += '<w:i/><w:highlight w:val="yellow"/>'
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{_text(run.text)}</w:r>"


def _paragraph(style: str, runs: Iterable[Run], force_bold: bool = False) -> str:
    body = "".join(_run(run, force_bold) for run in runs)
    return f'<w:p><w:pPr><w:pStyle w:val="{_style_id(style)}"/></w:pPr>{body}</w:p>'


def _cell(text: str, width: int, style: str, bold: bool, fill: str | None) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
        f"{_paragraph(style, [Run(text)], bold)}</w:tc>"
    )


def _table(block: TableBlock) -> str:
    weights = block.widths or (1.0,) * len(block.headers)
    widths = [int(PAGE_WIDTH_TWIPS * w / sum(weights)) for w in weights]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]

    def style(index: int) -> str:
        return "cellnumber" if index >= block.numeric_from else "cell"

    parts.append(
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        + "".join(
            _cell(text, widths[i], style(i), True, "E4ECF4") for i, text in enumerate(block.headers)
        )
        + "</w:tr>"
    )
    for number, row in enumerate(block.rows):
        bold = block.bold_last and number == len(block.rows) - 1
        parts.append(
            "<w:tr>"
            + "".join(_cell(text, widths[i], style(i), bold, None) for i, text in enumerate(row))
            + "</w:tr>"
        )
    parts.append("</w:tbl>")
    return "".join(parts)


def _document_xml(document: Document) -> str:
    body = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            body.append(_paragraph(block.style, block.runs))
        else:
            body.append(_table(block))
            body.append(_paragraph("body", []))  # Word needs a paragraph between two tables
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" '
        'w:right="1134" w:bottom="1134" w:left="1134" w:header="708" w:footer="708" '
        'w:gutter="0"/></w:sectPr>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}{section}</w:body></w:document>'
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)


def _core_xml(title: str) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>Socle</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        "</cp:coreProperties>"
    )


def docx_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/document.xml", _document_xml(document))
        archive.writestr("word/styles.xml", _styles_xml())
        archive.writestr("docProps/core.xml", _core_xml(document.title))
    return buffer.getvalue()
