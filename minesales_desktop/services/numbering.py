"""Human-readable document numbers made offline (opportunities, contracts, invoices, tickets).

Two laptops at two mine sites may both create a contract (or open a service ticket) the same
afternoon without a network, so numbers cannot come from a counter: two laptops counting from
the same last number hand out the same next one, and the server's unique constraint then rejects
the second laptop's document at sync. Instead: the month, then the random tail of a fresh UUIDv7,
checked against this database (deleted rows included, so a number is never given out twice on
one device). A clash with another laptop's number is then a 1-in-16.7-million chance per pair of
numbers of one month, still caught by the server's unique constraint and shown as a rejected
change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.db.base import CHINA_TZ, utcnow
from minesales_desktop.ids import new_id


def new_document_number(
    session: Session, prefix: str, column: Any, *, month: str | None = None
) -> str:
    """``PREFIX-MONTH-XXXXXX``, unique in this database (``column`` holds the numbers).

    ``month`` is the month part as the document's owner wants it (tickets: ``YYYYMM`` of the
    receipt); by default ``YYMM`` of now. Both in China time, the month the department lives in
    (a contract made at 07:00 on 1 December is a December contract, not a November one).
    ``XXXXXX`` is six upper-case hex digits of random.
    """
    part = utcnow().astimezone(CHINA_TZ).strftime("%y%m") if month is None else month
    while True:
        candidate = f"{prefix}-{part}-{new_id()[-6:].upper()}"
        if not session.scalar(select(func.count()).where(column == candidate)):
            return candidate


#: What follows a contract's number in the lot numbers the app makes: ``HT-2026-007-L03``.
LOT_INFIX = "-L"


def counted(number: Any, prefix: str) -> int | None:
    """The counter in a number the app made: the digits after ``prefix`` (``HT-2026-007-L``
    → 3 for ``HT-2026-007-L03``); None for anything else (a number typed by hand)."""
    if not isinstance(number, str) or not number.startswith(prefix):
        return None
    digits = number[len(prefix) :]
    return int(digits) if digits.isascii() and digits.isdigit() else None
