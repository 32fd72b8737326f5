"""Shared test set-up: Qt runs offscreen, whatever the machine has."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
