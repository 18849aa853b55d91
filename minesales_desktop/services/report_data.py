"""The figures of the monthly / quarterly / yearly sales report (数据分析与报告).

Why a module of its own: the report reads the whole department's records of a period on a
database of 100 000 customers, so every figure is an SQL aggregate (``GROUP BY``) and nothing
loads a table into memory. Sums run over the stored scaled integers, so they are exact; each
group is then converted to CNY and divided here in ``Decimal`` and rounded once, half up.

Definitions are those of the KPI engine (``kpi_engine.AUTO_RULES``) so a report and a sheet of
the same period never disagree:

- volume = wet tonnes on the B/L of lots shipped / delivered / settled with a B/L date in the
  period; revenue = net (excl. VAT) invoice amounts issued in the period, credit notes negative,
  cancelled invoices never; foreign currency in CNY at the rate of the invoice's contract;
- plan = the reps' SALES_VOLUME / SALES_REVENUE targets of the period (a team's plan is its
  members' sum); products, customers and regions have no plan;
- realized price = the quantity-weighted mean unit price of the final invoices (结算价) issued in
  the period, per product in the invoice currency, against the mean of the product's default
  index over the period's quotes; the ratio is printed only when both are in the same currency;
- collection rate = collected ÷ (opening receivables + period invoicing, gross); ageing buckets
  the open amount of each invoice at the period end by days past its due date;
- pipeline = the open opportunities *now* (the report states the date); win rate, stage
  conversion, sales cycle and lost reasons are those of the opportunities *closed* in the period;
  a stage counts as reached if the opportunity ever entered it or a later one;
- claims = tickets received in the period; timeliness = of those resolved in the period, the share
  resolved by the SLA due time; satisfaction = return visits made in the period (1–5);
- instants (closing, visits, tickets) are taken in China Standard Time, like the KPI engine.

A figure that cannot be computed (nothing to divide by) is ``None`` and printed "—".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from minesales_desktop.db.base import utcnow
from minesales_desktop.db.types import Money, Quantity
from minesales_desktop.messages import current_language
from minesales_desktop.models.catalog import IndexQuote, PriceIndex, Product
from minesales_desktop.models.contracts import Contract, Invoice, Payment, Shipment
from minesales_desktop.models.customers import Activity, Customer
from minesales_desktop.models.enums import (
    ActivityKind,
    Currency,
    InvoiceKind,
    InvoiceStatus,
    LostReason,
    PeriodType,
    Role,
    ShipmentStatus,
    Stage,
    TicketType,
)
from minesales_desktop.models.people import Team, User
from minesales_desktop.models.performance import KpiDefinition, KpiTarget
from minesales_desktop.models.sales import Opportunity, StageChange
from minesales_desktop.models.service import ReturnVisit, ServiceTicket
from minesales_desktop.services.errors import NotFoundError
from minesales_desktop.services.kpi_engine import CHINA_TZ, DEFAULT_GRADE_BANDS, build_reports
from minesales_desktop.services.performance import Period

__all__ = [
    "AgeingBucket",
    "AmountRow",
    "ClaimRow",
    "CollectionSummary",
    "FunnelRow",
    "LostReasonRow",
    "MonthRow",
    "PipelineStageRow",
    "PriceRow",
    "RankingRow",
    "SalesProcess",
    "SalesReportData",
    "ServiceSummary",
    "sales_report_data",
]

CENT = Decimal("0.01")
TONNE = Decimal("0.001")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
TOP_CUSTOMERS = 10
SHIPPED = (ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED, ShipmentStatus.SETTLED)
FUNNEL_STAGES: tuple[Stage, ...] = (
    Stage.LEAD,
    Stage.QUALIFIED,
    Stage.SAMPLE,
    Stage.QUOTED,
    Stage.NEGOTIATION,
    Stage.AWARDED,
    Stage.WON,
)
OPEN_STAGES = FUNNEL_STAGES[:-1]
# Days past due → bucket; the last bucket has no upper limit.
AGEING_LIMITS: tuple[tuple[str, int | None, str, str], ...] = (
    ("CURRENT", 0, "未到期", "Not yet due"),
    ("D30", 30, "逾期 1–30 天", "1–30 days overdue"),
    ("D60", 60, "逾期 31–60 天", "31–60 days overdue"),
    ("D90", 90, "逾期 61–90 天", "61–90 days overdue"),
    ("D180", 180, "逾期 91–180 天", "91–180 days overdue"),
    ("OVER", None, "逾期 180 天以上", "Over 180 days overdue"),
)


def _zh(lang: str | None) -> bool:
    return (lang or current_language()).startswith("zh")


def _r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return _r2(numerator / denominator * HUNDRED) if denominator > 0 else None


# --- DTOs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AmountRow:
    """Volume and revenue of one product, customer, region, rep or team (with its plan)."""

    key: str
    label_zh: str
    label_en: str
    volume_t: Decimal
    revenue_cny: Decimal
    plan_volume_t: Decimal | None = None
    plan_revenue_cny: Decimal | None = None

    def label(self, lang: str | None = None) -> str:
        return self.label_zh if _zh(lang) else self.label_en

    @property
    def volume_completion_pct(self) -> Decimal | None:
        return None if self.plan_volume_t is None else _pct(self.volume_t, self.plan_volume_t)

    @property
    def revenue_completion_pct(self) -> Decimal | None:
        if self.plan_revenue_cny is None:
            return None
        return _pct(self.revenue_cny, self.plan_revenue_cny)


@dataclass(frozen=True)
class MonthRow:
    """One month of the trailing twelve: volume, revenue and collections."""

    year: int
    month: int
    volume_t: Decimal
    revenue_cny: Decimal
    collected_cny: Decimal

    def label(self, lang: str | None = None) -> str:
        return f"{self.year % 100:02d}/{self.month:02d}" if not _zh(lang) else f"{self.month}月"


@dataclass(frozen=True)
class PriceRow:
    """Realized price of one product against its default index over the period."""

    product_code: str
    product_zh: str
    product_en: str
    currency: Currency
    quantity: Decimal
    realized_price: Decimal | None
    index_code: str | None
    index_currency: Currency | None
    index_unit: str | None
    index_average: Decimal | None
    index_quotes: int

    def product(self, lang: str | None = None) -> str:
        return self.product_zh if _zh(lang) else self.product_en

    @property
    def ratio_pct(self) -> Decimal | None:
        """Realized ÷ index × 100, only when both are in the same currency."""
        if self.realized_price is None or self.index_average is None:
            return None
        if self.index_currency is not self.currency:
            return None
        return _pct(self.realized_price, self.index_average)


@dataclass(frozen=True)
class AgeingBucket:
    key: str
    label_zh: str
    label_en: str
    amount_cny: Decimal

    def label(self, lang: str | None = None) -> str:
        return self.label_zh if _zh(lang) else self.label_en


@dataclass(frozen=True)
class CollectionSummary:
    opening_receivables_cny: Decimal
    invoiced_gross_cny: Decimal
    collected_cny: Decimal
    collection_rate_pct: Decimal | None
    receivables_cny: Decimal  # at the period end
    overdue_cny: Decimal
    overdue_ratio_pct: Decimal | None
    ageing: tuple[AgeingBucket, ...]
    unallocated_cny: Decimal  # receivables − sum of the buckets (payments on account, credits)


@dataclass(frozen=True)
class PipelineStageRow:
    stage: Stage
    count: int
    value_cny: Decimal
    value_usd: Decimal
    weighted_cny: Decimal
    weighted_usd: Decimal


@dataclass(frozen=True)
class FunnelRow:
    stage: Stage
    reached: int
    conversion_pct: Decimal | None  # reached the next stage ÷ reached this one


@dataclass(frozen=True)
class LostReasonRow:
    reason: LostReason | None
    count: int
    share_pct: Decimal | None

    def label(self, lang: str | None = None) -> str:
        if self.reason is None:
            return "未填写" if _zh(lang) else "Not given"
        return self.reason.label(lang)


@dataclass(frozen=True)
class SalesProcess:
    pipeline: tuple[PipelineStageRow, ...]
    pipeline_as_of: dt.date
    funnel: tuple[FunnelRow, ...]
    won: int
    lost: int
    win_rate_pct: Decimal | None
    average_cycle_days: Decimal | None
    lost_reasons: tuple[LostReasonRow, ...]


@dataclass(frozen=True)
class ClaimRow:
    ticket_type: TicketType
    received: int
    claimed_cny: Decimal
    settled_cny: Decimal
    resolved: int
    resolved_in_time: int

    @property
    def timeliness_pct(self) -> Decimal | None:
        return _pct(Decimal(self.resolved_in_time), Decimal(self.resolved))


@dataclass(frozen=True)
class ServiceSummary:
    claims: tuple[ClaimRow, ...]
    return_visits: int
    average_satisfaction: Decimal | None
    satisfaction_counts: tuple[int, int, int, int, int]  # how many 1, 2, 3, 4, 5
    activities: tuple[tuple[ActivityKind, int], ...]


@dataclass(frozen=True)
class RankingRow:
    """One rep in the KPI ranking; ``label``/``total_score``/``grade`` fit ``charts``."""

    rank: int
    user_id: str
    name_zh: str
    name_en: str
    team_name: str
    total_score: Decimal
    grade: str
    unscored: int  # lines without a score (no target or no data)

    def name(self, lang: str | None = None) -> str:
        return self.name_zh if _zh(lang) else (self.name_en or self.name_zh)

    @property
    def label(self) -> str:
        return self.name()


@dataclass(frozen=True)
class SalesReportData:
    """Everything one sales report prints, for one period and the department or one team."""

    period: Period
    team_id: str | None
    team_name: str | None
    generated_at: dt.datetime
    total: AmountRow
    previous_year: AmountRow
    months: tuple[MonthRow, ...]
    by_product: tuple[AmountRow, ...]
    by_customer: tuple[AmountRow, ...]  # the top customers by revenue
    customers_with_revenue: int
    by_region: tuple[AmountRow, ...]
    by_team: tuple[AmountRow, ...]
    by_rep: tuple[AmountRow, ...]
    prices: tuple[PriceRow, ...]
    collection: CollectionSummary
    process: SalesProcess
    service: ServiceSummary
    ranking: tuple[RankingRow, ...]

    @property
    def volume_growth_pct(self) -> Decimal | None:
        prev = self.previous_year.volume_t
        return _pct(self.total.volume_t - prev, prev) if prev > 0 else None

    @property
    def revenue_growth_pct(self) -> Decimal | None:
        prev = self.previous_year.revenue_cny
        return _pct(self.total.revenue_cny - prev, prev) if prev > 0 else None


# --- helpers ------------------------------------------------------------------------------------
def _to_cny(amount: Decimal | None, currency: Currency, rate: Decimal | None) -> Decimal | None:
    if amount is None:
        return ZERO
    if currency is Currency.CNY:
        return amount
    if rate is None or rate <= 0:
        return None  # cannot be valued without a contract rate: left out, as in the KPI engine
    return amount * rate


def _money_by_key(rows: Iterable[Any]) -> dict[Any, Decimal]:
    """(key, currency, rate, amount) groups → key → CNY, unrounded."""
    out: dict[Any, Decimal] = defaultdict(lambda: ZERO)
    for key, currency, rate, amount in rows:
        value = _to_cny(amount, currency, rate)
        if value is not None:
            out[key] += value
    return out


def _instant(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA_TZ).astimezone(dt.UTC)


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return _instant(first), _instant(last + dt.timedelta(days=1))


def _signed(column: Any) -> ColumnElement[Any]:
    return case((Invoice.kind == InvoiceKind.CREDIT_NOTE, -column), else_=column)


class _Scope:
    """Which records count: the department, or one team's members (by the records' owner)."""

    def __init__(self, owner_ids: Sequence[str] | None) -> None:
        self.owner_ids = list(owner_ids) if owner_ids is not None else None

    def where(self, column: Any) -> list[ColumnElement[bool]]:
        return [] if self.owner_ids is None else [column.in_(self.owner_ids)]


def _live_invoices(first: dt.date | None, last: dt.date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Invoice.is_deleted.is_(False),
        Invoice.status != InvoiceStatus.CANCELLED,
        Invoice.issued_on <= last,
    ]
    if first is not None:
        conditions.append(Invoice.issued_on >= first)
    return conditions


def _revenue_by(
    session: Session, scope: _Scope, key: Any, first: dt.date, last: dt.date, *joins: Any
) -> dict[Any, Decimal]:
    stmt = select(
        key,
        Invoice.currency,
        Contract.fx_rate,
        type_coerce(func.sum(_signed(Invoice.amount_net)), Money),
    ).join(Contract, Contract.id == Invoice.contract_id)
    for target, on in joins:
        stmt = stmt.join(target, on)
    stmt = stmt.where(*_live_invoices(first, last), *scope.where(Invoice.owner_id)).group_by(
        key, Invoice.currency, Contract.fx_rate
    )
    return _money_by_key(session.execute(stmt))


def _volume_by(
    session: Session, scope: _Scope, key: Any, first: dt.date, last: dt.date, *joins: Any
) -> dict[Any, Decimal]:
    stmt = select(key, type_coerce(func.sum(Shipment.quantity_wmt), Quantity)).join(
        Contract, Contract.id == Shipment.contract_id
    )
    for target, on in joins:
        stmt = stmt.join(target, on)
    stmt = stmt.where(
        Shipment.is_deleted.is_(False),
        Shipment.status.in_(SHIPPED),
        Shipment.bl_date >= first,
        Shipment.bl_date <= last,
        *scope.where(Shipment.owner_id),
    ).group_by(key)
    return {k: v or ZERO for k, v in session.execute(stmt)}


def _rows(
    labels: dict[Any, tuple[str, str]],
    volume: dict[Any, Decimal],
    revenue: dict[Any, Decimal],
    plans: dict[Any, tuple[Decimal | None, Decimal | None]] | None = None,
) -> list[AmountRow]:
    keys = set(volume) | set(revenue) | set(plans or {})
    out: list[AmountRow] = []
    for key in keys:
        zh, en = labels.get(key, ("—", "—"))
        plan_v, plan_r = (plans or {}).get(key, (None, None))
        out.append(
            AmountRow(
                key=str(key or ""),
                label_zh=zh,
                label_en=en,
                volume_t=volume.get(key, ZERO).quantize(TONNE, ROUND_HALF_UP),
                revenue_cny=_r2(revenue.get(key, ZERO)),
                plan_volume_t=plan_v,
                plan_revenue_cny=plan_r,
            )
        )
    out.sort(key=lambda r: (-r.revenue_cny, -r.volume_t, r.label_zh))
    return out


# --- sections -----------------------------------------------------------------------------------
def _months(period: Period) -> list[Period]:
    """The twelve months ending with the period's last month (the trend every report shows)."""
    last = Period.containing(PeriodType.MONTH, period.end)
    months = [last]
    while len(months) < 12:
        months.append(months[-1].previous())
    return list(reversed(months))


