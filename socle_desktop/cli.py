"""The command line of shared/domain/dossier-json.md (import-json, export-json, summary, pdf),
and import-ecoles: schools of a commune from the Ministry's open data (docs/donnees-ouvertes.md).

Exit 0 on success, 2 on bad input with a French message on stderr naming the file (and the JSON
path of the bad value); nothing is written on failure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from socle_desktop import __version__

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """A French message for stderr; the command exits with status 2."""


class _FrenchHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Utilisation : " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaks English; the user reads French."""

    _MESSAGES = (
        ("the following arguments are required:", "arguments obligatoires manquants :"),
        ("unrecognized arguments", "arguments inconnus"),
        ("invalid choice", "choix invalide"),
        ("expected one argument", "une valeur est attendue"),
        ("choose from", "choisir parmi"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_FrenchHelp, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "arguments", "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide")

    def error(self, message: str):
        for english, french in self._MESSAGES:
            message = message.replace(english, french)
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Erreur : {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="socle-desktop",
        description="Socle : dossier « socle numérique dans les écoles élémentaires » (SNEE 2021). "
        "Sans commande, ouvre l'application (sur DOSSIER s'il est donné).",
    )
    parser.add_argument(
        "--version", action="version", version=f"Socle {__version__}", help="affiche la version"
    )
    verbs = parser.add_subparsers(
        dest="verb", metavar="COMMANDE", parser_class=_Parser, title="commandes"
    )

    p = verbs.add_parser("import-json", help="crée un fichier dossier à partir d'un JSON")
    p.add_argument("json_file", metavar="ENTREE.json")
    p.add_argument("dossier_file", metavar="DOSSIER")
    p.add_argument("--remplacer", action="store_true", help="remplace DOSSIER s'il existe déjà")

    p = verbs.add_parser("export-json", help="affiche le dossier au format JSON")
    p.add_argument("dossier_file", metavar="DOSSIER")

    p = verbs.add_parser("summary", help="affiche le plan de financement")
    p.add_argument("dossier_file", metavar="DOSSIER")
    p.add_argument("--json", action="store_true", help="le résultat complet, en JSON")

    p = verbs.add_parser("pdf", help="écrit le dossier PDF")
    p.add_argument("dossier_file", metavar="DOSSIER")
    p.add_argument("-o", "--output", required=True, metavar="SORTIE.pdf")

    p = verbs.add_parser(
        "import-ecoles", help="ajoute les écoles d'une commune depuis les données ouvertes",
        description="Ajoute au dossier (créé s'il n'existe pas) les écoles élémentaires et "
        "primaires des communes choisies, lues dans l'annuaire de l'éducation et, si donné, le "
        "fichier des effectifs par école (classes et élèves par niveau). Une école déjà dans le "
        "dossier (même UAI) est mise à jour, pas dupliquée.")
    p.add_argument("dossier_file", metavar="DOSSIER")
    p.add_argument("--annuaire", required=True, metavar="ANNUAIRE.csv",
                   help="l'« Annuaire de l'éducation » (CSV de data.education.gouv.fr)")
    p.add_argument("--effectifs", metavar="EFFECTIFS.csv",
                   help="les « Effectifs d'élèves par niveau et nombre de classes par école »")
    p.add_argument("--commune", required=True, action="append", metavar="NOM_OU_INSEE",
                   help="nom ou code INSEE ; répétez l'option (ou séparez par des virgules) pour "
                   "plusieurs communes")
    p.add_argument("--uai", action="append", metavar="UAI",
                   help="n'importe que ces écoles (répétable) ; par défaut, les écoles "
                   "élémentaires et primaires")
    p.add_argument("--avec-maternelles", action="store_true",
                   help="importe aussi les écoles maternelles (hors de l'appel)")
    p.add_argument("--simulation", action="store_true",
                   help="affiche ce qui changerait, sans rien écrire")
    return parser


def _read_json(path: Path):
    from socle_desktop.domain.jsonio import DossierJsonError, loads

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CliError(f"{path} : fichier introuvable") from None
    except UnicodeDecodeError:
        raise CliError(
            f"{path} : ce n'est pas un fichier texte UTF-8 (un JSON est attendu)"
        ) from None
    except OSError as error:
        raise CliError(f"{path} : lecture impossible ({error.strerror})") from None
    if not text.strip():
        raise CliError(f"{path} : le fichier est vide (un dossier JSON est attendu)")
    try:
        return loads(text)
    except DossierJsonError as error:
        raise CliError(f"{path} : {error}") from None


def _open(path: Path):
    """The dossier and campaign kept in a dossier file, read only."""
    from socle_desktop.store import StoreError, read_dossier

    try:
        return read_dossier(path)
    except StoreError as error:
        raise CliError(str(error)) from None


def import_json(args) -> None:
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.store import StoreError, create_dossier_file

    source, target = Path(args.json_file), Path(args.dossier_file)
    dossier = _read_json(source)
    if target.exists() and not args.remplacer:
        raise CliError(f"{target} existe déjà : choisissez un autre nom ou ajoutez --remplacer")
    try:
        create_dossier_file(
            target, dossier, load_campaign(dossier.campagne), replace=args.remplacer
        )
    except StoreError as error:
        raise CliError(str(error)) from None
    print(f"Dossier créé : {target}", file=sys.stderr)


def export_json(args) -> None:
    from socle_desktop.domain.jsonio import dumps

    dossier, _campaign = _open(Path(args.dossier_file))
    sys.stdout.write(dumps(dossier))


def summary(args) -> None:
    from socle_desktop.domain.jsonio import result_data
    from socle_desktop.domain.rules import compute
    from socle_desktop.domain.summary_text import plan_text

    dossier, campaign = _open(Path(args.dossier_file))
    result = compute(dossier, campaign)
    if args.json:
        sys.stdout.write(json.dumps(result_data(result), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(plan_text(dossier, campaign, result))


def pdf(args) -> None:
    from socle_desktop.report import ReportError, write_pdf

    dossier, campaign = _open(Path(args.dossier_file))
    try:
        write_pdf(dossier, campaign, Path(args.output))
    except ReportError as error:
        raise CliError(str(error)) from None
    print(f"PDF écrit : {args.output}", file=sys.stderr)


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
    except (OpenDataError, CommuneQueryError) as error:
        raise CliError(str(error)) from None
    proposals = propose(annuaire, communes, effectifs)
    chosen = _chosen(proposals, args.uai, args.avec_maternelles)
    print(_proposals_text(proposals, chosen))
    if effectifs is not None and effectifs.latest_year:
        print(f"\nEffectifs de la rentrée {effectifs.latest_year}. {CLASSES_NOTE}")
    _write_import(Path(args.dossier_file), chosen, args.simulation)


def _chosen(proposals, uais, with_maternelles: bool) -> list:
    if not uais:
        return [p for p in proposals
                if p.ticked or (with_maternelles and p.eligible and p.kind == "maternelle")]
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
            lines.append(f"{commune.label} : {count} école{'s' if count > 1 else ''} dans "
                         "l'annuaire")
        mark = "[x]" if proposal.uai in chosen_uais else ("[ ]" if proposal.eligible else "[-]")
        lines.append(f"  {mark} {school.uai}  {school.nom} — {proposal.kind_label.lower()}, "
                     f"{proposal.secteur_label.lower()}, "
                     f"{group_thousands(school.eleves)} élèves, "
                     f"{proposal.classes} classe(s) CP–CM2")
        lines += [f"        {note}" for note in proposal.notes]
    return "\n".join(lines)


def _write_import(target: Path, chosen, simulation: bool) -> None:
    from socle_desktop.domain import edits
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.domain.model import Dossier
    from socle_desktop.opendata.merge import plan_import
    from socle_desktop.store import DossierFile, StoreError

    file = None
    try:
        if target.exists():
            file = DossierFile.open(target)
            if file.read_only and not simulation:
                reason = file.read_only_reason
                file.close()
                raise CliError(f"{target} : impossible d'y écrire ({reason})")
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
        if file is None:
            file = DossierFile.create(target, dossier, load_campaign(dossier.campagne))
            print(f"Dossier créé : {target}", file=sys.stderr)
        edits.apply(file.dossier, plan.edit)
        file.apply(plan.edit)
        print(f"Dossier enregistré : {target}", file=sys.stderr)
    except StoreError as error:  # DossierInUse included: its message says what to do
        raise CliError(str(error)) from None
    finally:
        if file is not None:
            file.close()


VERBS = {"import-json": import_json, "export-json": export_json, "summary": summary, "pdf": pdf,
         "import-ecoles": import_ecoles}


def _utf8_output() -> None:
    """Write UTF-8 where the locale's encoding cannot hold « € » and the narrow no-break space
    of French amounts (a redirected output on Windows is cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "\u202f€«»".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(encoding="utf-8")


def run(argv: list[str]) -> int:
    _utf8_output()
    parser = _parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return 0
    try:
        VERBS[args.verb](args)
    except CliError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # « summary | head » is fine
        return 0
    return 0
