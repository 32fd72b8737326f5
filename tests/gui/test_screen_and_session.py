"""On a commune's laptop: the first window fits the screen's available area (a 1366×768 screen
with a taskbar), a dark desktop stays readable, the title names the file once, the file dialogs
start in Documents or beside the dossier, and an exported PDF can be opened at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMargins, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from socle_desktop.gui import theme, window_geometry
from socle_desktop.gui.main_window import MainWindow
from tests.gui.conftest import type_text
from tests.gui.windows import answer_save_dialog, example_window, new_window

LAPTOP = QRect(0, 0, 1366, 768 - 40)  # the available area above a 40-pixel taskbar


def test_first_geometry_keeps_the_frame_inside_the_available_area():
    frame = window_geometry.FRAME_GUESS
    inner = window_geometry.first_geometry(LAPTOP)
    assert LAPTOP.contains(inner.marginsAdded(frame))
    assert inner.height() == 728 - frame.top() - frame.bottom()
    big = QRect(0, 0, 2560, 1400)
    assert window_geometry.first_geometry(big).size() == window_geometry.WANTED
    assert big.contains(window_geometry.first_geometry(big).marginsAdded(frame))


def test_the_editor_can_shrink_to_a_laptop(qtbot):
    """Qt never makes a window smaller than its minimum: the editor's must fit the room."""
    window = example_window(qtbot)
    room = window_geometry.first_geometry(LAPTOP)
    for page in window.wizard.pages():
        window.wizard.go_to(window.wizard.pages().index(page))
        minimum = window.minimumSizeHint()
        assert minimum.width() <= room.width() and minimum.height() <= room.height()
    window.setGeometry(room)
    qtbot.waitUntil(lambda: window.height() == room.height())
    status = window.statusBar()
    assert status.isVisible() and window.rect().contains(status.geometry())


