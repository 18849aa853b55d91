"""Users, teams and the history of who was responsible for what (明确职责)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import UTCDateTime
from minesales_desktop.models.enums import Role, enum_type


class Team(SyncedMixin, Base):
    __tablename__ = "teams"
    __owner_fk_use_alter__ = True  # teams ↔ users form a cycle

    name: Mapped[str] = mapped_column(String(100), unique=True)
    region: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list[User]] = relationship(back_populates="team", foreign_keys="User.team_id")


class User(SyncedMixin, Base):
    __tablename__ = "users"

    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    full_name_en: Mapped[str | None] = mapped_column(String(100))
    employee_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"), index=True)
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(100))
    territory: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    hired_on: Mapped[dt.date | None]

    team: Mapped[Team | None] = relationship(back_populates="members", foreign_keys=[team_id])


class OwnershipChange(SyncedMixin, Base):
    """Append-only: every reassignment of a customer, opportunity, contract or ticket."""

    __tablename__ = "ownership_changes"

    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    from_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    to_user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    changed_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
