"""Opportunities through the standard process (标准流程), their stage history, and versioned
quotes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import ExactJSON, Money, Percent, Quantity, Rate, UTCDateTime
from minesales_desktop.models.enums import (
    Currency,
    DealType,
    Incoterm,
    LeadSource,
    LostReason,
    PaymentMethod,
    PricingMethod,
    QuantityUnit,
    QuoteStatus,
    Stage,
    ToleranceOption,
    enum_type,
)


class Opportunity(SyncedMixin, Base):
    __tablename__ = "opportunities"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    product_id: Mapped[str | None] = mapped_column(ForeignKey("products.id"), index=True)
    deal_type: Mapped[DealType] = mapped_column(enum_type(DealType))
    source: Mapped[LeadSource | None] = mapped_column(enum_type(LeadSource))
    quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    quantity_unit: Mapped[QuantityUnit] = mapped_column(enum_type(QuantityUnit))
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    estimated_value: Mapped[Decimal | None] = mapped_column(Money)
    stage: Mapped[Stage] = mapped_column(enum_type(Stage), index=True)
    probability: Mapped[Decimal] = mapped_column(Percent)  # 0–100
    stage_entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expected_close: Mapped[dt.date | None] = mapped_column(index=True)
    bid_deadline: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    lost_reason: Mapped[LostReason | None] = mapped_column(enum_type(LostReason))
    lost_note: Mapped[str | None] = mapped_column(Text)
    competitor: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str | None] = mapped_column(Text)

    stage_changes: Mapped[list[StageChange]] = relationship(
        back_populates="opportunity", order_by="StageChange.changed_at"
    )
    quotes: Mapped[list[Quote]] = relationship(
        back_populates="opportunity", order_by="Quote.version"
    )

    __table_args__ = (Index("ix_opportunities_owner_stage", "owner_id", "stage"),)


class StageChange(SyncedMixin, Base):
    """Append-only: who moved an opportunity from which stage to which, and when."""

    __tablename__ = "stage_changes"

    opportunity_id: Mapped[str] = mapped_column(ForeignKey("opportunities.id"), index=True)
    from_stage: Mapped[Stage | None] = mapped_column(enum_type(Stage))
    to_stage: Mapped[Stage] = mapped_column(enum_type(Stage))
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)

    opportunity: Mapped[Opportunity] = relationship(back_populates="stage_changes")


class Quote(SyncedMixin, Base):
    """One version of an offer. A new version supersedes the previous one; none is edited after
    it is sent."""

    __tablename__ = "quotes"

    opportunity_id: Mapped[str] = mapped_column(ForeignKey("opportunities.id"), index=True)
    quote_no: Mapped[str] = mapped_column(String(40))
    version: Mapped[int]
    status: Mapped[QuoteStatus] = mapped_column(enum_type(QuoteStatus))
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    quantity_unit: Mapped[QuantityUnit] = mapped_column(enum_type(QuantityUnit))
    tolerance_pct: Mapped[Decimal] = mapped_column(Percent)
    tolerance_option: Mapped[ToleranceOption] = mapped_column(enum_type(ToleranceOption))
    incoterm: Mapped[Incoterm] = mapped_column(enum_type(Incoterm))
    port: Mapped[str | None] = mapped_column(String(50))
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    fx_rate: Mapped[Decimal] = mapped_column(Rate)  # CNY per unit of currency
    vat_rate: Mapped[Decimal] = mapped_column(Percent)
    vat_included: Mapped[bool]
    pricing_method: Mapped[PricingMethod] = mapped_column(enum_type(PricingMethod))
    price_terms: Mapped[dict[str, Any]] = mapped_column(ExactJSON)
    expected_assay: Mapped[dict[str, Any] | None] = mapped_column(ExactJSON)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    total_amount: Mapped[Decimal] = mapped_column(Money)
    payment_method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod))
    payment_terms: Mapped[str | None] = mapped_column(Text)
    valid_until: Mapped[dt.date]
    notes: Mapped[str | None] = mapped_column(Text)

    opportunity: Mapped[Opportunity] = relationship(back_populates="quotes")

    __table_args__ = (UniqueConstraint("opportunity_id", "version"),)
