"""The styles of the .ods spreadsheet (odfpy): euro and percent formats of the French locale,
bold and header cells, column widths, and the frozen header rows LibreOffice reads from the
document's view settings."""

from __future__ import annotations

from typing import Any

HEADER_FILL = "#e4ecf4"
_CHAR_CM = 0.24  # width of an average character of the default 10 pt font, in centimetres


def set_title(doc: Any, title: str) -> None:
    from odf.dc import Title
    from odf.meta import Generator

    doc.meta.addElement(Title(text=title))
    doc.meta.addElement(Generator(text="Socle"))


def _data_styles(doc: Any) -> None:
    from odf.number import CurrencyStyle, CurrencySymbol, Number, PercentageStyle, Text

    euro = CurrencyStyle(name="euro", language="fr", country="FR")
    euro.addElement(Number(decimalplaces="2", minintegerdigits="1", grouping="true"))
    euro.addElement(Text(text="\u00a0"))
    euro.addElement(CurrencySymbol(language="fr", country="FR", text="€"))
    doc.styles.addElement(euro)
    for name, decimals in (("pourcent", "1"), ("pourcent3", "3")):
        percent = PercentageStyle(name=name, language="fr", country="FR")
        percent.addElement(Number(decimalplaces=decimals, minintegerdigits="1"))
        percent.addElement(Text(text="\u00a0%"))
        doc.styles.addElement(percent)
    from odf.number import NumberStyle

    whole = NumberStyle(name="entier", language="fr", country="FR")
    whole.addElement(Number(decimalplaces="0", minintegerdigits="1", grouping="true"))
    doc.styles.addElement(whole)


def cell_styles(doc: Any) -> dict[str, Any]:
    """Name → style, for each value kind (text, money, rate, int) and row kind ("", bold,
    header)."""
    from odf.style import (
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableRowProperties,
        TextProperties,
    )

    _data_styles(doc)
    styles = {}
    data = {
        "text": None,
        "money": "euro",
        "rate": "pourcent",
        "rate3": "pourcent3",
        "int": "entier",
    }
    for kind in ("", "bold", "header"):
        for value, data_style in data.items():
            name = value + (f"-{kind}" if kind else "")
            attributes = {"name": name, "family": "table-cell"}
            if data_style:
                attributes["datastylename"] = data_style
            style = Style(**attributes)
            if kind:
                style.addElement(TextProperties(fontweight="bold"))
            if kind == "header":
                style.addElement(
                    TableCellProperties(
                        backgroundcolor=HEADER_FILL,
                        wrapoption="wrap",
                        verticalalign="middle",
                        borderbottom="0.5pt solid #000000",
                    )
                )
                if value != "text":
                    style.addElement(ParagraphProperties(textalign="end"))
            doc.automaticstyles.addElement(style)
            styles[name] = style
    row = Style(name="header-row", family="table-row")
    row.addElement(TableRowProperties(useoptimalrowheight="true"))
    doc.automaticstyles.addElement(row)
    styles["header-row"] = row
    return styles


def column_style(doc: Any, index: int, width_chars: int) -> Any:
    from odf.style import Style, TableColumnProperties

    name = f"col-{width_chars}"
    for style in doc.automaticstyles.childNodes:
        if style.getAttribute("name") == name:
            return style
    style = Style(name=name, family="table-column")
    style.addElement(TableColumnProperties(columnwidth=f"{width_chars * _CHAR_CM:.2f}cm"))
    doc.automaticstyles.addElement(style)
    return style


def freeze(doc: Any, tables: list[tuple[str, int]]) -> None:
    """Freeze the first ``rows`` rows of each named table (LibreOffice's view settings)."""
    from odf.config import (
        ConfigItem,
        ConfigItemMapEntry,
        ConfigItemMapIndexed,
        ConfigItemMapNamed,
        ConfigItemSet,
    )

    view_settings = ConfigItemSet(name="ooo:view-settings")
    views = ConfigItemMapIndexed(name="Views")
    view = ConfigItemMapEntry()
    view.addElement(ConfigItem(name="ViewId", type="string", text="view1"))
    named = ConfigItemMapNamed(name="Tables")
    for name, rows in tables:
        entry = ConfigItemMapEntry(name=name)
        for key, kind, value in (
            ("HorizontalSplitMode", "short", 0),
            ("VerticalSplitMode", "short", 2),
            ("HorizontalSplitPosition", "int", 0),
            ("VerticalSplitPosition", "int", rows),
            ("ActiveSplitRange", "short", 2),
            ("PositionLeft", "int", 0),
            ("PositionRight", "int", 0),
            ("PositionTop", "int", 0),
            ("PositionBottom", "int", rows),
        ):
            entry.addElement(ConfigItem(name=key, type=kind, text=str(value)))
        named.addElement(entry)
    view.addElement(named)
    views.addElement(view)
    view_settings.addElement(views)
    doc.settings.addElement(view_settings)


def landscape_table_style(doc: Any) -> Any:
    """A table style whose pages are A4 landscape, one page wide (as the .xlsx asks too)."""
    from odf.style import (
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        Style,
        TableProperties,
    )

    layout = PageLayout(name="paysage")
    from odf.namespaces import STYLENS

    properties = PageLayoutProperties(
        printorientation="landscape",
        pagewidth="29.7cm",
        pageheight="21cm",
        margintop="1.5cm",
        marginbottom="1.5cm",
        marginleft="1.5cm",
        marginright="1.5cm",
    )
    # one page wide, as many pages high as needed (odfpy has no keyword for these two)
    properties.setAttrNS(STYLENS, "scale-to-X", "1")
    properties.setAttrNS(STYLENS, "scale-to-Y", "0")
    layout.addElement(properties)
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="Paysage", pagelayoutname=layout))
    style = Style(name="feuille", family="table", masterpagename="Paysage")
    style.addElement(TableProperties(display="true"))
    doc.automaticstyles.addElement(style)
    return style
