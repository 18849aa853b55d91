"""What the pipeline screen reads: the board by stage, the sortable list, one opportunity's file.

Why a module of its own: the board must stay fast on a database of 100 000 customers, so it never
loads every opportunity. Counts and weighted values per stage are aggregated in SQL; only the
``per_column`` most relevant cards of each stage are read (open stages: the nearest expected close
first; won/lost: the most recently closed first). The list view pages through the same filter with
the sort done in SQL.

Weighted value = estimated value × probability / 100. It is summed per currency (CNY and USD are
never added together) and computed exactly: SQL groups the stored scaled integers by stage,
currency and probability, and the one multiplication per group happens here in ``Decimal``; the
sum is rounded to the cent once, half up.

Period filter: open opportunities count in the period their *expected close* falls in; won and
lost ones in the period they *closed* in (local calendar), which is what a manager asks of
"this quarter".

Visibility: a rep sees their own opportunities, a manager their team's (``reps_visible_to``), an
administrator everyone's; an owner filter can only narrow that, never widen it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from minesales_desktop.db.base import utcnow
from minesales_desktop.messages import translate
from minesales_desktop.models.catalog import Product
from minesales_desktop.models.customers import Customer
from minesales_desktop.models.enums import (
    Currency,
    DealType,
    LostReason,
    ProductCategory,
    QuantityUnit,
    Role,
    Stage,
)
from minesales_desktop.models.people import User
from minesales_desktop.models.sales import Opportunity
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.errors import PermissionDenied
from minesales_desktop.services.people import users
from minesales_desktop.services.sales import (
    CLOSED_STAGES,
    STAGE_ORDER,
    QuoteDTO,
    opportunities,
    quotes,
    stage_rank,
)

__all__ = [
    "BOARD_STAGES",
    "Board",
    "BoardColumn",
    "HistoryEntry",
    "OpportunityCard",
    "OpportunityDetail",
    "Period",
    "PipelineFilter",
    "ProductChoice",
    "SORT_KEYS",
    "board",
    "detail",
    "list_page",
    "next_stage",
    "period_range",
    "product_choices",
    "visible_owner_ids",
]

CENT = Decimal("0.01")
#: the columns of the board, left to right
BOARD_STAGES: tuple[Stage, ...] = (*STAGE_ORDER, Stage.LOST)


class Period(StrEnum):
    """Which expected-close (open) or closing (won/lost) dates the screen looks at."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ALL = "all"


