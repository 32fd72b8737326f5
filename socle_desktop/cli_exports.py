"""The command-line verbs of the exports: ``tableur``, ``deliberation`` and ``depot``.

cli.py has their entries (arguments, help); each reads the dossier file, writes or prints, and
turns an ExportError into the CLI's exit 2. Beside cli.py, not in export/: the exports sit
below the command line and the window, and import neither (the layers' contract).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socle_desktop.domain.campaign import Campaign
    from socle_desktop.domain.model import Dossier


def _open(args: argparse.Namespace) -> tuple[Dossier, Campaign, str]:
    """The dossier, its campaign and the id of the variant asked (``--variante``, else the
    retained one: what the PDF prints)."""
    from socle_desktop.cli import CliError
    from socle_desktop.cli_variants import chosen_variant
    from socle_desktop.store import StoreError, read_dossier

    try:
        dossier, campaign = read_dossier(Path(args.dossier_file))
    except StoreError as error:
        raise CliError(str(error)) from None
    return dossier, campaign, chosen_variant(dossier, args.variante, args.dossier_file)


def tableur(args: argparse.Namespace) -> None:
    from socle_desktop.cli import CliError
    from socle_desktop.export.files import ExportError
    from socle_desktop.export.spreadsheet import write_spreadsheet

    dossier, campaign, variant = _open(args)
    try:
        write_spreadsheet(dossier, campaign, Path(args.output), variant_id=variant)
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"Tableur écrit : {args.output}", file=sys.stderr)


def deliberation(args: argparse.Namespace) -> None:
    from socle_desktop.cli import CliError
    from socle_desktop.export.deliberation import write_deliberation
    from socle_desktop.export.files import ExportError

    dossier, campaign, variant = _open(args)
    try:
        write_deliberation(dossier, campaign, Path(args.output), variant_id=variant)
    except ExportError as error:
        raise CliError(str(error)) from None
    print(f"Projet de délibération écrit : {args.output}", file=sys.stderr)


def depot(args: argparse.Namespace) -> None:
    from socle_desktop.export.depot import depot_data, depot_text, fiche

    dossier, campaign, variant = _open(args)
    entries = fiche(dossier, campaign, variant_id=variant)
    if args.json:
        sys.stdout.write(json.dumps(depot_data(entries), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(depot_text(entries, dossier))
