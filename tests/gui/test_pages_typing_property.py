"""Whatever is typed in a quantity or price cell, the dossier only ever holds a whole valid value:
the value of the whole text when it is one, else the value from before the typing began (never
the last valid prefix of a refused text, « 2.45 » of « 2.450 »)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from socle_desktop.domain import jsonio
from socle_desktop.domain.typed import InvalidValue, typed_value
from socle_desktop.gui.pages.services import ServicesPage
from socle_desktop.resources import example_dossier_path
from tests.gui.conftest import clear_and_type, key
from tests.gui.pages_helpers import show_page

TYPED = st.text(
    alphabet=st.sampled_from(list("0123456789,.- €éa+e\u202fxX٢")), min_size=0, max_size=10
)


def _value(field: str, text: str):
    try:
        return typed_value("ligne", field, text)
    except InvalidValue:
        return None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TYPED)
def test_typed_text_never_puts_an_invalid_number_in_the_dossier(qtbot, campaign, text):
    dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    page, session = show_page(qtbot, ServicesPage, dossier, campaign)
    line = session.dossier.ecoles[0].services[0]

    for field, before, editor in (
        ("quantite", 96, page.quantity_editor),
        ("prix_unitaire", Decimal("12.00"), page.price_editor),
    ):
        clear_and_type(editor(0), text)
        expected = _value(field, text)
        assert getattr(line, field) == (before if expected is None else expected)
        if expected is None:
            assert "Saisie refusée" in page.lines_editor.message_label.text()
        key(Qt.Key.Key_Return)  # leaving the cell: a refused text gives way to the saved value
        assert getattr(line, field) == (before if expected is None else expected)
        if expected is None:
            assert "n'a pas été gardé" in page.lines_editor.message_label.text()
    assert line.prix_unitaire >= 0 and line.prix_unitaire == line.prix_unitaire.quantize(
        Decimal("0.01")
    )
