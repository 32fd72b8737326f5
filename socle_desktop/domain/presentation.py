"""The figures of a ``Result`` in the words every front end shows: built once, Qt-free.

The command line's ``summary``, the window (récapitulatif, side panel and its « ? »), the PDF,
the spreadsheet and the draft délibération draw the plan de financement from the rows of
``plan.py`` (``plan_lines`` here: the same rows as text) and explain each figure with
``explanation``: the same cells and the same sentences, whatever draws them (a test compares
them all).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from socle_desktop.domain import plan
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.catalogue import OTHER
from socle_desktop.domain.diagnostic import Status
from socle_desktop.domain.model import PorteurType
from socle_desktop.domain.money import euros, group_thousands, percent_fr
from socle_desktop.domain.plan import NO_RATE as NO_RATE  # the plan's words, named here too
from socle_desktop.domain.plan import PLAN_HEADERS as PLAN_HEADERS
from socle_desktop.domain.plan import RATE_MEANING as RATE_MEANING
from socle_desktop.domain.plan import PlanRow, plan_rows
from socle_desktop.domain.results import Result, SchoolResult


def plural(count: int, singular: str, plural_form: str | None = None, space: str = " ") -> str:
    """« 1 école », « 3 écoles », « 1 200 élèves » (thousands grouped the French way); the one
    helper for a counted word (``space``: NBSP where a line must not break after the number)."""
    word = singular if abs(count) <= 1 else (plural_form or singular + "s")
    return f"{group_thousands(count)}{space}{word}"


def payer(porteur_type: str) -> str:
    """Who pays what remains: « la commune », or « la collectivité » (EPCI, RPI, syndicat)."""
    return PorteurType(porteur_type).payer


@dataclass(frozen=True)
class Assembly:
    """Who deliberates and who signs for the porteur."""

    council: str  # « Le conseil municipal »
    of_council: str  # « du conseil municipal »
    signatory: str  # « le maire »
    of_signatory: str  # « du maire »

    @property
    def signature(self) -> str:
        """« Le maire », over the signature."""
        return self.signatory[:1].upper() + self.signatory[1:]


ASSEMBLIES = {
    PorteurType.COMMUNE: Assembly(
        "Le conseil municipal", "du conseil municipal", "le maire", "du maire"
    ),
    PorteurType.EPCI: Assembly(
        "Le conseil communautaire", "du conseil communautaire", "le président", "du président"
    ),
    PorteurType.RPI: Assembly(
        "Le comité syndical", "du comité syndical", "le président", "du président"
    ),
}


def assembly(porteur_type: str) -> Assembly:
    """The council that approves the plan and the one who signs, by type of porteur."""
    return ASSEMBLIES[PorteurType(porteur_type)]


def school_name(school: SchoolResult) -> str:
    return school.nom.strip() or school.uai or "école sans nom"


# --- the plan de financement (its rows: domain/plan.py) ----------------------------------------


@dataclass(frozen=True)
class PlanLine:
    """One row of the plan, every cell as shown: ``plan.PlanRow.cells``."""

    label: str
    expense: str
    eligible: str
    rate: str
    subsidy: str
    remaining: str
    total: bool = False

    @classmethod
    def of(cls, row: PlanRow) -> PlanLine:
        return cls(*row.cells, total=row.total)

    @property
    def cells(self) -> tuple[str, str, str, str, str, str]:
        return (self.label, self.expense, self.eligible, self.rate, self.subsidy, self.remaining)


def rate_text(subsidy: Decimal, eligible: Decimal) -> str:
    """Subsidy over eligible expense, « 70,0 % », or « — » when nothing is eligible."""
    return plan.rate_text(plan.rate_of(subsidy, eligible))


def plan_lines(result: Result) -> tuple[PlanLine, ...]:
    """The rows of ``plan.plan_rows`` as text: équipement, services et ressources, total."""
    return tuple(PlanLine.of(row) for row in plan_rows(result))


def share(result: Result, porteur_type: str) -> str:
    """The sentence under the plan: what the State pays of the whole, and who pays the rest."""
    if not result.expense:
        return "Aucune dépense n'est encore saisie."
    return (
        f"L'État finance {percent_fr(result.rate, 1)} de la dépense totale ; reste à la "
        f"charge de {payer(porteur_type)} : {euros(result.remaining)}."
    )


# --- the figures of the side panel, and what « ? » says about each -------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str
    big: bool = False  # in large type, on a line of its own


FIGURE_KEYS = ("expense", "equipment", "services", "subsidy", "remaining", "rate")


def remaining_label(porteur_type: str) -> str:
    return f"Reste à charge pour {payer(porteur_type)}"


def figure_label(key: str, porteur_type: str) -> str:
    labels = {
        "expense": "Dépense totale",
        "equipment": "Subvention équipement",
        "services": "Subvention services",
        "subsidy": "Subvention totale",
        "remaining": remaining_label(porteur_type),
        "rate": "Taux global",
        "excluded": "Écoles exclues",
    }
    return labels[key]


def figures(result: Result, porteur_type: str) -> tuple[Figure, ...]:
    """The panel's six figures, in order."""
    values = {
        "expense": euros(result.expense),
        "equipment": euros(result.equipment.subsidy),
        "services": euros(result.services.subsidy),
        "subsidy": euros(result.subsidy),
        "remaining": euros(result.remaining),
        "rate": percent_fr(result.rate, 1),
    }
    return tuple(
        Figure(key, figure_label(key, porteur_type), values[key], key in ("subsidy", "remaining"))
        for key in FIGURE_KEYS
    )


