"""Credit profiles and the risk register (风险管理)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import Money
from minesales_desktop.models.enums import (
    CreditRating,
    CreditSecurity,
    Currency,
    RiskCategory,
    RiskStatus,
    enum_type,
)


class CreditProfile(SyncedMixin, Base):
    """A customer's credit standing. AR ageing and overdue are computed from invoices/payments."""

    __tablename__ = "credit_profiles"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), unique=True)
    score: Mapped[int]  # 0–100
    rating: Mapped[CreditRating] = mapped_column(enum_type(CreditRating))
    credit_limit: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    credit_days: Mapped[int]
    security: Mapped[CreditSecurity] = mapped_column(enum_type(CreditSecurity))
    reviewed_on: Mapped[dt.date]
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        CheckConstraint("credit_days >= 0", name="credit_days_nonneg"),
    )


class RiskRecord(SyncedMixin, Base):
    __tablename__ = "risk_records"

    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[RiskCategory] = mapped_column(enum_type(RiskCategory))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
    contract_id: Mapped[str | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    likelihood: Mapped[int]
    impact: Mapped[int]
    exposure_amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    mitigation: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RiskStatus] = mapped_column(enum_type(RiskStatus))
    review_on: Mapped[dt.date | None]

    __table_args__ = (
        CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood_range"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="impact_range"),
    )

    @property
    def exposure_score(self) -> int:
        """Likelihood × impact, 1–25, as on the risk matrix."""
        return self.likelihood * self.impact
