"""``socle-desktop [FILE]`` with no display: write the PDF and print the plan, without Qt."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

EXAMPLE_PDF = "socle-exemple.pdf"


def _load(path: Path | None):
    """(dossier, campaign, label) of FILE, or of the bundled example through a temporary file."""
    from socle_desktop.domain import jsonio
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.resources import example_dossier_path

    if path is not None and path.suffix.lower() != ".json":
        from socle_desktop.store import read_dossier

        dossier, campaign = read_dossier(path)
        return dossier, campaign, str(path)
    source = path or example_dossier_path()
    dossier = jsonio.loads(source.read_text(encoding="utf-8-sig"))
    campaign = load_campaign(dossier.campagne)
    label = str(source) if path is not None else "l'exemple fourni (Saint-Exemple-sur-Vilaine)"
    # the same way as a window would: through a dossier file, here a temporary one
    from socle_desktop.store import DossierFile, read_dossier

    with tempfile.TemporaryDirectory(prefix="socle-") as folder:
        temporary = Path(folder) / "exemple.socle"
        DossierFile.create(temporary, dossier, campaign).close()
        dossier, campaign = read_dossier(temporary)
    return dossier, campaign, label


def _pdf_name(path: Path | None) -> Path:
    return Path.cwd() / (f"{path.stem}.pdf" if path is not None else EXAMPLE_PDF)


def run_headless(path: Path | None) -> int:
    from socle_desktop.domain.rules import compute
    from socle_desktop.domain.summary_text import plan_text

    try:
        dossier, campaign, label = _load(path)
    except Exception as error:  # noqa: BLE001 - any reason, told in French, exit 2
        from socle_desktop.system_errors import os_reason, printable

        reason = os_reason(error) if isinstance(error, OSError) else error
        print(f"Erreur : impossible de lire {printable(path)} : {reason}", file=sys.stderr)
        return 2
    result = compute(dossier, campaign)
    print(
        "Aucun affichage graphique n'est disponible (ni DISPLAY ni WAYLAND_DISPLAY) : "
        "la fenêtre de Socle ne peut pas s'ouvrir ici."
    )
    output = _pdf_name(path)
    from socle_desktop.report import write_pdf

    try:
        write_pdf(dossier, campaign, output)
    except Exception as error:  # noqa: BLE001 - reported, the plan is still printed
        print(f"Le PDF n'a pas pu être écrit ({error}) ; voici le plan de financement de {label}.")
    else:
        print(f"Le dossier PDF de {label} a été écrit dans : {output}")
    print()
    sys.stdout.write(plan_text(dossier, campaign, result))
    print()
    print(
        "Pour ouvrir la fenêtre, lancez socle-desktop depuis une session graphique "
        "(ou avec QT_QPA_PLATFORM=offscreen pour un essai sans écran)."
    )
    return 0
