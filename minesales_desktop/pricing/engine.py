"""The commodity price calculator: terms + assay + index + quantity → a priced, explained result.

Why it looks like this: a sales rep must be able to defend every cent of a quote to a buyer and a
manager must be able to check it, so the result is not a number but a breakdown, line by line, each
line carrying the rule that made it (a machine code and a zh/en sentence with the arithmetic). The
same result feeds the quote editor, the PDFs, the CLI and the contract's invoices, so it is a
frozen dataclass with ``to_dict()`` for JSON.

Arithmetic is exact ``Decimal`` throughout; rounding happens only at these defined points, always
``ROUND_HALF_UP`` (the quanta come from the terms' ``rounding`` section, defaults in brackets):

1. an index averaged over a quotational period → the index's ``round_to`` [0.01];
2. every price line of the breakdown (base, pro-rata result, each payable metal, TC, RC, each
   linear or tier adjustment) → ``rounding.price`` [0.01]; the unit price is the exact sum of the
   rounded lines shown, so the breakdown always adds up to the cent;
3. the FX-converted unit price → ``rounding.price``;
4. tonnes (wet → dry, dry → wet, moisture quantity adjustment) → ``rounding.quantity`` [0.001];
5. amounts (quantity × unit price, VAT, provisional invoice) → ``rounding.amount`` [0.01]. With
   VAT-inclusive prices the net is ``gross / (1 + rate)`` rounded and the VAT is the difference,
   so net + VAT = gross exactly; with exclusive prices VAT is ``net × rate`` rounded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Decimal,
    InvalidOperation,
    localcontext,
)
from enum import StrEnum
from typing import Any

from minesales_desktop.pricing.analytes import MOISTURE, canonical_analyte
from minesales_desktop.pricing.indices import IndexFix, resolve_index
from minesales_desktop.pricing.terms import (
    GRAMS_PER_TROY_OUNCE,
    KG_PER_POUND,
    AmountType,
    Band,
    CalorificPrice,
    CoefficientMetal,
    FixedPrice,
    Fractions,
    GradeProRataPrice,
    IndexPrice,
    IndexRef,
    LocalizedName,
    MetalCoefficientPrice,
    PayableMetal,
    PayableMetalPrice,
    PriceRef,
    PricingInputError,
    Side,
    Terms,
    TierAggregation,
    TierMethod,
    TierTable,
    TreatmentCharge,
    ValueInUsePrice,
)
from minesales_desktop.pricing.text import Text, fmt, msg, signed

__all__ = [
    "BreakdownLine",
    "InvoiceSettlement",
    "LineKind",
    "PriceResult",
    "TierOutcome",
    "add_vat",
    "calculate_price",
    "dry_to_wet",
    "evaluate_tier",
    "remove_vat",
    "round_half_up",
    "settle_final_invoice",
    "wet_to_dry",
]

_LB_PER_TONNE = Decimal(1000) / KG_PER_POUND  # computed under the module's default precision
_HUNDRED = Decimal(100)


class LineKind(StrEnum):
    """What a breakdown line is; the UI styles lines by kind (subtotals bold, notes grey…)."""

    BASE = "base"  # makes up the base price
    ADJUSTMENT = "adjustment"  # added to the base price (bonus > 0, penalty/deduction < 0)
    SUBTOTAL = "subtotal"  # the unit price
    FX = "fx"  # the unit price converted to the settlement currency
    QUANTITY = "quantity"  # tonnes
    AMOUNT = "amount"  # quantity × unit price
    NET = "net"
    VAT = "vat"
    TOTAL = "total"
    INVOICE = "invoice"
    NOTE = "note"  # information, e.g. a value beyond the tier table
    REJECT = "reject"  # a reject limit is exceeded


@dataclass(frozen=True)
class BreakdownLine:
    """One line of the breakdown: what (label), why (rule, with the arithmetic) and how much."""

    kind: LineKind
    label: Text
    rule: Text
    amount: Decimal | None = None
    unit: str = ""
    analyte: str | None = None
    value: Decimal | None = None  # the assay value the line used
    applied: bool = True  # False when shown for information only (dropped by WORST aggregation)

    @property
    def code(self) -> str:
        """The machine code of the rule that made this line (``tier.cumulative``, ``price.tc``…)."""
        return self.rule.code

    def render(self, lang: str = "zh_CN") -> tuple[str, str, str]:
        """(label, rule, amount) as display strings."""
        amount = "" if self.amount is None else fmt(self.amount)
        return self.label.render(lang), self.rule.render(lang), amount

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "code": self.code,
            "label": self.label.to_dict(),
            "rule": self.rule.to_dict(),
            "amount": None if self.amount is None else str(self.amount),
            "unit": self.unit,
            "analyte": self.analyte,
            "value": None if self.value is None else str(self.value),
            "applied": self.applied,
        }


def _opt(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class PriceResult:
    """A priced lot or quote. Unit prices are per ``price_unit`` in ``currency``.

    ``unit_price`` is the price as the terms quote it (VAT included when ``vat_included``);
    ``unit_price_net``/``unit_vat``/``unit_price_gross`` split it. Amounts are ``None`` when no
    quantity was given.
    """

    terms_code: str
    terms_name: LocalizedName
    currency: str
    price_currency: str
    price_unit: str
    base_price: Decimal
    unit_price: Decimal
    unit_price_net: Decimal
    unit_vat: Decimal
    unit_price_gross: Decimal
    vat_rate: Decimal
    vat_included: bool
    fx_rate: Decimal | None
    quantity: Decimal | None
    net_amount: Decimal | None
    vat_amount: Decimal | None
    total: Decimal | None
    provisional_invoice: Decimal | None
    rejected: bool
    rejections: tuple[Text, ...]
    notes: tuple[Text, ...]
    index_values: tuple[tuple[str, Decimal], ...]
    lines: tuple[BreakdownLine, ...]

    @property
    def unit(self) -> str:
        return f"{self.currency}/{self.price_unit}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: Decimals as strings, texts with code, params, en and zh."""
        return {
            "terms_code": self.terms_code,
            "terms_name": {"zh": self.terms_name.zh, "en": self.terms_name.en},
            "currency": self.currency,
            "price_currency": self.price_currency,
            "price_unit": self.price_unit,
            "base_price": str(self.base_price),
            "unit_price": str(self.unit_price),
            "unit_price_net": str(self.unit_price_net),
            "unit_vat": str(self.unit_vat),
            "unit_price_gross": str(self.unit_price_gross),
            "vat_rate": str(self.vat_rate),
            "vat_included": self.vat_included,
            "fx_rate": _opt(self.fx_rate),
            "quantity": _opt(self.quantity),
            "net_amount": _opt(self.net_amount),
            "vat_amount": _opt(self.vat_amount),
            "total": _opt(self.total),
            "provisional_invoice": _opt(self.provisional_invoice),
            "rejected": self.rejected,
            "rejections": [t.to_dict() for t in self.rejections],
            "notes": [t.to_dict() for t in self.notes],
            "index_values": {name: str(value) for name, value in self.index_values},
            "lines": [line.to_dict() for line in self.lines],
        }


