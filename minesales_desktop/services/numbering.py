"""Human-readable document numbers made offline (opportunities, contracts, invoices).

Two laptops at two mine sites may both create a contract the same afternoon without a network, so
numbers cannot come from a counter: the month, then the random tail of a fresh UUIDv7, checked
against this database (a collision with another laptop's number is then caught by the server's
unique constraint and shown as a rejected change).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.ids import new_id


def new_document_number(session: Session, prefix: str, column: Any) -> str:
    """``PREFIX-YYMM-XXXXXX``, unique in this database."""
    month = utcnow().strftime("%y%m")
    while True:
        candidate = f"{prefix}-{month}-{new_id()[-6:].upper()}"
        if not session.scalar(select(func.count()).where(column == candidate)):
            return candidate
