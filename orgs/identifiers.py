"""The identifiers librarians use for organisations, each checked and written one way.

Each `clean_*` takes what a member (or a CSV file) gave and returns the value to store, or
raises `ValidationFailed` on the field it names with a message that says what is wanted.
An empty value is allowed everywhere (every identifier is optional).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pycountry

from core.errors import ValidationFailed

# ISO 15511: at most 16 characters from A-Z, a-z, 0-9, "/", "-", ":"; a prefix (a country
# code or a non-national prefix of 1 to 4 letters), a hyphen, then the library's own part.
ISIL = re.compile(r"[A-Za-z0-9]{1,4}-[A-Za-z0-9/:\-]{1,11}")
# An OCLC symbol: 3 to 8 letters and digits (e.g. "DLC", "OCLCW").
OCLC = re.compile(r"[A-Za-z0-9]{3,8}")
# ROR: "0", six characters of Crockford's base 32 (no i, l, o, u), two check digits.
ROR = re.compile(r"0[0-9a-hj-km-np-tv-z]{6}[0-9]{2}")
WIKIDATA = re.compile(r"Q[1-9][0-9]{0,11}")


def clean_isil(value: str, field: str = "isil") -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > 16 or not ISIL.fullmatch(value):
        raise ValidationFailed(
            "An ISIL (ISO 15511) is at most 16 letters, digits, “/”, “-” or “:”, made of a "
            "prefix, a hyphen and the library's identifier, e.g. “GB-UkOxU” or “US-DLC”.", field)
    return value


def isil_key(value: str) -> str | None:
    """What makes two ISILs the same one: case does not count."""
    return value.upper() if value else None


def clean_oclc(value: str, field: str = "oclc") -> str:
    value = (value or "").strip()
    if value and not OCLC.fullmatch(value):
        raise ValidationFailed("An OCLC symbol is 3 to 8 letters or digits, e.g. “DLC”.", field)
    return value.upper()


def _ror_checksum_ok(digits: str) -> bool:
    """ROR's check digits: ISO 7064 MOD 97-10 over the base-32 value of the six
    characters after the leading 0."""
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    number = 0
    for character in digits[1:7]:
        number = number * 32 + alphabet.index(character)
    return 98 - (number * 100 % 97) == int(digits[7:9])


def clean_ror(value: str, field: str = "ror") -> str:
    """A ROR ID, stored as its full address (https://ror.org/0xxxxxxNN)."""
    value = (value or "").strip()
    if not value:
        return ""
    bare = value.lower()
    for prefix in ("https://ror.org/", "http://ror.org/", "ror.org/"):
        if bare.startswith(prefix):
            bare = bare[len(prefix):]
            break
    if not ROR.fullmatch(bare) or not _ror_checksum_ok(bare):
        raise ValidationFailed("A ROR ID is https://ror.org/ followed by 0 and eight letters "
                               "and digits, e.g. https://ror.org/052gg0110.", field)
    return f"https://ror.org/{bare}"


def clean_wikidata(value: str, field: str = "wikidata") -> str:
    value = (value or "").strip()
    if not value:
        return ""
    for prefix in ("https://www.wikidata.org/wiki/", "http://www.wikidata.org/wiki/"):
        if value.startswith(prefix):
            value = value[len(prefix):]
    value = value.upper()
    if not WIKIDATA.fullmatch(value):
        raise ValidationFailed("A Wikidata ID is Q followed by digits, e.g. Q131454.", field)
    return value


def clean_country(value: str, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code (the form's list gives them; a file may too)."""
    value = (value or "").strip().upper()
    if not value:
        return ""
    if len(value) != 2 or pycountry.countries.get(alpha_2=value) is None:
        raise ValidationFailed("Choose a country (an ISO 3166 two-letter code, e.g. GB).", field)
    return value


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(country, "common_name", None) or getattr(country, "name", code) or ""


def country_choices() -> list[tuple[str, str]]:
    return sorted(((c.alpha_2, getattr(c, "common_name", None) or c.name)
                   for c in pycountry.countries), key=lambda pair: pair[1])


def clean_url(value: str, field: str, what: str = "The website") -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > 300:
        raise ValidationFailed(f"{what} address is too long (300 characters at most).", field)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValidationFailed(f"{what} must be a web address starting with https:// or "
                               "http://.", field)
    return value
