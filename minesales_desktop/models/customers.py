"""Customers, their contacts, the activity timeline and follow-up plans (应用CRM)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import Coordinate, UTCDateTime
from minesales_desktop.models.enums import (
    ActivityKind,
    ActivityOutcome,
    CustomerStatus,
    CustomerTier,
    CustomerType,
    DecisionRole,
    FollowUpStatus,
    enum_type,
)


class Customer(SyncedMixin, Base):
    __tablename__ = "customers"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(50))
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    customer_type: Mapped[CustomerType] = mapped_column(enum_type(CustomerType))
    province: Mapped[str | None] = mapped_column(String(50))
    city: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(300))
    port: Mapped[str | None] = mapped_column(String(50))
    tier: Mapped[CustomerTier] = mapped_column(enum_type(CustomerTier))
    status: Mapped[CustomerStatus] = mapped_column(enum_type(CustomerStatus))
    website: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # Search keys kept by the service layer: full pinyin and initials of the Chinese and short
    # names, and one lower-case haystack (names, pinyin, code, USCC, contact phones).
    name_pinyin: Mapped[str] = mapped_column(String(400), default="")
    name_initials: Mapped[str] = mapped_column(String(100), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")

    contacts: Mapped[list[Contact]] = relationship(back_populates="customer")

    __table_args__ = (
        Index("ix_customers_name_zh", "name_zh"),
        Index("ix_customers_name_initials", "name_initials"),
        Index("ix_customers_name_pinyin", "name_pinyin"),
        Index("ix_customers_filter", "customer_type", "province", "tier", "status"),
        # Covering index for search fragments too short for the trigram index: scanning it reads
        # a quarter of what scanning the table does. SQLite only (the laptop's database).
        Index("ix_customers_search", "search_text", "is_deleted").ddl_if(dialect="sqlite"),
    )


class Contact(SyncedMixin, Base):
    __tablename__ = "contacts"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    decision_role: Mapped[DecisionRole | None] = mapped_column(enum_type(DecisionRole))
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    mobile: Mapped[str | None] = mapped_column(String(32), index=True)
    wechat: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(200))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    notes: Mapped[str | None] = mapped_column(Text)

    customer: Mapped[Customer] = relationship(back_populates="contacts")


class Activity(SyncedMixin, Base):
    """Append-only timeline entry: a visit, call, WeChat, meeting or return visit."""

    __tablename__ = "activities"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"))
    opportunity_id: Mapped[str | None] = mapped_column(ForeignKey("opportunities.id"))
    kind: Mapped[ActivityKind] = mapped_column(enum_type(ActivityKind))
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    subject: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[ActivityOutcome | None] = mapped_column(enum_type(ActivityOutcome))
    next_action: Mapped[str | None] = mapped_column(String(300))
    next_action_date: Mapped[dt.date | None]
    latitude: Mapped[Decimal | None] = mapped_column(Coordinate)
    longitude: Mapped[Decimal | None] = mapped_column(Coordinate)

    __table_args__ = (Index("ix_activities_owner_time", "owner_id", "occurred_at"),)


class FollowUpPlan(SyncedMixin, Base):
    """The next action on a customer, with its due date (跟进计划)."""

    __tablename__ = "follow_up_plans"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    opportunity_id: Mapped[str | None] = mapped_column(ForeignKey("opportunities.id"))
    action: Mapped[str] = mapped_column(String(300))
    kind: Mapped[ActivityKind] = mapped_column(enum_type(ActivityKind))
    due_date: Mapped[dt.date] = mapped_column(index=True)
    status: Mapped[FollowUpStatus] = mapped_column(enum_type(FollowUpStatus))
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_activity_id: Mapped[str | None] = mapped_column(ForeignKey("activities.id"))

    __table_args__ = (Index("ix_follow_up_plans_owner_due", "owner_id", "status", "due_date"),)
