"""Load the Qt Designer forms of ``ui/`` at run time (QUiLoader), with our custom widgets."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from socle_desktop.resources import form_bytes

_loader: QUiLoader | None = None


def _get_loader() -> QUiLoader:
    global _loader
    if _loader is None:
        from socle_desktop.gui.tables import TABLE_WIDGETS
        from socle_desktop.gui.widgets import CUSTOM_WIDGETS

        _loader = QUiLoader()
        for widget_class in (*CUSTOM_WIDGETS, *TABLE_WIDGETS):
            _loader.registerCustomWidget(widget_class)
    return _loader


def load_form(name: str, host: QWidget) -> QWidget:
    """Build ``ui/<name>.ui`` inside ``host`` (which gets a margin-less layout) and return it.

    Children are then found by their Designer object names: ``form.findChild(QLineEdit, "nom")``.
    """
    try:
        data = QByteArray(form_bytes(name))  # package data: maybe not a file on disk
    except OSError as error:
        raise FileNotFoundError(f"formulaire introuvable : {name}.ui ({error})") from None
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    try:
        form = _get_loader().load(buffer, host)
    finally:
        buffer.close()
    if form is None:
        raise RuntimeError(f"formulaire illisible : {name}.ui ({_get_loader().errorString()})")
    # Labels show user text (names, typed values): never let Qt guess rich text from a « < ».
    # A form that wants rich text says so on the label (textFormat = Qt::RichText).
    for label in form.findChildren(QLabel):
        if label.textFormat() == Qt.TextFormat.AutoText:
            label.setTextFormat(Qt.TextFormat.PlainText)
    place(form, host)
    return form


def place(widget: QWidget, host: QWidget) -> None:
    """Put ``widget`` in ``host`` (a page, or an empty placeholder of a form), margin-less."""
    layout = host.layout() or QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
