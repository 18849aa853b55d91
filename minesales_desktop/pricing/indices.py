"""Quotational periods: which published index quotes a price is based on, and their average.

The app is offline, so index quotes are whatever the user entered or imported (a mapping date →
price). Contracts fix the price on an average over a quotational period (QP) tied to the bill of
lading date: the last N quotes before B/L, the N calendar days before B/L, the month of B/L (M) or
a later month (M+1 … M+3). The average is rounded once, to the index's ``round_to`` (0.01 unless
the terms say otherwise), half-up, before it enters any other arithmetic, because that is the
figure the parties publish and check. A value given directly is used exactly as given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from minesales_desktop.pricing.terms import IndexRef, PricingInputError, QPType
from minesales_desktop.pricing.text import Text, msg

__all__ = ["IndexFix", "add_months", "qp_dates", "resolve_index"]


def add_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) of the calendar month ``months`` after ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return index // 12, index % 12 + 1


def qp_dates(ref: IndexRef, quotes: Mapping[dt.date, Decimal], bl_date: dt.date) -> list[dt.date]:
    """The quote dates of ``ref``'s quotational period, oldest first.

    Raises :class:`PricingInputError` when the period has no (or too few) quotes.
    """
    qp = ref.qp
    dates = sorted(quotes)

    def before(day: dt.date) -> bool:
        return day <= bl_date if qp.include_bl_date else day < bl_date

    if qp.type is QPType.DIRECT:
        chosen = [d for d in dates if d <= bl_date][-1:]
    elif qp.type is QPType.QUOTES_BEFORE_BL:
        eligible = [d for d in dates if before(d)]
        if len(eligible) < qp.n:
            raise PricingInputError(
                f"index {ref.name}: the QP needs the last {qp.n} quotes before B/L {bl_date}, "
                f"only {len(eligible)} given"
            )
        chosen = eligible[-qp.n :]
    elif qp.type is QPType.DAYS_BEFORE_BL:
        first = bl_date - dt.timedelta(days=qp.n)
        chosen = [d for d in dates if first <= d and before(d)]
    else:
        offset = qp.n if qp.type is QPType.MONTH_AFTER_BL else 0
        year, month = add_months(bl_date, offset)
        chosen = [d for d in dates if (d.year, d.month) == (year, month)]
    if not chosen:
        raise PricingInputError(
            f"index {ref.name}: no quotes in the quotational period ({_period(ref, bl_date).en})"
        )
    return chosen


def _period(ref: IndexRef, bl_date: dt.date) -> Text:
    qp = ref.qp
    if qp.type is QPType.QUOTES_BEFORE_BL:
        return msg("qp.quotes_before_bl", n=qp.n, bl=bl_date.isoformat())
    if qp.type is QPType.DAYS_BEFORE_BL:
        first = bl_date - dt.timedelta(days=qp.n)
        last = bl_date if qp.include_bl_date else bl_date - dt.timedelta(days=1)
        return msg(
            "qp.days_before_bl",
            n=qp.n,
            bl=bl_date.isoformat(),
            first=first.isoformat(),
            last=last.isoformat(),
        )
    if qp.type in (QPType.MONTH_OF_BL, QPType.MONTH_AFTER_BL):
        offset = qp.n if qp.type is QPType.MONTH_AFTER_BL else 0
        year, month = add_months(bl_date, offset)
        return msg(
            "qp.month",
            month=f"{year}-{month:02d}",
            offset=f"+{offset}" if offset else "",
            bl=bl_date.isoformat(),
        )
    return msg("qp.direct", bl=bl_date.isoformat())


class IndexFix:
    """The value of one index for one pricing, and the sentence that says where it came from."""

    __slots__ = ("dates", "how", "name", "value")

    def __init__(self, name: str, value: Decimal, how: Text, dates: tuple[dt.date, ...]) -> None:
        self.name = name
        self.value = value
        self.how = how
        self.dates = dates


def resolve_index(
    ref: IndexRef,
    *,
    value: Decimal | None,
    quotes: Mapping[dt.date, Decimal] | None,
    bl_date: dt.date | None,
) -> IndexFix:
    """The index value: ``value`` if given, else the QP average of ``quotes`` around ``bl_date``."""
    if value is not None:
        return IndexFix(ref.name, value, msg("index.direct"), ())
    if not quotes or bl_date is None:
        raise PricingInputError(
            f"index {ref.name}: no value given (give it directly, e.g. --index {ref.name}=VALUE, "
            "or give its quotes and the B/L date)"
        )
    chosen = qp_dates(ref, quotes, bl_date)
    total = sum((quotes[d] for d in chosen), Decimal(0))
    average = (total / len(chosen)).quantize(ref.round_to, rounding=ROUND_HALF_UP)
    how = msg("index.qp", count=len(chosen), period=_period(ref, bl_date))
    return IndexFix(ref.name, average, how, tuple(chosen))
