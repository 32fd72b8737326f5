"""`socle-desktop pdf DOSSIER -o SORTIE.pdf`: the same document as build_pdf, from a dossier
file made by `import-json`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from socle_desktop.domain.money import euros

from .conftest import page_texts, spaced

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "exemple" / "saint-exemple.json"


def _store_missing() -> str | None:
    try:
        from socle_desktop.store import create_dossier_file, read_dossier  # noqa: F401
    except ImportError as error:
        return f"le fichier dossier (socle_desktop.store) n'est pas encore écrit : {error}"
    return None


pytestmark = pytest.mark.skipif(_store_missing() is not None, reason=_store_missing() or "")


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "socle_desktop", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def dossier_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "saint-exemple.socle"
    run = _cli("import-json", str(EXAMPLE), str(path))
    assert run.returncode == 0, run.stderr
    return path


def test_pdf_verb_writes_the_dossier(dossier_file, example, tmp_path):
    dossier, result = example
    out = tmp_path / "dossier.pdf"
    run = _cli("pdf", str(dossier_file), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "PDF écrit" in run.stderr
    pages = page_texts(out.read_bytes())
    first = spaced(pages[0])
    assert dossier.porteur.nom in first
    assert spaced(euros(result.subsidy)) in first
    assert spaced(euros(result.remaining)) in first
    text = spaced("\n".join(pages))
    for school in dossier.ecoles:
        assert school.nom in text
    assert f"page {len(pages)} / {len(pages)}" in pages[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.pdf"]


def test_same_document_as_build_pdf(dossier_file, example, campaign, tmp_path):
    """The dossier read back from its file prints exactly as the one read from the JSON."""
    from socle_desktop.report import build_pdf

    out = tmp_path / "dossier.pdf"
    assert _cli("pdf", str(dossier_file), "-o", str(out)).returncode == 0
    expected = page_texts(build_pdf(example[0], campaign))  # dated today, like the CLI
    assert page_texts(out.read_bytes()) == expected


def test_unwritable_output_exits_2_with_a_french_message(dossier_file, tmp_path):
    out = tmp_path / "absent" / "dossier.pdf"
    run = _cli("pdf", str(dossier_file), "-o", str(out))
    assert run.returncode == 2
    assert "Erreur" in run.stderr and "dossier.pdf" in run.stderr
    assert not (tmp_path / "absent").exists()


def test_missing_dossier_file_exits_2(tmp_path):
    run = _cli("pdf", str(tmp_path / "absent.socle"), "-o", str(tmp_path / "x.pdf"))
    assert run.returncode == 2
    assert "absent.socle" in run.stderr
    assert not (tmp_path / "x.pdf").exists()
