"""The price and tipping rules (training/pricing.py), and amounts (training/money.py),
without an app."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ValidationFailed
from training import money
from training.pricing import (
    Pledge,
    price_ladder,
    price_per_head,
    seats_needed,
    tally,
    tips,
)

fees = st.integers(min_value=0, max_value=10**9)
seats = st.integers(min_value=1, max_value=500)
pledge_lists = st.lists(st.tuples(st.integers(1, 40), st.integers(0, 10**7)), max_size=25)


def _pledges(rows) -> list[Pledge]:
    return [Pledge(index + 1, count, ceiling) for index, (count, ceiling) in enumerate(rows)]


def test_the_price_per_head_is_rounded_up_in_minor_units():
    assert price_per_head(1000, 0, 3) == 334  # 333.33... rounds up: the host is never short
    assert price_per_head(1000, 250, 4) == 500
    assert price_per_head(0, 999, 7) == 999


def test_a_price_needs_a_seat_and_fees_that_are_not_negative():
    with pytest.raises(ValueError):
        price_per_head(100, 0, 0)
    with pytest.raises(ValueError):
        price_per_head(-1, 0, 1)


@given(fees, fees, seats)
def test_the_price_never_rises_as_seats_are_added(fixed, per_head, count):
    assert price_per_head(fixed, per_head, count + 1) <= price_per_head(fixed, per_head, count)


@given(fees, fees, seats)
def test_the_price_covers_the_cost(fixed, per_head, count):
    assert price_per_head(fixed, per_head, count) * count >= fixed + per_head * count


@given(pledge_lists, fees, fees)
def test_counting_ends_with_every_counted_pledge_able_to_pay(rows, fixed, per_head):
    result = tally(_pledges(rows), fixed, per_head)
    by_id = {pledge.id: pledge for pledge in _pledges(rows)}
    assert result.seats == sum(by_id[i].seats for i in result.counted)
    if result.counted:
        assert result.price == price_per_head(fixed, per_head, result.seats)
        assert all(by_id[i].max_price >= result.price for i in result.counted)
        assert result.pooled == result.price * result.seats
    else:
        assert result.price is None and result.seats == 0


@given(pledge_lists, fees, fees)
def test_no_pledge_left_out_could_have_paid(rows, fixed, per_head):
    """Without a cap, the pledges left out are exactly those under the final price: the
    set counted is the largest stable one."""
    result = tally(_pledges(rows), fixed, per_head)
    for pledge in _pledges(rows):
        if pledge.id not in result.counted:
            assert result.price is None or pledge.max_price < result.price


@given(pledge_lists, fees, fees, st.integers(1, 200))
def test_the_count_never_exceeds_the_maximum(rows, fixed, per_head, cap):
    assert tally(_pledges(rows), fixed, per_head, cap).seats <= cap


@given(pledge_lists, fees, fees, st.integers(1, 300), st.none() | fees)
def test_a_campaign_tips_exactly_when_counted_seats_reach_the_minimum(rows, fixed, per_head,
                                                                      minimum, target):
    result = tally(_pledges(rows), fixed, per_head)
    expected = result.seats >= minimum and (target is None or result.pooled >= target)
    assert tips(result.seats, result.pooled, minimum, target) is expected


def test_pledges_under_the_price_are_dropped_until_nothing_changes():
    # 3 seats share 900: 300 each. The 250 ceiling drops out; 2 seats: 450, so the 400
    # ceiling drops out; 1 seat: 900, and only the 1000 ceiling is left.
    rows = [Pledge(1, 1, 1000), Pledge(2, 1, 400), Pledge(3, 1, 250)]
    assert tally(rows, 900, 0) == tally([Pledge(1, 1, 1000)], 900, 0)
    assert tally(rows, 900, 0).counted == (1,)
    assert tally(rows, 900, 0).price == 900


def test_tipping_needs_the_target_too():
    assert tips(10, 5000, 10, None)
    assert not tips(9, 5000, 10, None)
    assert not tips(10, 4999, 10, 5000)
    assert tips(10, 5000, 10, 5000)


def test_seats_needed_and_the_ladder():
    assert seats_needed(7, 10) == 3 and seats_needed(12, 10) == 0
    assert price_ladder(1000, 0, 4, (1, 2)) == [(5, 200), (6, 167)]
    assert price_ladder(1000, 0, 4, (1, 2), max_participants=5) == [(5, 200)]


@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("1250", "GBP", 125000), ("1,250.50", "GBP", 125050), ("0.5", "EUR", 50),
    ("1500", "JPY", 1500), ("1.234", "KWD", 1234), ("0", "GBP", 0),
])
def test_amounts_become_minor_units(text, currency, minor):
    assert money.to_minor(text, currency, "fee", "the fee") == minor


@pytest.mark.parametrize(("text", "currency"), [
    ("-5", "GBP"), ("1.005", "GBP"), ("1.5", "JPY"), ("1e9", "GBP"), ("abc", "GBP"),
    ("99999999999999", "GBP"), ("١٢", "GBP"), ("NaN", "GBP"), ("", "GBP"),
])
def test_hostile_amounts_are_refused(text, currency):
    with pytest.raises(ValidationFailed):
        money.to_minor(text, currency, "fee", "the fee")


def test_currencies_are_iso_4217_and_not_gold():
    assert money.check_currency("gbp") == "GBP"
    for code in ("XAU", "ZZZ", "", "£"):
        with pytest.raises(ValidationFailed):
            money.check_currency(code)
    assert money.show(125050, "GBP") == "GBP 1,250.50"
    assert money.plain(1500, "JPY") == "1500"
