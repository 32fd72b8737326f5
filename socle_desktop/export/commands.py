"""The command-line verbs of the exports: ``tableur``, ``deliberation`` and ``depot``.

cli.py has their entries (arguments, help); each reads the dossier file, writes or prints, and
turns an ExportError into the CLI's exit 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _open(args):
    from socle_desktop.cli import CliError
    from socle_desktop.store import StoreError, read_dossier

    try:
        return read_dossier(Path(args.dossier_file))
    except StoreError as error:
        raise CliError(str(error)) from None


def tableur(args) -> None:
    from socle_desktop.cli import CliError
    from socle_desktop.export.files import ExportError
    from socle_desktop.export.spreadsheet import write_spreadsheet

    dossier, campaign = _open(args)
    try:
        write_spreadsheet(dossier, campaign, Path(args.output))
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"Tableur écrit : {args.output}", file=sys.stderr)


def deliberation(args) -> None:
    from socle_desktop.cli import CliError
    from socle_desktop.export.deliberation import write_deliberation
    from socle_desktop.export.files import ExportError

    dossier, campaign = _open(args)
    try:
        write_deliberation(dossier, campaign, Path(args.output))
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"Projet de délibération écrit : {args.output}", file=sys.stderr)


def depot(args) -> None:
    from socle_desktop.export.depot import depot_data, depot_text, fiche

    dossier, campaign = _open(args)
    entries = fiche(dossier, campaign)
    if args.json:
        sys.stdout.write(json.dumps(depot_data(entries), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(depot_text(entries, dossier))
