"""The quote calculator: the one module quotes, contracts, the UI and the PDFs import for prices.

It is a facade over :mod:`minesales_desktop.pricing` (terms format, quotational periods, engine),
which is pure Python with exact ``Decimal`` arithmetic and no Qt or database, so it runs the same on
the DB worker, in the CLI and in tests. Typical use::

    terms = load_terms(path_or_mapping)              # or load_template("dce_iron_ore")
    result = calculate_price(terms, {"Fe": Decimal("61.2"), ...}, index=Decimal("800"))
    result.unit_price, result.lines                   # the breakdown, line by line

Rounding points and the JSON format are documented in the engine's docstring and in
``docs/pricing-terms.md``.
"""

from __future__ import annotations

from minesales_desktop.pricing.analytes import ANALYTES, Analyte, canonical_analyte
from minesales_desktop.pricing.engine import (
    BreakdownLine,
    InvoiceSettlement,
    LineKind,
    PriceResult,
    TierOutcome,
    add_vat,
    calculate_price,
    dry_to_wet,
    evaluate_tier,
    remove_vat,
    round_half_up,
    settle_final_invoice,
    wet_to_dry,
)
from minesales_desktop.pricing.indices import qp_dates, resolve_index
from minesales_desktop.pricing.templates import list_templates, load_template, template_text
from minesales_desktop.pricing.terms import (
    FORMAT_VERSION,
    PriceTermsError,
    PricingError,
    PricingInputError,
    Terms,
    dump_terms,
    load_terms,
    parse_terms,
    parse_terms_json,
)
from minesales_desktop.pricing.text import MESSAGES, Text

__all__ = [
    "ANALYTES",
    "FORMAT_VERSION",
    "MESSAGES",
    "Analyte",
    "BreakdownLine",
    "InvoiceSettlement",
    "LineKind",
    "PriceResult",
    "PriceTermsError",
    "PricingError",
    "PricingInputError",
    "Terms",
    "Text",
    "TierOutcome",
    "add_vat",
    "calculate_price",
    "canonical_analyte",
    "dry_to_wet",
    "dump_terms",
    "evaluate_tier",
    "list_templates",
    "load_template",
    "load_terms",
    "parse_terms",
    "parse_terms_json",
    "qp_dates",
    "remove_vat",
    "resolve_index",
    "round_half_up",
    "settle_final_invoice",
    "template_text",
    "wet_to_dry",
]
