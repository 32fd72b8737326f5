"""The equipment volet (snee-2021.md §5.1, §5.3): each school's expense and cap, each commune's
base and bands, each commune's subsidy rounded on its own, the volet as their sum."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import partial

from socle_desktop.domain.amounts import is_subsidisable, line_amount
from socle_desktop.domain.campaign import Campaign, setting_label
from socle_desktop.domain.incremental import ComputeCache
from socle_desktop.domain.model import Commune, Dossier, School
from socle_desktop.domain.money import CENT, ZERO, euros, percent_fr
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.results import BandResult, CommuneResult, SchoolResult, VoletResult

POOLED = "projet"  # the stored value of the cap pooled within each commune


def round_subsidy(amount: Decimal, arrondi: str) -> Decimal:
    """To the cent or to the euro, half up (snee-2021.md §5.3)."""
    step = Decimal(1) if arrondi == "euro" else CENT
    return amount.quantize(step, ROUND_HALF_UP).quantize(CENT)


def allocate(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Share ``total`` (whole cents) in proportion to ``weights``, to the cent, so that the
    parts add up to it exactly (largest remainder; ties go to the first)."""
    whole = sum(weights, ZERO)
    if whole == 0:
        return [ZERO for _ in weights]
    raw = [total * weight / whole for weight in weights]
    shares = [r.quantize(CENT, ROUND_FLOOR) for r in raw]
    leftover = int((total - sum(shares, ZERO)) / CENT)
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[:leftover]:
        shares[i] += CENT
    return shares


# --- schools ----------------------------------------------------------------------------------


def _exclusion(
    school: School, subsidisable: Decimal, known: bool, campaign: Campaign
) -> str | None:
    if school.cycle_2_3_classes == 0:
        return "aucune classe de cycle 2 ou 3 (CP à CM2)"
    if not known:
        # The bands are per commune: a school outside the dossier's communes has no base.
        return (
            f"sa commune ({school.commune}) n'est pas dans le dossier"
            if school.commune
            else "aucune commune n'est choisie pour l'école"
        )
    if subsidisable < campaign.minimum_par_ecole:
        return (
            f"dépense subventionnable de {euros(subsidisable)}, inférieure au minimum de "
            f"{euros(campaign.minimum_par_ecole)} par école"
        )
    return None


def school_result(
    school: School, dossier: Dossier, campaign: Campaign, known: bool = True
) -> SchoolResult:
    """The school on its own: expense, cap, eligible within its own cap, or why excluded."""
    lines = school.equipment_lines()
    expense = sum((line_amount(line, dossier) for line in lines), ZERO)
    subsidisable = sum(
        (line_amount(line, dossier) for line in lines if is_subsidisable(line, dossier)), ZERO
    )
    classes = school.cycle_2_3_classes
    cap = campaign.plafond_par_classe * classes
    excluded = _exclusion(school, subsidisable, known, campaign)
    return SchoolResult(
        school_id=school.id,
        nom=school.nom,
        uai=school.uai,
        commune=school.commune,
        classes_cycles_2_3=classes,
        expense=expense,
        subsidisable=subsidisable,
        cap=cap,
        eligible=ZERO if excluded else min(subsidisable, cap),
        excluded_because=excluded,
        above_cap=ZERO if excluded else max(ZERO, subsidisable - cap),
    )


def _pool(schools: list[SchoolResult]) -> list[SchoolResult]:
    """The cap pooled within one commune: the cap its schools leave unused goes to those above
    theirs, pro rata of what they spend above it. The commune's eligible expense is then
    min(Σ subsidisable, Σ caps) of its kept schools, never less than per school."""
    kept = [s for s in schools if not s.excluded_because]
    unused = sum((max(ZERO, s.cap - s.subsidisable) for s in kept), ZERO)
    excess = [s.above_cap for s in kept]
    shares = iter(allocate(min(unused, sum(excess, ZERO)), excess))
    pooled = []
    for s in schools:
        if s.excluded_because:
            pooled.append(s)
            continue
        share = next(shares)
        pooled.append(
            replace(s, eligible=s.eligible + share, above_cap=s.above_cap - share, pooled=share)
        )
    return pooled


# --- communes ---------------------------------------------------------------------------------


def _bands(base: Decimal, campaign: Campaign) -> tuple[BandResult, ...]:
    bands, lower = [], ZERO
    for band in campaign.bands:
        amount = max(ZERO, min(base, band.up_to) - lower)
        bands.append(BandResult(lower, band.up_to, band.rate, amount, amount * band.rate))
        lower = band.up_to
    return tuple(bands)


def _commune(
    commune: Commune,
    schools: list[SchoolResult],
    dossier: Dossier,
    campaign: Campaign,
    cache: ComputeCache,
    objects: dict[str, School],
) -> tuple[CommuneResult, list[SchoolResult]]:
    if dossier.parametres.plafond_par_classe == POOLED:
        schools = _pool(schools)
    eligible = sum((s.eligible for s in schools), ZERO)
    base = min(eligible, campaign.plafond_par_commune)
    bands = _bands(base, campaign)
    subsidy = round_subsidy(sum((b.subsidy for b in bands), ZERO), dossier.parametres.arrondi)
    shares = allocate(subsidy, [s.eligible for s in schools])
    schools = [
        cache.final(objects[s.school_id], s, share, partial(replace, s, subsidy=share))
        for s, share in zip(schools, shares, strict=True)
    ]
    expense = sum((s.expense for s in schools), ZERO)
    return CommuneResult(
        commune.insee, commune.nom, expense, eligible, base, bands, subsidy
    ), schools


