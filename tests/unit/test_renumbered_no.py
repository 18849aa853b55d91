"""A quote number follows its version when the server renumbers the quote
(``changes.renumbered_no``): the trailing version changes, written as it was; a number that does
not end in its version stays."""

from __future__ import annotations

import pytest

from minesales_desktop.sync.changes import renumbered_no


@pytest.mark.parametrize(
    ("number", "old", "new", "expected"),
    [
        ("OPP-2611-3E7F32-Q2", 2, 3, "OPP-2611-3E7F32-Q3"),
        ("BJ2026-00004-V9", 9, 10, "BJ2026-00004-V10"),
        ("HT-2026-001", 1, 2, "HT-2026-002"),  # zero padding kept
        ("报价-第2版", 2, 3, "报价-第2版"),  # does not end in its version: unchanged
        ("Q12", 2, 3, "Q12"),  # ends in another number: unchanged
    ],
)
def test_renumbered_no(number: str, old: int, new: int, expected: str) -> None:
    assert renumbered_no(number, old, new) == expected
