"""« Comparer les variantes »: each variant's figures, computed by ``compute()`` on the dossier
with that variant's lines in place, and their differences with the retained variant.

The window's dialog, the PDF page and ``socle-desktop variantes`` all read this one comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socle_desktop.domain.amounts import line_amount
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.diagnostic import diagnose
from socle_desktop.domain.model import Dossier
from socle_desktop.domain.money import ZERO, euros, percent_fr, signed_euros, signed_points
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.rules import Result, compute
from socle_desktop.domain.variants import checked_out


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # the row of the table: « Reste à charge »
    kind: str  # euros | rate | schools
    noun: str  # what a difference is of: « +16 470,00 € de reste à charge »


FIGURES = (
    Figure("expense", "Dépense totale", "euros", "de dépense"),
    Figure("eligible", "Dépense éligible", "euros", "de dépense éligible"),
    Figure("equipment", "Subvention équipement", "euros", "de subvention d'équipement"),
    Figure("services", "Subvention services", "euros", "de subvention de services"),
    Figure("subsidy", "Subvention totale", "euros", "de subvention"),
    Figure("remaining", "Reste à charge", "euros", "de reste à charge"),
    Figure("rate", "Taux de subvention", "rate", "de taux de subvention"),
    Figure("socle", "Écoles au socle", "schools", "au socle"),
)
FIGURE = {f.key: f for f in FIGURES}
# The differences a one-line summary says, in this order.
HEADLINE = ("remaining", "subsidy")
# The figures whose rise costs the porteur more; for the others a rise is good news.
WORSE_WHEN_UP = frozenset({"expense", "remaining"})
SAME_PUPILS = (
    "Les mêmes écoles, classes et élèves ; seules les lignes d'équipement et de services "
    "changent. Sous chaque montant, l'écart avec la variante retenue."
)


def tendency(key: str, delta: Decimal | int) -> str:
    """« worse » when the difference costs the porteur more, « better » when it saves or
    subsidises more, « » when there is none (the window colours by it)."""
    if not delta:
        return ""
    return "worse" if (delta > 0) == (key in WORSE_WHEN_UP) else "better"


@dataclass(frozen=True)
class SchoolFigures:
    """One school in one variant."""

    school_id: str
    expense: Decimal  # equipment and services lines of the school
    equipment_subsidy: Decimal  # its share of its commune's equipment subsidy
    reaches_socle: bool

    @property
    def remaining(self) -> Decimal:
        """What the school leaves to pay: its expense less its equipment subsidy."""
        return self.expense - self.equipment_subsidy

    @property
    def socle_text(self) -> str:
        return "au socle" if self.reaches_socle else "socle incomplet"


@dataclass(frozen=True)
class VariantColumn:
    variant_id: str
    nom: str
    retained: bool
    current: bool
    result: Result
    schools: tuple[SchoolFigures, ...]  # in the dossier's order

    @property
    def at_socle(self) -> int:
        return sum(1 for s in self.schools if s.reaches_socle)

    def value(self, key: str) -> Decimal | int:
        r = self.result
        values: dict[str, Decimal | int] = {
            "expense": r.expense,
            "eligible": r.eligible,
            "equipment": r.equipment.subsidy,
            "services": r.services.subsidy,
            "subsidy": r.subsidy,
            "remaining": r.remaining,
            "rate": r.rate,
            "socle": self.at_socle,
        }
        return values[key]


def shown(figure: Figure, value: Decimal | int, schools: int) -> str:
    """A value as the table shows it: « 12 345,67 € », « 52,5 % », « 2 sur 3 »."""
    if figure.kind == "euros":
        return euros(Decimal(value))
    if figure.kind == "rate":
        return percent_fr(Decimal(value), 1)
    return f"{value} sur {schools}"


def short_difference(figure: Figure, delta: Decimal | int) -> str:
    """« +16 470,00 € », « +2,5 points », « −1 »: under an amount of a table; « » if none."""
    if not delta:
        return ""
    if figure.kind == "euros":
        return signed_euros(Decimal(delta))
    if figure.kind == "rate":
        return signed_points(Decimal(delta))
    return ("+" if delta > 0 else "\u2212") + str(abs(int(delta)))


def difference_text(figure: Figure, delta: Decimal | int) -> str:
    """« +16 470,00 € de reste à charge », « −1 école au socle », « identique »."""
    if not delta:
        return "identique"
    if figure.kind == "schools":
        sign = "+" if delta > 0 else "\u2212"
        return f"{sign}{plural(abs(int(delta)), 'école')} {figure.noun}"
    return f"{short_difference(figure, delta)} {figure.noun}"


@dataclass(frozen=True)
class Comparison:
    columns: tuple[VariantColumn, ...]  # the dossier's variants, in order
    school_names: tuple[tuple[str, str], ...]  # (school id, name) in the dossier's order

    @property
    def retained(self) -> VariantColumn:
        return next(c for c in self.columns if c.retained)

    def delta(self, column: VariantColumn, key: str) -> Decimal | int:
        """``column``'s figure minus the retained variant's."""
        return column.value(key) - self.retained.value(key)

    def difference(self, column: VariantColumn, key: str) -> str:
        return difference_text(FIGURE[key], self.delta(column, key))

    def headline(self, column: VariantColumn) -> str:
        """« +16 470,00 € de reste à charge, −3 200,00 € de subvention » (or the retained one)."""
        if column.retained:
            return "variante retenue"
        parts = [self.difference(column, key) for key in HEADLINE if self.delta(column, key)]
        return ", ".join(parts) if parts else "mêmes montants que la variante retenue"

    def short_difference(self, column: VariantColumn, key: str) -> str:
        """« +16 470,00 € » under ``column``'s amount; « » for the retained variant."""
        return "" if column.retained else short_difference(FIGURE[key], self.delta(column, key))

    def cell(self, column: VariantColumn, key: str) -> tuple[str, str]:
        """The figure as a table shows it, and its difference with the retained one (or « »)."""
        value = shown(FIGURE[key], column.value(key), len(self.school_names))
        return value, self.short_difference(column, key)

    def school_delta(self, column: VariantColumn, index: int) -> Decimal:
        """The school's remaining cost difference with the retained variant."""
        return column.schools[index].remaining - self.retained.schools[index].remaining

    def school_cell(self, column: VariantColumn, index: int) -> tuple[str, str]:
        """The school's remaining cost, and its difference with the retained one (or « »)."""
        delta = self.school_delta(column, index)
        difference = signed_euros(delta) if delta and not column.retained else ""
        return euros(column.schools[index].remaining), difference


