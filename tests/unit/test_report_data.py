"""The sales report's SQL aggregates on hand-built records with known answers, the team scope, a
period with no records (no division by zero), and the process figures (funnel, win rate,
cycle, lost reasons) on a few opportunities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from minesales_desktop.models.enums import (
    ActivityKind,
    Currency,
    DealType,
    LostReason,
    QuantityUnit,
    Stage,
    TicketType,
)
from minesales_desktop.models.sales import Opportunity, StageChange
from minesales_desktop.services.performance import ensure_default_kpis, kpi_definitions, kpi_targets
from minesales_desktop.services.report_data import sales_report_data
from tests.conftest import Department
from tests.unit.test_kpi_engine import Q3, Quarter, Records, build_quarter, cst

D = Decimal


def _opportunity(
    session: Session,
    rec: Records,
    code: str,
    stages: list[tuple[Stage, dt.datetime]],
    *,
    value: str = "1000000",
    probability: str = "10",
    lost_reason: LostReason | None = None,
) -> None:
    customer = rec.customer(f"商机客户{code}")
    final, closed_at = stages[-1]
    opp = Opportunity(
        code=code,
        title=code,
        customer_id=customer.id,
        deal_type=DealType.SPOT,
        quantity_unit=QuantityUnit.WMT,
        currency=Currency.CNY,
        estimated_value=D(value),
        stage=final,
        probability=D(probability),
        stage_entered_at=closed_at,
        closed_at=closed_at if final in (Stage.WON, Stage.LOST) else None,
        lost_reason=lost_reason,
        owner_id=rec.owner_id,
    )
    session.add(opp)
    session.flush()
    previous: Stage | None = None
    for stage, at in stages:
        session.add(
            StageChange(
                opportunity_id=opp.id, from_stage=previous, to_stage=stage, changed_at=at,
                owner_id=rec.owner_id,
            )
        )  # fmt: skip
        previous = stage
    session.flush()


def build_report_quarter(session: Session, dept: Department) -> Quarter:
    """李强's hand-built 2026Q3, his targets, 陈刚's lot and payment, three opportunities."""
    ensure_default_kpis(session)
    q = build_quarter(session, dept.rep.user_id)
    for code, value in (("SALES_VOLUME", "15000"), ("SALES_REVENUE", "2000000")):
        kpi = kpi_definitions.by_code(session, code)
        assert kpi is not None
        kpi_targets.set_target(session, dept.manager, kpi.id, dept.rep.user_id, Q3.text, value)
    other = Records(session, dept.other_rep.user_id)
    k = other.contract(other.customer("外组客户"), signed_on=dt.date(2026, 7, 2))
    other.shipment(k, dt.date(2026, 7, 3), "999")
    other.payment(dt.date(2026, 7, 3), "12345", contract=k)
    rec = q.rec
    _opportunity(
        session,
        rec,
        "OPP-WON",
        [
            (Stage.LEAD, cst(2026, 7, 1)),
            (Stage.QUALIFIED, cst(2026, 7, 5)),
            (Stage.QUOTED, cst(2026, 7, 20)),
            (Stage.WON, cst(2026, 8, 10)),
        ],
    )
    _opportunity(
        session,
        rec,
        "OPP-LOST",
        [(Stage.LEAD, cst(2026, 7, 2)), (Stage.QUALIFIED, cst(2026, 7, 9)),
         (Stage.LOST, cst(2026, 9, 1))],
        lost_reason=LostReason.PRICE,
    )  # fmt: skip
    _opportunity(
        session,
        rec,
        "OPP-OPEN",
        [(Stage.LEAD, cst(2026, 8, 1)), (Stage.NEGOTIATION, cst(2026, 9, 1))],
        value="2500000",
        probability="60",
    )
    session.commit()
    return q


@pytest.fixture
def quarter(session: Session, dept: Department) -> Quarter:
    return build_report_quarter(session, dept)


def test_volume_revenue_and_plan(session: Session, dept: Department, quarter: Quarter) -> None:
    data = sales_report_data(session, Q3)
    # 李强 17 500.500 t + 陈刚 999 t; revenue only 李强's invoices (陈刚 has none).
    assert data.total.volume_t == D("18499.500")
    assert data.total.revenue_cny == D("1670000.00")
    assert data.previous_year.volume_t == D("14000.400")
    assert data.previous_year.revenue_cny == D("1420000.00")
    rep = next(r for r in data.by_rep if r.key == dept.rep.user_id)
    assert (rep.volume_t, rep.plan_volume_t) == (D("17500.500"), D("15000"))
    assert rep.volume_completion_pct == D("116.67")
    assert rep.revenue_completion_pct == D("83.50")
    assert data.total.plan_revenue_cny == D("2000000")
    assert sum(r.volume_t for r in data.by_product) == data.total.volume_t
    assert sum(r.revenue_cny for r in data.by_region) == data.total.revenue_cny
    assert data.customers_with_revenue == 2
    months = {(m.year, m.month): m for m in data.months}
    assert len(data.months) == 12 and data.months[-1].month == 9
    assert months[(2026, 7)].volume_t == D("10999.000")
    assert months[(2026, 9)].revenue_cny == D("-40000.00")  # 10 000 − credit note 50 000


def test_collection_and_ageing(session: Session, dept: Department, quarter: Quarter) -> None:
    c = sales_report_data(session, Q3).collection
    # As the KPI engine for 李强, plus 陈刚's CNY 12 345 received on 07-03 on account.
    assert c.collected_cny == D("1284345.00")
    assert c.opening_receivables_cny == D("352000.00")
    assert c.invoiced_gross_cny == D("1794800.00")
    assert c.collection_rate_pct == D("59.83")
    assert c.receivables_cny == D("874800.00") - D("12345.00")
    buckets = {b.key: b.amount_cny for b in c.ageing}
    # I2: USD 50 000 open, due 09-09 → 21 days overdue on 09-30 = CNY 355 000.
    assert buckets["D30"] == D("355000.00")
    assert c.overdue_cny == D("355000.00")
    assert sum(buckets.values()) + c.unallocated_cny == c.receivables_cny


def test_team_scope_leaves_other_teams_out(
    session: Session, dept: Department, quarter: Quarter
) -> None:
    data = sales_report_data(session, Q3, team_id=dept.team.id)
    assert data.team_name == dept.team.name
    assert data.total.volume_t == D("17500.500")
    assert data.collection.collected_cny == D("1272000.00")
    assert {r.key for r in data.by_rep} <= {
        dept.rep.user_id, dept.rep2.user_id, dept.manager.user_id
    }  # fmt: skip


def test_process_service_and_ranking(session: Session, dept: Department, quarter: Quarter) -> None:
    data = sales_report_data(session, Q3)
    p = data.process
    assert (p.won, p.lost, p.win_rate_pct) == (1, 1, D("50.00"))
    reached = {row.stage: row.reached for row in p.funnel}
    assert reached[Stage.LEAD] == 2 and reached[Stage.QUALIFIED] == 2
    assert reached[Stage.SAMPLE] == 1 and reached[Stage.WON] == 1
    assert p.funnel[1].conversion_pct == D("50.00")  # qualified → sample (or later)
    assert p.average_cycle_days == D("40.0")  # 07-01 12:00 → 08-10 12:00
    assert [(r.reason, r.count) for r in p.lost_reasons] == [(LostReason.PRICE, 1)]
    negotiation = next(r for r in p.pipeline if r.stage is Stage.NEGOTIATION)
    assert (negotiation.count, negotiation.weighted_cny) == (1, D("1500000.00"))

    s = data.service
    assert s.return_visits == 3 and s.satisfaction_counts == (0, 0, 0, 2, 1)
    assert s.average_satisfaction == D("4.33")
    shortage = next(r for r in s.claims if r.ticket_type is TicketType.WEIGHT_SHORTAGE)
    assert (shortage.received, shortage.resolved, shortage.resolved_in_time) == (4, 3, 2)
    assert shortage.timeliness_pct == D("66.67")
    kinds = dict(s.activities)
    assert kinds[ActivityKind.VISIT] == 1 and kinds[ActivityKind.WECHAT] == 0

    assert [r.user_id for r in data.ranking][0] == dept.rep.user_id
    assert all(r.grade for r in data.ranking)


def test_an_empty_period_has_no_division_by_zero(
    session: Session, dept: Department, quarter: Quarter
) -> None:
    data = sales_report_data(session, "2030Q1")
    assert data.total.volume_t == 0 and data.total.revenue_cny == 0
    assert data.volume_growth_pct is None and data.revenue_growth_pct is None
    assert data.collection.collected_cny == 0
    assert data.process.win_rate_pct is None and data.process.average_cycle_days is None
    assert data.service.average_satisfaction is None
    assert data.prices == ()
