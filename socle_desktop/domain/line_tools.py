"""The editing tools of the conseiller's visit, as plain edits the pages ask the session for:
« Remplacer un article partout… », « Appliquer à toutes les écoles », and the lines to bring to
a catalogue price that changed. In this variant, or in all of them.

The current variant's lines change by ``SetField`` (their ids stay, so undo and the views follow
them); another variant's by ``SetVariantLines`` of each list that changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from socle_desktop.domain import edits
from socle_desktop.domain.amounts import typed_price
from socle_desktop.domain.campaign import Campaign
from socle_desktop.domain.catalogue import (
    NIVEAU_LABELS,
    default_catalogue,
    merged_catalogue,
    offered_articles,
)
from socle_desktop.domain.model import CatalogueItem, Classroom, Dossier, Line, LineKey
from socle_desktop.domain.presentation import plural
from socle_desktop.domain.validation import InvalidValue, line_places
from socle_desktop.domain.variants import Lines, lines_of

# What a list of lines holds, by its place: (niveau, volet) of the articles it takes.
_PLACE_KINDS = {
    "classe": ("classe", "equipement"),
    "lignes": ("ecole", "equipement"),
    "services": ("ecole", "services"),
}


@dataclass(frozen=True)
class LinesChange:
    """A batch of edits, and how many lines it changes in the current variant and the others."""

    edit: edits.Batch | None
    current: int
    others: int

    @property
    def total(self) -> int:
        return self.current + self.others


def _place_kind(places: dict[LineKey, str], key: LineKey) -> tuple[str, str]:
    return _PLACE_KINDS["classe" if places.get(key) == "classe" else key[1]]


def _variant_ids(dossier: Dossier, everywhere: bool) -> list[str]:
    return [v.id for v in dossier.variantes] if everywhere else [dossier.courante]


def _change_lines(
    dossier: Dossier,
    everywhere: bool,
    change: Callable[[Line], Line | None],
    label: str,
    first: tuple[edits.Edit, ...] = (),
) -> LinesChange:
    """Apply ``change`` (a new line, or None to leave it) to the lines of the current variant,
    or of every variant: one batch, the first edits ``first``."""
    parts: list[edits.Edit] = list(first)
    counts = {True: 0, False: 0}
    for variant_id in _variant_ids(dossier, everywhere):
        current = variant_id == dossier.courante
        for key, lines in lines_of(dossier, variant_id).items():
            changed = [change(line) for line in lines]
            if not any(changed):
                continue
            counts[current] += sum(1 for c in changed if c is not None)
            if current:
                parts += _set_fields(lines, changed)
            else:
                new = tuple(c or line for c, line in zip(changed, lines, strict=True))
                parts.append(edits.SetVariantLines(variant_id, key, new))
    if not counts[True] + counts[False]:
        return LinesChange(None, 0, 0)
    return LinesChange(edits.Batch(tuple(parts), label), counts[True], counts[False])


def _set_fields(lines: list[Line], changed: list[Line | None]) -> list[edits.SetField]:
    found = []
    for line, new in zip(lines, changed, strict=True):
        if new is None:
            continue
        for name in ("article", "libelle", "prix_unitaire"):
            if getattr(new, name) != getattr(line, name):
                found.append(edits.SetField("ligne", line.id, name, getattr(new, name)))
    return found


# --- « Remplacer un article partout… » ---------------------------------------------------------


def article_item(dossier: Dossier, article_id: str) -> CatalogueItem:
    """An article of the dossier's catalogue, else of the default one (copied in when used)."""
    item = dossier.catalogue.get(article_id) or default_catalogue().get(article_id)
    if item is None:
        raise InvalidValue(f"article inconnu : « {article_id} »")
    return item


def usage(dossier: Dossier, article_id: str) -> dict[str, int]:
    """How many lines use ``article_id``, per variant id (variants without any left out)."""
    found = {}
    for variant in dossier.variantes:
        count = sum(
            1
            for lines in lines_of(dossier, variant.id).values()
            for line in lines
            if line.article == article_id
        )
        if count:
            found[variant.id] = count
    return found


