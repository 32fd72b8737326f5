"""The command line's verbs of the variants: ``variantes`` (the comparison, as text or JSON)
and ``variante`` (create, rename, delete, retain); ``--variante NOM`` of summary and pdf is
``chosen_variant`` here. Registered in the verb table when cli.py imports this module, after
its own verbs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from socle_desktop.cli import DOSSIER, CliError, _open
from socle_desktop.cli_parser import arg, verb
from socle_desktop.system_errors import printable

NAME_WIDTH = 24  # a column of the text comparison


def _cli_error(message: str) -> CliError:
    return CliError(message)


def chosen_variant(dossier, name: str | None, path) -> str:
    """The id of the variant named ``name`` (None: the retained one) of the dossier at
    ``path``; unknown: CliError naming the file and the dossier's variants."""
    from socle_desktop.domain.variants import by_name
    from socle_desktop.store.editing import InvalidValue

    if name is None:
        return dossier.retenue
    try:
        return by_name(dossier, name).id
    except InvalidValue as error:
        raise _cli_error(f"{printable(path)} : {error}") from None


# --- variantes: the comparison ------------------------------------------------------------------


def comparison_data(comparison, campaign_id: str) -> dict:
    """``variantes --json``: per variant its name, whether retained, and the same
    ``equipement``/``services``/``total`` objects as ``summary --json``."""
    from socle_desktop.domain.jsonio import result_data
    from socle_desktop.domain.money import to_json

    variants = []
    for column in comparison.columns:
        data = result_data(column.result)
        variants.append(
            {
                "nom": column.nom,
                "retenue": column.retained,
                "equipement": data["equipement"],
                "services": data["services"],
                "total": data["total"],
                "taux_de_subvention": f"{column.result.rate:.4f}",
                "ecoles_au_socle": column.at_socle,
                "ecart_avec_la_retenue": {
                    "depense": to_json(comparison.delta(column, "expense")),
                    "subvention": to_json(comparison.delta(column, "subsidy")),
                    "reste_a_charge": to_json(comparison.delta(column, "remaining")),
                },
            }
        )
    return {"campagne": campaign_id, "ecoles": len(comparison.school_names), "variantes": variants}


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def comparison_text(comparison) -> str:
    from socle_desktop.domain.comparison import FIGURES, shown
    from socle_desktop.domain.presentation import plural

    columns = comparison.columns
    retained = comparison.retained
    schools = len(comparison.school_names)
    out = [
        f"Comparaison de {plural(len(columns), 'variante')} — "
        f"variante retenue : « {retained.nom} »",
        "",
    ]
    heads = [_fit(c.nom + (" *" if c.retained else ""), NAME_WIDTH) for c in columns]
    out.append(f"{'':<24}" + "".join(f"{h:>{NAME_WIDTH + 2}}" for h in heads))
    for figure in FIGURES:
        cells = [shown(figure, c.value(figure.key), schools) for c in columns]
        out.append(f"{figure.label:<24}" + "".join(f"{c:>{NAME_WIDTH + 2}}" for c in cells))
    out.append("")
    out.append("* variante retenue (celle du PDF, des exports et du dépôt)")
    for column in columns:
        if not column.retained:
            out.append(f"{column.nom} : {comparison.headline(column)}")
    return "\n".join(out) + "\n"


@verb(
    "variantes",
    "compare les variantes du dossier",
    DOSSIER,
    arg(
        "--json",
        action="store_true",
        help="par variante : nom, retenue, equipement, services, total (comme summary "
        "--json) et l'écart avec la retenue",
    ),
)
def variantes(args) -> None:
    import json

    from socle_desktop.domain.comparison import compare

    dossier, campaign = _open(Path(args.dossier_file))
    comparison = compare(dossier, campaign)
    if args.json:
        data = comparison_data(comparison, campaign.id)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(comparison_text(comparison))


# --- variante: create, rename, delete, retain ------------------------------------------------


def _replacements(pairs: list[str]) -> list[tuple[str, str]]:
    found = []
    for pair in pairs:
        old, equal, new = pair.partition("=")
        if not equal or not old.strip() or not new.strip():
            raise _cli_error(
                f"--remplacer « {pair} » : écrivez ANCIEN=NOUVEAU, deux "
                "identifiants d'articles (par exemple vpi=eni-65)"
            )
        found.append((old.strip(), new.strip()))
    return found


