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
from socle_desktop.store.old_schemas import SCHEMA_V1, SCHEMA_V2, VIEWS_V2
from socle_desktop.store.schema import SCHEMA, SCHEMA_VERSION, VIEWS

__all__ = ["MIGRATIONS", "SCHEMA_V1", "SCHEMA_V2", "backup", "migrate"]


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
    db.executescript(
        """
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
    """
        + VIEWS_V2
    )
    db.execute(
        "INSERT INTO campagne (identifiant, nom, version, regles_toml, origine) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            campaign.id,
            campaign.nom,
            campaign.version,
            campaign.source_text,
            f"règles livrées avec Socle {__version__}, recopiées lors de la mise à jour du "
            "fichier du format 1 au format 2 (le format 1 ne les gardait pas)",
        ],
    )
    db.execute("DELETE FROM meta WHERE cle = 'campagne'")


def _statement(script: str, head: str) -> str:
    """The statement of ``script`` that begins with ``head`` (« CREATE TABLE lignes »)."""
    for statement in script.split(";\n"):
        if statement.strip().startswith(head + " "):
            return statement.strip()
    raise LookupError(head)


# The one variant of a file migrated to format 3: a fixed id, so that reading an old file twice
# (each time migrated in memory) gives the same dossier.
MIGRATED_VARIANT_ID = "000000000000"


def _v2_to_v3(db: Database, path: Path) -> None:
    """Variants (format 3): one variant, « Principale », retained, holds every line; the
    catalogue learns the places of the charging cases, from the catalogue this Socle ships
    for the articles of the same id (none for the others)."""
    from socle_desktop.domain.catalogue import load_default_catalogue
    from socle_desktop.domain.model import DEFAULT_VARIANT_NAME

    variant = MIGRATED_VARIANT_ID
    db.execute("DROP VIEW IF EXISTS vue_lignes")  # renaming « lignes » would rewrite it
    db.execute(_statement(SCHEMA, "CREATE TABLE variantes"))
    db.execute(_statement(SCHEMA, "CREATE UNIQUE INDEX une_seule_variante_retenue"))
    db.execute(
        "INSERT INTO variantes (id, position, nom, retenue) VALUES (?, 0, ?, 1)",
        [variant, DEFAULT_VARIANT_NAME],
    )
    columns = (
        "id, ecole_id, classe_id, volet, niveau, position, article, libelle, quantite, "
        "prix_unitaire"
    )
    db.execute("ALTER TABLE lignes RENAME TO lignes_v2")
    db.execute(_statement(SCHEMA, "CREATE TABLE lignes"))
    db.execute(
        f"INSERT INTO lignes (variante_id, {columns}) SELECT ?, {columns} FROM lignes_v2", [variant]
    )
    db.execute("DROP TABLE lignes_v2")  # its indexes with it
    for index in ("lignes_par_ecole", "lignes_par_classe", "lignes_par_variante"):
        db.execute(_statement(SCHEMA, f"CREATE INDEX {index}"))
    columns = (
        "id, position, libelle, categorie, niveau, volet, prix_unitaire, taux_tva, "
        "subventionnable, unite"
    )
    db.execute("ALTER TABLE catalogue RENAME TO catalogue_v2")
    db.execute(_statement(SCHEMA, "CREATE TABLE catalogue"))
    db.execute(f"INSERT INTO catalogue ({columns}, places) SELECT {columns}, 0 FROM catalogue_v2")
    db.execute("DROP TABLE catalogue_v2")
    for item in load_default_catalogue().values():
        if item.places:
            db.execute("UPDATE catalogue SET places = ? WHERE id = ?", [item.places, item.id])
    db.execute(_statement(VIEWS, "CREATE VIEW vue_lignes"))


MIGRATIONS: dict[int, Callable[[Database, Path], None]] = {  # from → from + 1
    1: _v1_to_v2,
    2: _v2_to_v3,
}


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
        if (
            target.is_file()
            and not target.is_symlink()
            and filecmp.cmp(path, target, shallow=False)
        ):
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
        raise StoreError(
            path,
            "la copie de sauvegarde préalable à la mise à jour du fichier n'a "
            f"pas pu être faite ({describe_sqlite_error(error)}) : fichier non "
            "modifié",
        ) from None
    return target, True