def period_range(period: Period, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """First and last day of the calendar period containing ``today``; ``None`` for ALL."""
    if period is Period.ALL:
        return None
    if period is Period.YEAR:
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    first_month = today.month if period is Period.MONTH else 3 * ((today.month - 1) // 3) + 1
    months = 1 if period is Period.MONTH else 3
    start = dt.date(today.year, first_month, 1)
    after = first_month + months
    end_next = dt.date(today.year + (after - 1) // 12, (after - 1) % 12 + 1, 1)
    return start, end_next - dt.timedelta(days=1)


@dataclass(frozen=True)
class PipelineFilter:
    """``owner_id`` None = everyone the actor may see; ``stage`` narrows the list view only."""

    owner_id: str | None = None
    product_id: str | None = None
    period: Period = Period.ALL
    stage: Stage | None = None
    today: dt.date | None = None  # the local date "this month" is relative to; default: today


@dataclass(frozen=True)
class OpportunityCard:
    """One opportunity as a card or a list row: everything shown, joined in one query."""

    id: str
    code: str
    title: str
    customer_id: str
    customer_name: str
    customer_short: str
    product_id: str | None
    product_name_zh: str
    product_name_en: str
    deal_type: DealType
    quantity: Decimal | None
    quantity_unit: QuantityUnit
    currency: Currency
    estimated_value: Decimal | None
    probability: Decimal
    stage: Stage
    stage_entered_at: dt.datetime
    expected_close: dt.date | None
    bid_deadline: dt.datetime | None
    closed_at: dt.datetime | None
    owner_id: str | None
    owner_name: str

    @property
    def weighted_value(self) -> Decimal | None:
        if self.estimated_value is None:
            return None
        return (self.estimated_value * self.probability / 100).quantize(CENT, ROUND_HALF_UP)

    def days_in_stage(self, now: dt.datetime | None = None) -> int:
        return max(0, ((now or utcnow()) - self.stage_entered_at).days)

    def product_name(self, language: str) -> str:
        if language.lower().startswith("zh"):
            return self.product_name_zh or self.product_name_en
        return self.product_name_en or self.product_name_zh

    def is_overdue(self, today: dt.date) -> bool:
        """Still open after its expected close: the board marks it."""
        return (
            self.stage not in CLOSED_STAGES
            and self.expected_close is not None
            and self.expected_close < today
        )


@dataclass(frozen=True)
class BoardColumn:
    stage: Stage
    count: int
    value: dict[Currency, Decimal]  # estimated value, per currency
    weighted: dict[Currency, Decimal]  # weighted value, per currency
    cards: tuple[OpportunityCard, ...]

    @property
    def more(self) -> int:
        """How many opportunities of the column are counted but not shown as cards."""
        return max(0, self.count - len(self.cards))


@dataclass(frozen=True)
class Board:
    columns: tuple[BoardColumn, ...]
    per_column: int

    def column(self, stage: Stage) -> BoardColumn:
        return next(c for c in self.columns if c.stage is stage)

    @property
    def open_count(self) -> int:
        return sum(c.count for c in self.columns if c.stage not in CLOSED_STAGES)

    @property
    def open_weighted(self) -> dict[Currency, Decimal]:
        total: dict[Currency, Decimal] = defaultdict(Decimal)
        for c in self.columns:
            if c.stage not in CLOSED_STAGES:
                for currency, value in c.weighted.items():
                    total[currency] += value
        return dict(total)


@dataclass(frozen=True)
class HistoryEntry:
    from_stage: Stage | None
    to_stage: Stage
    changed_at: dt.datetime
    changed_by: str
    note: str | None
    days: int  # how long the opportunity stayed in ``to_stage`` (until now if it still is)


@dataclass(frozen=True)
class OpportunityDetail:
    card: OpportunityCard
    notes: str | None
    competitor: str | None
    lost_note: str | None
    lost_reason: LostReason | None
    history: tuple[HistoryEntry, ...]
    quotes: tuple[QuoteDTO, ...]
    next_stage: Stage | None
    next_missing: tuple[str, ...] = field(default=())  # what the next stage's gate still needs


@dataclass(frozen=True)
class ProductChoice:
    id: str
    code: str
    name_zh: str
    name_en: str
    unit: QuantityUnit
    category: ProductCategory

    def name(self, language: str) -> str:
        return self.name_zh if language.lower().startswith("zh") else self.name_en


# --- shared query pieces --------------------------------------------------------------------------


def visible_owner_ids(session: Session, actor: Actor) -> list[str] | None:
    """Whose opportunities ``actor`` may see; ``None`` means everyone (administrators)."""
    if actor.role is Role.ADMIN:
        return None
    if actor.role is Role.MANAGER:
        return [u.id for u in users.reps_visible_to(session, actor)]
    return [actor.user_id]


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


def _conditions(session: Session, actor: Actor, flt: PipelineFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Opportunity.is_deleted.is_(False)]
    visible = visible_owner_ids(session, actor)
    if visible is not None:
        if flt.owner_id is not None and flt.owner_id not in visible:
            conditions.append(Opportunity.id.is_(None))  # not theirs to see: nothing
        conditions.append(Opportunity.owner_id.in_(visible))
    if flt.owner_id is not None:
        conditions.append(Opportunity.owner_id == flt.owner_id)
    if flt.product_id is not None:
        conditions.append(Opportunity.product_id == flt.product_id)
    bounds = period_range(flt.period, flt.today or dt.date.today())
    if bounds is not None:
        start, end = bounds
        closed = list(CLOSED_STAGES)
        conditions.append(
            or_(
                and_(
                    Opportunity.stage.not_in(closed),
                    Opportunity.expected_close.between(start, end),
                ),
                and_(
                    Opportunity.stage.in_(closed),
                    Opportunity.closed_at >= _local_midnight_utc(start),
                    Opportunity.closed_at < _local_midnight_utc(end + dt.timedelta(days=1)),
                ),
            )
        )
    return conditions


def _card_query() -> Select[Any]:
    stmt = (
        select(
            Opportunity.id,
            Opportunity.code,
            Opportunity.title,
            Opportunity.customer_id,
            Customer.name_zh,
            Customer.short_name,
            Opportunity.product_id,
            Product.name_zh,
            Product.name_en,
            Opportunity.deal_type,
            Opportunity.quantity,
            Opportunity.quantity_unit,
            Opportunity.currency,
            Opportunity.estimated_value,
            Opportunity.probability,
            Opportunity.stage,
            Opportunity.stage_entered_at,
            Opportunity.expected_close,
            Opportunity.bid_deadline,
            Opportunity.closed_at,
            Opportunity.owner_id,
            User.full_name,
        )
        .select_from(Opportunity)
        .join(Customer, Customer.id == Opportunity.customer_id)
        .outerjoin(Product, Product.id == Opportunity.product_id)
        .outerjoin(User, User.id == Opportunity.owner_id)
    )
    return cast("Select[Any]", stmt)


def _card(row: Sequence[Any]) -> OpportunityCard:
    (
        oid, code, title, customer_id, customer_name, short_name, product_id, product_zh,
        product_en, deal_type, quantity, unit, currency, value, probability, stage, entered,
        expected, bid_deadline, closed_at, owner_id, owner_name,
    ) = row  # fmt: skip
    return OpportunityCard(
        id=oid, code=code, title=title, customer_id=customer_id,
        customer_name=customer_name or "", customer_short=short_name or customer_name or "",
        product_id=product_id, product_name_zh=product_zh or "", product_name_en=product_en or "",
        deal_type=deal_type, quantity=quantity, quantity_unit=unit, currency=currency,
        estimated_value=value, probability=probability, stage=stage, stage_entered_at=entered,
        expected_close=expected, bid_deadline=bid_deadline, closed_at=closed_at,
        owner_id=owner_id, owner_name=owner_name or "",
    )  # fmt: skip


def _column_order(stage: Stage) -> list[Any]:
    """Most relevant first: open stages by nearest expected close, closed ones by latest close."""
    if stage in CLOSED_STAGES:
        return [Opportunity.closed_at.desc().nulls_last(), Opportunity.code]
    return [
        Opportunity.expected_close.asc().nulls_last(),
        Opportunity.estimated_value.desc().nulls_last(),
        Opportunity.code,
    ]


# --- the board ------------------------------------------------------------------------------------


def board(session: Session, actor: Actor, flt: PipelineFilter, per_column: int = 50) -> Board:
    """Every stage's count and (weighted) value from SQL, and its ``per_column`` first cards."""
    conditions = _conditions(session, actor, flt)
    counts: dict[Stage, int] = defaultdict(int)
    values: dict[Stage, dict[Currency, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    weighted: dict[Stage, dict[Currency, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    grouped = session.execute(
        select(
            Opportunity.stage,
            Opportunity.currency,
            Opportunity.probability,
            func.count(Opportunity.id),
            func.sum(Opportunity.estimated_value),
        )
        .where(*conditions)
        .group_by(Opportunity.stage, Opportunity.currency, Opportunity.probability)
    )
    for stage, currency, probability, count, total in grouped:
        counts[stage] += int(count)
        if total is not None:
            total = Decimal(total)
            values[stage][currency] += total
            weighted[stage][currency] += total * probability / 100
    columns = []
    for stage in BOARD_STAGES:
        cards: tuple[OpportunityCard, ...] = ()
        if counts[stage] and per_column > 0:
            rows = session.execute(
                _card_query()
                .where(*conditions, Opportunity.stage == stage)
                .order_by(*_column_order(stage))
                .limit(per_column)
            )
            cards = tuple(_card(r) for r in rows)
        columns.append(
            BoardColumn(
                stage=stage,
                count=counts[stage],
                value={c: v.quantize(CENT, ROUND_HALF_UP) for c, v in values[stage].items()},
                weighted={c: v.quantize(CENT, ROUND_HALF_UP) for c, v in weighted[stage].items()},
                cards=cards,
            )
        )
    return Board(columns=tuple(columns), per_column=per_column)


# --- the list -------------------------------------------------------------------------------------

_STAGE_RANK = case(
    {stage.value: i for i, stage in enumerate(BOARD_STAGES)}, value=Opportunity.stage, else_=99
)

#: list-view sort key → SQL expression
SORT_KEYS: dict[str, Any] = {
    "code": Opportunity.code,
    "title": Opportunity.title,
    "customer": Customer.name_zh,
    "product": Product.code,
    "stage": _STAGE_RANK,
    "quantity": Opportunity.quantity,
    "value": Opportunity.estimated_value,
    "weighted": Opportunity.estimated_value * Opportunity.probability,
    "probability": Opportunity.probability,
    "expected_close": Opportunity.expected_close,
    "stage_entered_at": Opportunity.stage_entered_at,
    "owner": User.full_name,
}


def list_page(
    session: Session, actor: Actor, flt: PipelineFilter, page: PageRequest
) -> Page[OpportunityCard]:
    """One page of the filtered opportunities, sorted in SQL (default: expected close)."""
    conditions = _conditions(session, actor, flt)
    if flt.stage is not None:
        conditions.append(Opportunity.stage == flt.stage)
    total = session.scalar(select(func.count(Opportunity.id)).where(*conditions))
    key = page.sort or "expected_close"
    if key not in SORT_KEYS:
        raise ValueError(f"cannot sort the pipeline by {key}")
    expr = SORT_KEYS[key]
    order = expr.desc().nulls_last() if page.descending else expr.asc().nulls_last()
    rows = session.execute(
        _card_query()
        .where(*conditions)
        .order_by(order, Opportunity.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    return Page(
        items=[_card(r) for r in rows], total=int(total or 0), offset=page.offset, limit=page.limit
    )


# --- one opportunity ------------------------------------------------------------------------------


def next_stage(stage: Stage) -> Stage | None:
    """The stage "Advance" moves to; ``None`` from WON and LOST."""
    if stage in CLOSED_STAGES:
        return None
    return STAGE_ORDER[stage_rank(stage) + 1]


def detail(session: Session, actor: Actor, opportunity_id: str) -> OpportunityDetail:
    """The side panel's content: card, stage history with names and durations, quotes, and what
    the next stage's gate still needs (so the rep sees it before trying the move)."""
    row = opportunities.load(session, opportunity_id)
    visible = visible_owner_ids(session, actor)
    if visible is not None and row.owner_id not in visible:
        raise PermissionDenied(
            translate("Permissions", "You may only see your own records or your team's.")
        )
    card_row = session.execute(_card_query().where(Opportunity.id == opportunity_id)).one()
    card = _card(card_row)
    changes = opportunities.history(session, opportunity_id)
    names = dict(
        session.execute(
            select(User.id, User.full_name).where(
                User.id.in_({c.changed_by_id for c in changes if c.changed_by_id})
            )
        ).all()
    )
    now = utcnow()
    history = []
    for i, change in enumerate(changes):
        until = changes[i + 1].changed_at if i + 1 < len(changes) else now
        history.append(
            HistoryEntry(
                from_stage=change.from_stage,
                to_stage=change.to_stage,
                changed_at=change.changed_at,
                changed_by=names.get(change.changed_by_id or "", ""),
                note=change.note,
                days=max(0, (until - change.changed_at).days),
            )
        )
    quote_rows = quotes.list(
        session, PageRequest(0, 100, "version", True), opportunity_id=opportunity_id
    ).items
    upcoming = next_stage(row.stage)
    missing = (
        tuple(opportunities.gate_problems(session, row, upcoming)) if upcoming is not None else ()
    )
    return OpportunityDetail(
        card=card,
        notes=row.notes,
        competitor=row.competitor,
        lost_note=row.lost_note,
        lost_reason=row.lost_reason,
        history=tuple(reversed(history)),
        quotes=tuple(quote_rows),
        next_stage=upcoming,
        next_missing=missing,
    )


def product_choices(session: Session) -> list[ProductChoice]:
    """Active products for filters and forms (a catalogue has dozens, not thousands)."""
    rows = session.execute(
        select(
            Product.id,
            Product.code,
            Product.name_zh,
            Product.name_en,
            Product.unit,
            Product.category,
        )
        .where(Product.is_deleted.is_(False), Product.active.is_(True))
        .order_by(Product.code)
    )
    return [ProductChoice(*r) for r in rows]
