"""write_pdf writes atomically and fails with a French message naming the file, leaving
nothing behind; importing the package does not load reportlab."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from socle_desktop.report import ReportError, write_pdf

from .conftest import TODAY


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_the_pdf(example, campaign, tmp_path):
    dossier, result = example
    target = tmp_path / "dossier.pdf"
    write_pdf(dossier, campaign, target, result=result, today=TODAY)
    assert target.read_bytes().startswith(b"%PDF-")
    assert _leftovers(tmp_path) == ["dossier.pdf"]


def test_replaces_an_existing_file(example, campaign, tmp_path):
    target = tmp_path / "dossier.pdf"
    target.write_bytes(b"ancien")
    write_pdf(example[0], campaign, str(target), today=TODAY)
    assert target.read_bytes().startswith(b"%PDF-")
    assert _leftovers(tmp_path) == ["dossier.pdf"]


def test_missing_folder_names_the_file(example, campaign, tmp_path):
    target = tmp_path / "absent" / "dossier.pdf"
    with pytest.raises(ReportError, match="dossier.pdf") as error:
        write_pdf(example[0], campaign, target)
    assert "n'existe pas" in str(error.value)
    assert _leftovers(tmp_path) == []


def test_a_folder_as_target(example, campaign, tmp_path):
    with pytest.raises(ReportError, match="c'est un répertoire"):
        write_pdf(example[0], campaign, tmp_path)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root écrit partout ; les droits ne peuvent pas être testés",
)
def test_read_only_folder(example, campaign, tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportError, match="impossible d'écrire"):
            write_pdf(example[0], campaign, folder / "dossier.pdf")
        assert _leftovers(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_folder_the_system_refuses(example, campaign, tmp_path, monkeypatch):
    """What a read-only folder does, shown even to root (who writes everywhere)."""

    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("socle_desktop.report.document.tempfile.mkstemp", refused)
    with pytest.raises(ReportError, match="impossible d'écrire dans") as error:
        write_pdf(example[0], campaign, tmp_path / "dossier.pdf")
    assert "dossier.pdf" in str(error.value)
    assert "accès refusé" in str(error.value) and "Permission" not in str(error.value)
    assert _leftovers(tmp_path) == []


def test_failure_while_writing_leaves_nothing(example, campaign, tmp_path, monkeypatch):
    target = tmp_path / "dossier.pdf"
    target.write_bytes(b"ancien")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("socle_desktop.report.document.os.replace", full_disk)
    with pytest.raises(ReportError, match="dossier.pdf") as error:
        write_pdf(example[0], campaign, target)
    assert "le disque est plein" in str(error.value) and "space" not in str(error.value)
    assert _leftovers(tmp_path) == ["dossier.pdf"]
    assert target.read_bytes() == b"ancien"  # the old file is untouched


def test_failure_while_laying_out_writes_nothing(example, campaign, tmp_path, monkeypatch):
    from socle_desktop.report import document

    def broken(self, flowables):
        raise ValueError("boom")

    monkeypatch.setattr(document.DossierDocTemplate, "build", broken)
    with pytest.raises(ReportError, match="mis en page") as error:
        write_pdf(example[0], campaign, tmp_path / "dossier.pdf")
    assert "boom" not in str(error.value)  # French only; the reason stays in the chain
    assert _leftovers(tmp_path) == []


def test_importing_the_package_does_not_load_reportlab():
    code = (
        "import sys, socle_desktop.report as r; "
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "False"


def test_build_is_deterministic_but_for_the_date(example, campaign):
    from socle_desktop.report import build_pdf

    from .conftest import page_texts

    dossier, result = example
    first = page_texts(build_pdf(dossier, campaign, result=result, today=TODAY))
    again = page_texts(build_pdf(dossier, campaign, result=result, today=TODAY))
    assert first == again
