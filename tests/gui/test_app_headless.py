"""``socle-desktop`` with no display: no Qt, a PDF in the current folder, the plan printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from socle_desktop.gui.app import has_display

ROOT = Path(__file__).resolve().parents[2]


def _env_without_display() -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_has_display():
    assert not has_display({}, "linux")
    assert has_display({"DISPLAY": ":0"}, "linux")
    assert has_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert has_display({}, "win32")


def test_headless_start_writes_the_example_pdf_and_prints_the_plan(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "socle_desktop"],
        cwd=tmp_path,
        env=_env_without_display(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    pdf = tmp_path / "socle-exemple.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Aucun affichage graphique" in run.stdout
    assert str(pdf) in run.stdout
    assert "Plan de financement" in run.stdout
    assert "PySide6.QtWidgets" not in run.stderr


def test_headless_start_on_a_dossier_file(tmp_path):
    from socle_desktop.domain import jsonio
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.resources import example_dossier_path
    from socle_desktop.store import create_dossier_file

    dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    create_dossier_file(tmp_path / "breal.socle", dossier, load_campaign())
    run = subprocess.run(
        [sys.executable, "-m", "socle_desktop", "breal.socle"],
        cwd=tmp_path,
        env=_env_without_display(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "breal.pdf").read_bytes().startswith(b"%PDF")
    assert "Commune de Saint-Exemple-sur-Vilaine" in run.stdout


def test_headless_start_on_a_missing_file_says_so(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "socle_desktop", "absent.socle"],
        cwd=tmp_path,
        env=_env_without_display(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "Erreur" in run.stderr and "absent.socle" in run.stderr


def test_headless_exemple_option_writes_the_example_pdf(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "socle_desktop", "--exemple"],
        cwd=tmp_path,
        env=_env_without_display(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "socle-exemple.pdf").exists()


def test_window_start_on_a_file_shows_the_window_then_the_dossier(tmp_path):
    """The start-up hook of the benchmark: the window is shown first, the dossier follows."""
    from socle_desktop.domain import jsonio
    from socle_desktop.domain.campaign import load_campaign
    from socle_desktop.resources import example_dossier_path
    from socle_desktop.store import create_dossier_file

    dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    create_dossier_file(tmp_path / "d.socle", dossier, load_campaign())
    env = dict(
        _env_without_display(),
        QT_QPA_PLATFORM="offscreen",
        SOCLE_BENCH_EXIT_AFTER_SHOW="1",
        SOCLE_BENCH_T0="0",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "socle_desktop", "d.socle"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    words = [line.split()[0] for line in run.stdout.splitlines()]
    assert words == ["shown", "loaded"]
