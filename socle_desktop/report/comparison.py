"""The page « Comparaison des variantes », when asked (``pdf --comparaison``, the window's
checkbox): each variant's figures side by side, each one's difference with the retained variant
under it, then the remaining cost of each school in each variant."""

from __future__ import annotations

from functools import cache

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer, Table

from socle_desktop.domain.comparison import FIGURES, Comparison, Figure, VariantColumn
from socle_desktop.report.styles import (
    CONTENT_WIDTH,
    MUTED_HEX,
    Flowable,
    bold_row,
    grid_style,
    make_table,
    stylesheet,
)
from socle_desktop.report.text import Para, cell, markup, truncate

PER_TABLE = 4  # variants side by side in one table: 174 mm hold a label and four amounts
VALUE_WIDTH = 32 * mm  # « 1 234 567,89 € » and a name on two lines


def _widths(columns: tuple[VariantColumn, ...]) -> list[float]:
    """The label takes what the variants leave: every table spans the page."""
    return [CONTENT_WIDTH - VALUE_WIDTH * len(columns)] + [VALUE_WIDTH] * len(columns)


@cache
def _right(bold: bool = False) -> ParagraphStyle:
    """An amount with its difference under it, aligned as the other amounts."""
    base = stylesheet()["cell_bold" if bold else "cell"]
    return ParagraphStyle(f"comparison_right_{bold}", base, alignment=TA_RIGHT)


def _chunks(comparison: Comparison) -> list[tuple[VariantColumn, ...]]:
    columns = comparison.columns
    return [columns[i : i + PER_TABLE] for i in range(0, len(columns), PER_TABLE)]


def _head(column: VariantColumn, width: float) -> Para:
    name = markup(truncate(column.nom, 3 * (width - 10), size=8.5))  # three lines at most
    mark = "<br/><font size='7.5'>variante retenue</font>" if column.retained else ""
    return Para(f"<b>{name}</b>{mark}", _right(bold=True))


def _value(comparison: Comparison, column: VariantColumn, figure: Figure) -> Para | str:
    text, difference = comparison.cell(column, figure.key)
    if not difference:
        return text
    return Para(
        f"{text}<br/><font size='7.5' color='{MUTED_HEX}'>{difference}</font>",
        _right(figure.key == "remaining"),
    )


def figures_table(comparison: Comparison, columns: tuple[VariantColumn, ...]) -> Table:
    rows = [["", *(_head(c, VALUE_WIDTH) for c in columns)]]
    for figure in FIGURES:
        rows.append([figure.label, *(_value(comparison, c, figure) for c in columns)])
    style = grid_style() + bold_row(6)  # « Reste à charge »
    return make_table(rows, _widths(columns), style, right_from=1)


def schools_table(comparison: Comparison, columns: tuple[VariantColumn, ...]) -> Table:
    """Per school: its expense less its equipment subsidy, in each variant."""
    widths = _widths(columns)
    rows = [["École", *(_head(c, VALUE_WIDTH) for c in columns)]]
    for index, (_school_id, name) in enumerate(comparison.school_names):
        cells = []
        for column in columns:
            text, difference = comparison.school_cell(column, index)
            if difference:
                text = Para(
                    f"{text}<br/><font size='7.5' color='{MUTED_HEX}'>{difference}</font>",
                    _right(),
                )
            cells.append(text)
        rows.append([cell(name, widths[0]), *cells])
    return make_table(rows, widths, grid_style(), right_from=1)


def comparison_section(comparison: Comparison) -> list[Flowable]:
    """The page: a new page, the figures, each variant's headline, the schools."""
    styles = stylesheet()
    flow: list[Flowable] = [
        PageBreak(),
        Para("Comparaison des variantes", styles["h1"]),
        Para(
            "Chaque variante garde les mêmes écoles, classes et élèves ; seules les "
            "lignes d'équipement et de services changent. Sous chaque montant, "
            "l'écart avec la variante retenue, celle de ce dossier.",
            styles["small"],
        ),
        Spacer(1, 2 * mm),
    ]
    for columns in _chunks(comparison):
        flow += [figures_table(comparison, columns), Spacer(1, 3 * mm)]
    for column in comparison.columns:
        if not column.retained:
            flow.append(
                Para(
                    f"<b>{markup(column.nom)}</b> : {markup(comparison.headline(column))}.",
                    styles["bullet"],
                    bulletText="•",
                )
            )
    flow += [
        CondPageBreak(40 * mm),
        Para("Reste à charge par école", styles["h2"]),
        Para(
            "Dépense de l'école (équipement et services) moins sa part de la subvention "
            "d'équipement de sa commune.",
            styles["small"],
        ),
    ]
    for columns in _chunks(comparison):
        flow += [schools_table(comparison, columns), Spacer(1, 3 * mm)]
    return flow + [PageBreak()]
