"""Price terms as data: the typed model, and the JSON format it is loaded from and saved to.

Why a data format rather than code: the same terms travel from a template to a quote, from the
quote to the contract, and between reps as files; the contract must keep exactly the terms that
were agreed even after a template changes. So terms are plain JSON with a ``format_version``,
``load_terms`` validates them thoroughly (a typo must never price a cargo silently), and
``dump_terms`` writes back the same format (``load_terms(dump_terms(t)) == t``).

Numbers are exact decimals: in files they may be JSON numbers (parsed with ``parse_float=Decimal``)
or strings; ``dump_terms`` writes strings. Python floats are refused. Every validation failure is a
:class:`PriceTermsError` whose message starts with the path of the offending field, e.g.
``tiers.SiO2.bands[1]: overlaps band 0 (4.0–4.6 vs 4.5–6.5)``. The format is documented in
``docs/pricing-terms.md``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from minesales_desktop.pricing.analytes import CALORIFIC, canonical_analyte
from minesales_desktop.pricing.text import fmt

__all__ = [
    "FORMAT_VERSION",
    "AmountType",
    "Band",
    "CalorificPrice",
    "CoefficientBand",
    "CoefficientMetal",
    "FixedPrice",
    "Fractions",
    "Fx",
    "GradeProRataPrice",
    "IndexPrice",
    "IndexRef",
    "InvoiceTerms",
    "LinearAdjustment",
    "LocalizedName",
    "MetalCoefficientPrice",
    "PayableMetal",
    "PayableMetalPrice",
    "PriceRef",
    "PriceSpec",
    "PriceTermsError",
    "PricingError",
    "PricingInputError",
    "QPType",
    "QuantityMoisture",
    "QuotationalPeriod",
    "RefiningCharge",
    "Rounding",
    "Side",
    "Terms",
    "TierAggregation",
    "TierMethod",
    "TierTable",
    "TreatmentCharge",
    "ValueInUsePrice",
    "Vat",
    "dump_terms",
    "load_terms",
    "parse_terms",
    "parse_terms_json",
]

FORMAT_VERSION = 1

#: Grams per troy ounce and kilograms per pound, both exact by definition.
GRAMS_PER_TROY_OUNCE = Decimal("31.1034768")
KG_PER_POUND = Decimal("0.45359237")


class PricingError(ValueError):
    """Base of the engine's errors: something the user can fix, never a bug."""


class PricingInputError(PricingError):
    """Inputs that cannot be priced with valid terms: a missing assay value, index or moisture."""


class PriceTermsError(PricingError):
    """Terms that cannot be priced; ``path`` names the field (``tiers.SiO2.bands[1]``)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


# --- enumerations -------------------------------------------------------------------------------


class TierMethod(StrEnum):
    """How a tier table turns a distance from its base into an adjustment."""

    CUMULATIVE = "cumulative"  # each band's slice at that band's rate, added up
    WHOLE_DIFFERENCE = "whole_difference"  # the whole distance at the rate of the band reached


class Fractions(StrEnum):
    """How a part of a step counts."""

    PRO_RATA = "pro_rata"  # 0.05 of a 0.1 step counts as half a step
    WHOLE_STEPS = "whole_steps"  # only complete steps count
    PART_STEP_COUNTS = "part_step_counts"  # any started step counts as a whole step


class AmountType(StrEnum):
    ABSOLUTE = "absolute"  # currency per price unit
    PERCENT = "percent"  # percent of the base price


class TierAggregation(StrEnum):
    SUM = "sum"  # every table's adjustment applies
    WORST = "worst"  # bonuses apply, but of the penalties only the largest one


class Side(StrEnum):
    """Which deviations from a linear adjustment's base count."""

    BOTH = "both"
    ABOVE = "above"
    BELOW = "below"


class QPType(StrEnum):
    """Quotational periods: which published index quotes are averaged."""

    DIRECT = "direct"  # the quote of the B/L date, or the last one before it
    QUOTES_BEFORE_BL = "quotes_before_bl"  # the last ``n`` published quotes before the B/L date
    DAYS_BEFORE_BL = "days_before_bl"  # quotes in the ``n`` calendar days before the B/L date
    MONTH_OF_BL = "month_of_bl"  # calendar month of the B/L (M)
    MONTH_AFTER_BL = "month_after_bl"  # M+n, n = 1..3 usually


PRICE_UNITS = ("dmt", "wmt", "t")
METAL_PRICE_UNITS = {"%": ("t", "lb"), "g/t": ("toz", "g")}
RC_UNITS = ("lb", "toz", "t", "g")


# --- the model ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalizedName:
    zh: str
    en: str

    def render(self, lang: str = "zh_CN") -> str:
        return self.zh if lang.lower().startswith("zh") else self.en


@dataclass(frozen=True)
class QuotationalPeriod:
    type: QPType = QPType.DIRECT
    n: int = 0  # quotes, days or months, depending on ``type``
    include_bl_date: bool = False


@dataclass(frozen=True)
class IndexRef:
    """A published index, averaged over a quotational period and rounded to ``round_to``."""

    name: str
    qp: QuotationalPeriod = QuotationalPeriod()
    round_to: Decimal = Decimal("0.01")


@dataclass(frozen=True)
class PriceRef:
    """Either a fixed ``value`` or an ``index`` (exactly one is set)."""

    value: Decimal | None = None
    index: IndexRef | None = None


