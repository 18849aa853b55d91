"""Field checks: USCC (GB 32100-2015) check digits, phone numbers, ranges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from minesales_desktop.services.validation import (
    USCC_CHARSET,
    check_date_order,
    check_phone,
    check_positive,
    check_uscc,
    uscc_check_char,
)


def test_known_valid_uscc() -> None:
    # A published example: weights 3^i mod 31; the sum mod 31 gives check 31 - r.
    assert check_uscc("91350100M000100Y43") is None
    assert uscc_check_char("91350100M000100Y4") == "3"


def test_check_digit_by_hand() -> None:
    first17 = "91110000600037341"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, weights, strict=True))
    expected = USCC_CHARSET[(31 - total % 31) % 31]
    assert uscc_check_char(first17) == expected


def test_uscc_refusals_say_what_is_wrong() -> None:
    assert "18 characters" in (check_uscc("9135010") or "")
    assert "I" in (check_uscc("91350100M000100I43") or "")
    assert "should be 3" in (check_uscc("91350100M000100Y44") or "")


@given(st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17))
def test_any_code_with_its_check_digit_is_valid(first17: str) -> None:
    assert check_uscc(first17 + uscc_check_char(first17)) is None


@given(st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17), st.sampled_from(USCC_CHARSET))
def test_any_other_last_character_is_refused(first17: str, last: str) -> None:
    code = first17 + last
    assert (check_uscc(code) is None) == (last == uscc_check_char(first17))


def test_lower_case_is_accepted_as_upper_case() -> None:
    assert check_uscc("91350100m000100y43") is None


def test_phones() -> None:
    for ok in [
        "13800138000",
        "138 0013 8000",
        "+86 138-0013-8000",
        "0472-2188000",
        "010-88886666-123",
        "+61 8 9123 4567",
    ]:
        assert check_phone(ok) is None, ok
    for bad in ["12345", "1380013800", "abc", "138001380001", "+86 138 0013 800a"]:
        assert check_phone(bad) is not None, bad


def test_positive_and_date_order() -> None:
    assert check_positive(Decimal("0")) is not None
    assert check_positive(Decimal("0.001")) is None
    assert check_date_order(dt.date(2026, 1, 2), dt.date(2026, 1, 1)) is not None
    assert check_date_order(dt.date(2026, 1, 1), dt.date(2026, 1, 1)) is None
