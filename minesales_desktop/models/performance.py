"""KPI definitions, targets, and appraisals with their lines (绩效考核)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import ExactJSON, Money, Score, UTCDateTime
from minesales_desktop.models.enums import (
    AppraisalStatus,
    KpiDirection,
    KpiSource,
    PeriodType,
    ScoringRule,
    enum_type,
)


class KpiDefinition(SyncedMixin, Base):
    __tablename__ = "kpi_definitions"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    dimension_zh: Mapped[str] = mapped_column(String(50))
    dimension_en: Mapped[str] = mapped_column(String(50))
    definition_zh: Mapped[str] = mapped_column(Text)
    definition_en: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(16))
    direction: Mapped[KpiDirection] = mapped_column(enum_type(KpiDirection))
    weight: Mapped[Decimal] = mapped_column(Score)
    source: Mapped[KpiSource] = mapped_column(enum_type(KpiSource))
    scoring_rule: Mapped[ScoringRule] = mapped_column(enum_type(ScoringRule))
    scoring_params: Mapped[dict[str, Any]] = mapped_column(ExactJSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    sort_order: Mapped[int] = mapped_column(default=0)


class KpiTarget(SyncedMixin, Base):
    __tablename__ = "kpi_targets"

    kpi_id: Mapped[str] = mapped_column(ForeignKey("kpi_definitions.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    period_type: Mapped[PeriodType] = mapped_column(enum_type(PeriodType))
    period: Mapped[str] = mapped_column(String(10))  # 2026-10, 2026Q3, 2026
    target_value: Mapped[Decimal] = mapped_column(Money)

    __table_args__ = (UniqueConstraint("kpi_id", "user_id", "period"),)


class Appraisal(SyncedMixin, Base):
    __tablename__ = "appraisals"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    period_type: Mapped[PeriodType] = mapped_column(enum_type(PeriodType))
    period: Mapped[str] = mapped_column(String(10))
    status: Mapped[AppraisalStatus] = mapped_column(enum_type(AppraisalStatus))
    appraiser_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    self_assessment: Mapped[str | None] = mapped_column(Text)
    manager_comments: Mapped[str | None] = mapped_column(Text)
    improvement_plan: Mapped[str | None] = mapped_column(Text)
    total_score: Mapped[Decimal | None] = mapped_column(Score)
    grade: Mapped[str | None] = mapped_column(String(4))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Everything printed on the sheet, frozen at confirmation so later edits never change it.
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(ExactJSON)

    lines: Mapped[list[AppraisalLine]] = relationship(
        back_populates="appraisal", order_by="AppraisalLine.sort_order"
    )

    __table_args__ = (UniqueConstraint("user_id", "period"),)


class AppraisalLine(SyncedMixin, Base):
    __tablename__ = "appraisal_lines"

    appraisal_id: Mapped[str] = mapped_column(ForeignKey("appraisals.id"), index=True)
    kpi_id: Mapped[str] = mapped_column(ForeignKey("kpi_definitions.id"))
    sort_order: Mapped[int]
    weight: Mapped[Decimal] = mapped_column(Score)
    target: Mapped[Decimal | None] = mapped_column(Money)
    actual: Mapped[Decimal | None] = mapped_column(Money)
    completion_pct: Mapped[Decimal | None] = mapped_column(Score)
    self_score: Mapped[Decimal | None] = mapped_column(Score)
    manager_score: Mapped[Decimal | None] = mapped_column(Score)
    weighted_score: Mapped[Decimal | None] = mapped_column(Score)

    appraisal: Mapped[Appraisal] = relationship(back_populates="lines")

    __table_args__ = (UniqueConstraint("appraisal_id", "kpi_id"),)
