"""Contracts, their review (合同评审), shipments/lots with weights and assays, invoices and
payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import ExactJSON, Money, Percent, Quantity, Rate, UTCDateTime
from minesales_desktop.models.enums import (
    AssayParty,
    CertificateParty,
    ContractStatus,
    ContractType,
    Currency,
    Incoterm,
    InvoiceKind,
    InvoiceStatus,
    PaymentMethod,
    PricingMethod,
    QuantityUnit,
    ReviewDecision,
    ReviewDepartment,
    ShipmentStatus,
    ToleranceOption,
    TransportMode,
    enum_type,
)


class Contract(SyncedMixin, Base):
    __tablename__ = "contracts"

    contract_no: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    opportunity_id: Mapped[str | None] = mapped_column(ForeignKey("opportunities.id"))
    quote_id: Mapped[str | None] = mapped_column(ForeignKey("quotes.id"))
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id"))
    contract_type: Mapped[ContractType] = mapped_column(enum_type(ContractType))
    status: Mapped[ContractStatus] = mapped_column(enum_type(ContractStatus), index=True)
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    quantity_unit: Mapped[QuantityUnit] = mapped_column(enum_type(QuantityUnit))
    tolerance_pct: Mapped[Decimal] = mapped_column(Percent)
    tolerance_option: Mapped[ToleranceOption] = mapped_column(enum_type(ToleranceOption))
    incoterm: Mapped[Incoterm] = mapped_column(enum_type(Incoterm))
    port: Mapped[str | None] = mapped_column(String(50))
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    fx_rate: Mapped[Decimal] = mapped_column(Rate)
    vat_rate: Mapped[Decimal] = mapped_column(Percent)
    vat_included: Mapped[bool]
    pricing_method: Mapped[PricingMethod] = mapped_column(enum_type(PricingMethod))
    price_terms: Mapped[dict[str, Any]] = mapped_column(ExactJSON)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    total_value: Mapped[Decimal] = mapped_column(Money)
    payment_method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod))
    provisional_pct: Mapped[Decimal] = mapped_column(Percent)
    credit_days: Mapped[int] = mapped_column(default=0)
    signed_on: Mapped[dt.date | None] = mapped_column(index=True)
    approved_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    credit_override_reason: Mapped[str | None] = mapped_column(Text)
    terminated_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    reviews: Mapped[list[ContractReview]] = relationship(
        back_populates="contract", order_by="ContractReview.step_no"
    )
    shipments: Mapped[list[Shipment]] = relationship(
        back_populates="contract", order_by="Shipment.lot_no"
    )

    __table_args__ = (Index("ix_contracts_owner_status", "owner_id", "status"),)


class ContractStatusChange(SyncedMixin, Base):
    __tablename__ = "contract_status_changes"

    contract_id: Mapped[str] = mapped_column(ForeignKey("contracts.id"), index=True)
    from_status: Mapped[ContractStatus | None] = mapped_column(enum_type(ContractStatus))
    to_status: Mapped[ContractStatus] = mapped_column(enum_type(ContractStatus))
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class ContractReview(SyncedMixin, Base):
    __tablename__ = "contract_reviews"

    contract_id: Mapped[str] = mapped_column(ForeignKey("contracts.id"), index=True)
    step_no: Mapped[int]
    department: Mapped[ReviewDepartment] = mapped_column(enum_type(ReviewDepartment))
    reviewer_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[ReviewDecision] = mapped_column(enum_type(ReviewDecision))
    comment: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    contract: Mapped[Contract] = relationship(back_populates="reviews")

    __table_args__ = (UniqueConstraint("contract_id", "step_no"),)


class Shipment(SyncedMixin, Base):
    """One lot drawn against a contract's balance (a vessel, a train or a batch of trucks)."""

    __tablename__ = "shipments"

    contract_id: Mapped[str] = mapped_column(ForeignKey("contracts.id"), index=True)
    lot_no: Mapped[str] = mapped_column(String(40))
    transport_mode: Mapped[TransportMode] = mapped_column(enum_type(TransportMode))
    vessel_or_vehicle: Mapped[str | None] = mapped_column(String(100))
    load_port: Mapped[str | None] = mapped_column(String(50))
    discharge_port: Mapped[str | None] = mapped_column(String(50))
    bl_date: Mapped[dt.date | None] = mapped_column(index=True)
    quantity_wmt: Mapped[Decimal] = mapped_column(Quantity)
    status: Mapped[ShipmentStatus] = mapped_column(enum_type(ShipmentStatus))
    notes: Mapped[str | None] = mapped_column(Text)

    contract: Mapped[Contract] = relationship(back_populates="shipments")

    __table_args__ = (UniqueConstraint("contract_id", "lot_no"),)


class WeightCertificate(SyncedMixin, Base):
    __tablename__ = "weight_certificates"

    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipments.id"), index=True)
    party: Mapped[CertificateParty] = mapped_column(enum_type(CertificateParty))
    issuer: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[dt.date]
    wet_tonnes: Mapped[Decimal] = mapped_column(Quantity)
    moisture_pct: Mapped[Decimal] = mapped_column(Percent)
    dry_tonnes: Mapped[Decimal] = mapped_column(Quantity)


class Assay(SyncedMixin, Base):
    __tablename__ = "assays"

    shipment_id: Mapped[str] = mapped_column(ForeignKey("shipments.id"), index=True)
    party: Mapped[AssayParty] = mapped_column(enum_type(AssayParty))
    lab: Mapped[str | None] = mapped_column(String(100))
    assayed_on: Mapped[dt.date]

    results: Mapped[list[AssayResult]] = relationship(
        back_populates="assay", order_by="AssayResult.analyte"
    )


class AssayResult(SyncedMixin, Base):
    __tablename__ = "assay_results"

    assay_id: Mapped[str] = mapped_column(ForeignKey("assays.id"), index=True)
    analyte: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal] = mapped_column(Percent)
    unit: Mapped[str] = mapped_column(String(16))

    assay: Mapped[Assay] = relationship(back_populates="results")

    __table_args__ = (UniqueConstraint("assay_id", "analyte"),)


class Invoice(SyncedMixin, Base):
    __tablename__ = "invoices"

    invoice_no: Mapped[str] = mapped_column(String(40), unique=True)
    contract_id: Mapped[str] = mapped_column(ForeignKey("contracts.id"), index=True)
    shipment_id: Mapped[str | None] = mapped_column(ForeignKey("shipments.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[InvoiceKind] = mapped_column(enum_type(InvoiceKind))
    status: Mapped[InvoiceStatus] = mapped_column(enum_type(InvoiceStatus))
    issued_on: Mapped[dt.date] = mapped_column(index=True)
    due_on: Mapped[dt.date]
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    unit_price: Mapped[Decimal | None] = mapped_column(Money)
    amount_net: Mapped[Decimal] = mapped_column(Money)
    vat_amount: Mapped[Decimal] = mapped_column(Money)
    amount_total: Mapped[Decimal] = mapped_column(Money)
    notes: Mapped[str | None] = mapped_column(Text)


class Payment(SyncedMixin, Base):
    """Append-only: money received (回款), against an invoice where known."""

    __tablename__ = "payments"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    contract_id: Mapped[str | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    invoice_id: Mapped[str | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    received_on: Mapped[dt.date] = mapped_column(index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod))
    reference: Mapped[str | None] = mapped_column(String(100))
