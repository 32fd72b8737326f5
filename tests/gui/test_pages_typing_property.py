"""Whatever is typed in a quantity or price cell, the dossier only ever holds a valid number.

Typing goes to the dossier at each valid keystroke (the panel follows the typing), so after an
invalid text the dossier keeps the last valid value typed; it never holds anything else."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socle_desktop.domain import jsonio
from socle_desktop.domain.money import AmountError, parse_typed_amount
from socle_desktop.gui.pages.services import ServicesPage
from socle_desktop.resources import example_dossier_path
from tests.gui.conftest import clear_and_type
from tests.gui.pages_helpers import show_page

TYPED = st.text(
    alphabet=st.sampled_from(list("0123456789,.- €éa+e\u202fxX")), min_size=0, max_size=10)


def _count(text: str) -> int | None:
    cleaned = text.strip().replace("\u202f", "").replace(" ", "")
    return int(cleaned) if cleaned.isdigit() and int(cleaned) <= 100_000 else None


def _amount(text: str) -> Decimal | None:
    try:
        return parse_typed_amount(text) if text.strip() else None
    except AmountError:
        return None


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TYPED)
def test_typed_text_never_puts_an_invalid_number_in_the_dossier(qtbot, campaign, text):
    dossier = jsonio.loads(example_dossier_path().read_text(encoding="utf-8"))
    page, session = show_page(qtbot, ServicesPage, dossier, campaign)
    line = session.dossier.ecoles[0].services[0]
    prefixes = [text[:n] for n in range(1, len(text) + 1)]

    clear_and_type(page.quantity_editor(0), text)
    valid = [q for q in map(_count, prefixes) if q is not None]
    assert line.quantite == (valid[-1] if valid else 96)
    if _count(text) is None:
        assert "Saisie refusée" in page.lines_editor.message_label.text()

    clear_and_type(page.price_editor(0), text)
    valid = [a for a in map(_amount, prefixes) if a is not None]
    assert line.prix_unitaire == (valid[-1] if valid else Decimal("12.00"))
    if _amount(text) is None:
        assert "Saisie refusée" in page.lines_editor.message_label.text()
    assert line.prix_unitaire >= 0 and line.prix_unitaire == line.prix_unitaire.quantize(
        Decimal("0.01"))