@dataclass(frozen=True)
class InvoiceSettlement:
    """The final invoice of a lot: final value less the provisional invoice = balance due."""

    currency: str
    final_value: Decimal
    provisional_invoiced: Decimal
    balance_due: Decimal  # negative: the seller owes the buyer (credit note)
    lines: tuple[BreakdownLine, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "final_value": str(self.final_value),
            "provisional_invoiced": str(self.provisional_invoiced),
            "balance_due": str(self.balance_due),
            "lines": [line.to_dict() for line in self.lines],
        }


# --- small exact helpers --------------------------------------------------------------------------


def round_half_up(value: Decimal, quantum: Decimal) -> Decimal:
    """``value`` rounded to ``quantum`` (0.01, 0.001…) half away from zero."""
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def wet_to_dry(wet: Decimal, moisture_pct: Decimal, quantum: Decimal = Decimal("0.001")) -> Decimal:
    """Dry tonnes of ``wet`` tonnes at ``moisture_pct`` % moisture: wet × (100 − H2O) / 100."""
    _check_moisture(moisture_pct)
    return round_half_up(wet * (_HUNDRED - moisture_pct) / _HUNDRED, quantum)


def dry_to_wet(dry: Decimal, moisture_pct: Decimal, quantum: Decimal = Decimal("0.001")) -> Decimal:
    """Wet tonnes holding ``dry`` dry tonnes at ``moisture_pct`` %: dry × 100 / (100 − H2O)."""
    _check_moisture(moisture_pct)
    return round_half_up(dry * _HUNDRED / (_HUNDRED - moisture_pct), quantum)


def _check_moisture(moisture_pct: Decimal) -> None:
    if not Decimal(0) <= moisture_pct < _HUNDRED:
        raise PricingInputError(f"moisture must be from 0 to below 100 %, got {fmt(moisture_pct)}")


def add_vat(
    net: Decimal, rate_pct: Decimal, quantum: Decimal = Decimal("0.01")
) -> tuple[Decimal, Decimal]:
    """(VAT, gross) of an exclusive ``net``: VAT = net × rate rounded, gross = net + VAT."""
    vat = round_half_up(net * rate_pct / _HUNDRED, quantum)
    return vat, net + vat


def remove_vat(
    gross: Decimal, rate_pct: Decimal, quantum: Decimal = Decimal("0.01")
) -> tuple[Decimal, Decimal]:
    """(net, VAT) of an inclusive ``gross``: net = gross / (1 + rate) rounded, VAT = difference."""
    net = round_half_up(gross * _HUNDRED / (_HUNDRED + rate_pct), quantum)
    return net, gross - net


def _show(value: Decimal) -> str:
    """A computed figure for a rule sentence: at most 6 decimals, no trailing zeros."""
    shown = value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP) if _long(value) else value
    if shown == shown.to_integral_value():
        return fmt(shown.quantize(Decimal(1)))
    return fmt(shown.normalize())


def _signed_show(value: Decimal) -> str:
    text = _show(value)
    if value > 0:
        return "+" + text
    return "−" + text[1:] if text.startswith("-") else text


