"""Ordered migrations of the dossier file, from each schema version to the next.

A migration runs in one transaction with the new ``PRAGMA user_version``: a file is either
wholly at the old version or wholly at the new one. The caller keeps a backup copy first
(``backup``): one per migration, however many times an opening fails before it succeeds.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from socle_desktop import __version__
from socle_desktop.store.errors import StoreError, describe_sqlite_error
from socle_desktop.store.schema import SCHEMA_VERSION, VIEWS

# Version 1 (Socle 0.0.x): no diagnostic (« existant ») and no copy of the campaign's rules;
# the campaign was named in meta (« campagne ») and its rules were read from the application.
SCHEMA_V1 = """
CREATE TABLE meta (cle TEXT PRIMARY KEY, valeur TEXT NOT NULL);
CREATE TABLE parametres (
    id INTEGER PRIMARY KEY CHECK (id = 1), prix_saisis TEXT NOT NULL, taux_tva TEXT NOT NULL,
    plafond_par_classe TEXT NOT NULL, base TEXT NOT NULL, arrondi TEXT NOT NULL,
    eleves_services TEXT NOT NULL);
CREATE TABLE porteur (
    id INTEGER PRIMARY KEY CHECK (id = 1), type TEXT NOT NULL, nom TEXT NOT NULL,
    siren TEXT NOT NULL, contact_nom TEXT NOT NULL, contact_fonction TEXT NOT NULL,
    contact_telephone TEXT NOT NULL, contact_courriel TEXT NOT NULL);
CREATE TABLE communes (id TEXT PRIMARY KEY, position INTEGER NOT NULL, insee TEXT NOT NULL,
    nom TEXT NOT NULL);
CREATE TABLE ecoles (id TEXT PRIMARY KEY, position INTEGER NOT NULL, nom TEXT NOT NULL,
    uai TEXT NOT NULL, commune TEXT NOT NULL, secteur TEXT NOT NULL, eleves INTEGER NOT NULL);
CREATE TABLE classes (id TEXT PRIMARY KEY,
    ecole_id TEXT NOT NULL REFERENCES ecoles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, nom TEXT NOT NULL, niveaux TEXT NOT NULL, eleves INTEGER NOT NULL);
CREATE INDEX classes_par_ecole ON classes (ecole_id, position);
CREATE TABLE lignes (id TEXT PRIMARY KEY,
    ecole_id TEXT NOT NULL REFERENCES ecoles(id) ON DELETE CASCADE,
    classe_id TEXT REFERENCES classes(id) ON DELETE CASCADE,
    volet TEXT NOT NULL CHECK (volet IN ('equipement', 'services')),
    niveau TEXT NOT NULL CHECK (niveau IN ('classe', 'ecole')),
    position INTEGER NOT NULL, article TEXT NOT NULL, libelle TEXT NOT NULL,
    quantite INTEGER NOT NULL, prix_unitaire TEXT NOT NULL,
    CHECK ((niveau = 'classe') = (classe_id IS NOT NULL)),
    CHECK (niveau = 'ecole' OR volet = 'equipement'));
CREATE INDEX lignes_par_ecole ON lignes (ecole_id, volet, niveau, position);
CREATE INDEX lignes_par_classe ON lignes (classe_id, position);
CREATE TABLE catalogue (id TEXT PRIMARY KEY, position INTEGER NOT NULL, libelle TEXT NOT NULL,
    categorie TEXT NOT NULL, niveau TEXT NOT NULL, volet TEXT NOT NULL,
    prix_unitaire TEXT NOT NULL, taux_tva TEXT NOT NULL,
    subventionnable INTEGER NOT NULL CHECK (subventionnable IN (0, 1)), unite TEXT NOT NULL);
"""


def _meta(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT valeur FROM meta WHERE cle = ?", [key]).fetchone()
    return row[0] if row else default


def _set_meta(db: Database, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta (cle, valeur) VALUES (?, ?)", [key, value])


def _v1_to_v2(db: Database, path: Path) -> None:
    """Add the diagnostic table (empty: version 1 did not record it, so nothing is known) and
    the copy of the campaign's rules (those this application ships: the rules version 1 read)."""
    from socle_desktop.domain.campaign import CampaignError, load_campaign

    campaign_id = _meta(db, "campagne", "snee-2021")
    try:
        campaign = load_campaign(campaign_id)
    except CampaignError as error:
        raise StoreError(path, f"mise à jour du fichier impossible : {error}") from None
    db.executescript("""
        CREATE TABLE existant (
            ecole_id TEXT NOT NULL REFERENCES ecoles(id) ON DELETE CASCADE,
            element  TEXT NOT NULL,
            etat     TEXT NOT NULL,
            PRIMARY KEY (ecole_id, element)
        );
        CREATE TABLE campagne (
            identifiant TEXT PRIMARY KEY,
            nom         TEXT NOT NULL,
            version     INTEGER NOT NULL,
            regles_toml TEXT NOT NULL,
            origine     TEXT NOT NULL
        );
    """ + VIEWS)
    db.execute(
        "INSERT INTO campagne (identifiant, nom, version, regles_toml, origine) "
        "VALUES (?, ?, ?, ?, ?)",
        [campaign.id, campaign.nom, campaign.version, campaign.source_text,
         f"règles livrées avec Socle {__version__}, recopiées lors de la mise à jour du "
         "fichier du format 1 au format 2 (le format 1 ne les gardait pas)"],
    )
    db.execute("DELETE FROM meta WHERE cle = 'campagne'")


MIGRATIONS: dict[int, Callable[[Database, Path], None]] = {1: _v1_to_v2}  # from → from + 1


def migrate(db: Database, version: int, path: Path) -> None:
    """Bring the open file from ``version`` to SCHEMA_VERSION, one transaction per step."""
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise StoreError(path, f"fichier au format {version}, que Socle ne sait plus lire")
        with db.atomic():
            step(db, path)
            _set_meta(db, "version_schema", str(version + 1))
            _set_meta(db, f"migre_en_{version + 1}_le", _now())
            db.execute(f"PRAGMA user_version = {version + 1}")
        version += 1


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def backup(path: Path, version: int) -> tuple[Path, bool]:
    """A copy of the file as it is, beside it, before a migration changes it: ``(copy, made)``.

    A copy already there with the same bytes (a previous opening that failed after making it) is
    used again rather than repeated; a name already taken by anything else is left alone, and
    the copy is never written through a link planted under its name."""
    n = 1
    while True:
        target = path.with_name(f"{path.name}.bak-v{version}" + (f"-{n}" if n > 1 else ""))
        if not os.path.lexists(target):
            break
        if target.is_file() and not target.is_symlink() and filecmp.cmp(path, target,
                                                                         shallow=False):
            return target, False
        n += 1
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = None
    try:
        fd = os.open(target, flags, 0o666)  # O_EXCL: never through a link, never over a file
        with os.fdopen(fd, "wb") as copy, open(path, "rb") as source:
            shutil.copyfileobj(source, copy)
            copy.flush()
            os.fsync(copy.fileno())
        shutil.copystat(path, target)
    except OSError as error:
        if fd is not None:  # ours: made by this call
            try:
                os.remove(target)
            except OSError:
                pass
        raise StoreError(path, "la copie de sauvegarde préalable à la mise à jour du fichier n'a "
                         f"pas pu être faite ({describe_sqlite_error(error)}) : fichier non "
                         "modifié") from None
    return target, True
