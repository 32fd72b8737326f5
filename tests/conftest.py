"""Shared test set-up: Qt runs offscreen, whatever the machine has."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from socle_desktop.domain import jsonio  # noqa: E402
from socle_desktop.domain.campaign import load_campaign  # noqa: E402
from socle_desktop.opendata.samples import (  # noqa: E402
    REAL_ANNUAIRE,
    REAL_EFFECTIFS,
    SHARED_DATA_ENV,
    real_extracts_folder,
)
from socle_desktop.resources import example_dossier_path  # noqa: E402

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture
def example_dossier():
    """A fresh copy of the bundled example (2 schools, 7 classes), read from its JSON."""
    return jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))


@pytest.fixture
def campaign():
    return load_campaign()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of the real extracts; the test is skipped, saying why, when it is absent."""
    folder = real_extracts_folder(REPOSITORY)
    if folder is None:
        pytest.skip(
            f"extraits réels absents de {REPOSITORY.parent / 'shared' / 'data'} : "
            f"définir {SHARED_DATA_ENV} (dossier de {REAL_ANNUAIRE} et {REAL_EFFECTIFS})"
        )
    return folder


@pytest.fixture(scope="session")
def annuaire_35(shared_data) -> Path:
    return shared_data / REAL_ANNUAIRE


@pytest.fixture(scope="session")
def effectifs_35(shared_data) -> Path:
    return shared_data / REAL_EFFECTIFS