@dataclass(frozen=True)
class ArticleInUse:
    """An article the lines use, as « Remplacer : » offers it."""

    article: str
    name: str  # its catalogue label, else the label of its first line
    lines: int

    @property
    def choice(self) -> str:
        """« Vidéoprojecteur interactif — 4 lignes »."""
        return f"{self.name} — {plural(self.lines, 'ligne')}"


def articles_in_use(dossier: Dossier, everywhere: bool) -> list[ArticleInUse]:
    """The articles the lines of this variant (or of all) use, with their number of lines."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for variant_id in _variant_ids(dossier, everywhere):
        for lines in lines_of(dossier, variant_id).values():
            for line in lines:
                counts[line.article] = counts.get(line.article, 0) + 1
                labels.setdefault(line.article, line.libelle)
    merged = merged_catalogue(dossier)
    return [
        ArticleInUse(a, merged[a][0].libelle if a in merged else labels[a], n)
        for a, n in counts.items()
    ]


def replacements(dossier: Dossier, campaign: Campaign, old: str) -> list[CatalogueItem]:
    """The articles that can replace ``old``: those of its level and volet, in the socle's
    order (every article when ``old`` is in no catalogue), ``old`` itself left out."""
    merged = merged_catalogue(dossier)
    item = merged[old][0] if old in merged else None
    if item is None:
        choices = [i for i, _origin in merged.values()]
    else:
        socle = [i.id for i in campaign.socle]
        choices = offered_articles(dossier, socle, item.niveau, item.volet)
    return [choice for choice in choices if choice.id != old]


def replace_preview(change: LinesChange) -> str:
    """What « Remplacer » will do, said before it is done."""
    many = change.total > 1
    text = f"{plural(change.total, 'ligne')} ser{'ont' if many else 'a'} remplacée{'s' * many}"
    if change.others:
        text += f" ({change.current} dans cette variante, {change.others} dans les autres)"
    return (
        text + " : quantités gardées, prix et libellé du catalogue du dossier. Ctrl+Z annulera "
        "le remplacement."
    )


def _replacing(
    dossier: Dossier, old: str, new: str
) -> tuple[CatalogueItem, Callable[[Line], Line | None]]:
    """``new``'s catalogue item, and the change that turns a line of ``old`` into one of it."""
    if old == new:
        raise InvalidValue("choisissez un autre article que celui à remplacer")
    item = article_item(dossier, new)
    price = typed_price(item, dossier)

    def change(line: Line) -> Line | None:
        if line.article != old:
            return None
        return replace(line, article=new, libelle=item.libelle, prix_unitaire=price)

    return item, change


def _check_places(places: dict[LineKey, str], lines: Lines, old: str, item: CatalogueItem) -> None:
    for key, items in lines.items():
        if any(line.article == old for line in items):
            niveau, volet = _place_kind(places, key)
            if (item.niveau, item.volet) != (niveau, volet):
                raise InvalidValue(_misplaced(item, niveau, volet))


def _copied_in(dossier: Dossier, item: CatalogueItem) -> tuple[edits.Edit, ...]:
    return (edits.PutArticle(item.id, item),) if dossier.catalogue.get(item.id) != item else ()


def replace_article(dossier: Dossier, old: str, new: str, everywhere: bool) -> LinesChange:
    """Every line of ``old`` becomes a line of ``new``: its quantity kept, ``new``'s label and
    price from the dossier's catalogue (in the basis prices are typed in). Refused (French)
    when nothing uses ``old`` or when ``new`` does not go where ``old`` is."""
    item, change = _replacing(dossier, old, new)
    places = line_places(dossier)
    for variant_id in _variant_ids(dossier, everywhere):
        _check_places(places, lines_of(dossier, variant_id), old, item)
    label = f"Remplacer « {old} » par « {item.libelle} »"
    result = _change_lines(dossier, everywhere, change, label, _copied_in(dossier, item))
    if result.edit is None:
        where = "aucune variante" if everywhere else "cette variante"
        raise InvalidValue(f"aucune ligne de l'article « {old} » dans {where}")
    return result