def _bucket(column: Any, months: Sequence[Period]) -> ColumnElement[Any]:
    return case(
        *((column.between(m.start, m.end), i) for i, m in enumerate(months)),
        else_=-1,
    )


def _month_rows(session: Session, scope: _Scope, period: Period) -> list[MonthRow]:
    months = _months(period)
    first, last = months[0].start, months[-1].end
    vol_key = _bucket(Shipment.bl_date, months)
    volume = _volume_by(session, scope, vol_key, first, last)
    revenue = _revenue_by(session, scope, _bucket(Invoice.issued_on, months), first, last)
    pay_key = _bucket(Payment.received_on, months)
    collected = _collected_by(session, scope, pay_key, first, last)
    return [
        MonthRow(
            m.year,
            m.number,
            volume.get(i, ZERO).quantize(TONNE, ROUND_HALF_UP),
            _r2(revenue.get(i, ZERO)),
            _r2(collected.get(i, ZERO)),
        )
        for i, m in enumerate(months)
    ]


def _collected_by(
    session: Session, scope: _Scope, key: Any, first: dt.date | None, last: dt.date
) -> dict[Any, Decimal]:
    contract_id = func.coalesce(Payment.contract_id, Invoice.contract_id)
    stmt = (
        select(
            key,
            Payment.currency,
            Contract.fx_rate,
            type_coerce(func.sum(Payment.amount), Money),
        )
        .outerjoin(Invoice, Invoice.id == Payment.invoice_id)
        .outerjoin(Contract, Contract.id == contract_id)
        .where(
            Payment.is_deleted.is_(False),
            Payment.received_on <= last,
            *scope.where(Payment.owner_id),
        )
        .group_by(key, Payment.currency, Contract.fx_rate)
    )
    if first is not None:
        stmt = stmt.where(Payment.received_on >= first)
    return _money_by_key(session.execute(stmt))


