"""Message boxes that show user text (school names, file names, typed values) as typed.

QMessageBox's static functions guess rich text from the first line: a school named
« <b>Les Lilas</b> » would print in bold, and « <école> » would vanish. These build the same
boxes with plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    Button = QMessageBox.StandardButton

# Nothing of PySide's enums or of its ``Qt`` namespace is named at import: the window imports
# this module before its first paint, and PySide makes them at their first use (tens of ms).


def _show(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button | None = None,
    default: Button | None = None,
) -> Button:
    from PySide6.QtCore import Qt

    kinds = QMessageBox.StandardButton
    box = QMessageBox(icon, title, text, kinds.Ok if buttons is None else buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default is not None and default != kinds.NoButton:
        box.setDefaultButton(default)
    return kinds(box.exec())


def question(
    parent,
    title: str,
    text: str,
    buttons: Button | None = None,
    default: Button | None = None,
) -> Button:
    """Oui / Non unless ``buttons`` says otherwise."""
    kinds = QMessageBox.StandardButton
    choices = kinds.Yes | kinds.No if buttons is None else buttons
    return _show(parent, QMessageBox.Icon.Question, title, text, choices, default)


def information(parent, title: str, text: str) -> Button:
    return _show(parent, QMessageBox.Icon.Information, title, text)


def warning(parent, title: str, text: str) -> Button:
    return _show(parent, QMessageBox.Icon.Warning, title, text)


def critical(parent, title: str, text: str) -> Button:
    return _show(parent, QMessageBox.Icon.Critical, title, text)