def _school_figures(view: Dossier, result: Result, campaign: Campaign) -> tuple[SchoolFigures, ...]:
    diagnostics = diagnose(view, campaign)
    figures = []
    for school, sr in zip(view.ecoles, result.schools, strict=True):
        services = sum((line_amount(line, view) for line in school.services), ZERO)
        figures.append(
            SchoolFigures(
                school.id, sr.expense + services, sr.subsidy, diagnostics[school.id].reaches_socle
            )
        )
    return tuple(figures)


def column(dossier: Dossier, campaign: Campaign, variant_id: str) -> VariantColumn:
    view = checked_out(dossier, variant_id)
    result = compute(view, campaign)
    variant = next(v for v in dossier.variantes if v.id == variant_id)
    return VariantColumn(
        variant.id,
        variant.nom,
        variant.id == dossier.retenue,
        variant.id == dossier.courante,
        result,
        _school_figures(view, result, campaign),
    )


def compare(dossier: Dossier, campaign: Campaign, current: Result | None = None) -> Comparison:
    """Every variant's figures. ``current``: the current variant's result, if already
    computed (the window's session has it)."""
    columns = []
    for variant in dossier.variantes:
        if current is not None and variant.id == dossier.courante:
            view = dossier
            columns.append(
                VariantColumn(
                    variant.id,
                    variant.nom,
                    variant.id == dossier.retenue,
                    True,
                    current,
                    _school_figures(view, current, campaign),
                )
            )
        else:
            columns.append(column(dossier, campaign, variant.id))
    names = tuple((s.id, s.nom or s.uai or "école sans nom") for s in dossier.ecoles)
    return Comparison(tuple(columns), names)
