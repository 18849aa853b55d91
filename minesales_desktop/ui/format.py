"""How values look on screen: money with thousands separators, tonnes to 3 places at most,
enumerations by their label in the user's language, dates as ISO (what Chinese business uses)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any


def money(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return ""
    return f"{value:,.{places}f}"


def number(value: Decimal | None) -> str:
    """Whole numbers without decimals, others with 2 to 4 places, thousands separated."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    exponent = value.normalize().as_tuple().exponent
    places = min(max(-exponent if isinstance(exponent, int) else 2, 2), 4)
    return f"{value:,.{places}f}"


def quantity(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text


def percent(value: Decimal | None, places: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:.{places}f}%"


def date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def display(value: Any) -> str:
    """A generic cell: labels for enumerations, separators for money, '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return str(label()) if callable(label) else str(value.value)
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, dt.date | dt.datetime):
        return date(value)
    return str(value)