def replace_in_new_variant(
    dossier: Dossier, lines: Lines, old: str, new: str
) -> tuple[int, tuple[edits.Edit, ...]]:
    """The same replacement in the lines of a variant being created (fresh copies, changed in
    place): how many lines changed, and the edit copying ``new`` into the catalogue, if any."""
    item, change = _replacing(dossier, old, new)
    _check_places(line_places(dossier), lines, old, item)
    count = 0
    for key, items in lines.items():
        changed = [change(line) for line in items]
        count += sum(1 for c in changed if c is not None)
        lines[key] = [c or line for c, line in zip(changed, items, strict=True)]
    if not count:
        raise InvalidValue(f"aucune ligne de l'article « {old} » dans la variante copiée")
    return count, _copied_in(dossier, item)


def _misplaced(item: CatalogueItem, niveau: str, volet: str) -> str:
    if item.volet != volet:
        return (
            f"« {item.libelle} » est un article du volet "
            f"{'services' if item.volet == 'services' else 'équipement'} : il ne peut pas "
            "remplacer les lignes de l'autre volet"
        )
    where = {"classe": "d'une classe", "ecole": "de l'école"}[niveau]
    return (
        f"« {item.libelle} » est un article de niveau {NIVEAU_LABELS[item.niveau].lower()} :"
        f" il ne peut pas remplacer les lignes {where}"
    )


# --- a catalogue price that changed -----------------------------------------------------------


def price_update(dossier: Dossier, article_id: str, everywhere: bool) -> LinesChange:
    """The lines of ``article_id`` whose unit price is not its catalogue price (the dossier's
    copy, in the basis prices are typed in), brought to it."""
    item = dossier.catalogue.get(article_id)
    if item is None:
        return LinesChange(None, 0, 0)
    price = typed_price(item, dossier)

    def change(line: Line) -> Line | None:
        if line.article != article_id or line.prix_unitaire == price:
            return None
        return replace(line, prix_unitaire=price)

    return _change_lines(
        dossier, everywhere, change, f"Mettre à jour le prix de « {item.libelle} »"
    )


def price_question(here: LinesChange, everywhere: LinesChange, libelle: str) -> str:
    """« 3 lignes de cette variante et 2 lignes des autres variantes utilisent « … » à un
    autre prix que celui du catalogue. Les mettre à jour ? »"""
    parts = [f"{plural(here.current, 'ligne')} de cette variante"] if here.current else []
    if everywhere.others:
        parts.append(f"{plural(everywhere.others, 'ligne')} des autres variantes")
    verb = "utilisent" if everywhere.total > 1 else "utilise"
    return (
        f"{' et '.join(parts)} {verb} « {libelle} » à un autre prix que celui du catalogue. "
        "Les mettre à jour ?"
    )


def price_updated(change: LinesChange) -> str:
    """« 3 lignes mises au prix du catalogue (Ctrl+Z pour annuler). »"""
    many = change.total > 1
    return (
        f"{plural(change.total, 'ligne')} mise{'s' * many} au prix du catalogue "
        "(Ctrl+Z pour annuler)."
    )


# --- « Appliquer à toutes les écoles » ---------------------------------------------------------


def apply_lines_to_all_schools(dossier: Dossier, source: Classroom) -> edits.Batch:
    """Every other class of every school gets a copy of ``source``'s lines (its own are
    replaced), as « Appliquer à toutes les classes » does within one school."""
    parts: list[edits.Edit] = []
    for school in dossier.ecoles:
        for classroom in school.classes:
            if classroom.id == source.id:
                continue
            parts += [edits.Remove("ligne", line.id) for line in classroom.lignes]
            parts += [
                edits.Insert("ligne", classroom.id, "lignes", i, edits.copy_with_new_ids(line))
                for i, line in enumerate(source.lignes)
            ]
    return edits.Batch(tuple(parts), "Appliquer à toutes les écoles")
