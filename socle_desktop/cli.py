"""The command line of docs/dossier-json.md (import-json, export-json, summary, pdf), and
import-ecoles: schools of a commune from the Ministry's open data (docs/donnees-ouvertes.md).

Each verb is one ``@verb`` entry above its function (the table is in cli_parser.py).

Exit 0 on success, 2 on bad input with a French message on stderr naming the file (and the JSON
path of the bad value); nothing is written on failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from socle_desktop import __version__
from socle_desktop.cli_parser import (
    EXIT_BAD_INPUT,
    EXIT_FAULT,
    VERBS,
    arg,
    build_parser,
    looks_like_dossier,
    unknown_verb_message,
    verb,
    wants_window,
)
from socle_desktop.system_errors import SpecialFile, os_reason, printable, read_bytes

__all__ = ["VERBS", "CliError", "run", "wants_window"]


class CliError(Exception):
    """A French message for stderr; the command exits with status 2."""


DOSSIER = arg("dossier_file", metavar="DOSSIER", help="le fichier dossier (.socle)")
VARIANTE = arg(
    "--variante", metavar="NOM", help="la variante à utiliser (par défaut : la variante retenue)"
)


def _read_json(path: Path):
    from socle_desktop.domain.jsonio import DossierJsonError, loads

    shown = printable(path)
    try:
        text = read_bytes(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise CliError(f"{shown} : fichier introuvable") from None
    except SpecialFile as error:
        raise CliError(f"{shown} : {error} (un JSON est attendu)") from None
    except UnicodeDecodeError:
        raise CliError(
            f"{shown} : ce n'est pas un fichier texte UTF-8 (un JSON est attendu)"
        ) from None
    except OSError as error:
        raise CliError(f"{shown} : lecture impossible ({os_reason(error)})") from None
    if not text.strip():
        raise CliError(f"{shown} : le fichier est vide (un dossier JSON est attendu)")
    try:
        return loads(text)
    except DossierJsonError as error:
        raise CliError(f"{shown} : {error}") from None


def _open(path: Path):
    """The dossier and campaign kept in a dossier file, read only."""
    from socle_desktop.store import StoreError, read_dossier

    try:
        return read_dossier(path)
    except StoreError as error:
        raise CliError(str(error)) from None


@verb(
    "import-json",
    "crée un fichier dossier à partir d'un JSON",
    arg("json_file", metavar="ENTREE.json", help="le dossier au format JSON"),
    arg("dossier_file", metavar="DOSSIER", help="le fichier dossier à créer (.socle)"),
    arg("--remplacer", action="store_true", help="remplace DOSSIER s'il existe déjà"),
)
def import_json(args) -> None:
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.store import StoreError, create_dossier_file

    source, target = Path(args.json_file), Path(args.dossier_file)
    dossier = _read_json(source)
    if (target.is_file() or target.is_symlink()) and not args.remplacer:
        raise CliError(
            f"{printable(target)} existe déjà : choisissez un autre nom ou ajoutez --remplacer"
        )
    try:
        create_dossier_file(
            target, dossier, load_campaign(dossier.campagne), replace=args.remplacer
        )
    except StoreError as error:
        raise CliError(str(error)) from None
    print(f"Dossier créé : {printable(target)}", file=sys.stderr)


@verb("export-json", "affiche le dossier au format JSON", DOSSIER)
def export_json(args) -> None:
    from socle_desktop.domain.jsonio import dumps

    dossier, _campaign = _open(Path(args.dossier_file))
    sys.stdout.write(dumps(dossier))


@verb(
    "summary",
    "affiche le plan de financement",
    DOSSIER,
    arg("--json", action="store_true", help="le résultat complet, en JSON"),
    VARIANTE,
)
def summary(args) -> None:
    import json

    from socle_desktop.cli_variants import chosen_variant
    from socle_desktop.domain.fctva import compute_fctva, fctva_data
    from socle_desktop.domain.jsonio import result_data
    from socle_desktop.domain.rules import compute
    from socle_desktop.domain.summary_text import plan_text
    from socle_desktop.domain.variants import checked_out

    dossier, campaign = _open(Path(args.dossier_file))
    dossier = checked_out(dossier, chosen_variant(dossier, args.variante, args.dossier_file))
    result = compute(dossier, campaign)
    if args.json:
        data = {**result_data(result), "variante": dossier.variante(dossier.courante).nom}
        fctva = compute_fctva(dossier, campaign, result)
        if fctva is not None:  # only when the dossier asks for it: the contract is unchanged
            data["fctva"] = fctva_data(fctva)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(plan_text(dossier, campaign, result))


@verb(
    "pdf",
    "écrit le dossier PDF (sans -o : DOSSIER.pdf, à côté du dossier)",
    DOSSIER,
    arg(
        "-o",
        "--output",
        metavar="SORTIE.pdf",
        help="le fichier PDF à écrire (par défaut : DOSSIER.pdf, à côté du dossier)",
    ),
    VARIANTE,
    arg(
        "--comparaison",
        action="store_true",
        help="ajoute la page qui compare les variantes du dossier",
    ),
)
def pdf(args) -> None:
    from socle_desktop.cli_variants import chosen_variant
    from socle_desktop.report import ReportError, write_pdf

    source = Path(args.dossier_file)
    output = Path(args.output) if args.output else source.with_suffix(".pdf")
    dossier, campaign = _open(source)
    variant_id = chosen_variant(dossier, args.variante, source)
    try:
        write_pdf(dossier, campaign, output, variant_id=variant_id, comparison=args.comparaison)
    except ReportError as error:
        raise CliError(str(error)) from None
    print(f"PDF écrit : {printable(output)}", file=sys.stderr)


@verb(
    "tableur",
    "écrit le tableur du plan de financement (.xlsx ou .ods)",
    DOSSIER,
    arg(
        "-o",
        "--output",
        required=True,
        metavar="FICHIER.xlsx",
        help="le classeur à écrire (.xlsx ou .ods)",
    ),
    VARIANTE,
    description="Écrit un classeur : plan de financement, écoles et toutes les lignes, "
    "montants en nombres, totaux en formules (docs/exports.md).",
)
def tableur(args) -> None:
    from socle_desktop.cli_exports import tableur as write

    write(args)


@verb(
    "deliberation",
    "écrit le projet de délibération (.odt ou .docx)",
    DOSSIER,
    arg(
        "-o",
        "--output",
        required=True,
        metavar="FICHIER.odt",
        help="le document à écrire (.odt ou .docx)",
    ),
    VARIANTE,
    description="Écrit le projet de délibération du conseil (municipal, communautaire ou "
    "syndical) à compléter : date de la séance, numéro, votes…",
)
def deliberation(args) -> None:
    from socle_desktop.cli_exports import deliberation as write

    write(args)


@verb(
    "depot",
    "affiche la fiche de dépôt (démarches-simplifiées)",
    DOSSIER,
    arg("--json", action="store_true", help='la fiche en JSON : [{"rubrique", "champ", "valeur"}]'),
    VARIANTE,
    description="Affiche, dans l'ordre du dossier de candidature, chaque valeur que demande "
    "le formulaire en ligne, puis les pièces à joindre.",
)
def depot(args) -> None:
    from socle_desktop.cli_exports import depot as show

    show(args)


@verb(
    "import-ecoles",
    "ajoute les écoles d'une commune depuis les données ouvertes",
    DOSSIER,
    arg(
        "--annuaire",
        required=True,
        metavar="ANNUAIRE.csv",
        help="l'« Annuaire de l'éducation » (CSV de data.education.gouv.fr)",
    ),
    arg(
        "--effectifs",
        metavar="EFFECTIFS.csv",
        help="les « Effectifs d'élèves par niveau et nombre de classes par école »",
    ),
    arg(
        "--commune",
        required=True,
        action="append",
        metavar="NOM_OU_INSEE",
        help="nom ou code INSEE ; répétez l'option (ou séparez par des virgules) pour "
        "plusieurs communes",
    ),
    arg(
        "--uai",
        action="append",
        metavar="UAI",
        help="n'importe que ces écoles (répétable) ; par défaut, les écoles élémentaires et "
        "primaires",
    ),
    arg(
        "--avec-maternelles",
        action="store_true",
        help="importe aussi les écoles maternelles (hors de l'appel)",
    ),
    arg("--simulation", action="store_true", help="affiche ce qui changerait, sans rien écrire"),
    description="Ajoute au dossier (créé s'il n'existe pas) les écoles élémentaires et "
    "primaires des communes choisies, lues dans l'annuaire de l'éducation et, si donné, le "
    "fichier des effectifs par école (classes et élèves par niveau). Une école déjà dans le "
    "dossier (même UAI) est mise à jour, pas dupliquée.",
)
def import_ecoles(args) -> None:
    from socle_desktop.opendata.annuaire import read_annuaire
    from socle_desktop.opendata.communes import CommuneIndex, CommuneQueryError
    from socle_desktop.opendata.csvtable import OpenDataError
    from socle_desktop.opendata.effectifs import read_effectifs
    from socle_desktop.opendata.proposals import CLASSES_NOTE, propose

    try:
        annuaire = read_annuaire(args.annuaire)
        effectifs = read_effectifs(args.effectifs) if args.effectifs else None
        communes = CommuneIndex(annuaire).resolve(", ".join(args.commune))
        proposals = propose(annuaire, communes, effectifs)
    except (OpenDataError, CommuneQueryError) as error:
        raise CliError(str(error)) from None
    chosen = _chosen(proposals, args.uai, args.avec_maternelles)
    print(_proposals_text(proposals, chosen))
    if effectifs is not None and effectifs.latest_year:
        print(f"\nEffectifs de la rentrée {effectifs.latest_year}. {CLASSES_NOTE}")
    _write_import(Path(args.dossier_file), chosen, args.simulation)


def _chosen(proposals, uais, with_maternelles: bool) -> list:
    if not uais:
        return [
            p
            for p in proposals
            if p.ticked or (with_maternelles and p.eligible and p.kind == "maternelle")
        ]
    by_uai = {p.uai: p for p in proposals}
    chosen = []
    for uai in (u.strip().upper() for u in uais):
        proposal = by_uai.get(uai)
        if proposal is None:
            raise CliError(f"l'UAI {uai} n'est pas une école des communes choisies")
        if not proposal.eligible:
            raise CliError(f"{proposal.school.nom} ({uai}) : {proposal.notes[0]}")
        chosen.append(proposal)
    return chosen


def _proposals_text(proposals, chosen) -> str:
    """The schools of each commune, ticked [x], not ticked [ ] or impossible [-], with notes."""
    from socle_desktop.domain.money import group_thousands

    chosen_uais = {p.uai for p in chosen}
    lines, commune = [], None
    for proposal in proposals:
        school = proposal.school
        if proposal.commune != commune:
            commune = proposal.commune
            count = sum(1 for p in proposals if p.commune == commune)
            lines.append(
                f"{commune.label} : {count} école{'s' if count > 1 else ''} dans l'annuaire"
            )
        mark = "[x]" if proposal.uai in chosen_uais else ("[ ]" if proposal.eligible else "[-]")
        lines.append(
            f"  {mark} {school.uai}  {school.nom} — {proposal.kind_label.lower()}, "
            f"{proposal.secteur_label.lower()}, "
            f"{group_thousands(school.eleves)} élèves, "
            f"{proposal.classes} classe(s) CP–CM2"
        )
        lines += [f"        {note}" for note in proposal.notes]
    return "\n".join(lines)


def _write_import(target: Path, chosen, simulation: bool) -> None:
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.domain.model import Dossier
    from socle_desktop.opendata.merge import plan_import
    from socle_desktop.store import DossierFile, StoreError
    from socle_desktop.store.editing import InvalidValue, perform

    file = None
    try:
        if os.path.lexists(target):  # a FIFO or a link that loops is refused, not replaced
            file = DossierFile.open(target)
            if file.read_only and not simulation:
                reason = file.read_only_reason
                file.close()
                raise CliError(f"{printable(target)} : impossible d'y écrire. {reason}")
        dossier = file.dossier if file else Dossier()
        plan = plan_import(dossier, chosen)
        print("\nCe qui change dans le dossier :")
        print(plan.text() or "  (rien)")
        print(f"\nRésumé : {plan.summary()}")
        if simulation:
            print("Simulation : rien n'a été écrit.", file=sys.stderr)
            return
        if plan.edit is None:
            print("Rien à changer : le dossier n'est pas modifié.", file=sys.stderr)
            return
        if file is None:  # checked and applied in memory first: no empty file left behind
            perform(dossier, plan.edit)
            file = DossierFile.create(target, dossier, load_campaign(dossier.campagne))
            print(f"Dossier créé : {printable(target)}", file=sys.stderr)
        else:
            perform(file.dossier, plan.edit, file)
        print(f"Dossier enregistré : {printable(target)}", file=sys.stderr)
    except InvalidValue as error:
        where = f" ({error.field})" if error.field else ""
        raise CliError(
            f"{printable(target)} : import refusé, rien n'a été écrit : {error}{where}"
        ) from None
    except StoreError as error:  # DossierInUse included: its message says what to do
        from socle_desktop.store.errors import ForeignSchema

        hint = (
            " En ligne de commande, « export-json » puis « import-json » en font une copie saine."
            if isinstance(error, ForeignSchema)
            else ""
        )
        raise CliError(str(error) + hint) from None
    finally:
        if file is not None:
            file.close()


from socle_desktop import cli_variants  # noqa: E402, F401  (its verbs, after these ones)


def _utf8_output() -> None:
    """Write UTF-8 where the locale's encoding cannot hold « € » and the narrow no-break space
    of French amounts (a redirected output on Windows is cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "\u202f€«»".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")


def _stray_word(argv: list[str]) -> str | None:
    """The first word before any verb that is neither an option nor a verb."""
    for word in argv:
        if word in VERBS:
            return None
        if not word.startswith("-"):
            return word
    return None


def run(argv: list[str]) -> int:
    """The verbs, ``--help`` and ``--version`` (argv without the program name)."""
    _utf8_output()
    stray = _stray_word(argv)
    if stray is not None:
        message = (
            f"un seul DOSSIER est attendu, sans autre argument ({' '.join(argv)})"
            if looks_like_dossier(stray)
            else unknown_verb_message(stray)
        )
        print(f"Erreur : {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    parser = build_parser(__version__)
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        parser.verb_parsers.get(args.verb, parser).error(
            f"unrecognized arguments: {' '.join(unknown)}"
        )
    if args.verb is None:
        parser.print_help()
        return 0
    try:
        VERBS[args.verb].run(args)
    except CliError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        raise  # « summary | head »: __main__ ends quietly
    except OSError as error:  # a file the verb did not expect to fail: still French, no trace
        name = f"{printable(error.filename)} : " if error.filename else ""
        print(f"Erreur : {name}{os_reason(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:  # a fault of Socle itself: one French line, the trace on demand
        if os.environ.get("SOCLE_DEBUG"):
            raise
        print(
            f"Erreur inattendue de Socle ({type(error).__name__} : {error}). Relancez la "
            "commande avec SOCLE_DEBUG=1 pour son détail, et signalez-le.",
            file=sys.stderr,
        )
        return EXIT_FAULT
    return 0