def _invoiced_gross(
    session: Session, scope: _Scope, first: dt.date | None, last: dt.date
) -> Decimal:
    stmt = (
        select(
            Invoice.currency,
            Invoice.currency,
            Contract.fx_rate,
            type_coerce(func.sum(_signed(Invoice.amount_total)), Money),
        )
        .join(Contract, Contract.id == Invoice.contract_id)
        .where(*_live_invoices(first, last), *scope.where(Invoice.owner_id))
        .group_by(Invoice.currency, Contract.fx_rate)
    )
    return sum(_money_by_key(session.execute(stmt)).values(), ZERO)


def _ageing_case(due: Any, day: dt.date) -> ColumnElement[Any]:
    whens: list[tuple[ColumnElement[bool], str]] = []
    for key, limit, _zh_label, _en_label in AGEING_LIMITS:
        if limit is None:
            break
        whens.append((due >= day - dt.timedelta(days=limit), key))
    return case(*whens, else_=AGEING_LIMITS[-1][0])


def _collection(session: Session, scope: _Scope, period: Period) -> CollectionSummary:
    day_before = period.start - dt.timedelta(days=1)
    everything = None
    collected = sum(
        _collected_by(session, scope, Payment.currency, period.start, period.end).values(), ZERO
    )
    opening = _invoiced_gross(session, scope, everything, day_before) - sum(
        _collected_by(session, scope, Payment.currency, everything, day_before).values(), ZERO
    )
    invoiced = _invoiced_gross(session, scope, period.start, period.end)
    receivables = _invoiced_gross(session, scope, everything, period.end) - sum(
        _collected_by(session, scope, Payment.currency, everything, period.end).values(), ZERO
    )
    # Open amount of each invoice at the period end, bucketed by how long it is past due. An
    # invoice due on the last day itself is not yet overdue.
    paid = (
        select(Payment.invoice_id.label("invoice_id"), func.sum(Payment.amount).label("paid"))
        .where(
            Payment.is_deleted.is_(False),
            Payment.invoice_id.is_not(None),
            Payment.received_on <= period.end,
        )
        .group_by(Payment.invoice_id)
        .subquery()
    )
    open_amount = Invoice.amount_total - func.coalesce(paid.c.paid, 0)
    bucket = _ageing_case(Invoice.due_on, period.end)
    stmt = (
        select(
            bucket,
            Invoice.currency,
            Contract.fx_rate,
            type_coerce(func.sum(open_amount), Money),
        )
        .join(Contract, Contract.id == Invoice.contract_id)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .where(
            *_live_invoices(None, period.end),
            *scope.where(Invoice.owner_id),
            Invoice.kind != InvoiceKind.CREDIT_NOTE,
            open_amount > 0,
        )
        .group_by(bucket, Invoice.currency, Contract.fx_rate)
    )
    by_bucket = _money_by_key(session.execute(stmt))
    buckets = tuple(
        AgeingBucket(key, zh, en, _r2(by_bucket.get(key, ZERO)))
        for key, _limit, zh, en in AGEING_LIMITS
    )
    receivables = _r2(receivables)
    overdue = sum((b.amount_cny for b in buckets if b.key != "CURRENT"), ZERO)
    overdue = min(overdue, max(receivables, ZERO))
    opening = _r2(opening)
    invoiced = _r2(invoiced)
    collected = _r2(collected)
    return CollectionSummary(
        opening_receivables_cny=opening,
        invoiced_gross_cny=invoiced,
        collected_cny=collected,
        collection_rate_pct=_pct(collected, opening + invoiced),
        receivables_cny=receivables,
        overdue_cny=overdue,
        overdue_ratio_pct=_pct(overdue, receivables),
        ageing=buckets,
        unallocated_cny=receivables - sum((b.amount_cny for b in buckets), ZERO),
    )


