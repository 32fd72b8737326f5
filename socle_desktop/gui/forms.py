"""Build the Qt Designer forms of ``ui/``, compiled to Python (``gui/generated``, by
``socle_desktop.build_forms``): a page names its widgets as attributes of its form, so a name
that is not in the form fails at once with the form's and the widget's names."""

from __future__ import annotations

from typing import Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class CompiledForm(Protocol):
    def setupUi(self, form: QWidget) -> None: ...  # noqa: N802 - pyside6-uic's name


F = TypeVar("F", bound=CompiledForm)


def load_form(form: F, host: QWidget) -> F:
    """Build the compiled ``form`` (an ``Ui_…Form()``) inside ``host`` (which gets a
    margin-less layout) and return it: its widgets are its attributes (``form.nom_edit``)."""
    widget = QWidget(host)
    form.setupUi(widget)
    # Labels show user text (names, typed values): never let Qt guess rich text from a « < ».
    # A form that wants rich text says so on the label (textFormat = Qt::RichText).
    for label in widget.findChildren(QLabel):
        if label.textFormat() == Qt.TextFormat.AutoText:
            label.setTextFormat(Qt.TextFormat.PlainText)
    place(widget, host)
    return form


def place(widget: QWidget, host: QWidget) -> None:
    """Put ``widget`` in ``host`` (a page, or an empty placeholder of a form), margin-less."""
    layout = host.layout() or QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
