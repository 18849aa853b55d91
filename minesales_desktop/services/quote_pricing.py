"""A saved quote priced again from what it stores: its terms, index record, expected assay and lot.

One calculation for every place that shows a quote's money, so they cannot disagree: the quote
editor prices the lot while the rep types (the engine, live), the printed quote prints the
breakdown (``documents.quote_pdf``), and the quote row keeps the lot's total for the lists
(``QuoteService.before_save`` → ``Quote.total_amount``). The lot's total is the engine's: the
quantity as settled (wet tonnes turned dry with the expected moisture, quantity-moisture
adjustments), times the unit price, with VAT as the terms say — not quantity × unit price, which
for a price per dry tonne quoted on wet tonnes, or a price without VAT, is another number.

The index: the value(s) the quote was priced at (``quoted_index`` in the terms, recorded since
issue 4); a quote without that record (saved before, imported, demo) uses the catalog's published
quote of the index on the quote's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from minesales_desktop.db.base import CHINA_TZ, utcnow
from minesales_desktop.models.enums import QuantityUnit
from minesales_desktop.services.catalog import latest_quote, price_indices
from minesales_desktop.services.pricing import (
    PriceResult,
    PricingError,
    Terms,
    calculate_price,
    canonical_analyte,
    load_terms,
)


class IndexSource(StrEnum):
    """Where the index value(s) used to recompute the price came from."""

    NONE = "none"  # the terms read no index (fixed price)
    QUOTE = "quote"  # recorded on the quote (``quoted_index``)
    CATALOG = "catalog"  # the catalog's published quote on the quote's date
    MISSING = "missing"  # neither: no breakdown can be made


@dataclass(frozen=True)
class QuotePricing:
    """A quote priced again: per tonne (``unit_result``) and for its lot (``lot_result``)."""

    terms: Terms | None
    index_source: IndexSource
    index_values: tuple[tuple[str, Decimal], ...] = ()
    index_dates: tuple[tuple[str, dt.date], ...] = ()  # catalog quotes: the publication day
    missing_index: tuple[str, ...] = ()
    unit_result: PriceResult | None = None
    lot_result: PriceResult | None = None
    problem: str | None = None  # why there is no breakdown
    lot_problem: str | None = None  # why there is no total for the quantity


def decimal_assay(raw: Any) -> dict[str, Decimal]:
    """A stored assay (text values) as Decimals; empty values, and values that are not finite
    numbers (a "≤20" typed for a quality fact, an imported "62%"), left out."""
    out: dict[str, Decimal] = {}
    if not isinstance(raw, Mapping):
        return out
    for key, value in raw.items():
        if value is None or value == "" or isinstance(value, bool):
            continue
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:  # decimal.InvalidOperation
            continue
        if number.is_finite():
            out[str(key)] = number
    return out


def known_analyte(analyte: str) -> bool:
    """Whether the pricing engine knows the analyte (others are quality facts, not inputs)."""
    try:
        canonical_analyte(analyte)
    except KeyError:
        return False
    return True


def priced_assay(raw: Any) -> dict[str, Decimal]:
    """The stored assay values the engine prices on. Analytes it does not know (an aggregate's
    crushing value, flakiness…) are quality facts for the spec table, never price inputs: the
    terms cannot read them."""
    return {k: v for k, v in decimal_assay(raw).items() if known_analyte(k)}


def quote_day(made: dt.datetime | None) -> dt.date:
    """The day a quote was made, China time (its index quotes are that day's); a quote not yet
    saved is made today. A naive time is UTC, as the database stores it."""
    moment = made or utcnow()
    return moment.replace(tzinfo=moment.tzinfo or dt.UTC).astimezone(CHINA_TZ).date()


def catalog_index(
    session: Session, names: Sequence[str], on: dt.date
) -> tuple[dict[str, Decimal], dict[str, dt.date], list[str]]:
    """The catalog's latest published quote of each index on ``on``: (values, dates, missing)."""
    values: dict[str, Decimal] = {}
    dates: dict[str, dt.date] = {}
    missing: list[str] = []
    for name in names:
        index = price_indices.by_code(session, name)
        quote = latest_quote(session, index.id, on) if index is not None else None
        if quote is None:
            missing.append(name)
        else:
            values[name], dates[name] = quote.price, quote.quote_date
    return values, dates, missing


def price_quote(
    session: Session,
    price_terms: Mapping[str, Any] | None,
    expected_assay: Mapping[str, Any] | None,
    quantity: Decimal | None,
    quantity_unit: QuantityUnit,
    on: dt.date,
) -> QuotePricing:
    """Price a quote again from what it stores (``on``: the day it was made, China time)."""
    # Stored data need not be what the editor writes (an import, an old record): whatever the
    # engine cannot read or compute is a problem to show, never an exception.
    if not isinstance(price_terms, Mapping):
        return QuotePricing(None, IndexSource.MISSING, problem="the price terms are not a mapping")
    try:
        terms = load_terms(dict(price_terms))
    except (PricingError, ArithmeticError, TypeError, ValueError) as exc:
        return QuotePricing(None, IndexSource.MISSING, problem=str(exc))
    names = terms.index_names()
    dates: dict[str, dt.date] = {}
    missing: list[str] = []
    if not names:
        source, index = IndexSource.NONE, {}
    elif terms.quoted_index and {n for n, _ in terms.quoted_index} >= set(names):
        source, index = IndexSource.QUOTE, dict(terms.quoted_index)
    else:
        index, dates, missing = catalog_index(session, names, on)
        source = IndexSource.MISSING if missing else IndexSource.CATALOG
    index_values = tuple((n, index[n]) for n in names if n in index)
    unit_result = lot_result = None
    problem = lot_problem = None
    assay = priced_assay(expected_assay)
    if missing:
        problem = ", ".join(missing)
    else:
        try:
            unit_result = calculate_price(terms, assay, index=index)
        except (PricingError, ArithmeticError) as exc:
            problem = str(exc)
        if unit_result is not None and quantity is not None:
            try:
                lot_result = calculate_price(
                    terms,
                    assay,
                    index=index,
                    quantity=quantity,
                    quantity_is_dry=quantity_unit is QuantityUnit.DMT,
                )
            except (PricingError, ArithmeticError) as exc:
                lot_problem = str(exc)
    return QuotePricing(
        terms,
        source,
        index_values,
        tuple(dates.items()),
        tuple(missing),
        unit_result,
        lot_result,
        problem,
        lot_problem,
    )