def _creation(dossier, name: str, source: str | None, pairs: list[str], path):
    """The edit creating ``name`` (a copy of ``source``, the retained by default) with its
    replacements, and the sentence saying what was done."""
    from socle_desktop.domain import edits, line_tools, variants

    source_id = chosen_variant(dossier, source, path)
    created = variants.create(dossier, name, source_id)
    parts: list = []
    said = []
    for old, new in _replacements(pairs):
        count, first = line_tools.replace_in_new_variant(dossier, created.variante.lignes, old, new)
        parts += first
        said.append(
            f"{count} ligne{'s' if count > 1 else ''} « {old} » remplacée"
            f"{'s' if count > 1 else ''} par « {new} »"
        )
    source_name = dossier.variante(source_id).nom
    text = f"Variante « {created.variante.nom} » créée (copie de « {source_name} »)"
    if said:
        text += " : " + ", ".join(said)
    return edits.Batch((*parts, created), created.label), text + "."


def _action(args, dossier, path):
    """The edit the options ask for, and what to say once it is saved."""
    from socle_desktop.domain import variants

    chosen = [
        name
        for name in ("nouvelle", "renommer", "supprimer", "retenir")
        if getattr(args, name) is not None
    ]
    if len(chosen) != 1:
        raise _cli_error(
            "indiquez une et une seule action : --nouvelle NOM, --renommer ANCIEN "
            "NOUVEAU, --supprimer NOM ou --retenir NOM"
        )
    action = chosen[0]
    if action != "nouvelle" and (args.depuis or args.remplacer):
        raise _cli_error("--depuis et --remplacer vont avec --nouvelle")
    if action == "nouvelle":
        return _creation(dossier, args.nouvelle, args.depuis, args.remplacer or [], path)
    if action == "renommer":
        old, new = args.renommer
        variant_id = chosen_variant(dossier, old, path)
        return (
            variants.rename(dossier, variant_id, new),
            f"Variante « {dossier.variante(variant_id).nom} » renommée « {new.strip()} ».",
        )
    variant_id = chosen_variant(dossier, getattr(args, action), path)
    name = dossier.variante(variant_id).nom
    if action == "supprimer":
        return variants.delete(dossier, variant_id), f"Variante « {name} » supprimée."
    return variants.retain(dossier, variant_id), f"Variante « {name} » retenue."


@verb(
    "variante",
    "crée, renomme, supprime ou retient une variante",
    DOSSIER,
    arg(
        "--nouvelle",
        metavar="NOM",
        help="crée la variante NOM, copie de la retenue (ou de --depuis)",
    ),
    arg("--depuis", metavar="NOM", help="avec --nouvelle : la variante copiée"),
    arg(
        "--remplacer",
        action="append",
        metavar="ANCIEN=NOUVEAU",
        help="avec --nouvelle : remplace l'article ANCIEN par NOUVEAU dans la copie (quantités "
        "gardées, prix du catalogue du dossier) ; répétable",
    ),
    arg("--renommer", nargs=2, metavar=("ANCIEN", "NOUVEAU"), help="renomme une variante"),
    arg("--supprimer", metavar="NOM", help="supprime une variante (pas la retenue)"),
    arg(
        "--retenir",
        metavar="NOM",
        help="fait de NOM la variante retenue (celle du PDF, des exports et du dépôt)",
    ),
    description="Une variante garde les écoles, classes et élèves du dossier et a ses propres "
    "lignes d'équipement et de services. La variante retenue est celle du PDF, des exports et "
    "du dépôt ; « variantes » les compare.",
)
def variante(args) -> None:
    from socle_desktop.store import DossierFile, StoreError
    from socle_desktop.store.editing import InvalidValue, perform

    target = Path(args.dossier_file)
    try:
        with DossierFile.open(target) as file:
            if file.read_only:
                raise _cli_error(
                    f"{printable(target)} : impossible d'y écrire. {file.read_only_reason}"
                )
            edit, said = _action(args, file.dossier, target)
            perform(file.dossier, edit, file)
    except InvalidValue as error:
        raise _cli_error(f"{printable(target)} : {error} ; rien n'a été modifié") from None
    except StoreError as error:
        raise _cli_error(str(error)) from None
    print(said, file=sys.stderr)
