"""The dossier file: one SQLite file per dossier (see docs/dossier-file.md)."""

from socle_desktop.store.dossier_file import (
    EXTENSION,
    DossierFile,
    create_dossier_file,
    read_dossier,
)
from socle_desktop.store.errors import DossierInUse, StoreError
from socle_desktop.store.schema import SCHEMA_VERSION

__all__ = [
    "EXTENSION",
    "SCHEMA_VERSION",
    "DossierFile",
    "DossierInUse",
    "StoreError",
    "create_dossier_file",
    "read_dossier",
]
