from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socle_desktop.domain.money import (
    AmountError,
    amount_fr,
    euros,
    parse_amount,
    parse_typed_amount,
    percent_fr,
)


def test_french_format_uses_no_break_spaces():
    assert euros(Decimal("12345.67")) == "12\u202f345,67\u00a0€"
    assert euros(Decimal("1000000")) == "1\u202f000\u202f000,00\u00a0€"
    assert euros(Decimal("0.005")) == "0,01\u00a0€"  # half up
    assert amount_fr(Decimal("-1500")) == "-1\u202f500,00"
    assert percent_fr(Decimal("0.525"), 1) == "52,5\u00a0%"


@pytest.mark.parametrize("text", ["2450.00", "19.9", "0", "1000000.5"])
def test_contract_amounts(text):
    assert parse_amount(text) == Decimal(text)


@pytest.mark.parametrize("text", ["2450,00", "1.234", "-5", "1e3", "", " 12", "NaN"])
def test_contract_refuses(text):
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("2 450,50", "2450.50"), ("2450.5", "2450.50"), ("12\u202f345,67 €", "12345.67"), ("7", "7")],
)
def test_typed_amounts(typed, value):
    assert parse_typed_amount(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["abc", "-12", "12,345", "1,2,3", "12a"])
def test_typed_nonsense_is_refused_in_french(typed):
    with pytest.raises(AmountError) as caught:
        parse_typed_amount(typed)
    assert "montant" in str(caught.value)


@given(st.integers(0, 10**12))
def test_format_then_parse_is_identity(cents):
    amount = Decimal(cents) / 100
    assert parse_typed_amount(amount_fr(amount)) == amount
