"""One style: the states' colours live in gui/theme.py and socle.qss only, are readable on a light
and on a dark palette, and reach the widgets through their « state » property."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit

from socle_desktop.gui import theme
from tests.gui.conftest import shows_state

GUI = Path(theme.__file__).parent
LIGHT_GROUND = (theme.LIGHT["Window"], theme.LIGHT["Base"])
DARK_GROUND = ("#2b2b2b", "#1e1e1e")  # a dark desktop's window and base (Windows, GNOME)


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["clair", "sombre"])
@pytest.mark.parametrize("state", [*theme.STATES, "text"])
def test_every_state_is_readable_on_its_palette(state, dark):
    for ground in DARK_GROUND if dark else LIGHT_GROUND:
        ratio = contrast(theme.colour(state, dark), QColor(ground))
        assert ratio >= 4.5, f"{state} sur {ground} : {ratio:.2f}"


@pytest.mark.parametrize("dark", [False, True], ids=["clair", "sombre"])
def test_tinted_grounds_keep_their_text_readable(dark):
    text = theme.colour("notice", dark)
    for name in ("notice_background", "banner_background"):
        assert contrast(text, theme.colour(name, dark)) >= 4.5, name
    body = theme.colour("text", dark)
    for name in ("info_background", "error_background"):
        assert contrast(body, theme.colour(name, dark)) >= 4.5, name
    for state, pair in theme.BACKGROUNDS.items():
        ground = QColor(pair[1] if dark else pair[0])
        assert contrast(body, ground) >= 4.5, state
    assert contrast(theme.colour("text", dark), theme.colour("error_background", dark)) >= 4.5


def test_a_state_reaches_the_widget_through_the_style_sheet(qtbot):
    label = QLabel("Saisie refusée")
    qtbot.addWidget(label)
    for state in theme.STATES:
        theme.set_state(label, state)
        assert shows_state(label, state), state
    theme.set_state(label, "")
    label.ensurePolished()
    drawn = label.palette().color(QPalette.ColorRole.WindowText).name()
    assert drawn not in {theme.colour(s).name() for s in theme.STATES}
    edit = QLineEdit()
    qtbot.addWidget(edit)
    theme.set_state(edit, "error")
    assert edit.property("state") == "error"


def test_the_dark_sheet_has_the_dark_colours():
    sheet = theme.style_sheet(dark=True)
    assert theme.COLOURS["error"][1] in sheet
    assert theme.COLOURS["error"][0] not in sheet
    assert "{" + "error" + "}" not in sheet and "{error}" not in theme.style_sheet(False)


def test_no_widget_module_has_a_colour_or_a_style_of_its_own():
    """Colours are named once: no « #rrggbb » nor setStyleSheet outside theme.py."""
    offenders = []
    for path in sorted(GUI.rglob("*.py")):
        if path.name == "theme.py" or path.parent.name == "generated":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"#[0-9a-fA-F]{6}\b", r"setStyleSheet\(", r"_STYLE\s*="):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(GUI)}: {pattern}")
    for form in sorted((GUI.parent.parent / "ui").glob("*.ui")):
        if "styleSheet" in form.read_text(encoding="utf-8"):
            offenders.append(f"ui/{form.name}: styleSheet")
    assert offenders == []