def _prices(session: Session, scope: _Scope, period: Period) -> list[PriceRow]:
    # Final invoices carry the settled unit price (结算价) of the whole lot; provisional invoices
    # bill a share of a provisional price, and their quantity comes again on the final one.
    # Grouped by unit price so the quantity-weighted mean is made exactly here, not in SQL
    # integers that could overflow.
    groups = session.execute(
        select(
            Contract.product_id,
            Invoice.currency,
            Invoice.unit_price,
            type_coerce(func.sum(Invoice.quantity), Quantity),
        )
        .join(Contract, Contract.id == Invoice.contract_id)
        .where(
            *_live_invoices(period.start, period.end),
            *scope.where(Invoice.owner_id),
            Invoice.kind == InvoiceKind.FINAL,
            Invoice.quantity.is_not(None),
            Invoice.quantity > 0,
            Invoice.unit_price.is_not(None),
        )
        .group_by(Contract.product_id, Invoice.currency, Invoice.unit_price)
    )
    sums: dict[tuple[str, Currency], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for product_id, currency, price, quantity in groups:
        slot = sums[(product_id, currency)]
        slot[0] += (price or ZERO) * (quantity or ZERO)
        slot[1] += quantity or ZERO
    realized = [(pid, cur, amount, qty) for (pid, cur), (amount, qty) in sums.items()]
    if not realized:
        return []
    index_avg = {
        index_id: (total, int(n))
        for index_id, total, n in session.execute(
            select(
                IndexQuote.index_id, type_coerce(func.sum(IndexQuote.price), Money), func.count()
            )
            .where(
                IndexQuote.is_deleted.is_(False),
                IndexQuote.quote_date >= period.start,
                IndexQuote.quote_date <= period.end,
            )
            .group_by(IndexQuote.index_id)
        )
    }
    products = {
        p.id: p
        for p in session.scalars(
            select(Product).where(Product.id.in_({row[0] for row in realized}))
        )
    }
    indices = {i.id: i for i in session.scalars(select(PriceIndex))}
    rows: list[PriceRow] = []
    for product_id, currency, amount, quantity in realized:
        product = products.get(product_id)
        if product is None:
            continue
        index = indices.get(product.default_index_id or "")
        total, n = index_avg.get(index.id, (ZERO, 0)) if index is not None else (ZERO, 0)
        qty = quantity or ZERO
        rows.append(
            PriceRow(
                product_code=product.code,
                product_zh=product.name_zh,
                product_en=product.name_en,
                currency=currency,
                quantity=qty,
                realized_price=_r2((amount or ZERO) / qty) if qty > 0 else None,
                index_code=index.code if index is not None else None,
                index_currency=index.currency if index is not None else None,
                index_unit=index.unit if index is not None else None,
                index_average=_r2(total / n) if n else None,
                index_quotes=n,
            )
        )
    rows.sort(key=lambda r: (r.product_code, r.currency.value))
    return rows


def _process(session: Session, scope: _Scope, period: Period) -> SalesProcess:
    today = utcnow().astimezone(CHINA_TZ).date()
    live = [Opportunity.is_deleted.is_(False), *scope.where(Opportunity.owner_id)]
    pipeline_rows = session.execute(
        select(
            Opportunity.stage,
            Opportunity.currency,
            Opportunity.probability,
            func.count(),
            type_coerce(func.sum(Opportunity.estimated_value), Money),
        )
        .where(*live, Opportunity.stage.in_(OPEN_STAGES))
        .group_by(Opportunity.stage, Opportunity.currency, Opportunity.probability)
    )
    acc: dict[Stage, list[Any]] = {s: [0, ZERO, ZERO, ZERO, ZERO] for s in OPEN_STAGES}
    for stage, currency, probability, n, value in pipeline_rows:
        slot = acc[stage]
        slot[0] += int(n)
        amount = value or ZERO
        part = amount * (probability or ZERO) / HUNDRED
        if currency is Currency.USD:
            slot[2] += amount
            slot[4] += part
        else:
            slot[1] += amount
            slot[3] += part
    pipeline = tuple(
        PipelineStageRow(s, v[0], _r2(v[1]), _r2(v[2]), _r2(v[3]), _r2(v[4]))
        for s, v in acc.items()
    )

    start, stop = _bounds(period.start, period.end)
    closed = [
        *live,
        Opportunity.stage.in_((Stage.WON, Stage.LOST)),
        Opportunity.closed_at >= start,
        Opportunity.closed_at < stop,
    ]
    outcome = dict(
        session.execute(
            select(Opportunity.stage, func.count()).where(*closed).group_by(Opportunity.stage)
        ).all()
    )
    won, lost = int(outcome.get(Stage.WON, 0)), int(outcome.get(Stage.LOST, 0))

    order = case(*((StageChange.to_stage == s, i) for i, s in enumerate(FUNNEL_STAGES)), else_=-1)
    deepest = (
        select(StageChange.opportunity_id.label("oid"), func.max(order).label("depth"))
        .join(Opportunity, Opportunity.id == StageChange.opportunity_id)
        .where(*closed, StageChange.is_deleted.is_(False))
        .group_by(StageChange.opportunity_id)
        .subquery()
    )
    depth_counts: dict[int, int] = {
        int(depth): int(n)
        for depth, n in session.execute(
            select(deepest.c.depth, func.count()).group_by(deepest.c.depth)
        )
        if depth is not None
    }
    reached = [
        sum(n for depth, n in depth_counts.items() if depth >= i) for i in range(len(FUNNEL_STAGES))
    ]
    funnel = tuple(
        FunnelRow(
            s,
            reached[i],
            _pct(Decimal(reached[i + 1]), Decimal(reached[i]))
            if i + 1 < len(FUNNEL_STAGES)
            else None,
        )
        for i, s in enumerate(FUNNEL_STAGES)
    )

    first_change = (
        select(
            StageChange.opportunity_id.label("oid"),
            func.min(StageChange.changed_at).label("first"),
        )
        .where(StageChange.is_deleted.is_(False))
        .group_by(StageChange.opportunity_id)
        .subquery()
    )
    spans = session.execute(
        select(Opportunity.closed_at, first_change.c.first, Opportunity.created_at)
        .outerjoin(first_change, first_change.c.oid == Opportunity.id)
        .where(*closed, Opportunity.stage == Stage.WON)
    ).all()
    days: list[Decimal] = []
    for closed_at, first, created in spans:
        began = first if first is not None else created
        if closed_at is None or began is None:
            continue
        if isinstance(began, dt.datetime) and began.tzinfo is None:
            began = began.replace(tzinfo=dt.UTC)
        seconds = Decimal(int((closed_at - began).total_seconds()))
        days.append(max(seconds, ZERO) / Decimal(86400))
    average_cycle = _r2(sum(days, ZERO) / len(days)).quantize(Decimal("0.1")) if days else None

    reasons = session.execute(
        select(Opportunity.lost_reason, func.count())
        .where(*closed, Opportunity.stage == Stage.LOST)
        .group_by(Opportunity.lost_reason)
    ).all()
    lost_rows = sorted(
        (LostReasonRow(r, int(n), _pct(Decimal(int(n)), Decimal(lost))) for r, n in reasons),
        key=lambda row: -row.count,
    )
    return SalesProcess(
        pipeline=pipeline,
        pipeline_as_of=today,
        funnel=funnel,
        won=won,
        lost=lost,
        win_rate_pct=_pct(Decimal(won), Decimal(won + lost)),
        average_cycle_days=average_cycle,
        lost_reasons=tuple(lost_rows),
    )


def _service(session: Session, scope: _Scope, period: Period) -> ServiceSummary:
    start, stop = _bounds(period.start, period.end)
    received = session.execute(
        select(
            ServiceTicket.ticket_type,
            ServiceTicket.currency,
            Contract.fx_rate,
            func.count(),
            type_coerce(func.sum(ServiceTicket.claimed_amount), Money),
            type_coerce(func.sum(ServiceTicket.settled_amount), Money),
        )
        .outerjoin(Contract, Contract.id == ServiceTicket.contract_id)
        .where(
            ServiceTicket.is_deleted.is_(False),
            ServiceTicket.received_at >= start,
            ServiceTicket.received_at < stop,
            *scope.where(ServiceTicket.owner_id),
        )
        .group_by(ServiceTicket.ticket_type, ServiceTicket.currency, Contract.fx_rate)
    )
    acc: dict[TicketType, list[Any]] = {t: [0, ZERO, ZERO, 0, 0] for t in TicketType}
    for kind, currency, rate, n, claimed, settled in received:
        slot = acc[kind]
        slot[0] += int(n)
        slot[1] += _to_cny(claimed, currency, rate) or ZERO
        slot[2] += _to_cny(settled, currency, rate) or ZERO
    in_time = func.sum(case((ServiceTicket.resolved_at <= ServiceTicket.sla_due, 1), else_=0))
    for kind, n, ok in session.execute(
        select(ServiceTicket.ticket_type, func.count(), in_time)
        .where(
            ServiceTicket.is_deleted.is_(False),
            ServiceTicket.resolved_at >= start,
            ServiceTicket.resolved_at < stop,
            *scope.where(ServiceTicket.owner_id),
        )
        .group_by(ServiceTicket.ticket_type)
    ):
        acc[kind][3] += int(n)
        acc[kind][4] += int(ok or 0)
    claims = tuple(ClaimRow(t, v[0], _r2(v[1]), _r2(v[2]), v[3], v[4]) for t, v in acc.items())

    counts = [0, 0, 0, 0, 0]
    for score, n in session.execute(
        select(ReturnVisit.satisfaction, func.count())
        .where(
            ReturnVisit.is_deleted.is_(False),
            ReturnVisit.visited_at >= start,
            ReturnVisit.visited_at < stop,
            *scope.where(ReturnVisit.owner_id),
        )
        .group_by(ReturnVisit.satisfaction)
    ):
        if 1 <= int(score) <= 5:
            counts[int(score) - 1] += int(n)
    visits = sum(counts)
    points = sum((i + 1) * n for i, n in enumerate(counts))
    activities = dict(
        session.execute(
            select(Activity.kind, func.count())
            .where(
                Activity.is_deleted.is_(False),
                Activity.occurred_at >= start,
                Activity.occurred_at < stop,
                *scope.where(Activity.owner_id),
            )
            .group_by(Activity.kind)
        ).all()
    )
    return ServiceSummary(
        claims=claims,
        return_visits=visits,
        average_satisfaction=_r2(Decimal(points) / visits) if visits else None,
        satisfaction_counts=(counts[0], counts[1], counts[2], counts[3], counts[4]),
        activities=tuple((k, int(activities.get(k, 0))) for k in ActivityKind),
    )


def _plans(session: Session, period: Period) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    rows = session.execute(
        select(KpiTarget.user_id, KpiDefinition.code, KpiTarget.target_value)
        .join(KpiDefinition, KpiDefinition.id == KpiTarget.kpi_id)
        .where(
            KpiTarget.is_deleted.is_(False),
            KpiTarget.period == period.text,
            KpiDefinition.code.in_(("SALES_VOLUME", "SALES_REVENUE")),
        )
    )
    out: dict[str, list[Decimal | None]] = defaultdict(lambda: [None, None])
    for user_id, code, value in rows:
        out[user_id][0 if code == "SALES_VOLUME" else 1] = value
    return {k: (v[0], v[1]) for k, v in out.items()}


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if a is None:
        return b
    return a if b is None else a + b


# --- the report ---------------------------------------------------------------------------------
def sales_report_data(
    session: Session,
    period: Period | str,
    *,
    team_id: str | None = None,
    top_customers: int = TOP_CUSTOMERS,
) -> SalesReportData:
    """The report's figures for a month, quarter or year, for the department (``team_id`` None)
    or one team (the records its members own). No permission check: the caller (the
    performance tab for a manager or admin, the CLI, a batch) decides who may print it."""
    when = period if isinstance(period, Period) else Period.parse(period)
    team_name: str | None = None
    members_q = select(User.id, User.full_name, User.full_name_en, User.team_id, User.role).where(
        User.is_deleted.is_(False)
    )
    if team_id is not None:
        team = session.get(Team, team_id)
        if team is None or team.is_deleted:
            raise NotFoundError("No such team.")
        team_name = team.name
        members_q = members_q.where(User.team_id == team_id)
    people = session.execute(members_q).all()
    scope = _Scope([p.id for p in people] if team_id is not None else None)
    teams = {t.id: t.name for t in session.scalars(select(Team).where(Team.is_deleted.is_(False)))}

    first, last = when.start, when.end
    prev = when.previous_year_same()
    vol_total = sum(_volume_by(session, scope, Shipment.status, first, last).values(), ZERO)
    rev_total = sum(_revenue_by(session, scope, Invoice.currency, first, last).values(), ZERO)
    vol_prev = sum(_volume_by(session, scope, Shipment.status, prev.start, prev.end).values(), ZERO)
    rev_prev = sum(
        _revenue_by(session, scope, Invoice.currency, prev.start, prev.end).values(), ZERO
    )

    products = {
        p.id: (p.name_zh, p.name_en)
        for p in session.scalars(select(Product).where(Product.is_deleted.is_(False)))
    }
    by_product = _rows(
        products,
        _volume_by(session, scope, Contract.product_id, first, last),
        _revenue_by(session, scope, Contract.product_id, first, last),
    )

    cust_revenue = _revenue_by(session, scope, Invoice.customer_id, first, last)
    top_ids = sorted(cust_revenue, key=lambda k: -cust_revenue[k])[:top_customers]
    cust_volume = _volume_by(
        session,
        scope,
        Contract.customer_id,
        first,
        last,
    )
    names = {
        c.id: (c.short_name or c.name_zh, c.name_en or c.short_name or c.name_zh)
        for c in session.execute(
            select(Customer.id, Customer.name_zh, Customer.name_en, Customer.short_name).where(
                Customer.id.in_(top_ids)
            )
        )
    }
    by_customer = _rows(
        names,
        {k: v for k, v in cust_volume.items() if k in names},
        {k: cust_revenue[k] for k in top_ids},
    )

    province_rev = _revenue_by(
        session,
        scope,
        Customer.province,
        first,
        last,
        (Customer, Customer.id == Invoice.customer_id),
    )
    province_vol = _volume_by(
        session,
        scope,
        Customer.province,
        first,
        last,
        (Customer, Customer.id == Contract.customer_id),
    )
    regions = {k: (k or "未填写", k or "Not given") for k in set(province_rev) | set(province_vol)}
    by_region = _rows(regions, province_vol, province_rev)

    plans = _plans(session, when)
    rep_volume = _volume_by(session, scope, Shipment.owner_id, first, last)
    rep_revenue = _revenue_by(session, scope, Invoice.owner_id, first, last)
    sellers = {p.id: p for p in people if p.role in (Role.REP, Role.MANAGER)}
    rep_labels = {p.id: (p.full_name, p.full_name_en or p.full_name) for p in people}
    rep_plans = {k: v for k, v in plans.items() if k in sellers}
    by_rep = [
        r
        for r in _rows(rep_labels, rep_volume, rep_revenue, rep_plans)
        if r.key in sellers or r.volume_t or r.revenue_cny
    ]
    team_of = {p.id: p.team_id for p in people}
    team_acc: dict[str | None, list[Any]] = defaultdict(lambda: [ZERO, ZERO, None, None])
    for row in by_rep:
        slot = team_acc[team_of.get(row.key)]
        slot[0] += row.volume_t
        slot[1] += row.revenue_cny
        slot[2] = _add(slot[2], row.plan_volume_t)
        slot[3] = _add(slot[3], row.plan_revenue_cny)
    by_team = sorted(
        (
            AmountRow(
                tid or "",
                teams.get(tid or "", "未分组"),
                teams.get(tid or "", "No team"),
                v[0],
                v[1],
                v[2],
                v[3],
            )
            for tid, v in team_acc.items()
        ),
        key=lambda r: -r.revenue_cny,
    )
    plan_v: Decimal | None = None
    plan_r: Decimal | None = None
    for v, r in rep_plans.values():
        plan_v, plan_r = _add(plan_v, v), _add(plan_r, r)

    reps = sorted(
        (p for p in people if p.role is Role.REP),
        key=lambda p: p.full_name,
    )
    active_ids = set(
        session.scalars(
            select(User.id).where(User.id.in_([p.id for p in reps]), User.active.is_(True))
        )
    )
    reports = build_reports(
        session, when, [p.id for p in reps if p.id in active_ids], bands=DEFAULT_GRADE_BANDS
    )
    ranked = sorted(reports, key=lambda r: (-r.total_score, r.person.full_name))
    ranking = tuple(
        RankingRow(
            rank=i,
            user_id=r.person.user_id,
            name_zh=r.person.full_name,
            name_en=r.person.full_name_en or r.person.full_name,
            team_name=r.person.team_name or "",
            total_score=r.total_score,
            grade=r.grade,
            unscored=len(r.unscored),
        )
        for i, r in enumerate(ranked, start=1)
    )

    return SalesReportData(
        period=when,
        team_id=team_id,
        team_name=team_name,
        generated_at=utcnow(),
        total=AmountRow(
            "TOTAL",
            "合计",
            "Total",
            vol_total.quantize(TONNE, ROUND_HALF_UP),
            _r2(rev_total),
            plan_v,
            plan_r,
        ),
        previous_year=AmountRow(
            "PREVIOUS",
            "上年同期",
            "Same period last year",
            vol_prev.quantize(TONNE, ROUND_HALF_UP),
            _r2(rev_prev),
        ),
        months=tuple(_month_rows(session, scope, when)),
        by_product=tuple(by_product),
        by_customer=tuple(by_customer),
        customers_with_revenue=len(cust_revenue),
        by_region=tuple(by_region),
        by_team=tuple(by_team),
        by_rep=tuple(by_rep),
        prices=tuple(_prices(session, scope, when)),
        collection=_collection(session, scope, when),
        process=_process(session, scope, when),
        service=_service(session, scope, when),
        ranking=ranking,
    )
