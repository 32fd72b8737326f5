"""Message boxes that show user text (school names, file names, typed values) as typed.

QMessageBox's static functions guess rich text from the first line: a school named
« <b>Les Lilas</b> » would print in bold, and « <école> » would vanish. These build the same
boxes with plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _show(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def question(
    parent,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.NoButton,
) -> Button:
    return _show(parent, QMessageBox.Icon.Question, title, text, buttons, default)


def information(parent, title: str, text: str) -> Button:
    return _show(parent, QMessageBox.Icon.Information, title, text)


def warning(parent, title: str, text: str) -> Button:
    return _show(parent, QMessageBox.Icon.Warning, title, text)


def critical(parent, title: str, text: str) -> Button:
    return _show(parent, QMessageBox.Icon.Critical, title, text)