@dataclass(frozen=True)
class FixedPrice:
    value: Decimal
    mode = "fixed"


@dataclass(frozen=True)
class IndexPrice:
    index: IndexRef
    differential: Decimal = Decimal(0)
    mode = "index"


@dataclass(frozen=True)
class GradeProRataPrice:
    """``reference × grade / base (+ differential)``, e.g. Fe pro-rata on a 62 % index."""

    reference: PriceRef
    analyte: str
    base: Decimal
    differential: Decimal = Decimal(0)
    differential_before_pro_rata: bool = False
    mode = "grade_pro_rata"


@dataclass(frozen=True)
class ValueInUsePrice:
    """``reference + (grade − base) × per_1pct (+ differential)``."""

    reference: PriceRef
    analyte: str
    base: Decimal
    per_1pct: Decimal
    differential: Decimal = Decimal(0)
    mode = "value_in_use"


@dataclass(frozen=True)
class CalorificPrice:
    """``reference × CV / base (+ differential)`` with CV on the NAR or GAR basis."""

    reference: PriceRef
    analyte: str  # NAR or GAR
    base: Decimal
    differential: Decimal = Decimal(0)
    mode = "calorific_pro_rata"


@dataclass(frozen=True)
class Band:
    """One band of a tier table; ``None`` edges are open (only on the outermost bands)."""

    lo: Decimal | None
    hi: Decimal | None
    step: Decimal
    amount: Decimal  # adjustment per step of distance inside this band (negative = penalty)


@dataclass(frozen=True)
class TierTable:
    """Bonus/penalty bands around ``base``; bands below the base count downward distance."""

    analyte: str
    base: Decimal
    bands: tuple[Band, ...] = ()
    method: TierMethod = TierMethod.CUMULATIVE
    fractions: Fractions = Fractions.PRO_RATA
    amount_type: AmountType = AmountType.ABSOLUTE
    reject_below: Decimal | None = None
    reject_above: Decimal | None = None


@dataclass(frozen=True)
class LinearAdjustment:
    """``(value − base) / per × amount``, counting only the deviations on ``apply``'s side."""

    analyte: str
    base: Decimal
    per: Decimal
    amount: Decimal
    apply: Side = Side.BOTH


@dataclass(frozen=True)
class RefiningCharge:
    amount: Decimal
    per: str  # lb, toz, t, g of payable metal


@dataclass(frozen=True)
class PayableMetal:
    metal: str
    reference: PriceRef
    price_per: str  # t or lb for % metals; toz or g for g/t metals
    payable_pct: Decimal
    min_deduction: Decimal = Decimal(0)  # in grade units: % points, or g/t
    rc: RefiningCharge | None = None


@dataclass(frozen=True)
class TreatmentCharge:
    """TC per dmt; the escalator is a tier table over the price of one payable metal."""

    value: Decimal
    escalator: TierTable | None = None  # its ``analyte`` is the metal whose price drives it
    floor: Decimal | None = None
    cap: Decimal | None = None


@dataclass(frozen=True)
class PayableMetalPrice:
    metals: tuple[PayableMetal, ...]
    tc: TreatmentCharge | None = None
    mode = "payable_metal"


@dataclass(frozen=True)
class CoefficientBand:
    lo: Decimal
    hi: Decimal | None
    coefficient: Decimal


@dataclass(frozen=True)
class CoefficientMetal:
    """计价系数: ``price × coefficient × grade``; the coefficient may depend on the grade band."""

    metal: str
    reference: PriceRef
    price_per: str  # t (grade in %) or g (grade in g/t)
    coefficient: Decimal | None = None
    table: tuple[CoefficientBand, ...] = ()


@dataclass(frozen=True)
class MetalCoefficientPrice:
    metals: tuple[CoefficientMetal, ...]
    mode = "metal_coefficient"


PriceSpec = (
    FixedPrice
    | IndexPrice
    | GradeProRataPrice
    | ValueInUsePrice
    | CalorificPrice
    | PayableMetalPrice
    | MetalCoefficientPrice
)


@dataclass(frozen=True)
class QuantityMoisture:
    """Settlement tonnes = wet × (100 − moisture) / (100 − base)."""

    base: Decimal
    apply: Side = Side.ABOVE


@dataclass(frozen=True)
class Vat:
    rate: Decimal = Decimal(13)  # percent
    included: bool = False  # True when the prices of the terms already include VAT (含税)


@dataclass(frozen=True)
class Fx:
    settlement_currency: str
    rate: Decimal | None = None  # may be given at pricing time instead


@dataclass(frozen=True)
class InvoiceTerms:
    provisional_pct: Decimal


@dataclass(frozen=True)
class Rounding:
    price: Decimal = Decimal("0.01")
    quantity: Decimal = Decimal("0.001")
    amount: Decimal = Decimal("0.01")


@dataclass(frozen=True)
class Terms:
    code: str
    name: LocalizedName
    currency: str
    price_unit: str
    price: PriceSpec
    commodity: str = ""
    linear: tuple[LinearAdjustment, ...] = ()
    tiers: tuple[TierTable, ...] = ()
    tier_aggregation: TierAggregation = TierAggregation.SUM
    quantity_moisture: QuantityMoisture | None = None
    vat: Vat = Vat()
    fx: Fx | None = None
    invoice: InvoiceTerms | None = None
    rounding: Rounding = Rounding()
    description: LocalizedName | None = None
    source: str = ""
    #: the index values these terms were priced at when quoted (name, value), e.g. a quote's
    #: DCE_I 800 — a record, not an input: the engine never reads it; pass it as ``index=``
    #: to price the quote again
    quoted_index: tuple[tuple[str, Decimal], ...] = ()
    format_version: int = FORMAT_VERSION

    def index_names(self) -> tuple[str, ...]:
        """Every index the terms read, in order of first use."""
        return _index_names(self.price)


