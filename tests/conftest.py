"""Shared test set-up: Qt runs offscreen, whatever the machine has."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from socle_desktop.domain import jsonio  # noqa: E402
from socle_desktop.domain.campaign import load_campaign  # noqa: E402
from socle_desktop.resources import example_dossier_path  # noqa: E402


@pytest.fixture
def example_dossier():
    """A fresh copy of the bundled example (2 schools, 7 classes), read from its JSON."""
    return jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))


@pytest.fixture
def campaign():
    return load_campaign()


ANNUAIRE_35 = "annuaire-education-35.csv"
EFFECTIFS_35 = "ecoles-effectifs-nb-classes-35.csv"


def _shared_data_folder() -> Path | None:
    """The real open-data extracts (Ille-et-Vilaine) kept beside the project, never in it."""
    root = Path(__file__).resolve().parents[1]
    candidates = [os.environ.get("SOCLE_SHARED_DATA"), root.parent / "shared" / "data",
                  "/work/shared/data"]
    for folder in filter(None, candidates):
        if (Path(folder) / ANNUAIRE_35).is_file() and (Path(folder) / EFFECTIFS_35).is_file():
            return Path(folder)
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of the real extracts; the test is skipped, saying why, when it is absent."""
    folder = _shared_data_folder()
    if folder is None:
        pytest.skip("extraits réels absents : définir SOCLE_SHARED_DATA (dossier de "
                    f"{ANNUAIRE_35} et {EFFECTIFS_35})")
    return folder


@pytest.fixture(scope="session")
def annuaire_35(shared_data) -> Path:
    return shared_data / ANNUAIRE_35


@pytest.fixture(scope="session")
def effectifs_35(shared_data) -> Path:
    return shared_data / EFFECTIFS_35
