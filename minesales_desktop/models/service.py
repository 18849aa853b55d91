"""After-sales service tickets (售后服务), their status history and return visits (回访)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import Money, UTCDateTime
from minesales_desktop.models.enums import Currency, Priority, TicketStatus, TicketType, enum_type


class ServiceTicket(SyncedMixin, Base):
    __tablename__ = "service_tickets"

    ticket_no: Mapped[str] = mapped_column(String(40), unique=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    contract_id: Mapped[str | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    shipment_id: Mapped[str | None] = mapped_column(ForeignKey("shipments.id"))
    ticket_type: Mapped[TicketType] = mapped_column(enum_type(TicketType))
    priority: Mapped[Priority] = mapped_column(enum_type(Priority))
    status: Mapped[TicketStatus] = mapped_column(enum_type(TicketStatus), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    claimed_amount: Mapped[Decimal | None] = mapped_column(Money)
    settled_amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[Currency] = mapped_column(enum_type(Currency))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    sla_due: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_service_tickets_status_due", "status", "sla_due"),)


class TicketStatusChange(SyncedMixin, Base):
    __tablename__ = "ticket_status_changes"

    ticket_id: Mapped[str] = mapped_column(ForeignKey("service_tickets.id"), index=True)
    from_status: Mapped[TicketStatus | None] = mapped_column(enum_type(TicketStatus))
    to_status: Mapped[TicketStatus] = mapped_column(enum_type(TicketStatus))
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class ReturnVisit(SyncedMixin, Base):
    """The call-back after a ticket is resolved, with the customer's satisfaction 1–5."""

    __tablename__ = "return_visits"

    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("service_tickets.id"), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    visited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    visited_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    satisfaction: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("satisfaction BETWEEN 1 AND 5", name="satisfaction_range"),)