def _index_names(price: PriceSpec) -> tuple[str, ...]:
    """Every index ``price`` reads, in order of first use."""
    if isinstance(price, IndexPrice):
        return (price.index.name,)
    refs: list[PriceRef] = []
    if isinstance(price, GradeProRataPrice | ValueInUsePrice | CalorificPrice):
        refs.append(price.reference)
    elif isinstance(price, PayableMetalPrice | MetalCoefficientPrice):
        refs.extend(m.reference for m in price.metals)
    names: list[str] = []
    for ref in refs:
        if ref.index is not None and ref.index.name not in names:
            names.append(ref.index.name)
    return tuple(names)


# --- reading --------------------------------------------------------------------------------------


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _describe(value: object) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _to_decimal(value: object, path: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        if isinstance(value, float):
            raise PriceTermsError(path, f"{value!r} is a float; write exact numbers as strings")
        raise PriceTermsError(path, f"must be a number, got {_describe(value)}")
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise PriceTermsError(path, f"{_describe(value)} is not a number") from None
    if not number.is_finite():
        raise PriceTermsError(path, f"{_describe(value)} is not a finite number")
    return number


class _Obj:
    """A JSON object being read: typed getters that name the field path, and unknown-key checks."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, Mapping):
            raise PriceTermsError(path, f"must be an object, got {_describe(data)}")
        self.data: Mapping[str, Any] = data
        self.path = path
        self.used: set[str] = set()

    def at(self, key: str) -> str:
        return _join(self.path, key)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> Any:
        self.used.add(key)
        if not self.has(key):
            raise PriceTermsError(self.at(key), "missing")
        return self.data[key]

    def dec(self, key: str, *, positive: bool = False, nonneg: bool = False) -> Decimal:
        value = _to_decimal(self.raw(key), self.at(key))
        if positive and value <= 0:
            raise PriceTermsError(self.at(key), f"must be greater than 0, got {fmt(value)}")
        if nonneg and value < 0:
            raise PriceTermsError(self.at(key), f"must not be negative, got {fmt(value)}")
        return value

    def opt_dec(self, key: str, default: Decimal | None = None, **kw: bool) -> Decimal | None:
        self.used.add(key)
        return self.dec(key, **kw) if self.has(key) else default

    def text(self, key: str, default: str | None = None) -> str:
        self.used.add(key)
        if not self.has(key):
            if default is not None:
                return default
            raise PriceTermsError(self.at(key), "missing")
        value = self.data[key]
        if not isinstance(value, str) or not value.strip():
            raise PriceTermsError(self.at(key), f"must be a non-empty text, got {_describe(value)}")
        return value.strip()

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in choices:
            raise PriceTermsError(
                self.at(key), f"unknown value {value!r}; expected one of {', '.join(choices)}"
            )
        return value

    def integer(self, key: str, default: int | None = None, minimum: int = 0) -> int:
        self.used.add(key)
        if not self.has(key):
            if default is not None:
                return default
            raise PriceTermsError(self.at(key), "missing")
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise PriceTermsError(self.at(key), f"must be a whole number, got {_describe(value)}")
        if value < minimum:
            raise PriceTermsError(self.at(key), f"must be at least {minimum}, got {value}")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        self.used.add(key)
        if not self.has(key):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise PriceTermsError(self.at(key), f"must be true or false, got {_describe(value)}")
        return value

    def obj(self, key: str) -> _Obj:
        return _Obj(self.raw(key), self.at(key))

    def array(self, key: str) -> list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise PriceTermsError(self.at(key), f"must be a list, got {_describe(value)}")
        return value

    def finish(self) -> None:
        unknown = [k for k in self.data if k not in self.used]
        if unknown:
            raise PriceTermsError(self.at(unknown[0]), "unknown field")


def _analyte(name: object, path: str) -> str:
    if not isinstance(name, str):
        raise PriceTermsError(path, f"must be an analyte name, got {_describe(name)}")
    try:
        return canonical_analyte(name).code
    except KeyError as exc:
        raise PriceTermsError(path, str(exc.args[0])) from None


def _analyte_unit(code: str) -> str:
    return canonical_analyte(code).unit


def _currency(obj: _Obj, key: str) -> str:
    value = obj.text(key)
    if len(value) != 3 or not value.isalpha() or not value.isupper():
        raise PriceTermsError(
            obj.at(key), f"must be a 3-letter ISO code such as CNY, got {value!r}"
        )
    return value


def _localized(obj: _Obj, key: str) -> LocalizedName:
    raw = obj.data.get(key)
    obj.used.add(key)
    if isinstance(raw, str) and raw.strip():
        return LocalizedName(raw.strip(), raw.strip())
    inner = obj.obj(key)
    zh = inner.text("zh", "")
    en = inner.text("en", "")
    inner.finish()
    if not zh and not en:
        raise PriceTermsError(inner.path, "needs 'zh' or 'en'")
    return LocalizedName(zh or en, en or zh)


def _qp(obj: _Obj) -> QuotationalPeriod:
    kind = QPType(obj.choice("type", tuple(QPType)))
    if kind in (QPType.QUOTES_BEFORE_BL, QPType.DAYS_BEFORE_BL):
        n = obj.integer("n", minimum=1)
    elif kind is QPType.MONTH_AFTER_BL:
        n = obj.integer("n", minimum=1)
    else:
        n = 0
    include = obj.boolean("include_bl_date", False)
    obj.finish()
    return QuotationalPeriod(kind, n, include)


def _index(raw: object, path: str) -> IndexRef:
    if isinstance(raw, str):
        if not raw.strip():
            raise PriceTermsError(path, "index name is empty")
        return IndexRef(raw.strip())
    obj = _Obj(raw, path)
    name = obj.text("name")
    qp = _qp(obj.obj("qp")) if obj.has("qp") else QuotationalPeriod()
    obj.used.add("qp")
    round_to = obj.opt_dec("round_to", Decimal("0.01"), positive=True)
    assert round_to is not None
    obj.finish()
    return IndexRef(name, qp, round_to)


def _reference(obj: _Obj) -> PriceRef:
    has_value, has_index = obj.has("value"), obj.has("index")
    obj.used.update(("value", "index"))
    if has_value and has_index:
        raise PriceTermsError(obj.path, "give either 'value' (a fixed price) or 'index', not both")
    if has_value:
        return PriceRef(value=obj.dec("value", positive=True))
    if has_index:
        return PriceRef(index=_index(obj.data["index"], obj.at("index")))
    raise PriceTermsError(obj.path, "missing price: give 'value' (a fixed price) or 'index'")


def _grade_analyte(obj: _Obj, default: str) -> str:
    obj.used.add("analyte")
    code = _analyte(obj.data.get("analyte", default), obj.at("analyte"))
    if _analyte_unit(code) != "%":
        raise PriceTermsError(obj.at("analyte"), f"basis mismatch: {code} is not graded in %")
    return code


def _price(obj: _Obj, price_unit: str) -> PriceSpec:
    mode = obj.choice(
        "mode",
        (
            "fixed",
            "index",
            "grade_pro_rata",
            "value_in_use",
            "calorific_pro_rata",
            "payable_metal",
            "metal_coefficient",
        ),
    )
    spec: PriceSpec
    if mode == "fixed":
        if not obj.has("value"):
            raise PriceTermsError(obj.at("value"), "missing price: a fixed price needs 'value'")
        spec = FixedPrice(obj.dec("value", positive=True))
    elif mode == "index":
        if not obj.has("index"):
            raise PriceTermsError(obj.at("index"), "missing index: an index price needs 'index'")
        spec = IndexPrice(_index(obj.raw("index"), obj.at("index")), _differential(obj))
    elif mode == "grade_pro_rata":
        spec = GradeProRataPrice(
            _reference(obj),
            _grade_analyte(obj, "Fe"),
            obj.dec("base", positive=True),
            _differential(obj),
            obj.boolean("differential_before_pro_rata", False),
        )
    elif mode == "value_in_use":
        spec = ValueInUsePrice(
            _reference(obj),
            _grade_analyte(obj, "Fe"),
            obj.dec("base", positive=True),
            obj.dec("per_1pct"),
            _differential(obj),
        )
    elif mode == "calorific_pro_rata":
        obj.used.add("analyte")
        cv = _analyte(obj.raw("analyte"), obj.at("analyte"))
        if cv not in CALORIFIC:
            raise PriceTermsError(
                obj.at("analyte"), f"basis mismatch: {cv} is not a calorific value (NAR or GAR)"
            )
        spec = CalorificPrice(
            _reference(obj), cv, obj.dec("base", positive=True), _differential(obj)
        )
    elif mode == "payable_metal":
        spec = _payable(obj, price_unit)
    else:
        spec = _coefficient(obj, price_unit)
    obj.finish()
    return spec


def _differential(obj: _Obj) -> Decimal:
    value = obj.opt_dec("differential", Decimal(0))
    assert value is not None
    return value


def _metal(obj: _Obj, price_units: Mapping[str, tuple[str, ...]]) -> tuple[str, str]:
    obj.used.add("metal")
    metal = _analyte(obj.raw("metal"), obj.at("metal"))
    unit = _analyte_unit(metal)
    if unit not in price_units or "+" in metal:
        raise PriceTermsError(obj.at("metal"), f"{metal} cannot be paid for (graded in {unit})")
    per = obj.choice("price_per", price_units[unit], price_units[unit][0])
    return metal, per


def _payable(obj: _Obj, price_unit: str) -> PayableMetalPrice:
    if price_unit != "dmt":
        raise PriceTermsError(
            "price_unit", f"basis mismatch: payable-metal terms are per dmt, not {price_unit}"
        )
    metals: list[PayableMetal] = []
    raw_metals = obj.array("metals")
    if not raw_metals:
        raise PriceTermsError(obj.at("metals"), "needs at least one payable metal")
    for i, raw in enumerate(raw_metals):
        m = _Obj(raw, _join(obj.at("metals"), i))
        metal, per = _metal(m, METAL_PRICE_UNITS)
        if any(x.metal == metal for x in metals):
            raise PriceTermsError(m.at("metal"), f"{metal} is listed twice")
        pct = m.dec("payable_pct", positive=True)
        if pct > 100:
            raise PriceTermsError(m.at("payable_pct"), f"must be at most 100, got {fmt(pct)}")
        min_deduction = m.opt_dec("min_deduction", Decimal(0), nonneg=True)
        assert min_deduction is not None
        rc = None
        if m.has("rc"):
            r = m.obj("rc")
            rc = RefiningCharge(r.dec("amount", nonneg=True), r.choice("per", RC_UNITS))
            if (rc.per in ("lb", "t")) != (_analyte_unit(metal) == "%"):
                raise PriceTermsError(
                    r.at("per"),
                    f"basis mismatch: RC per {rc.per} does not fit {metal} "
                    f"graded in {_analyte_unit(metal)}",
                )
            r.finish()
        m.used.add("rc")
        metals.append(PayableMetal(metal, _reference(m), per, pct, min_deduction, rc))
        m.finish()
    tc = None
    if obj.has("tc"):
        t = obj.obj("tc")
        escalator = None
        if t.has("escalator"):
            e = t.obj("escalator")
            e.used.add("metal")
            driver = _analyte(e.raw("metal"), e.at("metal"))
            if driver not in [m.metal for m in metals]:
                raise PriceTermsError(e.at("metal"), f"{driver} is not one of the payable metals")
            escalator = _tier_table(e, driver, escalator=True)
        t.used.add("escalator")
        tc = TreatmentCharge(
            t.dec("value", nonneg=True),
            escalator,
            t.opt_dec("floor", nonneg=True),
            t.opt_dec("cap", nonneg=True),
        )
        if tc.floor is not None and tc.cap is not None and tc.floor > tc.cap:
            raise PriceTermsError(t.at("floor"), "floor is above cap")
        t.finish()
    obj.used.add("tc")
    return PayableMetalPrice(tuple(metals), tc)


def _coefficient(obj: _Obj, price_unit: str) -> MetalCoefficientPrice:
    if price_unit != "dmt":
        raise PriceTermsError(
            "price_unit", f"basis mismatch: coefficient pricing is per dmt, not {price_unit}"
        )
    metals: list[CoefficientMetal] = []
    raw_metals = obj.array("metals")
    if not raw_metals:
        raise PriceTermsError(obj.at("metals"), "needs at least one metal")
    for i, raw in enumerate(raw_metals):
        m = _Obj(raw, _join(obj.at("metals"), i))
        metal, per = _metal(m, {"%": ("t",), "g/t": ("g",)})
        coefficient = m.opt_dec("coefficient", positive=True)
        table: list[CoefficientBand] = []
        if m.has("coefficient_table"):
            for j, rb in enumerate(m.array("coefficient_table")):
                b = _Obj(rb, _join(m.at("coefficient_table"), j))
                band = CoefficientBand(
                    b.dec("from"), b.opt_dec("to"), b.dec("coefficient", positive=True)
                )
                b.used.update(("from", "to"))
                b.finish()
                if band.hi is not None and band.hi <= band.lo:
                    raise PriceTermsError(b.path, "'to' must be above 'from'")
                if table:
                    prev = table[-1]
                    if prev.hi is None or band.lo < prev.hi:
                        raise PriceTermsError(b.path, f"overlaps band {j - 1}")
                    if band.lo != prev.hi:
                        raise PriceTermsError(
                            b.path,
                            f"leaves a gap after band {j - 1} ({fmt(prev.hi)}–{fmt(band.lo)})",
                        )
                table.append(band)
        m.used.add("coefficient_table")
        if (coefficient is None) == (not table):
            raise PriceTermsError(m.path, "give either 'coefficient' or 'coefficient_table'")
        metals.append(CoefficientMetal(metal, _reference(m), per, coefficient, tuple(table)))
        m.finish()
    return MetalCoefficientPrice(tuple(metals))


def _band_text(band: Band) -> str:
    lo = "−∞" if band.lo is None else fmt(band.lo)
    hi = "∞" if band.hi is None else fmt(band.hi)
    return f"{lo}–{hi}"


def _tier_table(obj: _Obj, analyte: str, *, escalator: bool = False) -> TierTable:
    base = obj.dec("base")
    method = TierMethod(obj.choice("method", tuple(TierMethod), TierMethod.CUMULATIVE))
    fractions = Fractions(obj.choice("fractions", tuple(Fractions), Fractions.PRO_RATA))
    if escalator:
        amount_type = AmountType.ABSOLUTE
    else:
        amount_type = AmountType(obj.choice("amount_type", tuple(AmountType), AmountType.ABSOLUTE))
    bands: list[Band] = []
    raw_bands = obj.array("bands") if obj.has("bands") or escalator else []
    obj.used.add("bands")
    for i, raw in enumerate(raw_bands):
        b = _Obj(raw, _join(obj.at("bands"), i))
        for key in ("from", "to"):
            if key not in b.data:
                raise PriceTermsError(b.at(key), "missing (use null for an open end)")
        band = Band(
            b.opt_dec("from"),
            b.opt_dec("to"),
            b.dec("step", positive=True),
            b.dec("amount"),
        )
        b.finish()
        _check_band(b.path, i, band, bands, base)
        bands.append(band)
    _check_contiguous(obj.at("bands"), bands, base)
    reject_below = None if escalator else obj.opt_dec("reject_below")
    reject_above = None if escalator else obj.opt_dec("reject_above")
    if reject_below is not None and reject_below > base:
        raise PriceTermsError(
            obj.at("reject_below"), f"{fmt(reject_below)} is above the base {fmt(base)}"
        )
    if reject_above is not None and reject_above < base:
        raise PriceTermsError(
            obj.at("reject_above"), f"{fmt(reject_above)} is below the base {fmt(base)}"
        )
    if not bands and reject_below is None and reject_above is None:
        raise PriceTermsError(obj.path, "needs 'bands' or a reject limit")
    obj.finish()
    return TierTable(
        analyte, base, tuple(bands), method, fractions, amount_type, reject_below, reject_above
    )


def _check_band(path: str, i: int, band: Band, previous: list[Band], base: Decimal) -> None:
    if band.lo is not None and band.hi is not None and band.lo >= band.hi:
        raise PriceTermsError(path, f"'from' {fmt(band.lo)} must be below 'to' {fmt(band.hi)}")
    if band.lo is None and band.hi is None:
        raise PriceTermsError(path, "a band cannot be open at both ends")
    if band.lo is None and previous:
        raise PriceTermsError(path, "only the first band may have an open 'from' (null)")
    if band.lo is None and band.hi is not None and band.hi > base:
        raise PriceTermsError(path, f"an open-ended band must end at or below the base {fmt(base)}")
    if band.hi is None and band.lo is not None and band.lo < base:
        raise PriceTermsError(
            path, f"an open-ended band must start at or above the base {fmt(base)}"
        )
    if band.lo is not None and band.hi is not None and band.lo < base < band.hi:
        raise PriceTermsError(
            path, f"band {_band_text(band)} straddles the base {fmt(base)}; split it at the base"
        )
    if previous:
        prev = previous[-1]
        j = i - 1
        assert band.lo is not None
        if prev.hi is None or (prev.lo is not None and band.lo < prev.lo):
            raise PriceTermsError(
                path,
                f"bands must be in ascending order ({_band_text(band)} is listed after band "
                f"{j}, {_band_text(prev)})",
            )
        if band.lo < prev.hi:
            raise PriceTermsError(
                path, f"overlaps band {j} ({_band_text(prev)} vs {_band_text(band)})"
            )
        if band.lo > prev.hi:
            raise PriceTermsError(
                path,
                f"leaves a gap after band {j} ({_band_text(prev)} then {_band_text(band)})",
            )


def _check_contiguous(path: str, bands: list[Band], base: Decimal) -> None:
    """The bands next to the base must touch it: a distance is always measured from the base."""
    below = [b for b in bands if b.hi is not None and b.hi <= base]
    above = [b for b in bands if b.lo is not None and b.lo >= base]
    if below and below[-1].hi != base:
        raise PriceTermsError(
            _join(path, len(below) - 1),
            f"basis mismatch: the bands below the base must end at the base {fmt(base)}, "
            f"not {_band_text(below[-1])}",
        )
    if above and above[0].lo != base:
        raise PriceTermsError(
            _join(path, len(below)),
            f"basis mismatch: the bands above the base must start at the base {fmt(base)}, "
            f"not {_band_text(above[0])}",
        )


def _linear(raw: object, path: str) -> LinearAdjustment:
    obj = _Obj(raw, path)
    obj.used.add("analyte")
    adj = LinearAdjustment(
        _analyte(obj.raw("analyte"), obj.at("analyte")),
        obj.dec("base"),
        obj.dec("per", positive=True),
        obj.dec("amount"),
        Side(obj.choice("apply", tuple(Side), Side.BOTH)),
    )
    obj.finish()
    return adj


def _check_calorific_basis(terms_price: PriceSpec, analyte: str, path: str) -> None:
    if isinstance(terms_price, CalorificPrice):
        for part in analyte.split("+"):
            if part in CALORIFIC and part != terms_price.analyte:
                raise PriceTermsError(
                    path,
                    f"basis mismatch: {part} adjustment but the price is on "
                    f"{terms_price.analyte} basis",
                )


def parse_terms(data: object) -> Terms:
    """Validate a decoded JSON object and build :class:`Terms` (raises :class:`PriceTermsError`)."""
    root = _Obj(data, "")
    version = root.integer("format_version", minimum=1)
    if version > FORMAT_VERSION:
        raise PriceTermsError(
            "format_version",
            f"{version} is newer than this program reads ({FORMAT_VERSION}); update MineSales",
        )
    code = root.text("code")
    name = _localized(root, "name")
    currency = _currency(root, "currency")
    price_unit = root.choice("price_unit", PRICE_UNITS)
    if not root.has("price"):
        raise PriceTermsError("price", "missing price: the terms say nothing about the price")
    price = _price(root.obj("price"), price_unit)

    linear: list[LinearAdjustment] = []
    if root.has("linear"):
        for i, raw in enumerate(root.array("linear")):
            adj = _linear(raw, _join("linear", i))
            _check_calorific_basis(price, adj.analyte, _join("linear", i))
            linear.append(adj)
    root.used.add("linear")

    tiers: list[TierTable] = []
    if root.has("tiers"):
        tier_obj = root.obj("tiers")
        for key in tier_obj.data:
            path = tier_obj.at(key)
            analyte = _analyte(key, path)
            if any(t.analyte == analyte for t in tiers):
                raise PriceTermsError(path, f"{analyte} has two tier tables")
            _check_calorific_basis(price, analyte, path)
            tiers.append(_tier_table(tier_obj.obj(key), analyte))
    root.used.add("tiers")
    aggregation = TierAggregation(
        root.choice("tier_aggregation", tuple(TierAggregation), TierAggregation.SUM)
    )

    quantity_moisture = None
    if root.has("quantity_moisture"):
        qm = root.obj("quantity_moisture")
        qm_base = qm.dec("base", nonneg=True)
        if qm_base >= 100:
            raise PriceTermsError(qm.at("base"), "must be below 100 %")
        quantity_moisture = QuantityMoisture(
            qm_base, Side(qm.choice("apply", tuple(Side), Side.ABOVE))
        )
        qm.finish()
        if price_unit == "dmt":
            raise PriceTermsError(
                "quantity_moisture",
                "basis mismatch: a moisture quantity adjustment applies to wet tonnes, "
                "but the price is per dmt",
            )
    root.used.add("quantity_moisture")

    vat = Vat()
    if root.has("vat"):
        v = root.obj("vat")
        rate = v.dec("rate", nonneg=True)
        if rate >= 100:
            raise PriceTermsError(v.at("rate"), "is a percentage and must be below 100")
        vat = Vat(rate, v.boolean("included", False))
        v.finish()
    root.used.add("vat")

    fx = None
    if root.has("fx"):
        f = root.obj("fx")
        fx = Fx(_currency(f, "settlement_currency"), f.opt_dec("rate", positive=True))
        f.finish()
    root.used.add("fx")

    invoice = None
    if root.has("invoice"):
        inv = root.obj("invoice")
        pct = inv.dec("provisional_pct", positive=True)
        if pct > 100:
            raise PriceTermsError(inv.at("provisional_pct"), "must be at most 100")
        invoice = InvoiceTerms(pct)
        inv.finish()
    root.used.add("invoice")

    rounding = Rounding()
    if root.has("rounding"):
        r = root.obj("rounding")
        rounding = Rounding(
            r.opt_dec("price", rounding.price, positive=True) or rounding.price,
            r.opt_dec("quantity", rounding.quantity, positive=True) or rounding.quantity,
            r.opt_dec("amount", rounding.amount, positive=True) or rounding.amount,
        )
        r.finish()
    root.used.add("rounding")

    description = _localized(root, "description") if root.has("description") else None
    root.used.add("description")
    quoted_index = _quoted_index(root, price) if root.has("quoted_index") else ()
    root.used.add("quoted_index")
    terms = Terms(
        code=code,
        name=name,
        currency=currency,
        price_unit=price_unit,
        price=price,
        commodity=root.text("commodity", ""),
        linear=tuple(linear),
        tiers=tuple(tiers),
        tier_aggregation=aggregation,
        quantity_moisture=quantity_moisture,
        vat=vat,
        fx=fx,
        invoice=invoice,
        rounding=rounding,
        description=description,
        source=root.text("source", ""),
        quoted_index=quoted_index,
        format_version=FORMAT_VERSION,
    )
    root.finish()
    return terms


def _quoted_index(root: _Obj, price: PriceSpec) -> tuple[tuple[str, Decimal], ...]:
    """``"quoted_index": {"DCE_I": "800"}``: only indices the price reads, each a positive
    value."""
    obj = root.obj("quoted_index")
    read = _index_names(price)
    values: list[tuple[str, Decimal]] = []
    for name in obj.data:
        if name not in read:
            known = ", ".join(read) or "none"
            raise PriceTermsError(
                obj.at(name), f"the terms read no index {name!r} (they read: {known})"
            )
        values.append((name, obj.dec(name, positive=True)))
    obj.finish()
    return tuple(values)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise PriceTermsError("", f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def parse_terms_json(text: str, source: str = "terms") -> Terms:
    """Decode JSON text exactly (``parse_float=Decimal``) and validate it."""
    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise PriceTermsError(
            source, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except PriceTermsError as exc:
        raise PriceTermsError(source, exc.problem) from None
    return parse_terms(data)


def load_terms(source: str | os.PathLike[str] | Mapping[str, Any] | Terms) -> Terms:
    """Terms from a file path, a decoded JSON mapping, or (unchanged) a :class:`Terms`."""
    if isinstance(source, Terms):
        return source
    if isinstance(source, Mapping):
        return parse_terms(source)
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PriceTermsError(
            str(path), f"cannot read the file ({exc.__class__.__name__})"
        ) from None
    return parse_terms_json(text, str(path))


# --- writing --------------------------------------------------------------------------------------


def _d(value: Decimal) -> str:
    return format(value, "f")


def _dump_index(ref: IndexRef) -> dict[str, Any]:
    out: dict[str, Any] = {"name": ref.name}
    if ref.qp != QuotationalPeriod():
        qp: dict[str, Any] = {"type": str(ref.qp.type)}
        if ref.qp.type in (QPType.QUOTES_BEFORE_BL, QPType.DAYS_BEFORE_BL, QPType.MONTH_AFTER_BL):
            qp["n"] = ref.qp.n
        if ref.qp.include_bl_date:
            qp["include_bl_date"] = True
        out["qp"] = qp
    if ref.round_to != Decimal("0.01"):
        out["round_to"] = _d(ref.round_to)
    return out


def _dump_ref(ref: PriceRef) -> dict[str, Any]:
    if ref.index is not None:
        return {"index": _dump_index(ref.index)}
    assert ref.value is not None
    return {"value": _d(ref.value)}


def _dump_tier(table: TierTable, *, escalator: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"base": _d(table.base)}
    if escalator:
        out = {"metal": table.analyte, **out}
    if table.method is not TierMethod.CUMULATIVE:
        out["method"] = str(table.method)
    if table.fractions is not Fractions.PRO_RATA:
        out["fractions"] = str(table.fractions)
    if table.amount_type is not AmountType.ABSOLUTE:
        out["amount_type"] = str(table.amount_type)
    out["bands"] = [
        {
            "from": None if b.lo is None else _d(b.lo),
            "to": None if b.hi is None else _d(b.hi),
            "step": _d(b.step),
            "amount": _d(b.amount),
        }
        for b in table.bands
    ]
    if table.reject_below is not None:
        out["reject_below"] = _d(table.reject_below)
    if table.reject_above is not None:
        out["reject_above"] = _d(table.reject_above)
    return out


def _dump_price(price: PriceSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"mode": price.mode}
    if isinstance(price, FixedPrice):
        out["value"] = _d(price.value)
    elif isinstance(price, IndexPrice):
        out["index"] = _dump_index(price.index)
        out["differential"] = _d(price.differential)
    elif isinstance(price, GradeProRataPrice | ValueInUsePrice | CalorificPrice):
        out.update(_dump_ref(price.reference))
        out["analyte"] = price.analyte
        out["base"] = _d(price.base)
        if isinstance(price, ValueInUsePrice):
            out["per_1pct"] = _d(price.per_1pct)
        out["differential"] = _d(price.differential)
        if isinstance(price, GradeProRataPrice) and price.differential_before_pro_rata:
            out["differential_before_pro_rata"] = True
    elif isinstance(price, PayableMetalPrice):
        metals = []
        for m in price.metals:
            item: dict[str, Any] = {"metal": m.metal, **_dump_ref(m.reference)}
            item["price_per"] = m.price_per
            item["payable_pct"] = _d(m.payable_pct)
            item["min_deduction"] = _d(m.min_deduction)
            if m.rc is not None:
                item["rc"] = {"amount": _d(m.rc.amount), "per": m.rc.per}
            metals.append(item)
        out["metals"] = metals
        if price.tc is not None:
            tc: dict[str, Any] = {"value": _d(price.tc.value)}
            if price.tc.escalator is not None:
                tc["escalator"] = _dump_tier(price.tc.escalator, escalator=True)
            if price.tc.floor is not None:
                tc["floor"] = _d(price.tc.floor)
            if price.tc.cap is not None:
                tc["cap"] = _d(price.tc.cap)
            out["tc"] = tc
    else:
        coefficient_metals = []
        for cm in price.metals:
            item = {"metal": cm.metal, **_dump_ref(cm.reference), "price_per": cm.price_per}
            if cm.coefficient is not None:
                item["coefficient"] = _d(cm.coefficient)
            else:
                item["coefficient_table"] = [
                    {
                        "from": _d(b.lo),
                        "to": None if b.hi is None else _d(b.hi),
                        "coefficient": _d(b.coefficient),
                    }
                    for b in cm.table
                ]
            coefficient_metals.append(item)
        out["metals"] = coefficient_metals
    return out


def dump_terms(terms: Terms) -> dict[str, Any]:
    """The JSON-ready mapping of ``terms`` (numbers as strings); ``load_terms`` reads it back."""
    out: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "code": terms.code,
        "name": {"zh": terms.name.zh, "en": terms.name.en},
    }
    if terms.description is not None:
        out["description"] = {"zh": terms.description.zh, "en": terms.description.en}
    if terms.commodity:
        out["commodity"] = terms.commodity
    if terms.source:
        out["source"] = terms.source
    out["currency"] = terms.currency
    out["price_unit"] = terms.price_unit
    out["price"] = _dump_price(terms.price)
    if terms.linear:
        out["linear"] = [
            {
                "analyte": a.analyte,
                "base": _d(a.base),
                "per": _d(a.per),
                "amount": _d(a.amount),
                "apply": str(a.apply),
            }
            for a in terms.linear
        ]
    if terms.tiers:
        out["tiers"] = {t.analyte: _dump_tier(t) for t in terms.tiers}
        out["tier_aggregation"] = str(terms.tier_aggregation)
    if terms.quantity_moisture is not None:
        out["quantity_moisture"] = {
            "base": _d(terms.quantity_moisture.base),
            "apply": str(terms.quantity_moisture.apply),
        }
    out["vat"] = {"rate": _d(terms.vat.rate), "included": terms.vat.included}
    if terms.fx is not None:
        fx: dict[str, Any] = {"settlement_currency": terms.fx.settlement_currency}
        if terms.fx.rate is not None:
            fx["rate"] = _d(terms.fx.rate)
        out["fx"] = fx
    if terms.invoice is not None:
        out["invoice"] = {"provisional_pct": _d(terms.invoice.provisional_pct)}
    if terms.rounding != Rounding():
        out["rounding"] = {
            "price": _d(terms.rounding.price),
            "quantity": _d(terms.rounding.quantity),
            "amount": _d(terms.rounding.amount),
        }
    if terms.quoted_index:
        out["quoted_index"] = {name: _d(value) for name, value in terms.quoted_index}
    return out
