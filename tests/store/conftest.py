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


FIXTURE_V1 = Path(__file__).parent / "fixtures" / "dossier-v1.sql"


@pytest.fixture
def v1_path(tmp_path) -> Path:
    """A dossier file of format 1 (Socle 0.0.x), made from its SQL text."""
    path = tmp_path / "ancien.socle"
    conn = sqlite3.connect(path)
    conn.executescript(FIXTURE_V1.read_text(encoding="utf-8"))
    conn.close()
    assert rows(path, "PRAGMA user_version") == [(1,)]
    return path