def commune_parts(
    commune: Commune,
    members: list[School],
    dossier: Dossier,
    campaign: Campaign,
    cache: ComputeCache,
) -> tuple[CommuneResult, list[SchoolResult], str]:
    """One commune: its result, its schools' final results (in ``members``' order), its line of
    the explanation; ``cache``'s when none of its schools changed."""
    own = [cache.own(s, True, partial(school_result, s, dossier, campaign, True)) for s in members]

    def made() -> tuple[CommuneResult, list[SchoolResult], str]:
        objects = {school.id: school for school in members}
        result, mine = _commune(commune, own, dossier, campaign, cache, objects)
        return result, mine, _commune_line(result, campaign, dossier.parametres.arrondi)

    return cache.commune(commune.insee, own, made)


@dataclass(frozen=True)
class EquipmentParts:
    """The volet with what the next edit may reuse (``totals.py``)."""

    schools: tuple[SchoolResult, ...]  # in the dossier's order
    communes: tuple[CommuneResult, ...]
    volet: VoletResult
    communes_used: dict[str, Commune]  # insee -> the commune counted (a repeated code once)
    school_lines: list[str]
    commune_lines: list[str]


def equipment_volet(
    dossier: Dossier, campaign: Campaign, cache: ComputeCache | None = None
) -> EquipmentParts:
    """Every school, every commune, the volet; each school's own result is ``cache``'s when
    the school has not changed since."""
    cache = cache if cache is not None else ComputeCache()
    communes: dict[str, Commune] = {}
    for commune in dossier.communes:
        communes.setdefault(commune.insee, commune)  # a repeated code counts once
    by_id: dict[str, SchoolResult] = {}
    of_commune: dict[str, list[School]] = {insee: [] for insee in communes}
    for school in dossier.ecoles:
        if school.commune in communes:
            of_commune[school.commune].append(school)
        else:
            by_id[school.id] = cache.own(
                school, False, partial(school_result, school, dossier, campaign, False)
            )
    commune_results, commune_lines = [], []
    for insee, commune in communes.items():
        result, mine, words = commune_parts(commune, of_commune[insee], dossier, campaign, cache)
        commune_results.append(result)
        commune_lines.append(words)
        by_id.update((s.school_id, s) for s in mine)
    schools = tuple(by_id[s.id] for s in dossier.ecoles)
    subsidy = sum((c.subsidy for c in commune_results), ZERO)
    lines = [
        cache.line(school, sr, partial(school_line, sr))
        for school, sr in zip(dossier.ecoles, schools, strict=True)
    ]
    volet = VoletResult(
        expense=sum((s.expense for s in schools), ZERO),
        eligible=sum((c.base for c in commune_results), ZERO),
        subsidy=subsidy,
        explanation=explanation(lines, commune_lines, dossier, campaign, subsidy),
        subsidisable=sum((s.subsidisable for s in schools), ZERO),
    )
    return EquipmentParts(schools, tuple(commune_results), volet, communes, lines, commune_lines)


# --- the words --------------------------------------------------------------------------------


def school_line(s: SchoolResult) -> str:
    if s.excluded_because:
        return f"• {s.nom} : exclue, {s.excluded_because}."
    classes = plural(s.classes_cycles_2_3, "classe")
    if s.pooled > 0:
        return (
            f"• {s.nom} : {euros(s.subsidisable)} dont {euros(s.eligible)} éligibles "
            f"(plafond de ses {classes} : {euros(s.cap)}, plus {euros(s.pooled)} du "
            "plafond laissé libre par les autres écoles de la commune)."
        )
    if s.above_cap > 0:
        return (
            f"• {s.nom} : {euros(s.subsidisable)} dont {euros(s.eligible)} éligibles "
            f"(plafond de {classes} : {euros(s.cap)})."
        )
    return f"• {s.nom} : {euros(s.eligible)} éligibles."


def _commune_line(c: CommuneResult, campaign: Campaign, arrondi: str) -> str:
    parts = [f"{percent_fr(b.rate)} de {euros(b.amount)}" for b in c.bands if b.amount > 0]
    detail = " + ".join(parts) if parts else "aucune dépense éligible"
    ceiling = (
        f" (plafonnée à {euros(campaign.plafond_par_commune)} par commune)"
        if c.above_ceiling > 0
        else ""
    )
    rounding = ""
    if arrondi == "euro" and c.exact_subsidy != c.subsidy:
        rounding = f" (avant arrondi à l'euro : {euros(c.exact_subsidy)})"
    return f"{c.nom} : base {euros(c.base)}{ceiling} ; {detail} = {euros(c.subsidy)}{rounding}."


def explanation(
    school_lines: Sequence[str],
    commune_lines: Sequence[str],
    dossier: Dossier,
    campaign: Campaign,
    subsidy: Decimal,
) -> str:
    """The volet's calculation in words: the rule, a line per school (``school_line``), a
    line per commune (``_commune_line``), the total."""
    params = dossier.parametres
    scope = setting_label("plafond_par_classe", params.plafond_par_classe)
    lines = [
        f"Chaque école doit engager au moins {euros(campaign.minimum_par_ecole)} ; "
        f"la dépense éligible est plafonnée à {euros(campaign.plafond_par_classe)} par classe "
        f"de cycles 2 et 3, {scope}.",
    ]
    lines += school_lines
    lines += commune_lines
    rounding = setting_label("arrondi", params.arrondi)
    lines.append(
        f"Subvention de chaque commune arrondie {rounding} ; subvention d'équipement "
        f"(somme des communes) : {euros(subsidy)}."
    )
    return "\n".join(lines)
