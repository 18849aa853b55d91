"""Field checks shared by every service: USCC, phone numbers, positive quantities, date order.

Each check returns ``None`` when the value is fine, or a translated message saying what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from minesales_desktop.messages import translate

# GB 32100-2015: the 31 characters of a Unified Social Credit Code (no I, O, Z, S, V).
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def uscc_check_char(first17: str) -> str:
    """The 18th character (check digit) for the first 17 characters of a USCC."""
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    check = 31 - total % 31
    return USCC_CHARSET[0 if check == 31 else check]


def check_uscc(value: str) -> str | None:
    code = value.strip().upper()
    if len(code) != 18:
        return translate("Validation", "A USCC has 18 characters; this one has {n}.").format(
            n=len(code)
        )
    bad = sorted({ch for ch in code if ch not in USCC_CHARSET})
    if bad:
        return translate(
            "Validation", "A USCC may not contain {chars} (letters I, O, Z, S, V are never used)."
        ).format(chars=" ".join(bad))
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return translate(
            "Validation", "The check digit is wrong: the last character should be {expected}."
        ).format(expected=expected)
    return None


_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(?:\+?86)?0\d{2,3}\d{7,8}(?:\d{1,6})?$")
_INTERNATIONAL = re.compile(r"^\+\d{7,15}$")
_PHONE_ALLOWED = re.compile(r"^[\d\s+\-()]+$")


def check_phone(value: str) -> str | None:
    """Chinese mobile (13800138000), landline with area code (0472-1234567[-ext]) or +CC…"""
    raw = value.strip()
    if not _PHONE_ALLOWED.match(raw):
        return translate("Validation", "A phone number may only contain digits, spaces, + - ( ).")
    compact = re.sub(r"[\s\-()]", "", raw)
    if _MOBILE.match(compact) or _LANDLINE.match(compact) or _INTERNATIONAL.match(compact):
        return None
    return translate(
        "Validation",
        "Not a valid phone number: use a mobile (13800138000), a landline with area code "
        "(0472-1234567) or an international number (+61 8 9123 4567).",
    )


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_email(value: str) -> str | None:
    if _EMAIL.match(value.strip()):
        return None
    return translate("Validation", "Not a valid e-mail address.")


def check_positive(value: Decimal) -> str | None:
    if value <= 0:
        return translate("Validation", "Must be greater than zero.")
    return None


def check_not_negative(value: Decimal) -> str | None:
    if value < 0:
        return translate("Validation", "May not be negative.")
    return None


def check_range(value: Decimal | int, low: Decimal | int, high: Decimal | int) -> str | None:
    if value < low or value > high:
        return translate("Validation", "Must be between {low} and {high}.").format(
            low=low, high=high
        )
    return None


def check_date_order(start: dt.date | None, end: dt.date | None) -> str | None:
    if start is not None and end is not None and end < start:
        return translate("Validation", "The end date is before the start date.")
    return None