def _long(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -6


# --- tier tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TierOutcome:
    """One tier table applied to one value, before rounding."""

    amount: Decimal
    rule: Text
    beyond: Text | None = None  # the value lies outside the bands; adjusted only to the edge
    rejection: Text | None = None


def _steps(distance: Decimal, step: Decimal, fractions: Fractions) -> Decimal:
    steps = distance / step
    if fractions is Fractions.WHOLE_STEPS:
        return steps.to_integral_value(rounding=ROUND_FLOOR)
    if fractions is Fractions.PART_STEP_COUNTS:
        return steps.to_integral_value(rounding=ROUND_CEILING)
    return steps


def evaluate_tier(table: TierTable, value: Decimal, base_price: Decimal) -> TierOutcome:
    """Apply ``table`` to ``value``; ``base_price`` is what percent amounts are a percent of.

    Above the base, the bands that start at or above it count the distance upward; below the
    base, the bands that end at or below it count the distance downward. CUMULATIVE adds each
    band's slice at that band's rate; WHOLE_DIFFERENCE takes the whole distance from the base at
    the rate of the band the value falls in (upper edge inclusive above the base, lower edge
    inclusive below it). A value beyond the outermost band is adjusted only up to that band's
    edge and a note says so; reject limits are strict (above ``reject_above`` / below
    ``reject_below``).
    """
    name = table.analyte
    rejection = None
    if table.reject_above is not None and value > table.reject_above:
        rejection = msg("tier.reject_above", analyte=name, value=value, limit=table.reject_above)
    if table.reject_below is not None and value < table.reject_below:
        rejection = msg("tier.reject_below", analyte=name, value=value, limit=table.reject_below)

    above = value > table.base
    side = [
        b
        for b in table.bands
        if (above and b.lo is not None and b.lo >= table.base)
        or (not above and b.hi is not None and b.hi <= table.base)
    ]
    if not above:
        side.reverse()  # nearest the base first
    if value == table.base or not side:
        return TierOutcome(Decimal(0), msg("tier.none", base=table.base), None, rejection)

    edge = side[-1].hi if above else side[-1].lo
    beyond = None
    effective = value
    if edge is not None and (value > edge if above else value < edge):
        effective = edge
        if rejection is None:
            beyond = msg("tier.beyond", analyte=name, value=value, edge=edge)

    def per_step(band: Band) -> Decimal:
        if table.amount_type is AmountType.PERCENT:
            return band.amount * base_price / _HUNDRED
        return band.amount

    def amount_text(band: Band) -> str:
        if table.amount_type is AmountType.PERCENT:
            return f"{signed(band.amount)}% × {fmt(base_price)}"
        return signed(band.amount)

    if table.method is TierMethod.CUMULATIVE:
        total = Decimal(0)
        parts: list[Text] = []
        for band in side:
            if above:
                assert band.lo is not None
                if effective <= band.lo:
                    break
                lo, hi = band.lo, effective if band.hi is None else min(effective, band.hi)
            else:
                assert band.hi is not None
                if effective >= band.hi:
                    break
                lo, hi = (effective if band.lo is None else max(effective, band.lo)), band.hi
            steps = _steps(hi - lo, band.step, table.fractions)
            total += steps * per_step(band)
            parts.append(
                msg("tier.part", lo=lo, hi=hi, steps=_show(steps), amount=amount_text(band))
            )
        joined = Text(
            "tier.parts",
            (),
            " + ".join(p.en for p in parts),
            " + ".join(p.zh for p in parts),
        )
        rule = msg("tier.cumulative", parts=joined, result=_signed_show(total))
        return TierOutcome(total, rule, beyond, rejection)

    for band in side:
        lo = band.lo if band.lo is not None else effective
        hi = band.hi if band.hi is not None else effective
        inside = lo < effective <= hi if above else lo <= effective < hi
        if inside:
            distance = abs(effective - table.base)
            steps = _steps(distance, band.step, table.fractions)
            total = steps * per_step(band)
            rule = msg(
                "tier.whole",
                diff=_show(distance),
                base=table.base,
                lo=lo if band.lo is not None else "−∞",
                hi=hi if band.hi is not None else "∞",
                steps=_show(steps),
                amount=amount_text(band),
                result=_signed_show(total),
            )
            return TierOutcome(total, rule, beyond, rejection)
    raise AssertionError("contiguous bands always contain the effective value")  # pragma: no cover


# --- the calculation ----------------------------------------------------------------------------


def _input_decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise PricingInputError(f"{what}: must be an exact number (Decimal, int or text)")
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise PricingInputError(f"{what}: {value!r} is not a number") from None
    if not number.is_finite():
        raise PricingInputError(f"{what}: {value!r} is not a finite number")
    if number and not -12 <= number.adjusted() <= 12:
        raise PricingInputError(f"{what}: {value!r} is out of range for a price, grade or tonnage")
    return number


class _Assay:
    """The assay by canonical analyte code; combined analytes are summed from their parts."""

    def __init__(self, assay: Mapping[str, object]) -> None:
        self.values: dict[str, Decimal] = {}
        for key, raw in assay.items():
            try:
                code = canonical_analyte(key).code
            except KeyError as exc:
                raise PricingInputError(f"assay: {exc.args[0]}") from None
            if code in self.values:
                raise PricingInputError(f"assay: {code} is given twice")
            self.values[code] = _input_decimal(raw, f"assay {code}")

    def get(self, code: str, needed_by: str) -> Decimal:
        if code in self.values:
            return self.values[code]
        parts = code.split("+")
        if len(parts) > 1 and all(p in self.values for p in parts):
            return sum((self.values[p] for p in parts), Decimal(0))
        hint = ""
        if code in ("NAR", "GAR"):
            other = "GAR" if code == "NAR" else "NAR"
            if other in self.values:
                hint = f" (the price is on {code} basis; {other} was given)"
        raise PricingInputError(f"assay: {code} is needed by {needed_by} but not given{hint}")

    def moisture(self) -> Decimal | None:
        for code in MOISTURE:
            if code in self.values:
                return self.values[code]
        return None


class _Calc:
    """One pricing run: collects lines as it goes."""

    def __init__(
        self,
        terms: Terms,
        assay: _Assay,
        fixes: dict[str, IndexFix],
    ) -> None:
        self.terms = terms
        self.assay = assay
        self.fixes = fixes
        self.lines: list[BreakdownLine] = []
        self.rejections: list[Text] = []
        self.notes: list[Text] = []
        self.q = terms.rounding.price
        self.unit = f"{terms.currency}/{terms.price_unit}"

    def r(self, value: Decimal) -> Decimal:
        return round_half_up(value, self.q)

    def add(
        self,
        kind: LineKind,
        label: Text,
        rule: Text,
        amount: Decimal | None,
        *,
        unit: str | None = None,
        analyte: str | None = None,
        value: Decimal | None = None,
    ) -> None:
        self.lines.append(
            BreakdownLine(
                kind, label, rule, amount, self.unit if unit is None else unit, analyte, value
            )
        )

    def analyte_label(self, code: str, value: Decimal) -> Text:
        unit = canonical_analyte(code).unit
        shown = f" {unit}" if unit and unit != "%" else unit
        return msg("label.analyte", analyte=code, value=value, unit=shown)

    # -- reference prices --

    def reference(self, ref: PriceRef) -> tuple[Decimal, Text]:
        """(value, description) of a fixed value or an index."""
        if ref.index is None:
            assert ref.value is not None
            return ref.value, msg("price.fixed", value=ref.value)
        fix = self.fixes[ref.index.name]
        text = msg("price.index", index=fix.name, how=fix.how, value=fix.value)
        return fix.value, text

    def reference_line(self, ref: PriceRef) -> Decimal:
        value, text = self.reference(ref)
        label = msg("label.base") if ref.index is None else msg("label.index", index=ref.index.name)
        self.add(LineKind.BASE, label, text, self.r(value))
        return value

    def differential(self, value: Decimal) -> None:
        if value:
            self.add(
                LineKind.BASE,
                msg("label.differential"),
                msg("price.differential", value=signed(value)),
                self.r(value),
            )

    # -- modes --

    def base(self) -> None:
        price = self.terms.price
        if isinstance(price, FixedPrice):
            self.add(
                LineKind.BASE,
                msg("label.base"),
                msg("price.fixed", value=price.value),
                self.r(price.value),
            )
        elif isinstance(price, IndexPrice):
            self.reference_line(PriceRef(index=price.index))
            self.differential(price.differential)
        elif isinstance(price, GradeProRataPrice | CalorificPrice):
            self.pro_rata(price)
        elif isinstance(price, ValueInUsePrice):
            self.reference_line(price.reference)
            self.differential(price.differential)
            grade = self.assay.get(price.analyte, "the value-in-use price")
            amount = (grade - price.base) * price.per_1pct
            self.add(
                LineKind.ADJUSTMENT,
                self.analyte_label(price.analyte, grade),
                msg(
                    "price.viu",
                    analyte=price.analyte,
                    value=grade,
                    base=price.base,
                    per_1pct=price.per_1pct,
                    result=_signed_show(amount),
                ),
                self.r(amount),
                analyte=price.analyte,
                value=grade,
            )
        elif isinstance(price, PayableMetalPrice):
            self.payable(price)
        else:
            self.coefficient(price)

    def pro_rata(self, price: GradeProRataPrice | CalorificPrice) -> None:
        ref_value, ref_text = self.reference(price.reference)
        grade = self.assay.get(price.analyte, "the pro-rata price")
        before = isinstance(price, GradeProRataPrice) and price.differential_before_pro_rata
        if before:
            ref_value += price.differential
            ref_text = Text(
                ref_text.code,
                ref_text.params,
                f"({ref_text.en} {signed(price.differential)})",
                f"({ref_text.zh} {signed(price.differential)})",
            )
        result = ref_value * grade / price.base
        code = "price.calorific" if isinstance(price, CalorificPrice) else "price.pro_rata"
        self.add(
            LineKind.BASE,
            self.analyte_label(price.analyte, grade),
            msg(
                code,
                reference=ref_text,
                analyte=price.analyte,
                value=grade,
                base=price.base,
                result=_show(result),
            ),
            self.r(result),
            analyte=price.analyte,
            value=grade,
        )
        if not before:
            self.differential(price.differential)

    def payable(self, price: PayableMetalPrice) -> None:
        metal_prices: dict[str, Decimal] = {}
        rc_lines: list[tuple[PayableMetal, Decimal]] = []
        for metal in price.metals:
            grade = self.assay.get(metal.metal, f"payable {metal.metal}")
            unit = canonical_analyte(metal.metal).unit
            payable = max(
                Decimal(0),
                min(grade * metal.payable_pct / _HUNDRED, grade - metal.min_deduction),
            )
            metal_price, price_text = self.reference(metal.reference)
            metal_prices[metal.metal] = metal_price
            value = _metal_quantity(payable, unit, metal.price_per) * metal_price
            self.add(
                LineKind.BASE,
                msg("label.metal", metal=metal.metal),
                msg(
                    "price.payable",
                    metal=metal.metal,
                    grade=grade,
                    unit=unit if unit == "%" else " " + unit,
                    payable=_show(payable),
                    pct=metal.payable_pct,
                    min_ded=metal.min_deduction,
                    price=price_text,
                    per=metal.price_per,
                    result=_show(value),
                ),
                self.r(value),
                analyte=metal.metal,
                value=grade,
            )
            if metal.rc is not None:
                rc_lines.append((metal, payable))
        if price.tc is not None:
            self.treatment_charge(price.tc, metal_prices)
        for metal, payable in rc_lines:
            assert metal.rc is not None
            unit = canonical_analyte(metal.metal).unit
            qty = _metal_quantity(payable, unit, metal.rc.per)
            charge = qty * metal.rc.amount
            self.add(
                LineKind.ADJUSTMENT,
                msg("label.rc", metal=metal.metal),
                msg(
                    "price.rc",
                    rc=metal.rc.amount,
                    per=metal.rc.per,
                    qty=_show(qty),
                    metal=metal.metal,
                    result=_show(charge),
                ),
                -self.r(charge),
                analyte=metal.metal,
            )

    def treatment_charge(self, tc: TreatmentCharge, metal_prices: Mapping[str, Decimal]) -> None:
        charge = tc.value
        escalation: Text | str = ""
        if tc.escalator is not None:
            driver = tc.escalator.analyte
            outcome = evaluate_tier(tc.escalator, metal_prices[driver], Decimal(0))
            charge += outcome.amount
            escalation = msg(
                "price.tc_escalation",
                metal=driver,
                price=metal_prices[driver],
                basis=tc.escalator.base,
                change=outcome.rule,
            )
            if outcome.beyond is not None:
                self.notes.append(outcome.beyond)
        limited = charge
        if tc.floor is not None:
            limited = max(limited, tc.floor)
        if tc.cap is not None:
            limited = min(limited, tc.cap)
        if limited != charge:
            extra = msg("price.tc_limited", limit=limited)
            escalation = Text(
                "price.tc_escalation",
                (),
                (escalation.en if isinstance(escalation, Text) else "") + extra.en,
                (escalation.zh if isinstance(escalation, Text) else "") + extra.zh,
            )
        self.add(
            LineKind.ADJUSTMENT,
            msg("label.tc"),
            msg("price.tc", base=tc.value, escalation=escalation, result=_show(limited)),
            -self.r(limited),
        )

    def coefficient(self, price: MetalCoefficientPrice) -> None:
        for metal in price.metals:
            grade = self.assay.get(metal.metal, f"the {metal.metal} coefficient price")
            unit = canonical_analyte(metal.metal).unit
            coefficient, band_text = _coefficient_for(metal, grade)
            metal_price, price_text = self.reference(metal.reference)
            grade_factor = grade / _HUNDRED if unit == "%" else grade
            value = metal_price * coefficient * grade_factor
            self.add(
                LineKind.BASE,
                msg("label.metal", metal=metal.metal),
                msg(
                    "price.coefficient",
                    metal=metal.metal,
                    price=price_text,
                    coefficient=coefficient,
                    source=band_text,
                    grade=grade,
                    unit=unit if unit == "%" else " " + unit,
                    result=_show(value),
                ),
                self.r(value),
                analyte=metal.metal,
                value=grade,
            )

    # -- adjustments --

    def linear(self) -> None:
        for adj in self.terms.linear:
            value = self.assay.get(adj.analyte, f"the {adj.analyte} adjustment")
            deviation = value - adj.base
            counts = (
                adj.apply is Side.BOTH
                or (adj.apply is Side.ABOVE and deviation > 0)
                or (adj.apply is Side.BELOW and deviation < 0)
            )
            if counts and deviation:
                amount = deviation / adj.per * adj.amount
                rule = msg(
                    "adj.linear",
                    value=value,
                    base=adj.base,
                    per=adj.per,
                    amount=signed(adj.amount),
                    result=_signed_show(amount),
                )
            else:
                amount = Decimal(0)
                rule = msg("adj.linear_none", base=adj.base)
            self.add(
                LineKind.ADJUSTMENT,
                self.analyte_label(adj.analyte, value),
                rule,
                self.r(amount),
                analyte=adj.analyte,
                value=value,
            )

    def tiers(self, base_price: Decimal) -> None:
        outcomes: list[tuple[TierTable, Decimal, TierOutcome]] = []
        for table in self.terms.tiers:
            value = self.assay.get(table.analyte, f"the {table.analyte} tier table")
            outcomes.append((table, value, evaluate_tier(table, value, base_price)))
        worst_index = None
        if self.terms.tier_aggregation is TierAggregation.WORST:
            penalties = [
                (self.r(o.amount), i) for i, (_, _, o) in enumerate(outcomes) if o.amount < 0
            ]
            if penalties:
                worst_index = min(penalties)[1]
        for i, (table, value, outcome) in enumerate(outcomes):
            dropped_for = None
            if worst_index is not None and i != worst_index and self.r(outcome.amount) < 0:
                dropped_for = outcomes[worst_index][0].analyte
            if table.bands:
                self.tier_line(table, value, outcome, dropped_for)
            if outcome.rejection is not None:
                self.rejections.append(outcome.rejection)
                self.add(
                    LineKind.REJECT,
                    msg("label.reject", analyte=table.analyte),
                    outcome.rejection,
                    None,
                    analyte=table.analyte,
                    value=value,
                )

    def tier_line(
        self, table: TierTable, value: Decimal, outcome: TierOutcome, dropped_for: str | None
    ) -> None:
        """The adjustment line of one table; ``dropped_for`` names the worst penalty that won."""
        rule = outcome.rule
        if dropped_for is not None:
            dropped = msg("tier.worst_dropped", worst=dropped_for)
            rule = Text(
                rule.code, rule.params, f"{rule.en}; {dropped.en}", f"{rule.zh}; {dropped.zh}"
            )
        self.lines.append(
            BreakdownLine(
                LineKind.ADJUSTMENT,
                self.analyte_label(table.analyte, value),
                rule,
                self.r(outcome.amount),
                self.unit,
                table.analyte,
                value,
                applied=dropped_for is None,
            )
        )
        if outcome.beyond is not None:
            self.notes.append(outcome.beyond)
            self.add(LineKind.NOTE, msg("label.warning"), outcome.beyond, None)

    def price_sum(self) -> Decimal:
        return sum(
            (
                line.amount
                for line in self.lines
                if line.applied
                and line.amount is not None
                and line.kind in (LineKind.BASE, LineKind.ADJUSTMENT)
            ),
            Decimal(0),
        )


def _metal_quantity(payable: Decimal, grade_unit: str, per: str) -> Decimal:
    """Payable metal per dmt of concentrate, in units of ``per`` (t, lb, toz or g)."""
    if grade_unit == "%":
        tonnes = payable / _HUNDRED
        return tonnes * _LB_PER_TONNE if per == "lb" else tonnes
    # g/t: grams of metal per tonne of concentrate
    return payable / GRAMS_PER_TROY_OUNCE if per == "toz" else payable


def _coefficient_for(metal: CoefficientMetal, grade: Decimal) -> tuple[Decimal, Text | str]:
    if metal.coefficient is not None:
        return metal.coefficient, ""
    last = len(metal.table) - 1
    for i, band in enumerate(metal.table):
        top_inclusive = i == last and band.hi is not None and grade == band.hi
        if band.lo <= grade and (band.hi is None or grade < band.hi or top_inclusive):
            hi = "∞" if band.hi is None else fmt(band.hi)
            return band.coefficient, msg("price.coefficient_band", band=f"{fmt(band.lo)}–{hi}")
    top = metal.table[-1].hi
    raise PricingInputError(
        f"assay: {metal.metal} {fmt(grade)} is outside the coefficient table "
        f"({fmt(metal.table[0].lo)}–{'∞' if top is None else fmt(top)})"
    )


def _index_inputs(
    terms: Terms,
    index: Decimal | Mapping[str, Decimal] | None,
    quotes: Mapping[str, Mapping[dt.date, Decimal]] | None,
) -> tuple[dict[str, Decimal], dict[str, Mapping[dt.date, Decimal]]]:
    names = terms.index_names()
    lower = {n.lower(): n for n in names}
    values: dict[str, Decimal] = {}
    if isinstance(index, Mapping):
        for key, raw in index.items():
            name = lower.get(key.lower())
            if name is None:
                used = ", ".join(names) or "none"
                raise PricingInputError(f"index {key}: the terms do not use it (they use: {used})")
            values[name] = _input_decimal(raw, f"index {key}")
    elif index is not None:
        if len(names) > 1:
            raise PricingInputError(
                f"the terms use several indices ({', '.join(names)}); give each by name"
            )
        if names:
            values[names[0]] = _input_decimal(index, f"index {names[0]}")
    by_name: dict[str, Mapping[dt.date, Decimal]] = {}
    for key, series in (quotes or {}).items():
        name = lower.get(key.lower())
        if name is not None:
            by_name[name] = series
    return values, by_name


def calculate_price(
    terms: Terms,
    assay: Mapping[str, Decimal | int | str],
    *,
    index: Decimal | Mapping[str, Decimal] | None = None,
    quotes: Mapping[str, Mapping[dt.date, Decimal]] | None = None,
    bl_date: dt.date | None = None,
    quantity: Decimal | None = None,
    quantity_is_dry: bool = False,
    moisture: Decimal | None = None,
    fx_rate: Decimal | None = None,
) -> PriceResult:
    """Price one lot (or one tonne, when ``quantity`` is None) under ``terms``.

    ``assay`` maps analyte → value (``Fe``, ``SiO2``, ``NAR``… in the units of
    :mod:`minesales_desktop.pricing.analytes`). Index values are given directly with ``index``
    (one value when the terms use one index, else a mapping name → value) or as ``quotes`` (name
    → date → price) averaged over each index's quotational period around ``bl_date``.
    ``quantity`` is in wet tonnes unless ``quantity_is_dry``; ``moisture`` (%) defaults to the
    assay's H2O or TM. ``fx_rate`` (settlement currency per terms currency) overrides the rate in
    the terms. Raises :class:`PricingInputError` when an input is missing or unusable; see the
    module docstring for the rounding points.
    """
    with localcontext() as ctx:
        ctx.prec = 40
        return _calculate(
            terms, assay, index, quotes, bl_date, quantity, quantity_is_dry, moisture, fx_rate
        )


def _calculate(
    terms: Terms,
    assay_in: Mapping[str, Decimal | int | str],
    index: Decimal | Mapping[str, Decimal] | None,
    quotes: Mapping[str, Mapping[dt.date, Decimal]] | None,
    bl_date: dt.date | None,
    quantity_in: Decimal | None,
    quantity_is_dry: bool,
    moisture_in: Decimal | None,
    fx_in: Decimal | None,
) -> PriceResult:
    assay = _Assay(assay_in)
    values, series = _index_inputs(terms, index, quotes)
    fixes: dict[str, IndexFix] = {}
    for ref_name in terms.index_names():
        ref = _find_index_ref(terms, ref_name)
        fixes[ref_name] = resolve_index(
            ref, value=values.get(ref_name), quotes=series.get(ref_name), bl_date=bl_date
        )

    calc = _Calc(terms, assay, fixes)
    calc.base()
    base_price = calc.price_sum()
    calc.linear()
    calc.tiers(base_price)
    unit_price = calc.price_sum()
    calc.add(LineKind.SUBTOTAL, msg("label.subtotal"), msg("total.subtotal"), unit_price)

    currency = terms.currency
    fx_rate = None
    price_q = terms.rounding.price
    if terms.fx is not None:
        fx_rate = _input_decimal(fx_in, "fx rate") if fx_in is not None else terms.fx.rate
        if fx_rate is None:
            raise PricingInputError(
                f"fx rate: the terms settle in {terms.fx.settlement_currency}; give the "
                f"{terms.currency}→{terms.fx.settlement_currency} rate"
            )
        converted = round_half_up(unit_price * fx_rate, price_q)
        currency = terms.fx.settlement_currency
        calc.unit = f"{currency}/{terms.price_unit}"
        calc.add(
            LineKind.FX,
            msg("label.fx", currency=currency),
            msg(
                "fx.convert",
                price=unit_price,
                from_=terms.currency,
                rate=fx_rate,
                result=converted,
                to=currency,
            ),
            converted,
        )
        unit_price = converted

    rate = terms.vat.rate
    if terms.vat.included:
        unit_gross = unit_price
        unit_net, unit_vat = remove_vat(unit_gross, rate, price_q)
    else:
        unit_net = unit_price
        unit_vat, unit_gross = add_vat(unit_net, rate, price_q)

    moisture = (
        _input_decimal(moisture_in, "moisture") if moisture_in is not None else assay.moisture()
    )
    quantity = None
    net_amount = vat_amount = total = provisional = None
    if quantity_in is not None:
        quantity = _settlement_quantity(
            calc, terms, _input_decimal(quantity_in, "quantity"), quantity_is_dry, moisture
        )
        amount = round_half_up(quantity * unit_price, terms.rounding.amount)
        money = currency
        calc.add(
            LineKind.AMOUNT,
            msg("label.amount"),
            msg("amount.calc", qty=quantity, price=unit_price, result=amount),
            amount,
            unit=money,
        )
        net_amount, vat_amount, total = _vat_lines(calc, terms, amount, money)
        if terms.invoice is not None:
            pct = terms.invoice.provisional_pct
            provisional = round_half_up(total * pct / _HUNDRED, terms.rounding.amount)
            calc.add(
                LineKind.INVOICE,
                msg("label.provisional"),
                msg("invoice.provisional", pct=pct, value=total, result=provisional),
                provisional,
                unit=money,
            )
    elif rate:
        _vat_lines(calc, terms, unit_price, calc.unit, quantum=price_q)

    return PriceResult(
        terms_code=terms.code,
        terms_name=terms.name,
        currency=currency,
        price_currency=terms.currency,
        price_unit=terms.price_unit,
        base_price=base_price,
        unit_price=unit_price,
        unit_price_net=unit_net,
        unit_vat=unit_vat,
        unit_price_gross=unit_gross,
        vat_rate=rate,
        vat_included=terms.vat.included,
        fx_rate=fx_rate,
        quantity=quantity,
        net_amount=net_amount,
        vat_amount=vat_amount,
        total=total,
        provisional_invoice=provisional,
        rejected=bool(calc.rejections),
        rejections=tuple(calc.rejections),
        notes=tuple(calc.notes),
        index_values=tuple((name, fix.value) for name, fix in fixes.items()),
        lines=tuple(calc.lines),
    )


def _find_index_ref(terms: Terms, name: str) -> IndexRef:
    price = terms.price
    if isinstance(price, IndexPrice):
        return price.index
    refs: list[PriceRef] = []
    if isinstance(price, GradeProRataPrice | ValueInUsePrice | CalorificPrice):
        refs.append(price.reference)
    elif isinstance(price, PayableMetalPrice | MetalCoefficientPrice):
        refs.extend(m.reference for m in price.metals)
    for ref in refs:
        if ref.index is not None and ref.index.name == name:
            return ref.index
    raise AssertionError(name)  # pragma: no cover - index_names() comes from the same refs


def _settlement_quantity(
    calc: _Calc, terms: Terms, given: Decimal, is_dry: bool, moisture: Decimal | None
) -> Decimal:
    """Tonnes in the price unit: wet → dry for dmt prices, dry → wet and moisture adjustment."""
    qq = terms.rounding.quantity
    if given <= 0:
        raise PricingInputError(f"quantity must be greater than 0, got {fmt(given)}")
    given_unit = "dmt" if is_dry else ("wmt" if terms.price_unit != "t" else "t")
    calc.add(
        LineKind.QUANTITY,
        msg("label.quantity"),
        msg("qty.given", qty=given, unit=given_unit),
        given,
        unit=given_unit,
    )

    def need_moisture(why: str) -> Decimal:
        if moisture is None:
            raise PricingInputError(
                f"moisture: needed {why}; give --moisture or H2O/TM in the assay"
            )
        _check_moisture(moisture)
        return moisture

    if terms.price_unit == "dmt":
        if is_dry:
            return given
        m = need_moisture("to turn wet tonnes into dry tonnes (the price is per dmt)")
        dry = wet_to_dry(given, m, qq)
        calc.add(
            LineKind.QUANTITY,
            msg("label.dry"),
            msg("qty.wet_to_dry", wet=given, moisture=m, dry=dry),
            dry,
            unit="dmt",
        )
        return dry
    wet = given
    if is_dry:
        m = need_moisture("to turn dry tonnes into wet tonnes (the price is per wet tonne)")
        wet = dry_to_wet(given, m, qq)
        calc.add(
            LineKind.QUANTITY,
            msg("label.quantity"),
            msg("qty.dry_to_wet", dry=given, moisture=m, wet=wet),
            wet,
            unit=terms.price_unit,
        )
    qm = terms.quantity_moisture
    if qm is None:
        return wet
    m = need_moisture("for the moisture quantity adjustment")
    deviation = m - qm.base
    counts = (
        qm.apply is Side.BOTH
        or (qm.apply is Side.ABOVE and deviation > 0)
        or (qm.apply is Side.BELOW and deviation < 0)
    )
    if not counts or not deviation:
        calc.add(
            LineKind.QUANTITY,
            msg("label.settlement_qty"),
            msg("qty.moisture_within", moisture=m, base=qm.base),
            wet,
            unit=terms.price_unit,
        )
        return wet
    settled = round_half_up(wet * (_HUNDRED - m) / (_HUNDRED - qm.base), qq)
    calc.add(
        LineKind.QUANTITY,
        msg("label.settlement_qty"),
        msg("qty.moisture_adjust", wet=wet, moisture=m, base=qm.base, result=settled),
        settled,
        unit=terms.price_unit,
    )
    return settled


def _vat_lines(
    calc: _Calc,
    terms: Terms,
    amount: Decimal,
    unit: str,
    quantum: Decimal | None = None,
) -> tuple[Decimal, Decimal, Decimal]:
    """(net, VAT, gross) of ``amount`` as the terms state it, with NET/VAT/TOTAL lines."""
    q = terms.rounding.amount if quantum is None else quantum
    rate = terms.vat.rate
    vat_label = msg("label.vat", rate=rate)
    if terms.vat.included:
        gross = amount
        net, vat = remove_vat(gross, rate, q)
        calc.add(
            LineKind.NET,
            msg("label.net"),
            msg("vat.inclusive_net", gross=gross, rate=rate, net=net),
            net,
            unit=unit,
        )
        calc.add(
            LineKind.VAT,
            vat_label,
            msg("vat.inclusive", gross=gross, net=net, vat=vat),
            vat,
            unit=unit,
        )
    else:
        net = amount
        vat, gross = add_vat(net, rate, q)
        calc.add(
            LineKind.VAT,
            vat_label,
            msg("vat.exclusive", net=net, rate=rate, vat=vat),
            vat,
            unit=unit,
        )
    calc.add(LineKind.TOTAL, msg("label.total"), msg("total.gross"), gross, unit=unit)
    return net, vat, gross


def settle_final_invoice(final: PriceResult, provisional_invoiced: Decimal) -> InvoiceSettlement:
    """The final invoice: ``final.total`` (final assay, final price) less what was invoiced."""
    if final.total is None:
        raise PricingInputError("final invoice: the final pricing needs a quantity")
    paid = round_half_up(
        _input_decimal(provisional_invoiced, "provisional invoice"), Decimal("0.01")
    )
    balance = final.total - paid
    unit = final.currency
    lines = (
        BreakdownLine(LineKind.TOTAL, msg("label.final"), msg("invoice.final"), final.total, unit),
        BreakdownLine(
            LineKind.INVOICE, msg("label.provisional_paid"), msg("invoice.paid"), -paid, unit
        ),
        BreakdownLine(
            LineKind.TOTAL,
            msg("label.balance"),
            msg("invoice.balance", final=final.total, paid=paid, result=balance),
            balance,
            unit,
        ),
    )
    return InvoiceSettlement(final.currency, final.total, paid, balance, lines)