def explanation(result: Result, which: str, porteur_type: str) -> str:
    """The French text that says where one figure comes from."""
    eq, sv = result.equipment, result.services
    if which == "equipment":
        return eq.explanation
    if which == "services":
        return sv.explanation
    if which == "expense":
        return (
            f"Dépense d'équipement : {euros(eq.expense)}.\n"
            f"Dépense de services et ressources : {euros(sv.expense)}.\n"
            f"Dépense totale : {euros(result.expense)}."
        )
    if which == "subsidy":
        return (
            f"Subvention équipement {euros(eq.subsidy)} + subvention services "
            f"{euros(sv.subsidy)} = {euros(result.subsidy)}."
        )
    if which == "remaining":
        return (
            f"Dépense totale {euros(result.expense)} − subvention totale "
            f"{euros(result.subsidy)} = {euros(result.remaining)} à la charge de "
            f"{payer(porteur_type)} (ce qui dépasse les plafonds, ce qui n'est pas "
            "subventionnable et la part non subventionnée)."
        )
    if which == "rate":
        return (
            f"Subvention totale {euros(result.subsidy)} ÷ dépense totale "
            f"{euros(result.expense)} = {percent_fr(result.rate, 1)} de la dépense payée par "
            "l'État."
        )
    if which == "excluded":
        return excluded_text(result)
    raise ValueError(which)


def excluded_schools(result: Result) -> tuple[SchoolResult, ...]:
    return tuple(s for s in result.schools if s.excluded_because)


def excluded_text(result: Result) -> str:
    lines = [f"• {school_name(s)} : {s.excluded_because}." for s in excluded_schools(result)]
    if not lines:
        return "Aucune école n'est exclue de la subvention d'équipement."
    return "Écoles exclues de la subvention d'équipement :\n" + "\n".join(lines)


def excluded_summary(result: Result, shown: int = 3) -> str:
    """« 2 écoles exclues de la subvention d'équipement : A, B » ("" when none is)."""
    excluded = excluded_schools(result)
    if not excluded:
        return ""
    names = ", ".join(school_name(s) for s in excluded[:shown])
    more = " …" if len(excluded) > shown else ""
    count = len(excluded)
    return (
        f"{plural(count, 'école')} exclue{'s' if count > 1 else ''} de la subvention "
        f"d'équipement : {names}{more}"
    )


# --- the socle's categories ---------------------------------------------------------------------

# Short names of the socle items (and « autre »), for a narrow column.
CATEGORY_LABELS = {
    "projection": "Projection",
    "poste_enseignant": "Poste enseignant",
    "terminaux_mobiles": "Terminaux mobiles",
    "gestion_mobiles": "Rangement et MDM",
    "reseau": "Wifi et réseau",
    "partage": "ENT et partage",
    "direction": "Direction",
    "peripheriques": "Périphériques",
    "vie_scolaire": "Vie scolaire",
    "ressources": "Ressources",
    OTHER: "Hors socle",
}


def category_label(category: str) -> str:
    """The short name of a socle category, for a narrow column or a combo."""
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())


def category_titles(campaign: Campaign) -> dict[str, str]:
    """The full name of every category an article can have (the catalogue's)."""
    titles = {item.id: item.libelle for item in campaign.socle}
    titles.setdefault("vie_scolaire", "Vie scolaire")
    titles.setdefault("ressources", "Ressources pédagogiques")
    titles.setdefault("ent", "Espace numérique de travail (ENT)")
    titles[OTHER] = "Autre (hors socle)"
    return titles


# --- one school ---------------------------------------------------------------------------------

# How each status of the socle diagnostic is shown (the states of gui/theme.py).
STATUS_STATES = {
    Status.COVERED: "ok",
    Status.PARTIAL: "warning",
    Status.MISSING: "error",
    Status.OPTIONAL: "muted",
}


@dataclass(frozen=True)
class SchoolNote:
    """What the récapitulatif says of a school's equipment, and its state (for its colour)."""

    text: str
    tip: str
    state: str  # "error" | "warning" | "ok" | "" (see gui/theme.py for the colours)


def school_note(school: SchoolResult, porteur_type: str) -> SchoolNote:
    if school.excluded_because:
        return SchoolNote(f"Exclue : {school.excluded_because}", "", "error")
    if school.above_cap > 0:
        return SchoolNote(
            "Plafond atteint",
            f"{euros(school.above_cap)} au-delà du plafond "
            f"restent à la charge de {payer(porteur_type)}",
            "warning",
        )
    if school.subsidisable < school.expense:
        return SchoolNote(
            f"{euros(school.expense - school.subsidisable)} hors socle",
            "Articles non subventionnables (hors socle ou coûts récurrents)",
            "",
        )
    return SchoolNote("Éligible", "", "")


def school_equipment_summary(school: SchoolResult) -> tuple[str, str]:
    """« Équipement de l'école : dépense … — plafond … — … » and its state."""
    cap = (
        f"plafond {euros(school.cap)} ({plural(school.classes_cycles_2_3, 'classe')} "
        "de cycles 2 et 3)"
    )
    text = f"Équipement de l'école : dépense {euros(school.expense)} — {cap}"
    if school.excluded_because:
        return f"{text} — non subventionnée : {school.excluded_because}.", "error"
    if school.above_cap > 0:
        return f"{text} — {euros(school.above_cap)} au-delà du plafond.", "warning"
    return f"{text} — dépense éligible {euros(school.eligible)}.", "ok"
