"""The KPI engine (绩效指标计算): actuals computed from the records of a period, then scored.

DESIGN §5: KPIs are computed from the records, never typed in twice. Every AUTO actual is one SQL
query over the period's records, grouped by the records' ``owner_id`` (the responsible rep), so a
whole team or department is computed in the same ten-odd queries as one person. What each code
counts — exactly — is in ``AUTO_RULES`` (shown as a tooltip and printable as a footnote).

Period edges: a period is calendar days, both ends inclusive (``Period.start`` … ``Period.end``).
Dates (B/L, invoice, payment, signing, training, due date) are compared as dates; instants
(activities, return visits, ticket resolutions, plans done) are taken in China Standard Time,
the department's clock: from 00:00 CST on the first day to before 00:00 CST after the last.

Money is CNY: an amount in another currency is converted with the ``fx_rate`` (CNY per unit) of
the contract it belongs to. Sums run in SQL per (rep, currency, rate) group; the few groups are
converted and added in Python.

Scoring (per line, in points where 100 = full marks):

- LINEAR_CAP: completion = actual ÷ target × 100 (lower-better KPIs: target ÷ actual × 100);
  score = completion capped at ``cap_pct`` (over-achievement earns up to the cap, e.g. 120) and
  floored at 0. No target (or a target of 0) → no completion and no score.
- TIERED: ``tiers`` [[threshold, score], …] highest threshold first, compared with the *actual*:
  higher-better takes the first tier whose threshold ≤ actual; lower-better the lowest tier whose
  threshold ≥ actual. No tier matches → 0.
- DEDUCTION: 100 minus ``deduct_per_point`` for every point beyond the free allowance
  ``free_pct`` — lower-better: points of the actual above ``free_pct``; higher-better: points of
  completion below 100 − ``free_pct``. Floored at 0.

Weighted score = score × weight ÷ 100. Every computed figure is rounded once, where it is made, to
0.01 with ROUND_HALF_UP (tonnes: 0.001); the total is the exact sum of the rounded weighted scores.
A line without a score (no target, no data) adds nothing to the total; the manager scores it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy import case, distinct, func, select, type_coerce
from sqlalchemy.orm import Session

from minesales_desktop.db.base import CHINA_TZ
from minesales_desktop.db.types import Money, Quantity, Score
from minesales_desktop.messages import current_language, translate
from minesales_desktop.models.contracts import Contract, Invoice, Payment, Shipment
from minesales_desktop.models.customers import Activity, FollowUpPlan
from minesales_desktop.models.enums import (
    ActivityKind,
    Currency,
    FollowUpStatus,
    InvoiceKind,
    InvoiceStatus,
    KpiDirection,
    KpiSource,
    PeriodType,
    Role,
    ScoringRule,
    ShipmentStatus,
)
from minesales_desktop.models.people import Team, User
from minesales_desktop.models.performance import Appraisal, AppraisalLine, KpiTarget
from minesales_desktop.models.service import ReturnVisit, ServiceTicket
from minesales_desktop.models.team import Training, TrainingAttendance
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from minesales_desktop.services.performance import KpiDefinitionDTO, Period, kpi_definitions

__all__ = [
    "AUTO_RULES",
    "CHINA_TZ",
    "DEFAULT_GRADE_BANDS",
    "GradeBand",
    "KpiActual",
    "KpiLineDTO",
    "KpiReportDTO",
    "LineScore",
    "PeopleChoiceDTO",
    "PersonDTO",
    "TeamChoiceDTO",
    "TeamReportDTO",
    "build_reports",
    "compute_actuals",
    "grade_for",
    "kpi_report",
    "parse_grade_bands",
    "person",
    "round2",
    "score_line",
    "selectable_people",
    "team_report",
    "validate_grade_bands",
    "visible_to",
]

CENT = Decimal("0.01")
TONNE = Decimal("0.001")
HUNDRED = Decimal(100)
ZERO = Decimal(0)

# The codes the engine computes, and how their team figure is made from the members' figures.
SUM, RATIO, AVERAGE = "sum", "ratio", "average"
AUTO_KIND: dict[str, str] = {
    "SALES_VOLUME": SUM,
    "SALES_REVENUE": SUM,
    "COLLECTION_RATE": RATIO,
    "OVERDUE_RATIO": RATIO,
    "NEW_CUSTOMERS": SUM,
    "FOLLOW_UPS": SUM,
    "SATISFACTION": AVERAGE,
    "CLAIM_TIMELINESS": RATIO,
    "TRAINING_HOURS": SUM,
    "DATA_TIMELINESS": RATIO,
}
GROWTH_CODES = ("SALES_VOLUME", "SALES_REVENUE")

# What exactly is counted, per code (zh, en). Records are the rep's by their owner_id; tombstoned
# (deleted) records never count.
AUTO_RULES: dict[str, tuple[str, str]] = {
    "SALES_VOLUME": (
        "提单日期在考核期内、状态为已发运/已到货/已结算的批次的提单数量之和(湿吨 wmt,即提单上的"
        "实际装运吨数;干吨要等重量证书,常在期末之后才有,故不用干吨)。",
        "Sum of the B/L quantity of lots whose B/L date is in the period and whose status is "
        "shipped, delivered or settled — wet metric tonnes (wmt) as on the bill of lading; dry "
        "tonnes are not used because the weight certificate often arrives after the period.",
    ),
    "SALES_REVENUE": (
        "开票日期在考核期内、未作废的发票不含税金额之和(暂定、最终发票和借项通知为正,贷项通知为"
        "负);外币按所属合同汇率折算人民币。按开票口径,不按签约口径。",
        "Sum of the net (excl. VAT) amount of invoices issued in the period and not cancelled "
        "(provisional, final and debit notes positive, credit notes negative), in CNY at the rate "
        "of each invoice's contract. Invoiced, not signed.",
    ),
    "COLLECTION_RATE": (
        "回款 ÷ (期初应收 + 本期开票) × 100%。回款 = 收款日期在考核期内的收款;期初应收 = 期初前"
        "开具的含税发票(贷项为负) − 期初前的收款;本期开票 = 本期开具的含税发票(贷项为负);"
        "均不含作废发票,均折算人民币。分母 ≤ 0 时不计算(—)。",
        "Collected ÷ (opening receivables + period invoicing) × 100 %. Collected = payments "
        "received in the period; opening receivables = invoices (gross, credit notes negative) "
        "issued before the first day less payments received before it; period invoicing = "
        "invoices (gross) issued in the period; cancelled invoices never count; all in CNY. No "
        "figure (—) when the denominator is not above zero.",
    ),
    "OVERDUE_RATIO": (
        "期末逾期应收 ÷ 期末应收 × 100%。期末应收 = 期末(含)前开具的含税发票(贷项为负) − 期末"
        "(含)前的收款;逾期 = 到期日早于期末、期末仍未收回的发票余额。期末应收 ≤ 0 时不计算(—)。",
        "Overdue ÷ receivables at the period end × 100 %. Receivables = invoices (gross, credit "
        "notes negative) issued up to the last day less payments received up to it; overdue = "
        "what is still open on invoices due before the last day. No figure (—) when there are no "
        "receivables.",
    ),
    "NEW_CUSTOMERS": (
        "首份签约合同的签订日期在考核期内的客户数(按该合同的负责人计)。",
        "Customers whose first signed contract (earliest signing date of any of their "
        "contracts) was signed in the period, credited to that contract's owner.",
    ),
    "FOLLOW_UPS": (
        "发生时间在考核期内的拜访、现场拜访、电话、微信和会议记录条数(不含回访和邮件)。",
        "Visits, site visits, phone calls, WeChats and meetings logged with a time in the period "
        "(return visits and emails are not counted).",
    ),
    "SATISFACTION": (
        "回访时间在考核期内的回访满意度(1–5)的平均值;无回访时不计算(—)。",
        "Average satisfaction (1–5) of return visits made in the period; no figure (—) without "
        "return visits.",
    ),
    "CLAIM_TIMELINESS": (
        "解决时间在考核期内的工单中,在SLA时限(含)前解决的比例 × 100%;无已解决工单时不计算(—)。",
        "Of the service tickets resolved in the period, the share resolved by their SLA due time "
        "× 100 %; no figure (—) when none was resolved.",
    ),
    "TRAINING_HOURS": (
        "培训日期在考核期内且出勤的培训学时之和。",
        "Hours credited for trainings held in the period and attended.",
    ),
    "DATA_TIMELINESS": (
        "到期日在考核期内(未取消)的跟进计划中,在到期日当天或之前完成的比例 × 100%;无到期计划"
        "时不计算(—)。",
        "Of the follow-up plans due in the period (not cancelled), the share done on or before "
        "their due date × 100 %; no figure (—) when none was due.",
    ),
}


def round2(value: Decimal) -> Decimal:
    """Scores, percentages and money to the cent, half up (the department's rule)."""
    return value.quantize(CENT, ROUND_HALF_UP)


def _ratio_pct(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return round2(numerator / denominator * HUNDRED) if denominator > 0 else None


# --- grade bands ------------------------------------------------------------------------------
@dataclass(frozen=True)
class GradeBand:
    """A total score at or above ``floor`` gets ``grade``."""

    grade: str
    floor: Decimal


DEFAULT_GRADE_BANDS: tuple[GradeBand, ...] = (
    GradeBand("A", Decimal(90)),
    GradeBand("B", Decimal(80)),
    GradeBand("C", Decimal(70)),
    GradeBand("D", Decimal(60)),
    GradeBand("E", Decimal(0)),
)


def validate_grade_bands(bands: Sequence[GradeBand]) -> tuple[GradeBand, ...]:
    """Bands highest first, floors strictly descending, the last at 0, grades 1–4 characters and
    distinct; ``ValidationError`` otherwise."""
    message: str | None = None
    if not bands:
        message = translate("Performance", "Give at least one grade band.")
    else:
        floors = [b.floor for b in bands]
        grades = [b.grade.strip() for b in bands]
        if any(not g or len(g) > 4 for g in grades) or len(set(grades)) != len(grades):
            message = translate(
                "Performance", "Each grade needs a distinct name of 1 to 4 characters."
            )
        elif any(a <= b for a, b in zip(floors, floors[1:], strict=False)):
            message = translate(
                "Performance", "Grade floors must be in descending order, highest grade first."
            )
        elif floors[-1] != 0:
            message = translate("Performance", "The lowest grade must start at 0.")
    if message:
        raise ValidationError({"grade_bands": message})
    return tuple(GradeBand(b.grade.strip(), b.floor) for b in bands)


def parse_grade_bands(text: str) -> tuple[GradeBand, ...]:
    """'A:90, B:80, C:70, D:60, E:0' → bands (how a manager writes them in the settings)."""
    bands: list[GradeBand] = []
    for part in (text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        grade, sep, floor = part.replace("：", ":").partition(":")
        try:
            value = Decimal(floor.strip()) if sep else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise ValidationError(
                {
                    "grade_bands": translate(
                        "Performance", "Write the bands as A:90, B:80, C:70, D:60, E:0."
                    )
                }
            )
        bands.append(GradeBand(grade.strip(), value))
    return validate_grade_bands(bands)


def grade_for(total: Decimal | None, bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS) -> str:
    """The grade of a total score: A ≥ 90, B 80–89.99, C 70–79.99, D 60–69.99, E below 60."""
    if total is None:
        return ""
    for band in bands:
        if total >= band.floor:
            return band.grade
    return bands[-1].grade if bands else ""


# --- scoring ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineScore:
    completion_pct: Decimal | None
    score: Decimal | None
    max_score: Decimal


def _param(params: Mapping[str, Any], key: str, default: str) -> Decimal:
    try:
        return Decimal(str(params.get(key, default)))
    except InvalidOperation:
        return Decimal(default)


def _clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return max(low, min(high, value))


def max_score(rule: ScoringRule, params: Mapping[str, Any]) -> Decimal:
    """The most a line can score: ``cap_pct`` for LINEAR_CAP, 100 otherwise."""
    if rule is ScoringRule.LINEAR_CAP:
        return _param(params, "cap_pct", "100")
    return HUNDRED


def completion(
    direction: KpiDirection, target: Decimal | None, actual: Decimal | None
) -> Decimal | None:
    """actual ÷ target × 100 (lower-better: target ÷ actual × 100), to 0.01; None when either is
    missing or the divisor is 0."""
    if target is None or actual is None:
        return None
    if direction is KpiDirection.LOWER_BETTER:
        return round2(target / actual * HUNDRED) if actual != 0 else None
    return round2(actual / target * HUNDRED) if target != 0 else None


def score_line(
    rule: ScoringRule,
    params: Mapping[str, Any],
    direction: KpiDirection,
    target: Decimal | None,
    actual: Decimal | None,
) -> LineScore:
    """Completion and score of one line by its rule (see the module docstring)."""
    top = max_score(rule, params)
    done = completion(direction, target, actual)
    score: Decimal | None = None
    if actual is None:
        return LineScore(done, None, top)
    if rule is ScoringRule.LINEAR_CAP:
        if done is not None:
            score = _clamp(done, ZERO, top)
        elif direction is KpiDirection.LOWER_BETTER and target is not None and actual == 0:
            score = top  # nothing at all of a bad thing: the best there is
    elif rule is ScoringRule.TIERED:
        tiers = [(Decimal(str(t)), Decimal(str(s))) for t, s in params.get("tiers", [])]
        score = ZERO
        if direction is KpiDirection.LOWER_BETTER:
            for threshold, points in reversed(tiers):
                if actual <= threshold:
                    score = points
                    break
        else:
            for threshold, points in tiers:
                if actual >= threshold:
                    score = points
                    break
    else:
        per_point = _param(params, "deduct_per_point", "1")
        free = _param(params, "free_pct", "0")
        if direction is KpiDirection.LOWER_BETTER:
            points_over: Decimal | None = max(ZERO, actual - free)
        else:
            points_over = None if done is None else max(ZERO, HUNDRED - free - done)
        if points_over is not None:
            score = _clamp(HUNDRED - per_point * points_over, ZERO, HUNDRED)
    return LineScore(done, None if score is None else round2(score), top)


def weighted(score: Decimal | None, weight: Decimal) -> Decimal | None:
    return None if score is None else round2(score * weight / HUNDRED)


# --- actuals from the records -------------------------------------------------------------------
@dataclass(frozen=True)
class KpiActual:
    """One computed figure and what it is made of (so a team figure can be built from members').

    ``value`` is the actual (None: nothing to measure, shown as "—"). For ratios ``numerator`` ÷
    ``denominator`` × 100 = value; for averages numerator ÷ denominator = value; for sums
    numerator = value. ``previous`` and ``growth_pct`` are the same period a year earlier and the
    growth against it (同比), for volume and revenue only."""

    code: str
    value: Decimal | None
    numerator: Decimal = ZERO
    denominator: Decimal | None = None
    previous: Decimal | None = None
    growth_pct: Decimal | None = None


def _instant(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=CHINA_TZ).astimezone(dt.UTC)


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """[00:00 CST of the first day, 00:00 CST after the last day) in UTC."""
    return _instant(period.start), _instant(period.end + dt.timedelta(days=1))


def _to_cny(amount: Decimal, currency: Currency, rate: Decimal | None) -> Decimal | None:
    if currency is Currency.CNY:
        return amount
    if rate is None or rate <= 0:
        return None  # no contract to take a rate from: cannot be valued (documented)
    return amount * rate


def _money_by_owner(rows: Iterable[Any]) -> dict[str, Decimal]:
    """(owner, currency, rate, amount) groups → owner → CNY (unrounded)."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for owner, currency, rate, amount in rows:
        value = _to_cny(amount or ZERO, currency, rate)
        if value is not None:
            out[owner] += value
    return out


def _signed(column: Any) -> Any:
    return case((Invoice.kind == InvoiceKind.CREDIT_NOTE, -column), else_=column)


def _invoiced(
    session: Session,
    ids: Sequence[str],
    column: Any,
    first: dt.date | None,
    last: dt.date,
) -> dict[str, Decimal]:
    """Signed invoice amounts issued in [first, last] (first None: from the beginning), in CNY."""
    stmt = (
        select(
            Invoice.owner_id,
            Invoice.currency,
            Contract.fx_rate,
            type_coerce(func.sum(_signed(column)), Money),
        )
        .join(Contract, Contract.id == Invoice.contract_id)
        .where(
            Invoice.owner_id.in_(ids),
            Invoice.is_deleted.is_(False),
            Invoice.status != InvoiceStatus.CANCELLED,
            Invoice.issued_on <= last,
        )
        .group_by(Invoice.owner_id, Invoice.currency, Contract.fx_rate)
    )
    if first is not None:
        stmt = stmt.where(Invoice.issued_on >= first)
    return _money_by_owner(session.execute(stmt))


def _collected(
    session: Session, ids: Sequence[str], first: dt.date | None, last: dt.date
) -> dict[str, Decimal]:
    """Payments received in [first, last], in CNY at the rate of their contract (or of the
    contract of the invoice they pay)."""
    contract_id = func.coalesce(Payment.contract_id, Invoice.contract_id)
    stmt = (
        select(
            Payment.owner_id,
            Payment.currency,
            Contract.fx_rate,
            type_coerce(func.sum(Payment.amount), Money),
        )
        .outerjoin(Invoice, Invoice.id == Payment.invoice_id)
        .outerjoin(Contract, Contract.id == contract_id)
        .where(
            Payment.owner_id.in_(ids),
            Payment.is_deleted.is_(False),
            Payment.received_on <= last,
        )
        .group_by(Payment.owner_id, Payment.currency, Contract.fx_rate)
    )
    if first is not None:
        stmt = stmt.where(Payment.received_on >= first)
    return _money_by_owner(session.execute(stmt))


def _overdue_at(session: Session, ids: Sequence[str], day: dt.date) -> dict[str, Decimal]:
    """What is still open at the end of ``day`` on invoices due before ``day``, in CNY."""
    paid = (
        select(Payment.invoice_id.label("invoice_id"), func.sum(Payment.amount).label("paid"))
        .where(
            Payment.is_deleted.is_(False),
            Payment.invoice_id.is_not(None),
            Payment.received_on <= day,
        )
        .group_by(Payment.invoice_id)
        .subquery()
    )
    open_amount = Invoice.amount_total - func.coalesce(paid.c.paid, 0)
    overdue = case(
        (
            (Invoice.kind != InvoiceKind.CREDIT_NOTE) & (Invoice.due_on < day) & (open_amount > 0),
            open_amount,
        ),
        else_=0,
    )
    stmt = (
        select(
            Invoice.owner_id,
            Invoice.currency,
            Contract.fx_rate,
            type_coerce(func.sum(overdue), Money),
        )
        .join(Contract, Contract.id == Invoice.contract_id)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .where(
            Invoice.owner_id.in_(ids),
            Invoice.is_deleted.is_(False),
            Invoice.status != InvoiceStatus.CANCELLED,
            Invoice.issued_on <= day,
        )
        .group_by(Invoice.owner_id, Invoice.currency, Contract.fx_rate)
    )
    return _money_by_owner(session.execute(stmt))


def _volume(session: Session, ids: Sequence[str], period: Period) -> dict[str, Decimal]:
    stmt = (
        select(Shipment.owner_id, type_coerce(func.sum(Shipment.quantity_wmt), Quantity))
        .where(
            Shipment.owner_id.in_(ids),
            Shipment.is_deleted.is_(False),
            Shipment.status.in_(
                (ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED, ShipmentStatus.SETTLED)
            ),
            Shipment.bl_date >= period.start,
            Shipment.bl_date <= period.end,
        )
        .group_by(Shipment.owner_id)
    )
    return {owner: amount or ZERO for owner, amount in session.execute(stmt) if owner}


def _new_customers(session: Session, ids: Sequence[str], period: Period) -> dict[str, int]:
    first = (
        select(
            Contract.customer_id.label("customer_id"),
            func.min(Contract.signed_on).label("first_signed"),
        )
        .where(Contract.is_deleted.is_(False), Contract.signed_on.is_not(None))
        .group_by(Contract.customer_id)
        .subquery()
    )
    stmt = (
        select(Contract.owner_id, func.count(distinct(Contract.customer_id)))
        .join(
            first,
            (first.c.customer_id == Contract.customer_id)
            & (first.c.first_signed == Contract.signed_on),
        )
        .where(
            Contract.owner_id.in_(ids),
            Contract.is_deleted.is_(False),
            Contract.signed_on >= period.start,
            Contract.signed_on <= period.end,
        )
        .group_by(Contract.owner_id)
    )
    return {owner: int(n) for owner, n in session.execute(stmt) if owner}


FOLLOW_UP_KINDS = (
    ActivityKind.VISIT,
    ActivityKind.SITE_VISIT,
    ActivityKind.PHONE,
    ActivityKind.WECHAT,
    ActivityKind.MEETING,
)


def _follow_ups(session: Session, ids: Sequence[str], period: Period) -> dict[str, int]:
    start, stop = _bounds(period)
    stmt = (
        select(Activity.owner_id, func.count())
        .where(
            Activity.owner_id.in_(ids),
            Activity.is_deleted.is_(False),
            Activity.kind.in_(FOLLOW_UP_KINDS),
            Activity.occurred_at >= start,
            Activity.occurred_at < stop,
        )
        .group_by(Activity.owner_id)
    )
    return {owner: int(n) for owner, n in session.execute(stmt) if owner}


def _satisfaction(
    session: Session, ids: Sequence[str], period: Period
) -> dict[str, tuple[int, int]]:
    start, stop = _bounds(period)
    stmt = (
        select(ReturnVisit.owner_id, func.sum(ReturnVisit.satisfaction), func.count())
        .where(
            ReturnVisit.owner_id.in_(ids),
            ReturnVisit.is_deleted.is_(False),
            ReturnVisit.visited_at >= start,
            ReturnVisit.visited_at < stop,
        )
        .group_by(ReturnVisit.owner_id)
    )
    return {owner: (int(total), int(n)) for owner, total, n in session.execute(stmt) if owner}


def _claims(session: Session, ids: Sequence[str], period: Period) -> dict[str, tuple[int, int]]:
    start, stop = _bounds(period)
    in_time = func.sum(case((ServiceTicket.resolved_at <= ServiceTicket.sla_due, 1), else_=0))
    stmt = (
        select(ServiceTicket.owner_id, in_time, func.count())
        .where(
            ServiceTicket.owner_id.in_(ids),
            ServiceTicket.is_deleted.is_(False),
            ServiceTicket.resolved_at >= start,
            ServiceTicket.resolved_at < stop,
        )
        .group_by(ServiceTicket.owner_id)
    )
    return {owner: (int(ok or 0), int(n)) for owner, ok, n in session.execute(stmt) if owner}


def _training(session: Session, ids: Sequence[str], period: Period) -> dict[str, Decimal]:
    stmt = (
        select(TrainingAttendance.user_id, type_coerce(func.sum(TrainingAttendance.hours), Score))
        .join(Training, Training.id == TrainingAttendance.training_id)
        .where(
            TrainingAttendance.user_id.in_(ids),
            TrainingAttendance.is_deleted.is_(False),
            TrainingAttendance.attended.is_(True),
            Training.is_deleted.is_(False),
            Training.held_on >= period.start,
            Training.held_on <= period.end,
        )
        .group_by(TrainingAttendance.user_id)
    )
    return {user: hours or ZERO for user, hours in session.execute(stmt)}


def _data_timeliness(
    session: Session, ids: Sequence[str], period: Period
) -> dict[str, tuple[int, int]]:
    # "Done by the due date" compares an instant with a per-row date in CST, which no portable SQL
    # expresses; the plans due in one period are few, so only their three columns are fetched.
    stmt = select(
        FollowUpPlan.owner_id, FollowUpPlan.due_date, FollowUpPlan.status, FollowUpPlan.done_at
    ).where(
        FollowUpPlan.owner_id.in_(ids),
        FollowUpPlan.is_deleted.is_(False),
        FollowUpPlan.status != FollowUpStatus.CANCELLED,
        FollowUpPlan.due_date >= period.start,
        FollowUpPlan.due_date <= period.end,
    )
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for owner, due, status, done_at in session.execute(stmt):
        if owner is None:
            continue
        counts = out[owner]
        counts[1] += 1
        if (
            status is FollowUpStatus.DONE
            and done_at is not None
            and done_at.astimezone(CHINA_TZ).date() <= due
        ):
            counts[0] += 1
    return {owner: (ok, n) for owner, (ok, n) in out.items()}


def _growth(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if current is None or previous is None or previous <= 0:
        return None
    return round2((current - previous) / previous * HUNDRED)


def _sales(
    session: Session, ids: Sequence[str], period: Period
) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    volume = _volume(session, ids, period)
    revenue = _invoiced(session, ids, Invoice.amount_net, period.start, period.end)
    return volume, revenue


def compute_actuals(
    session: Session, period: Period, user_ids: Sequence[str]
) -> dict[str, dict[str, KpiActual]]:
    """user id → KPI code → actual, for every AUTO code, for all the given people at once."""
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return {}
    volume, revenue = _sales(session, ids, period)
    prev_volume, prev_revenue = _sales(session, ids, period.previous_year_same())
    day_before = period.start - dt.timedelta(days=1)
    collected = _collected(session, ids, period.start, period.end)
    opening = _invoiced(session, ids, Invoice.amount_total, None, day_before)
    paid_before = _collected(session, ids, None, day_before)
    invoiced_gross = _invoiced(session, ids, Invoice.amount_total, period.start, period.end)
    closing_invoiced = _invoiced(session, ids, Invoice.amount_total, None, period.end)
    closing_paid = _collected(session, ids, None, period.end)
    overdue = _overdue_at(session, ids, period.end)
    new_customers = _new_customers(session, ids, period)
    follow_ups = _follow_ups(session, ids, period)
    satisfaction = _satisfaction(session, ids, period)
    claims = _claims(session, ids, period)
    training = _training(session, ids, period)
    plans = _data_timeliness(session, ids, period)

    result: dict[str, dict[str, KpiActual]] = {}
    for uid in ids:
        figures: dict[str, KpiActual] = {}
        vol = volume.get(uid, ZERO).quantize(TONNE, ROUND_HALF_UP)
        prev_vol = prev_volume.get(uid, ZERO).quantize(TONNE, ROUND_HALF_UP)
        figures["SALES_VOLUME"] = KpiActual(
            "SALES_VOLUME", vol, vol, None, prev_vol, _growth(vol, prev_vol)
        )
        rev = round2(revenue.get(uid, ZERO))
        prev_rev = round2(prev_revenue.get(uid, ZERO))
        figures["SALES_REVENUE"] = KpiActual(
            "SALES_REVENUE", rev, rev, None, prev_rev, _growth(rev, prev_rev)
        )
        got = round2(collected.get(uid, ZERO))
        base = round2(opening.get(uid, ZERO) - paid_before.get(uid, ZERO)) + round2(
            invoiced_gross.get(uid, ZERO)
        )
        figures["COLLECTION_RATE"] = KpiActual("COLLECTION_RATE", _ratio_pct(got, base), got, base)
        receivable = round2(closing_invoiced.get(uid, ZERO) - closing_paid.get(uid, ZERO))
        late = min(round2(overdue.get(uid, ZERO)), max(receivable, ZERO))
        figures["OVERDUE_RATIO"] = KpiActual(
            "OVERDUE_RATIO", _ratio_pct(late, receivable), late, receivable
        )
        n_new = Decimal(new_customers.get(uid, 0))
        figures["NEW_CUSTOMERS"] = KpiActual("NEW_CUSTOMERS", n_new, n_new)
        n_follow = Decimal(follow_ups.get(uid, 0))
        figures["FOLLOW_UPS"] = KpiActual("FOLLOW_UPS", n_follow, n_follow)
        total, visits = satisfaction.get(uid, (0, 0))
        figures["SATISFACTION"] = KpiActual(
            "SATISFACTION",
            round2(Decimal(total) / visits) if visits else None,
            Decimal(total),
            Decimal(visits),
        )
        in_time, resolved = claims.get(uid, (0, 0))
        figures["CLAIM_TIMELINESS"] = KpiActual(
            "CLAIM_TIMELINESS",
            _ratio_pct(Decimal(in_time), Decimal(resolved)),
            Decimal(in_time),
            Decimal(resolved),
        )
        hours = training.get(uid, ZERO)
        figures["TRAINING_HOURS"] = KpiActual("TRAINING_HOURS", hours, hours)
        done, due = plans.get(uid, (0, 0))
        figures["DATA_TIMELINESS"] = KpiActual(
            "DATA_TIMELINESS", _ratio_pct(Decimal(done), Decimal(due)), Decimal(done), Decimal(due)
        )
        result[uid] = figures
    return result


def combine_actuals(code: str, members: Sequence[KpiActual]) -> KpiActual:
    """A team's figure from its members': sums add up; ratios and averages are recomputed from
    the summed numerators and denominators (never an average of percentages)."""
    kind = AUTO_KIND.get(code, SUM)
    num = sum((m.numerator for m in members), ZERO)
    if kind == SUM:
        prev_values = [m.previous for m in members if m.previous is not None]
        prev = sum(prev_values, ZERO) if prev_values else None
        return KpiActual(code, num, num, None, prev, _growth(num, prev))
    den = sum((m.denominator or ZERO for m in members), ZERO)
    if kind == RATIO:
        return KpiActual(code, _ratio_pct(num, den), num, den)
    return KpiActual(code, round2(num / den) if den > 0 else None, num, den)


# --- people -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonDTO:
    """Who an appraisal or a KPI report is about, with what the sheet prints about them."""

    user_id: str
    login: str
    full_name: str
    full_name_en: str | None
    employee_no: str | None
    role: Role
    team_id: str | None
    team_name: str | None
    position: str | None
    territory: str | None
    manager_id: str | None

    def name(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.full_name if zh or not self.full_name_en else self.full_name_en


def person(session: Session, user_id: str) -> PersonDTO:
    user = session.get(User, user_id)
    if user is None or user.is_deleted:
        raise NotFoundError(translate("Performance", "No such person."))
    team = session.get(Team, user.team_id) if user.team_id else None
    return PersonDTO(
        user_id=user.id,
        login=user.login,
        full_name=user.full_name,
        full_name_en=user.full_name_en,
        employee_no=user.employee_no,
        role=user.role,
        team_id=user.team_id,
        team_name=team.name if team is not None else None,
        position=user.position,
        territory=user.territory,
        manager_id=user.manager_id,
    )


def visible_to(session: Session, actor: Actor, user: User) -> bool:
    """Whose KPIs an actor may see: their own; a manager their team's and direct reports';
    an admin everyone's."""
    if actor.is_admin or user.id == actor.user_id:
        return True
    if actor.role is Role.MANAGER:
        return user.manager_id == actor.user_id or (
            actor.team_id is not None and user.team_id == actor.team_id
        )
    return False


def _require_visible(session: Session, actor: Actor, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None or user.is_deleted:
        raise NotFoundError(translate("Performance", "No such person."))
    if not visible_to(session, actor, user):
        raise PermissionDenied(
            translate("Permissions", "You may only see your own KPIs, or your team's as manager.")
        )
    return user


@dataclass(frozen=True)
class TeamChoiceDTO:
    team_id: str
    name: str


@dataclass(frozen=True)
class PeopleChoiceDTO:
    """What the performance tab offers to pick: people (oneself first) and whole teams."""

    people: tuple[PersonDTO, ...]
    teams: tuple[TeamChoiceDTO, ...]


_APPRAISED_ROLES = (Role.REP, Role.MANAGER)


def selectable_people(session: Session, actor: Actor) -> PeopleChoiceDTO:
    """A rep: themself. A manager: themself, their team and direct reports, their team as a
    whole. An admin: every rep and manager, every team."""
    stmt = select(User).where(User.is_deleted.is_(False), User.active.is_(True))
    if actor.role is Role.MANAGER:
        stmt = stmt.where(
            (User.id == actor.user_id)
            | (User.manager_id == actor.user_id)
            | ((User.team_id == actor.team_id) & User.role.in_(_APPRAISED_ROLES))
        )
    elif actor.role is Role.ADMIN:
        stmt = stmt.where(User.role.in_(_APPRAISED_ROLES))
    else:
        stmt = stmt.where(User.id == actor.user_id)
    users = list(session.scalars(stmt.order_by(User.login)))
    users.sort(key=lambda u: (u.id != actor.user_id, u.full_name, u.login))
    people = tuple(person(session, u.id) for u in users)
    teams: list[TeamChoiceDTO] = []
    if actor.role is Role.ADMIN:
        rows = session.scalars(select(Team).where(Team.is_deleted.is_(False)).order_by(Team.name))
        teams = [TeamChoiceDTO(t.id, t.name) for t in rows]
    elif actor.role is Role.MANAGER and actor.team_id:
        team = session.get(Team, actor.team_id)
        if team is not None and not team.is_deleted:
            teams = [TeamChoiceDTO(team.id, team.name)]
    return PeopleChoiceDTO(people, tuple(teams))


# --- reports ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class KpiLineDTO:
    """One KPI of one person (or team) in one period: the row of the tab and of the sheet."""

    no: int
    kpi_id: str
    code: str
    name_zh: str
    name_en: str
    dimension_zh: str
    dimension_en: str
    definition_zh: str
    definition_en: str
    rule_zh: str
    rule_en: str
    unit: str
    direction: KpiDirection
    source: KpiSource
    scoring_rule: ScoringRule
    weight: Decimal
    target: Decimal | None
    actual: Decimal | None
    completion_pct: Decimal | None
    score: Decimal | None
    max_score: Decimal
    weighted_score: Decimal | None
    previous_actual: Decimal | None = None
    growth_pct: Decimal | None = None

    def name(self, lang: str | None = None) -> str:
        return self.name_zh if (lang or current_language()).startswith("zh") else self.name_en

    def dimension(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.dimension_zh if zh else self.dimension_en

    def definition(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.definition_zh if zh else self.definition_en

    def rule(self, lang: str | None = None) -> str:
        return self.rule_zh if (lang or current_language()).startswith("zh") else self.rule_en


@dataclass(frozen=True)
class KpiReportDTO:
    person: PersonDTO
    period: str
    period_type: PeriodType
    period_label_zh: str
    period_label_en: str
    lines: tuple[KpiLineDTO, ...]
    total_score: Decimal
    grade: str
    unscored: tuple[str, ...]  # codes of lines without a score
    appraisal_id: str | None = None
    appraisal_status: str | None = None  # AppraisalStatus code
    actuals: Mapping[str, KpiActual] = field(default_factory=dict)

    def period_label(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.period_label_zh if zh else self.period_label_en


@dataclass(frozen=True)
class TeamReportDTO:
    team_id: str
    team_name: str
    period: str
    period_type: PeriodType
    period_label_zh: str
    period_label_en: str
    lines: tuple[KpiLineDTO, ...]  # the team as a whole
    total_score: Decimal
    grade: str
    members: tuple[KpiReportDTO, ...]  # best total first

    def period_label(self, lang: str | None = None) -> str:
        zh = (lang or current_language()).startswith("zh")
        return self.period_label_zh if zh else self.period_label_en


def make_line(
    no: int,
    kpi: KpiDefinitionDTO,
    target: Decimal | None,
    figure: KpiActual | None,
    manual_actual: Decimal | None = None,
) -> KpiLineDTO:
    """Score one KPI: the actual is the computed figure for AUTO KPIs, the manager-entered one
    for MANUAL KPIs (and for an AUTO code the engine does not know)."""
    auto = kpi.source is KpiSource.AUTO and kpi.code in AUTO_KIND
    actual = figure.value if (auto and figure is not None) else manual_actual
    scored = score_line(kpi.scoring_rule, kpi.scoring_params, kpi.direction, target, actual)
    rule_zh, rule_en = AUTO_RULES.get(kpi.code, ("", "")) if auto else ("", "")
    if not auto:
        rule_zh = "由上级在考核中录入实际值。"
        rule_en = "The actual is entered by the manager in the appraisal."
    return KpiLineDTO(
        no=no,
        kpi_id=kpi.id,
        code=kpi.code,
        name_zh=kpi.name_zh,
        name_en=kpi.name_en,
        dimension_zh=kpi.dimension_zh,
        dimension_en=kpi.dimension_en,
        definition_zh=kpi.definition_zh,
        definition_en=kpi.definition_en,
        rule_zh=rule_zh,
        rule_en=rule_en,
        unit=kpi.unit,
        direction=kpi.direction,
        source=kpi.source,
        scoring_rule=kpi.scoring_rule,
        weight=kpi.weight,
        target=target,
        actual=actual,
        completion_pct=scored.completion_pct,
        score=scored.score,
        max_score=scored.max_score,
        weighted_score=weighted(scored.score, kpi.weight),
        previous_actual=figure.previous if (auto and figure is not None) else None,
        growth_pct=figure.growth_pct if (auto and figure is not None) else None,
    )


def total_of(lines: Iterable[KpiLineDTO]) -> Decimal:
    return sum((ln.weighted_score or ZERO for ln in lines), ZERO).quantize(CENT)


def _targets(
    session: Session, period: Period, ids: Sequence[str]
) -> dict[tuple[str, str], Decimal]:
    rows = session.execute(
        select(KpiTarget.user_id, KpiTarget.kpi_id, KpiTarget.target_value).where(
            KpiTarget.user_id.in_(ids),
            KpiTarget.period == period.text,
            KpiTarget.is_deleted.is_(False),
        )
    )
    return {(u, k): v for u, k, v in rows}


def _appraisals(
    session: Session, period: Period, ids: Sequence[str]
) -> dict[str, tuple[str, str, dict[str, Decimal]]]:
    """user → (appraisal id, status, kpi id → manual actual entered on its lines)."""
    out: dict[str, tuple[str, str, dict[str, Decimal]]] = {}
    rows = session.scalars(
        select(Appraisal).where(
            Appraisal.user_id.in_(ids),
            Appraisal.period == period.text,
            Appraisal.is_deleted.is_(False),
        )
    )
    for row in rows:
        out[row.user_id] = (row.id, row.status.value, {})
    if out:
        by_appraisal = {aid: uid for uid, (aid, _, _) in out.items()}
        lines = session.execute(
            select(AppraisalLine.appraisal_id, AppraisalLine.kpi_id, AppraisalLine.actual).where(
                AppraisalLine.appraisal_id.in_(list(by_appraisal)),
                AppraisalLine.is_deleted.is_(False),
                AppraisalLine.actual.is_not(None),
            )
        )
        for aid, kpi_id, actual in lines:
            if actual is not None:
                out[by_appraisal[aid]][2][kpi_id] = actual
    return out


def build_reports(
    session: Session,
    period: Period | str,
    user_ids: Sequence[str],
    *,
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
    manual_actuals: Mapping[str, Mapping[str, Decimal]] | None = None,
) -> list[KpiReportDTO]:
    """The KPI reports of several people for one period, in the order given — no permission
    check (batch printing, the CLI); the UI calls ``kpi_report`` / ``team_report``.

    ``manual_actuals`` (user → KPI id → actual) overrides what the people's appraisals hold."""
    when = period if isinstance(period, Period) else Period.parse(period)
    ids = list(dict.fromkeys(user_ids))
    kpis = kpi_definitions.active(session)
    actuals = compute_actuals(session, when, ids)
    targets = _targets(session, when, ids)
    appraisals = _appraisals(session, when, ids)
    reports: list[KpiReportDTO] = []
    for uid in ids:
        who = person(session, uid)
        appraisal = appraisals.get(uid)
        manual = dict(appraisal[2]) if appraisal else {}
        manual.update((manual_actuals or {}).get(uid, {}))
        figures = actuals.get(uid, {})
        lines = tuple(
            make_line(n, kpi, targets.get((uid, kpi.id)), figures.get(kpi.code), manual.get(kpi.id))
            for n, kpi in enumerate(kpis, start=1)
        )
        total = total_of(lines)
        reports.append(
            KpiReportDTO(
                person=who,
                period=when.text,
                period_type=when.kind,
                period_label_zh=when.label("zh_CN"),
                period_label_en=when.label("en"),
                lines=lines,
                total_score=total,
                grade=grade_for(total, bands),
                unscored=tuple(ln.code for ln in lines if ln.score is None),
                appraisal_id=appraisal[0] if appraisal else None,
                appraisal_status=appraisal[1] if appraisal else None,
                actuals=figures,
            )
        )
    return reports


def kpi_report(
    session: Session,
    actor: Actor,
    user_id: str,
    period: Period | str,
    *,
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> KpiReportDTO:
    """One person's KPIs for a month, quarter or year, for someone allowed to see them."""
    _require_visible(session, actor, user_id)
    return build_reports(session, period, [user_id], bands=bands)[0]


def _team_target(kpi: KpiDefinitionDTO, member_targets: Sequence[Decimal]) -> Decimal | None:
    if not member_targets:
        return None
    if AUTO_KIND.get(kpi.code, SUM) == SUM and kpi.unit != "%":
        return sum(member_targets, ZERO)
    return round2(sum(member_targets, ZERO) / len(member_targets))


def team_report(
    session: Session,
    actor: Actor,
    team_id: str,
    period: Period | str,
    *,
    bands: Sequence[GradeBand] = DEFAULT_GRADE_BANDS,
) -> TeamReportDTO:
    """A team's KPIs as a whole and each member's (reps and managers of the team).

    The team's actual of a sum KPI is the members' sum; ratios and averages are recomputed from
    the members' numerators and denominators. The team's target of a sum KPI is the sum of the
    members' targets; of a ratio or average, their mean. MANUAL KPIs have no team figure."""
    team = session.get(Team, team_id)
    if team is None or team.is_deleted:
        raise NotFoundError(translate("Performance", "No such team."))
    if not (actor.is_admin or (actor.role is Role.MANAGER and actor.team_id == team_id)):
        raise PermissionDenied(
            translate("Permissions", "Only the team's manager can see the whole team's KPIs.")
        )
    when = period if isinstance(period, Period) else Period.parse(period)
    member_ids = list(
        session.scalars(
            select(User.id)
            .where(
                User.team_id == team_id,
                User.is_deleted.is_(False),
                User.active.is_(True),
                User.role.in_(_APPRAISED_ROLES),
            )
            .order_by(User.login)
        )
    )
    members = build_reports(session, when, member_ids, bands=bands)
    lines: list[KpiLineDTO] = []
    for n, kpi in enumerate(kpi_definitions.active(session), start=1):
        mine = [ln for m in members for ln in m.lines if ln.kpi_id == kpi.id]
        figure = (
            combine_actuals(
                kpi.code, [m.actuals[kpi.code] for m in members if kpi.code in m.actuals]
            )
            if members and kpi.source is KpiSource.AUTO and kpi.code in AUTO_KIND
            else None
        )
        target = _team_target(kpi, [ln.target for ln in mine if ln.target is not None])
        lines.append(make_line(n, kpi, target, figure))
    total = total_of(lines)
    ranked = sorted(members, key=lambda r: (-r.total_score, r.person.full_name))
    return TeamReportDTO(
        team_id=team.id,
        team_name=team.name,
        period=when.text,
        period_type=when.kind,
        period_label_zh=when.label("zh_CN"),
        period_label_en=when.label("en"),
        lines=tuple(lines),
        total_score=total,
        grade=grade_for(total, bands),
        members=tuple(ranked),
    )
