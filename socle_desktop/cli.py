"""The command line of shared/domain/dossier-json.md: import-json, export-json, summary, pdf.

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


VERBS = {"import-json": import_json, "export-json": export_json, "summary": summary, "pdf": pdf}


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
