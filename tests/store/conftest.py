"""Helpers for the store tests: real files in a temporary folder, nothing mocked."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from socle_desktop.store import create_dossier_file
from socle_desktop.store.checks import file_uri


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(file_uri(path) + "?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(file_uri(path) + "?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def dossier_path(tmp_path, example_dossier, campaign) -> Path:
    """The bundled example written as a dossier file."""
    path = tmp_path / "saint-exemple.socle"
    create_dossier_file(path, example_dossier, campaign)
    return path
