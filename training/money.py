"""Amounts as members type them ("1250", "1,250.50") and as we keep them (integer minor
units of an ISO 4217 currency), and back.

pycountry gives the ISO 4217 codes and names but not each currency's minor unit (its
number of decimal places); the few currencies whose minor unit is not 2 are listed
below, from the ISO 4217 table (list one, "Minor unit" column).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache

import pycountry

from core.errors import ValidationFailed
from training.pricing import MONEY_MAX

# ISO 4217 minor units other than 2 (funds codes and metals, which have none, are left out).
MINOR_UNITS = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
    "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0,
    "XPF": 0, "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    "CLF": 4, "UYW": 4,
}
# Codes that are not money a library pays a trainer with (gold, test codes, funds, SDR).
NOT_MONEY = {"XAU", "XAG", "XPT", "XPD", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XDR",
             "XSU", "XUA", "BOV", "CHE", "CHW", "COU", "MXV", "USN", "CLF", "UYI", "UYW"}
COMMON = ("GBP", "EUR", "USD")  # first in the list


@cache
def currencies() -> dict[str, str]:
    """ISO 4217 code -> name, for the form: the common ones first, then by code."""
    found = {currency.alpha_3: currency.name for currency in pycountry.currencies
             if currency.alpha_3 not in NOT_MONEY}
    ordered = {code: found[code] for code in COMMON if code in found}
    ordered.update(sorted(found.items()))
    return ordered


def exponent(currency: str) -> int:
    return MINOR_UNITS.get(currency, 2)


def check_currency(code: str | None, field: str = "currency") -> str:
    code = (code or "").strip().upper()
    if code not in currencies():
        raise ValidationFailed("Choose a currency from the list (an ISO 4217 code).", field)
    return code


def to_minor(text: str | None, currency: str, field: str, what: str, *,
             required: bool = True, allow_zero: bool = True) -> int | None:
    """A decimal amount typed by a member, in minor units of `currency`; None if left
    empty and not required. Refuses negative, fractional minor units, enormous and
    non-numbers, with a message for `field`."""
    raw = (text or "").strip().replace(",", "").replace(" ", "")
    if not raw:
        if required:
            raise ValidationFailed(f"Enter {what}.", field)
        return None
    if len(raw) > 20 or not raw.replace(".", "", 1).isdigit() or not raw.isascii():
        raise ValidationFailed(f"Enter {what} as a number, e.g. 1250 or 1250.50.", field)
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise ValidationFailed(f"Enter {what} as a number.", field) from None
    places = exponent(currency)
    minor = amount.scaleb(places)
    if minor != minor.to_integral_value():
        raise ValidationFailed(
            f"{currency} has {places} decimal place{'' if places == 1 else 's'}: "
            f"{what} cannot have more." if places else f"{currency} has no decimal places.",
            field)
    value = int(minor)
    if value > MONEY_MAX:
        raise ValidationFailed(f"That is more than a training costs: check {what}.", field)
    if value == 0 and not allow_zero:
        raise ValidationFailed(f"{what[0].upper()}{what[1:]} must be more than zero.", field)
    return value


def show(minor: int | None, currency: str) -> str:
    """Minor units as the amount a member reads: "GBP 1,250.50"."""
    if minor is None:
        return "—"
    places = exponent(currency)
    amount = Decimal(minor).scaleb(-places)
    return f"{currency} {amount:,.{places}f}"


def plain(minor: int | None, currency: str) -> str:
    """Minor units as the decimal a form field shows again ("1250.50")."""
    if minor is None:
        return ""
    places = exponent(currency)
    return f"{Decimal(minor).scaleb(-places):.{places}f}"
