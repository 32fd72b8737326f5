"""An unexpected error is logged and told in French, never silently swallowed."""

import sys

from PySide6.QtWidgets import QMessageBox

from socle_desktop.gui import crash


def test_an_unexpected_error_is_logged_and_shown_in_french(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(crash, "log_path", lambda: tmp_path / "erreurs.log")
    monkeypatch.delenv("SOCLE_BENCH_EXIT_AFTER_SHOW", raising=False)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    try:
        raise RuntimeError("panne simulée")
    except RuntimeError:
        crash._report(*sys.exc_info())
    assert "panne simulée" in (tmp_path / "erreurs.log").read_text(encoding="utf-8")
    assert shown and "rien de ce que vous avez saisi n'est perdu" in shown[0]
    assert str(tmp_path / "erreurs.log") in shown[0]
