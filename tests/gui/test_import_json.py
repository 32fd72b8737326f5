"""« Importer un dossier JSON… »: the interchange form becomes a new dossier file."""

import json

from socle_desktop.gui.main_window import MainWindow
from socle_desktop.resources import example_dossier_path
from tests.gui.windows import answer_open_dialog, answer_save_dialog, record_message_boxes


def test_importing_the_example_json_creates_a_dossier_file(qtbot, tmp_path, monkeypatch):
    window = MainWindow()
    qtbot.addWidget(window)
    target = tmp_path / "importé.socle"
    answer_open_dialog(monkeypatch, example_dossier_path())
    answer_save_dialog(monkeypatch, target)
    window.menus.import_action.trigger()
    assert window.file is not None and target.exists()
    assert [s.uai for s in window.session.dossier.ecoles] == ["0359901X", "0359902Y"]
    assert window.panel is not None
    window.close()


def test_a_bad_json_is_refused_with_its_path_and_nothing_is_created(qtbot, tmp_path, monkeypatch):
    data = json.loads(example_dossier_path().read_text(encoding="utf-8"))
    data["ecoles"][1]["classes"][0]["eleves"] = -4
    source = tmp_path / "faux.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    calls = record_message_boxes(monkeypatch)
    answer_save_dialog(monkeypatch, tmp_path / "jamais.socle")
    assert not window.import_json(source)
    kind, _title, text = calls[0]
    assert kind == "warning" and "ecoles[1].classes[0].eleves" in text and "négatif" in text
    assert not (tmp_path / "jamais.socle").exists()
    window.close()
