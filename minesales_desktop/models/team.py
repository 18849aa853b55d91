"""Training (定期培训), meetings with action items and the feedback box (沟通与反馈)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from minesales_desktop.db.base import Base, SyncedMixin
from minesales_desktop.db.types import Score, UTCDateTime
from minesales_desktop.models.enums import (
    ActionStatus,
    FeedbackCategory,
    FeedbackStatus,
    MeetingKind,
    TrainingKind,
    enum_type,
)


class Training(SyncedMixin, Base):
    __tablename__ = "trainings"

    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[TrainingKind] = mapped_column(enum_type(TrainingKind))
    provider: Mapped[str | None] = mapped_column(String(200))
    held_on: Mapped[dt.date] = mapped_column(index=True)
    hours: Mapped[Decimal] = mapped_column(Score)
    description: Mapped[str | None] = mapped_column(Text)


class TrainingAttendance(SyncedMixin, Base):
    __tablename__ = "training_attendance"

    training_id: Mapped[str] = mapped_column(ForeignKey("trainings.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    attended: Mapped[bool] = mapped_column(Boolean, default=True)
    hours: Mapped[Decimal] = mapped_column(Score)
    exam_score: Mapped[Decimal | None] = mapped_column(Score)

    __table_args__ = (UniqueConstraint("training_id", "user_id"),)


class Meeting(SyncedMixin, Base):
    __tablename__ = "meetings"

    kind: Mapped[MeetingKind] = mapped_column(enum_type(MeetingKind))
    title: Mapped[str] = mapped_column(String(200))
    held_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    team_id: Mapped[str | None] = mapped_column(ForeignKey("teams.id"))
    with_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    minutes: Mapped[str | None] = mapped_column(Text)


class MeetingActionItem(SyncedMixin, Base):
    __tablename__ = "meeting_action_items"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_on: Mapped[dt.date | None]
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus))
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Feedback(SyncedMixin, Base):
    __tablename__ = "feedback"

    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    category: Mapped[FeedbackCategory] = mapped_column(enum_type(FeedbackCategory))
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[FeedbackStatus] = mapped_column(enum_type(FeedbackStatus))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
