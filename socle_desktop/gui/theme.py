"""The colour scheme of Socle: light, whatever the desktop's.

The pages colour their messages (red errors, green confirmations, grey hints) and panels for a
light background; on a dark desktop (Windows' dark mode, a dark GNOME) those would be dark on
dark. So the light scheme is asked for, and where the platform does not follow the request the
light palette of the Fusion style is set. One place for the look: a later single style sheet
can start here.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

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


def force_light(app) -> None:
    """Light windows from now on: the scheme asked of the platform (Qt ≥ 6.8), and where it
    stays dark, the Fusion style with its light palette."""
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Light)
    if is_dark(app.palette()):
        app.setStyle("Fusion")  # native styles may draw with the system's dark colours
        app.setPalette(light_palette())
