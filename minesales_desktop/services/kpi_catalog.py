"""The department's default KPI set (issue: performance appraisal): weights sum to 100.

Codes are stable: the KPI engine computes each AUTO code from the records of the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minesales_desktop.ids import IdFactory
from minesales_desktop.models.enums import KpiDirection, KpiSource, ScoringRule
from minesales_desktop.models.performance import KpiDefinition


@dataclass(frozen=True)
class KpiSeed:
    code: str
    name_zh: str
    name_en: str
    dimension_zh: str
    dimension_en: str
    definition_zh: str
    definition_en: str
    unit: str
    direction: KpiDirection
    weight: Decimal
    source: KpiSource
    scoring_rule: ScoringRule
    scoring_params: dict[str, Any]


_H = KpiDirection.HIGHER_BETTER
_L = KpiDirection.LOWER_BETTER
_AUTO = KpiSource.AUTO
_LIN = ScoringRule.LINEAR_CAP
_CAP = {"cap_pct": "120"}

DEFAULT_KPIS: tuple[KpiSeed, ...] = (
    KpiSeed(
        "SALES_VOLUME",
        "销售量",
        "Sales volume",
        "业绩",
        "Results",
        "考核期内发运的吨数(按提单日期)",
        "Tonnes shipped in the period (by B/L date)",
        "t",
        _H,
        Decimal(20),
        _AUTO,
        _LIN,
        _CAP,
    ),
    KpiSeed(
        "SALES_REVENUE",
        "销售额",
        "Sales revenue",
        "业绩",
        "Results",
        "考核期内开具的发票不含税金额(人民币)",
        "Invoiced net amount in the period (CNY, excl. VAT)",
        "CNY",
        _H,
        Decimal(15),
        _AUTO,
        _LIN,
        _CAP,
    ),
    KpiSeed(
        "COLLECTION_RATE",
        "回款率",
        "Collection rate",
        "回款",
        "Collection",
        "回款 ÷ (期初应收 + 本期开票)",
        "Collected ÷ (opening receivables + period invoicing)",
        "%",
        _H,
        Decimal(20),
        _AUTO,
        _LIN,
        {"cap_pct": "100"},
    ),
    KpiSeed(
        "OVERDUE_RATIO",
        "逾期应收占比",
        "Overdue ratio",
        "回款",
        "Collection",
        "期末逾期应收 ÷ 期末应收",
        "Overdue receivables ÷ receivables at period end",
        "%",
        _L,
        Decimal(5),
        _AUTO,
        ScoringRule.DEDUCTION,
        {"deduct_per_point": "1", "free_pct": "5"},
    ),
    KpiSeed(
        "NEW_CUSTOMERS",
        "新客户数",
        "New customers",
        "市场开拓",
        "Development",
        "考核期内首次签约的客户数",
        "Customers with their first signed contract in the period",
        "",
        _H,
        Decimal(10),
        _AUTO,
        _LIN,
        _CAP,
    ),
    KpiSeed(
        "FOLLOW_UPS",
        "拜访与跟进",
        "Visits and follow-ups",
        "客户管理",
        "Customer care",
        "考核期内完成的拜访、电话、微信、会议次数",
        "Visits, calls, WeChats and meetings logged",
        "",
        _H,
        Decimal(10),
        _AUTO,
        _LIN,
        _CAP,
    ),
    KpiSeed(
        "SATISFACTION",
        "客户满意度",
        "Customer satisfaction",
        "售后服务",
        "Service",
        "回访满意度平均分(1–5)",
        "Average return-visit satisfaction (1–5)",
        "",
        _H,
        Decimal(5),
        _AUTO,
        ScoringRule.TIERED,
        {"tiers": [["4.5", "100"], ["4.0", "90"], ["3.5", "75"], ["3.0", "60"], ["0", "0"]]},
    ),
    KpiSeed(
        "CLAIM_TIMELINESS",
        "异议处理及时率",
        "Claim-handling timeliness",
        "售后服务",
        "Service",
        "在时限内解决的工单 ÷ 解决的工单",
        "Tickets resolved within SLA ÷ resolved",
        "%",
        _H,
        Decimal(5),
        _AUTO,
        _LIN,
        {"cap_pct": "100"},
    ),
    KpiSeed(
        "TRAINING_HOURS",
        "培训学时",
        "Training hours",
        "学习成长",
        "Learning",
        "参加培训的学时",
        "Hours of training attended",
        "h",
        _H,
        Decimal(5),
        _AUTO,
        _LIN,
        {"cap_pct": "100"},
    ),
    KpiSeed(
        "DATA_TIMELINESS",
        "数据及时性",
        "Data timeliness",
        "基础管理",
        "Discipline",
        "按期完成的跟进计划 ÷ 到期的跟进计划",
        "Follow-up plans done by their due date ÷ plans due",
        "%",
        _H,
        Decimal(5),
        _AUTO,
        _LIN,
        {"cap_pct": "100"},
    ),
)

assert sum(k.weight for k in DEFAULT_KPIS) == 100


def ensure_default_kpis(
    session: Session, ids: IdFactory | None = None, at: dt.datetime | None = None
) -> int:
    """Insert the default KPI definitions that are missing; returns how many were added.

    ``ids`` and ``at`` make the rows reproducible (demo data); by default ids and times are new.
    """
    existing = set(session.scalars(select(KpiDefinition.code)))
    added = 0
    for order, seed in enumerate(DEFAULT_KPIS):
        if seed.code in existing:
            continue
        row = KpiDefinition(
            code=seed.code,
            name_zh=seed.name_zh,
            name_en=seed.name_en,
            dimension_zh=seed.dimension_zh,
            dimension_en=seed.dimension_en,
            definition_zh=seed.definition_zh,
            definition_en=seed.definition_en,
            unit=seed.unit,
            direction=seed.direction,
            weight=seed.weight,
            source=seed.source,
            scoring_rule=seed.scoring_rule,
            scoring_params=seed.scoring_params,
            active=True,
            sort_order=order,
        )
        if at is not None:
            row.created_at = row.updated_at = at
        if ids is not None:
            row.id = ids.make(int(at.timestamp() * 1000) if at else 0)
        session.add(row)
        added += 1
    session.flush()
    return added