def test_a_new_window_opens_inside_the_available_area(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    available = window.screen().availableGeometry()
    qtbot.waitUntil(lambda: window._first_geometry is None)
    assert available.contains(window.frameGeometry())


def test_a_window_sticking_out_is_pulled_back_inside(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    available = window.screen().availableGeometry()
    window.setGeometry(available.adjusted(200, 150, 200, 150))
    qtbot.waitUntil(lambda: not available.contains(window.frameGeometry()))
    assert window_geometry.pull_inside(window)
    qtbot.waitUntil(lambda: available.contains(window.frameGeometry()))
    margins = window_geometry.frame_margins(window)
    assert isinstance(margins, QMargins)


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#f0f0f0"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#f0f0f0"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#f0f0f0"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def test_a_dark_desktop_gets_the_light_scheme(qapp):
    before_style, before_palette = qapp.style().name(), qapp.palette()
    try:
        qapp.setPalette(_dark_palette())  # what a dark desktop gives the application
        assert theme.is_dark(qapp.palette())
        theme.force_light(qapp)
        palette = qapp.palette()
        assert not theme.is_dark(palette)
        assert palette.color(QPalette.ColorRole.Base).lightness() > 240
        assert palette.color(QPalette.ColorRole.Text).lightness() < 30
        # The pages' own red, green and grey messages stay readable on it.
        window = palette.color(QPalette.ColorRole.Window)
        for state in theme.STATES:
            assert window.lightness() - theme.colour(state).lightness() > 100, state
    finally:
        qapp.setStyle(before_style)
        qapp.setPalette(before_palette)


def test_a_desktop_turning_dark_while_socle_runs_gets_light_again(qtbot, qapp):
    before_style, before_palette = qapp.style().name(), qapp.palette()
    try:
        theme.force_light(qapp)
        qapp.setPalette(_dark_palette())  # the user switches the desktop to dark mode
        qapp.styleHints().colorSchemeChanged.emit(qapp.styleHints().colorScheme())
        qtbot.waitUntil(lambda: not theme.is_dark(qapp.palette()))
    finally:
        qapp.setStyle(before_style)
        qapp.setPalette(before_palette)


def test_a_light_desktop_is_left_as_it_is(qapp):
    before = qapp.palette()
    theme.force_light(qapp)
    assert qapp.palette() == before


def _shown_title(window) -> str:
    """The title as the window system shows it: Qt appends the display name (« — Socle »)."""
    title = window.windowTitle()
    return f"{title} — Socle" if title else "Socle"


def test_the_title_names_the_file_once(qtbot, monkeypatch, tmp_path):
    window = new_window(qtbot, monkeypatch, tmp_path / "Bréal.socle")
    assert _shown_title(window) == "Bréal.socle — Socle"
    assert window.windowTitle() == "Bréal.socle"  # not « Socle — Bréal.socle — Socle »


def test_the_application_names_itself_socle(qapp):
    from socle_desktop.gui.app import setup_application

    setup_application(qapp)
    assert qapp.applicationName() == qapp.applicationDisplayName() == "Socle"
    assert qapp.desktopFileName() == "Socle"  # the app id on Wayland


def _record_dialog(monkeypatch, method: str, answer: str = "") -> list:
    calls = []

    def dialog(parent, title, folder, *args, **kwargs):
        calls.append(Path(folder))
        return answer, ""

    monkeypatch.setattr(QFileDialog, method, staticmethod(dialog))
    return calls


def test_file_dialogs_open_in_documents(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "Documents").mkdir()
    window = MainWindow()
    qtbot.addWidget(window)
    opened = _record_dialog(monkeypatch, "getOpenFileName")
    window.open_dialog()
    window.import_json_dialog()
    saved = _record_dialog(monkeypatch, "getSaveFileName")
    window.new_dossier()
    assert opened == [tmp_path / "Documents"] * 2
    assert saved[0].parent == tmp_path / "Documents"


def test_a_remembered_folder_that_has_gone_gives_documents(qtbot, monkeypatch, tmp_path):
    from socle_desktop.gui import preferences

    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    preferences.settings().setValue("files/last_folder", str(tmp_path / "clé-usb-retirée"))
    assert preferences.folder("last_folder") == tmp_path / "Documents"


def test_the_pdf_dialog_opens_beside_the_dossier(qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "mairie" / "numérique"
    folder.mkdir(parents=True)
    window = new_window(qtbot, monkeypatch, folder / "Bréal.socle")
    asked = _record_dialog(monkeypatch, "getSaveFileName")
    window.export_pdf()
    assert asked == [folder / "Bréal.pdf"]


def test_after_an_export_the_pdf_and_its_folder_open_in_one_click(qtbot, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(
        QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(url.toLocalFile()) or True),
    )
    window = example_window(qtbot)
    target = tmp_path / "dossier.pdf"
    answer_save_dialog(monkeypatch, target)
    field = window.wizard.page_porteur.nom_edit
    window.export_pdf()
    field.setFocus()
    type_text(field, " (PDF en cours)")  # typing on while the PDF is written
    qtbot.waitUntil(
        lambda: window.pdf.pdf_links is not None and window.pdf.pdf_links.isVisible(),
        timeout=20000,
    )
    assert QApplication.focusWidget() is field  # the buttons took nothing from the field
    qtbot.mouseClick(window.pdf.open_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.pdf.open_pdf_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target), str(tmp_path)]
    assert target.read_bytes().startswith(b"%PDF")


def test_on_windows_the_taskbar_names_socle():
    from socle_desktop.gui.app import WINDOWS_APP_ID, set_windows_app_id

    class Shell32:
        ids: list = []

        def SetCurrentProcessExplicitAppUserModelID(self, app_id):  # noqa: N802 - Windows'
            self.ids.append(app_id)

    shell32 = Shell32()
    assert set_windows_app_id(shell32) and shell32.ids == [WINDOWS_APP_ID] == ["Socle.Socle"]
    assert not set_windows_app_id(object())  # an old Windows without the call: no error
