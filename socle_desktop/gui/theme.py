"""The look of Socle, in one place: the colour scheme and the colours of each state.

The light scheme is asked for, whatever the desktop's, and where the platform does not follow
the request the light palette of the Fusion style is set. The states a widget can show (error,
warning, ok, muted, notice, info, banner) have their colours here, for a light and for a dark
palette, and their rules in ``resources/styles/socle.qss``; a widget says its state with the
dynamic property « state » (``set_state``), a table model asks ``state_brush`` — no colour
elsewhere.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

STATES = ("error", "warning", "ok", "muted")

# Each colour for a light palette and for a dark one; the text colours keep a contrast of at
# least 4.5:1 (WCAG AA) on the window and base colours of their palette (a test checks).
COLOURS: dict[str, tuple[str, str]] = {
    "error": ("#b03a2e", "#ff8f80"),
    "warning": ("#8a5300", "#ffc966"),
    "ok": ("#1d5e2f", "#86e09a"),
    "muted": ("#5f5f5f", "#b4b4b4"),
    "text": ("#000000", "#f0f0f0"),
    "error_border": ("#c0392b", "#ff8f80"),
    "error_background": ("#fdecea", "#4a1f1b"),
    "notice": ("#5a4300", "#ffe3a3"),
    "notice_background": ("#fff4d6", "#3d3313"),
    "notice_border": ("#e0b84f", "#a88a3a"),
    "info_background": ("#eef4fb", "#1c2a3a"),
    "info_border": ("#9bb7d4", "#4f6f94"),
    "banner_background": ("#fde2c8", "#4a3018"),
    "banner_border": ("#d9822b", "#d9822b"),
}
# Cell backgrounds of the socle table (covered, partial, missing, optional).
BACKGROUNDS: dict[str, tuple[str, str]] = {
    "ok": ("#dff0d8", "#1f3d24"),
    "warning": ("#fcf0d2", "#4a3a12"),
    "error": ("#f6d5d1", "#4d2320"),
    "muted": ("#eeeeee", "#3a3a3a"),
}

# Fusion's light colours (Qt's own), by role; disabled text greyed.
LIGHT = {
    "Window": "#efefef",
    "WindowText": "#000000",
    "Base": "#ffffff",
    "AlternateBase": "#f7f7f7",
    "ToolTipBase": "#ffffdc",
    "ToolTipText": "#000000",
    "PlaceholderText": "#808080",
    "Text": "#000000",
    "Button": "#efefef",
    "ButtonText": "#000000",
    "BrightText": "#ffffff",
    "Light": "#ffffff",
    "Midlight": "#cacaca",
    "Mid": "#b8b8b8",
    "Dark": "#9f9f9f",
    "Shadow": "#767676",
    "Highlight": "#308cc6",
    "HighlightedText": "#ffffff",
    "Link": "#0000ff",
    "LinkVisited": "#ff00ff",
}
LIGHT_DISABLED = {
    "WindowText": "#bebebe",
    "Text": "#bebebe",
    "ButtonText": "#bebebe",
    "Base": "#efefef",
    "Highlight": "#919191",
}


def is_dark(palette: QPalette) -> bool:
    """A dark scheme: the windows' background darker than their text."""
    window = palette.color(QPalette.ColorRole.Window).lightness()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    return window < text


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in LIGHT.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for role, colour in LIGHT_DISABLED.items():
        palette.setColor(
            QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role), QColor(colour)
        )
    return palette


_watched: set[int] = set()  # the applications whose scheme changes are followed


def force_light(app: QApplication) -> None:
    """Light windows from now on, and again if the desktop turns dark while Socle runs."""
    _light_if_dark(app)
    if id(app) not in _watched:
        _watched.add(id(app))
        # The palette follows the new scheme after the signal: looked at once events are handled.
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _later(app))


def _later(app: QApplication) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: _light_if_dark(app))


def _light_if_dark(app: QApplication) -> None:
    """On a dark palette only: the light scheme asked of the platform (Qt ≥ 6.8), and where it
    stays dark, the Fusion style with its light palette."""
    if not is_dark(app.palette()):
        return  # a light desktop: nothing to change, and no ``Qt`` namespace (~15 ms) to load
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Light)
    if is_dark(app.palette()):
        app.setStyle("Fusion")  # native styles may draw with the system's dark colours
        app.setPalette(light_palette())
    if app.styleSheet():  # the states' colours follow the palette now in force
        apply(app)


# --- the states ----------------------------------------------------------------------------------


def _dark_now() -> bool:
    app = QApplication.instance()
    return isinstance(app, QApplication) and is_dark(app.palette())


def colour(name: str, dark: bool | None = None) -> QColor:
    """The colour ``name`` of ``COLOURS`` for the palette in force (or the one asked)."""
    light_hex, dark_hex = COLOURS[name]
    return QColor(dark_hex if (_dark_now() if dark is None else dark) else light_hex)


_brushes: dict[tuple[str, str, bool], QBrush] = {}


def state_brush(state: str, background: bool = False) -> QBrush | None:
    """A table cell's text (or background) brush for ``state``; None for no state."""
    if not state:
        return None
    dark = _dark_now()
    key = (state, "bg" if background else "fg", dark)
    if key not in _brushes:
        pair = BACKGROUNDS[state] if background else COLOURS[state]
        _brushes[key] = QBrush(QColor(pair[1] if dark else pair[0]))
    return _brushes[key]


def style_sheet(dark: bool) -> str:
    """``socle.qss`` with the colours of the light or dark palette."""
    from socle_desktop.resources import resource

    text = resource("styles", "socle.qss").read_text(encoding="utf-8")
    names = {name: pair[1] if dark else pair[0] for name, pair in COLOURS.items()}
    return re.sub(r"\{(\w+)\}", lambda m: names[m.group(1)], text)


def apply(app: QApplication) -> None:
    """The states' style sheet for the application's palette (after ``force_light``)."""
    app.setStyleSheet(style_sheet(is_dark(app.palette())))
    _brushes.clear()


def set_state(widget: QWidget, state: str) -> None:
    """Show ``state`` ("error", "warning", "ok", "muted", "notice", "info", "banner" or "" for
    none)
    with the style sheet's colours."""
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
