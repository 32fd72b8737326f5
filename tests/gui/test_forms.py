"""The Designer forms of ui/: valid, every widget named, mnemonics with buddies, tab order."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from socle_desktop.resources import ui_dir

FORMS = sorted(ui_dir().glob("*.ui"))
PAGE_FORMS = (
    "classes_page",
    "equipement_ecole_page",
    "services_page",
    "recapitulatif_page",
    "lines_editor",
    "porteur_page",
    "ecoles_page",
)


def _text(widget, name: str) -> str:
    node = widget.find(f"property[@name='{name}']/string")
    return node.text or "" if node is not None else ""


def test_every_page_has_its_form():
    names = {path.stem for path in FORMS}
    assert set(PAGE_FORMS) <= names


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.stem)
def test_form_is_designer_xml_with_named_widgets_buddies_and_tab_stops(path):
    root = ET.parse(path).getroot()
    assert root.tag == "ui" and root.get("version") == "4.0"
    widgets = root.findall(".//widget")
    names = [w.get("name") for w in widgets]
    assert all(names) and len(names) == len(set(names)), "every widget has its own objectName"
    mnemonics = []
    for widget in widgets:
        text = _text(widget, "text")
        match = re.search(r"&(?!&)(\w)", text)
        if match:
            mnemonics.append(match.group(1).lower())
            if widget.get("class") == "QLabel":
                buddy = widget.find("property[@name='buddy']/cstring")
                assert buddy is not None and buddy.text in names, f"{widget.get('name')}: buddy"
    assert len(mnemonics) == len(set(mnemonics)), f"mnemonics repeated: {sorted(mnemonics)}"
    stops = [t.text for t in root.findall("tabstops/tabstop")]
    assert stops and all(stop in names for stop in stops)


def test_classes_page_tab_order_runs_through_the_lines_editor(qtbot, example_dossier, campaign):
    from socle_desktop.gui.pages.classes import ClassesPage
    from tests.gui.pages_helpers import show_page

    page, _session = show_page(qtbot, ClassesPage, example_dossier, campaign)
    editor = page.lines_editor
    expected = [
        page.school_combo,
        page.classes_table,
        page.add_class_button,
        page.remove_class_button,
        editor.article_combo,
        editor.add_button,
        editor.catalogue_button,
        page.lines_table,
        editor.remove_button,
        page.apply_to_all_button,
    ]
    seen, widget = [], page.school_combo
    for _ in range(500):
        if widget in expected and widget not in seen:
            seen.append(widget)
        widget = widget.nextInFocusChain()
        if widget is page.school_combo:
            break
    assert seen == expected


def test_every_form_is_compiled_and_current():
    """The set-up compiled each form (build_forms.py); a changed form is compiled again."""
    from socle_desktop import build_forms

    assert build_forms.stale_forms() == []
    for path in FORMS:
        assert build_forms.compiled_path(path).is_file(), path.name


def test_a_changed_form_is_stale_and_compiled_again(tmp_path, monkeypatch):
    from socle_desktop import build_forms

    shutil.copy2(FORMS[0], tmp_path / FORMS[0].name)
    monkeypatch.setattr(build_forms, "OUT", tmp_path / "generated")
    assert build_forms.stale_forms(tmp_path) == [tmp_path / FORMS[0].name]
    (written,) = build_forms.compile_forms(tmp_path)
    assert build_forms.stale_forms(tmp_path) == []
    assert "class Ui_" in written.read_text(encoding="utf-8")
    form = tmp_path / FORMS[0].name
    form.write_text(
        form.read_text(encoding="utf-8").replace("</ui>", "<!-- changé --></ui>"), encoding="utf-8"
    )
    assert build_forms.stale_forms(tmp_path) == [form]


def test_a_broken_form_is_told_with_its_name(tmp_path, monkeypatch):
    from socle_desktop import build_forms

    monkeypatch.setattr(build_forms, "OUT", tmp_path / "generated")
    (tmp_path / "cassé.ui").write_text("<ui version='4.0'><widget", encoding="utf-8")
    with pytest.raises(build_forms.FormsError, match="cassé.ui"):
        build_forms.compile_forms(tmp_path)


def test_a_widget_the_form_does_not_have_fails_with_both_names(qtbot):
    from PySide6.QtWidgets import QWidget

    from socle_desktop.gui.forms import load_form
    from socle_desktop.gui.generated.ui_porteur_page import Ui_PorteurForm

    host = QWidget()
    qtbot.addWidget(host)
    form = load_form(Ui_PorteurForm(), host)
    assert form.nom_edit.objectName() == "nom_edit"
    with pytest.raises(AttributeError, match="Ui_PorteurForm.*nom_edt"):
        form.nom_edt  # noqa: B018 - the typo is the test
