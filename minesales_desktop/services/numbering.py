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
