"""The command line's grammar: the table of verbs, French argparse, and what an argument means.

``socle-desktop`` alone, or with a dossier (``.socle``), a JSON to import or ``--exemple``,
opens the window; any other first word is a verb of the table. A word that is neither a verb nor
a dossier is an unknown verb, answered in French with the closest verb: it never opens a window.

Cheap to import (no argparse until a parser is built): ``__main__`` asks it where to go before
the window starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

EXIT_BAD_INPUT = 2
EXIT_FAULT = 1  # a fault of Socle, not of what it was given
WINDOW_OPTIONS = ("--exemple",)
DOSSIER_SUFFIXES = (".socle", ".json")


class Verb:
    """One command: its name, one line of help, its arguments (argparse's), and its function."""

    __slots__ = ("name", "help", "arguments", "description", "run")

    def __init__(
        self, name: str, help: str, arguments: tuple, description: str | None, run: Callable
    ):
        self.name, self.help, self.arguments = name, help, arguments
        self.description, self.run = description, run


VERBS: dict[str, Verb] = {}


def arg(*flags: str, **options) -> tuple[tuple[str, ...], dict]:
    """One argument of a verb, as given to ``ArgumentParser.add_argument``."""
    return flags, options


def verb(name: str, help: str, *arguments: tuple, description: str | None = None):
    """Register the decorated function as the verb ``name``: adding a verb is this one entry."""

    def register(function: Callable) -> Callable:
        VERBS[name] = Verb(name, help, arguments, description, function)
        return function

    return register


# --- where an argument list goes ---------------------------------------------------------------


def looks_like_dossier(word: str) -> bool:
    """A file to open in the window: an existing file, or a name ending in .socle or .json."""
    return word.lower().endswith(DOSSIER_SUFFIXES) or os.path.isfile(word)


def wants_window(argv: list[str]) -> bool:
    """True for the window's own arguments: nothing, ``--exemple``, and at most one dossier."""
    files = [word for word in argv if word not in WINDOW_OPTIONS]
    if not files:
        return True
    return (
        len(files) == 1
        and not files[0].startswith("-")
        and files[0] not in VERBS
        and looks_like_dossier(files[0])
    )


def unknown_verb_message(word: str) -> str:
    """« commande inconnue » with the closest verb, for a first word that is no verb."""
    import difflib

    close = difflib.get_close_matches(word.lower(), list(VERBS), n=1, cutoff=0.55)
    if close:
        return f"commande inconnue : « {word} ». Vouliez-vous dire « {close[0]} » ?"
    return (
        f"commande inconnue : « {word} » (ni une commande, ni un dossier existant). "
        f"Les commandes : {', '.join(VERBS)} ; voir socle-desktop --help."
    )


# --- argparse, in French -----------------------------------------------------------------------

USAGE = (
    "socle-desktop [DOSSIER | ENTREE.json | --exemple]\n"
    "              socle-desktop COMMANDE ARGUMENTS…"
)

WINDOW_HELP = """\
Sans commande, ouvre la fenêtre de Socle :
  DOSSIER          sur ce dossier (un fichier .socle)
  ENTREE.json      sur un nouveau dossier importé de ce JSON
  --exemple        sur une copie de l'exemple (Saint-Exemple-sur-Vilaine)
Sans affichage graphique, écrit le PDF du dossier (ou de l'exemple) dans le dossier courant et
affiche son plan de financement."""

EPILOG = """\
Le détail d'une commande : socle-desktop COMMANDE --help.
Code de sortie : 0 si tout va bien, 2 si une entrée est invalide (message en français),
1 sur une erreur inattendue de Socle."""

_ENGLISH = (
    ("the following arguments are required", "arguments obligatoires manquants"),
    ("unrecognized arguments", "arguments inconnus"),
    ("invalid choice", "choix invalide"),
    ("expected one argument", "une valeur est attendue"),
    ("ambiguous option", "option ambiguë"),
    ("could match", "peut désigner"),
    ("not allowed with argument", "incompatible avec"),
    ("choose from", "choisir parmi"),
)


def french(message: str) -> str:
    """argparse's English message in French, with the space French puts before « : »."""
    import re

    for english, translated in _ENGLISH:
        message = message.replace(english, translated)
    return re.sub(r"(?<=\S):(?=\s|$)", " :", message)


def _french_parser_classes():
    import argparse

    class FrenchHelp(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(
                usage, actions, groups, "Utilisation : " if prefix is None else prefix
            )

    class Parser(argparse.ArgumentParser):
        """argparse speaks English; the user reads French."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, formatter_class=FrenchHelp, add_help=False, **kwargs)
            # argparse writes « title: »; the trailing space makes it « arguments : ».
            self._positionals.title, self._optionals.title = "arguments ", "options "
            self.add_argument("-h", "--help", action="help", help="affiche cette aide")

        def error(self, message: str):
            self.print_usage(sys.stderr)
            self.exit(EXIT_BAD_INPUT, f"Erreur : {french(message)}\n")

    return Parser


def build_parser(version: str):
    """The parser of every verb of ``VERBS``; ``--help`` lists them all, and the window's use."""
    parser_class = _french_parser_classes()

    class TopParser(parser_class):
        def format_help(self) -> str:
            width = max(len(name) for name in VERBS) + 2
            verbs = "\n".join(f"  {name:<{width}} {v.help}" for name, v in VERBS.items())
            return (
                f"{self.format_usage()}\n{self.description}\n\n{WINDOW_HELP}\n\n"
                f"Commandes :\n{verbs}\n\nOptions :\n"
                f"  {'-h, --help':<{width}} affiche cette aide\n"
                f"  {'--version':<{width}} affiche la version\n\n{EPILOG}\n"
            )

    parser = TopParser(
        prog="socle-desktop",
        usage=USAGE,
        description="Socle : le dossier de la commune pour l'appel à projets « socle numérique "
        "dans les écoles\nélémentaires » (SNEE 2021).",
    )
    parser.add_argument(
        "--version", action="version", version=f"Socle {version}", help="affiche la version"
    )
    commands = parser.add_subparsers(
        dest="verb", metavar="COMMANDE", parser_class=parser_class, title="commandes"
    )
    parser.verb_parsers = {}  # unknown options are told with their verb's usage
    for name, spec in VERBS.items():
        sub = parser.verb_parsers[name] = commands.add_parser(
            name,
            help=spec.help,
            prog=f"socle-desktop {name}",
            description=spec.description or spec.help[0].upper() + spec.help[1:] + ".",
        )
        for flags, options in spec.arguments:
            sub.add_argument(*flags, **options)
    return parser
