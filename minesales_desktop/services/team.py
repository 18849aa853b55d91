"""Training and attendance (定期培训), meetings with action items, the suggestion box (沟通与反馈).

Training hours feed the TRAINING_HOURS KPI, so attendance is kept honest: nobody is credited with
more hours than the course lasted, and only the organiser, a manager or the attendee themself may
record it. Feedback is answered from above: anyone may drop a suggestion in the box, only a
manager or an administrator reviews and answers it, and an answer always says something.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from minesales_desktop.db.base import utcnow
from minesales_desktop.ids import keyed_id
from minesales_desktop.messages import translate
from minesales_desktop.models.enums import (
    ActionStatus,
    FeedbackCategory,
    FeedbackStatus,
    MeetingKind,
    TrainingKind,
)
from minesales_desktop.models.people import Team, User
from minesales_desktop.models.team import (
    Feedback,
    Meeting,
    MeetingActionItem,
    Training,
    TrainingAttendance,
)
from minesales_desktop.services.auth import Actor
from minesales_desktop.services.crud import EntityService, Page, PageRequest, can_modify_owned
from minesales_desktop.services.errors import PermissionDenied, TransitionRefused, ValidationError
from minesales_desktop.services.validation import check_positive, check_range

ZERO_HOURS = Decimal("0.00")


def _active_user(session: Session, user_id: Any) -> User | None:
    user = session.get(User, user_id) if user_id else None
    if user is None or user.is_deleted or not user.active:
        return None
    return user


def _no_such_user() -> str:
    return translate("Validation", "No such active user.")


# --- training ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingDTO:
    id: str
    title: str
    kind: TrainingKind
    provider: str | None
    held_on: dt.date
    hours: Decimal
    description: str | None
    owner_id: str | None


class TrainingService(EntityService[Training, TrainingDTO]):
    """A course. Anyone may record one (a rep logs an external course); its organiser (owner)
    and their manager change it."""

    model = Training
    dto = TrainingDTO
    kind = "trainings"
    editable = ("title", "kind", "provider", "held_on", "hours", "description", "owner_id")
    sortable = ("held_on", "title", "created_at")
    default_sort = "held_on"
    filterable = ("kind", "owner_id")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"kind": TrainingKind.INTERNAL}

    def check(
        self, session: Session, values: dict[str, Any], row: Training | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        hours = values.get("hours")
        if hours is not None:
            message = check_positive(hours) or check_range(hours, 0, 1000)
            if message:
                errors["hours"] = message
            elif row is not None:
                most = session.scalar(
                    select(func.max(TrainingAttendance.hours)).where(
                        TrainingAttendance.training_id == row.id,
                        TrainingAttendance.is_deleted.is_(False),
                    )
                )
                if most is not None and most > hours:
                    errors["hours"] = translate(
                        "Team", "Someone is already credited with {hours} h of this training."
                    ).format(hours=most)
        return errors

    def delete_blockers(self, session: Session, row: Training) -> list[str]:
        count = session.scalar(
            select(func.count()).where(
                TrainingAttendance.training_id == row.id,
                TrainingAttendance.is_deleted.is_(False),
            )
        )
        if count:
            return [
                translate("Team", "{n} attendance record(s) refer to this training.").format(
                    n=count
                )
            ]
        return []


trainings = TrainingService()


@dataclass(frozen=True)
class AttendanceDTO:
    id: str
    training_id: str
    user_id: str
    user_name: str
    attended: bool
    hours: Decimal
    exam_score: Decimal | None


class AttendanceService(EntityService[TrainingAttendance, AttendanceDTO]):
    """Who attended a training, for how many hours, with which exam score (0–100)."""

    model = TrainingAttendance
    dto = AttendanceDTO
    kind = "training_attendance"
    editable = ("training_id", "user_id", "attended", "hours", "exam_score")
    sortable = ("created_at",)
    filterable = ("training_id", "user_id")

    def can_modify(self, session: Session, actor: Actor, row: TrainingAttendance) -> bool:
        return self._may_record(session, actor, row.training_id, row.user_id)

    @staticmethod
    def _may_record(session: Session, actor: Actor, training_id: Any, user_id: Any) -> bool:
        """The attendee themself, the training's organiser, or the attendee's manager/admin."""
        if user_id == actor.user_id or actor.is_admin:
            return True
        training = session.get(Training, training_id) if training_id else None
        if training is not None and training.owner_id == actor.user_id:
            return True
        return actor.is_manager and can_modify_owned(
            session, actor, user_id if isinstance(user_id, str) else None
        )

    def _require_may_record(
        self, session: Session, actor: Actor, values: Mapping[str, Any]
    ) -> None:
        if not self._may_record(session, actor, values.get("training_id"), values.get("user_id")):
            raise PermissionDenied(
                translate(
                    "Permissions",
                    "Only the organiser, a manager or the attendee can record attendance.",
                )
            )

    def to_dto(self, session: Session, row: TrainingAttendance) -> AttendanceDTO:
        user = session.get(User, row.user_id)
        return AttendanceDTO(
            id=row.id,
            training_id=row.training_id,
            user_id=row.user_id,
            user_name=user.full_name if user is not None else "",
            attended=row.attended,
            hours=row.hours,
            exam_score=row.exam_score,
        )

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> AttendanceDTO:
        self._require_may_record(session, actor, values)
        return super().create(session, actor, values)

    def check(
        self, session: Session, values: dict[str, Any], row: TrainingAttendance | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        training = (
            session.get(Training, values.get("training_id")) if values.get("training_id") else None
        )
        if training is None or training.is_deleted:
            errors["training_id"] = translate("Validation", "No such training.")
        if _active_user(session, values.get("user_id")) is None:
            errors["user_id"] = _no_such_user()
        hours = values.get("hours")
        attended = values.get("attended", True) is not False
        if hours is not None:
            if hours < 0:
                errors["hours"] = translate("Validation", "May not be negative.")
            elif not attended and hours != 0:
                errors["hours"] = translate("Team", "Someone absent has no training hours.")
            elif training is not None and hours > training.hours:
                errors["hours"] = translate("Team", "At most the training's {hours} h.").format(
                    hours=training.hours
                )
        score = values.get("exam_score")
        if score is not None:
            message = check_range(score, 0, 100)
            if message:
                errors["exam_score"] = message
        if row is not None and (
            values.get("training_id") != row.training_id or values.get("user_id") != row.user_id
        ):
            errors["user_id"] = translate(
                "Team", "An attendance record cannot be moved to another person or training."
            )
        if not errors:
            clash = session.scalar(
                select(TrainingAttendance.id).where(
                    TrainingAttendance.training_id == values["training_id"],
                    TrainingAttendance.user_id == values["user_id"],
                    TrainingAttendance.id != (row.id if row is not None else ""),
                )
            )
            if clash is not None:
                errors["user_id"] = translate(
                    "Team", "This person's attendance is already recorded."
                )
        return errors

    def before_save(self, session: Session, row: TrainingAttendance, actor: Actor) -> None:
        # The attendee owns the record, so it travels to their laptop and counts for their KPI.
        row.owner_id = row.user_id
        state = sa_inspect(row)
        if state.transient or state.pending:
            # A new record (create, record): keyed by (training, person) — ids.keyed_id — so
            # the organiser, a manager and the attendee who each record it offline make the same
            # row, which the server merges instead of refusing the second laptop's. A record
            # already here (tombstones included) is found first and reused, whatever its id;
            # records cannot move to another training or person, so the key's id is free.
            row.id = keyed_id("training_attendance", row.training_id, row.user_id)

    def record(
        self,
        session: Session,
        actor: Actor,
        training_id: str,
        user_id: str,
        *,
        hours: Decimal | str | None = None,
        exam_score: Decimal | str | None = None,
        attended: bool = True,
    ) -> AttendanceDTO:
        """Record (or correct) one person's attendance. ``hours`` defaults to the whole training
        when they attended and to 0 when they did not; hours ≤ the training's hours."""
        values: dict[str, Any] = {
            "training_id": training_id,
            "user_id": user_id,
            "attended": attended,
            "exam_score": exam_score,
        }
        if hours is None or (isinstance(hours, str) and not hours.strip()):
            training = session.get(Training, training_id)
            hours = training.hours if (training is not None and attended) else ZERO_HOURS
        values["hours"] = hours
        self._require_may_record(session, actor, values)
        existing = session.scalar(
            select(TrainingAttendance).where(
                TrainingAttendance.training_id == training_id,
                TrainingAttendance.user_id == user_id,
            )
        )
        if existing is None:
            return self.create(session, actor, values)
        if existing.is_deleted:
            # The unique key covers tombstones: revive the row instead of adding a second one.
            errors: dict[str, str] = {}
            clean = self._coerce(values, errors, creating=False)
            if not errors:
                merged = {**self._current_values(existing), **clean}
                errors.update(self.check(session, merged, existing))
            if errors:
                raise ValidationError(errors)
            for name, value in clean.items():
                setattr(existing, name, value)
            existing.is_deleted = False
            existing.updated_at = utcnow()
            self.before_save(session, existing, actor)
            session.flush()
            return self.to_dto(session, existing)
        changes = {k: v for k, v in values.items() if k not in ("training_id", "user_id")}
        return self.update(session, actor, existing.id, changes)

    def for_training(self, session: Session, training_id: str) -> list[AttendanceDTO]:
        rows = session.scalars(
            self._live()
            .join(User, User.id == TrainingAttendance.user_id)
            .where(TrainingAttendance.training_id == training_id)
            .order_by(User.full_name, User.id)
        ).all()
        return [self.to_dto(session, r) for r in rows]


attendance = AttendanceService()


def training_hours(session: Session, user_id: str, start: dt.date, end: dt.date) -> Decimal:
    """Hours of training a person attended with the training held from ``start`` to ``end``
    inclusive — summed in SQL over exact scaled integers (the TRAINING_HOURS KPI)."""
    total = session.scalar(
        select(func.sum(TrainingAttendance.hours))
        .join(Training, Training.id == TrainingAttendance.training_id)
        .where(
            TrainingAttendance.user_id == user_id,
            TrainingAttendance.attended.is_(True),
            TrainingAttendance.is_deleted.is_(False),
            Training.is_deleted.is_(False),
            Training.held_on.between(start, end),
        )
    )
    return Decimal(total) if total is not None else ZERO_HOURS


# --- meetings ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingDTO:
    id: str
    kind: MeetingKind
    title: str
    held_at: dt.datetime
    team_id: str | None
    with_user_id: str | None
    minutes: str | None
    owner_id: str | None


class MeetingService(EntityService[Meeting, MeetingDTO]):
    """A team meeting (needs the team) or a one-to-one (needs the other person)."""

    model = Meeting
    dto = MeetingDTO
    kind = "meetings"
    editable = ("kind", "title", "held_at", "team_id", "with_user_id", "minutes", "owner_id")
    sortable = ("held_at", "title", "created_at")
    default_sort = "held_at"
    filterable = ("kind", "team_id", "with_user_id", "owner_id")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"held_at": utcnow()}

    def can_modify(self, session: Session, actor: Actor, row: Meeting) -> bool:
        return can_modify_owned(session, actor, row.owner_id)

    def check(
        self, session: Session, values: dict[str, Any], row: Meeting | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        kind = values.get("kind")
        team_id, with_user_id = values.get("team_id"), values.get("with_user_id")
        if team_id:
            team = session.get(Team, team_id)
            if team is None or team.is_deleted:
                errors["team_id"] = translate("Validation", "No such team.")
        if with_user_id and _active_user(session, with_user_id) is None:
            errors["with_user_id"] = _no_such_user()
        if kind is MeetingKind.TEAM and not team_id:
            errors["team_id"] = translate("Team", "A team meeting needs the team.")
        if kind is MeetingKind.ONE_TO_ONE:
            if not with_user_id:
                errors["with_user_id"] = translate(
                    "Team", "A one-to-one needs the person it is with."
                )
            elif with_user_id == values.get("owner_id"):
                errors["with_user_id"] = translate(
                    "Team", "A one-to-one is with someone else than its organiser."
                )
        return errors

    def delete_blockers(self, session: Session, row: Meeting) -> list[str]:
        open_items = session.scalar(
            select(func.count()).where(
                MeetingActionItem.meeting_id == row.id,
                MeetingActionItem.is_deleted.is_(False),
                MeetingActionItem.status == ActionStatus.OPEN,
            )
        )
        if open_items:
            return [
                translate("Team", "The meeting has {n} open action item(s).").format(n=open_items)
            ]
        return []


meetings = MeetingService()


@dataclass(frozen=True)
class ActionItemDTO:
    id: str
    meeting_id: str
    description: str
    assignee_id: str | None
    due_on: dt.date | None
    status: ActionStatus
    done_at: dt.datetime | None
    owner_id: str | None


class ActionItemService(EntityService[MeetingActionItem, ActionItemDTO]):
    """What a meeting decided someone will do: OPEN → DONE or CANCELLED, once."""

    model = MeetingActionItem
    dto = ActionItemDTO
    kind = "meeting_action_items"
    editable = ("meeting_id", "description", "assignee_id", "due_on", "owner_id")
    sortable = ("due_on", "created_at")
    default_sort = "due_on"
    filterable = ("meeting_id", "assignee_id", "status", "owner_id")

    def can_modify(self, session: Session, actor: Actor, row: MeetingActionItem) -> bool:
        """The item's owner, its assignee, and whoever may change the meeting."""
        if row.assignee_id == actor.user_id or can_modify_owned(session, actor, row.owner_id):
            return True
        meeting = session.get(Meeting, row.meeting_id)
        return meeting is not None and can_modify_owned(session, actor, meeting.owner_id)

    def create(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> ActionItemDTO:
        meeting = (
            session.get(Meeting, values.get("meeting_id")) if values.get("meeting_id") else None
        )
        if (
            meeting is not None
            and not meeting.is_deleted
            and not can_modify_owned(session, actor, meeting.owner_id)
            and actor.user_id != meeting.with_user_id
        ):
            raise PermissionDenied(
                translate("Permissions", "You may only add action items to your own meetings.")
            )
        return super().create(session, actor, values)

    def before_save(self, session: Session, row: MeetingActionItem, actor: Actor) -> None:
        if row.status is None:
            row.status = ActionStatus.OPEN

    def check(
        self, session: Session, values: dict[str, Any], row: MeetingActionItem | None
    ) -> dict[str, str]:
        errors: dict[str, str] = {}
        meeting = (
            session.get(Meeting, values.get("meeting_id")) if values.get("meeting_id") else None
        )
        if meeting is None or meeting.is_deleted:
            errors["meeting_id"] = translate("Validation", "No such meeting.")
        if row is not None and values.get("meeting_id") != row.meeting_id:
            errors["meeting_id"] = translate(
                "Team", "An action item cannot be moved to another meeting."
            )
        if values.get("assignee_id") and _active_user(session, values["assignee_id"]) is None:
            errors["assignee_id"] = _no_such_user()
        due = values.get("due_on")
        if due is not None and meeting is not None and due < meeting.held_at.date():
            errors["due_on"] = translate("Team", "The due date is before the meeting.")
        if row is not None and row.status is not ActionStatus.OPEN:
            errors["status"] = translate("Team", "A finished action item cannot be changed.")
        return errors

    def _finish(
        self, session: Session, actor: Actor, item_id: str, to: ActionStatus
    ) -> ActionItemDTO:
        row = self.load(session, item_id)
        self._require_modify(session, actor, row)
        if row.status is not ActionStatus.OPEN:
            raise TransitionRefused(
                translate("Team", "This action item is already {status}.").format(
                    status=row.status.label()
                )
            )
        row.status = to
        row.done_at = utcnow() if to is ActionStatus.DONE else None
        session.flush()
        return self.to_dto(session, row)

    def complete(self, session: Session, actor: Actor, item_id: str) -> ActionItemDTO:
        return self._finish(session, actor, item_id, ActionStatus.DONE)

    def cancel(self, session: Session, actor: Actor, item_id: str) -> ActionItemDTO:
        return self._finish(session, actor, item_id, ActionStatus.CANCELLED)

    def open_for(
        self, session: Session, assignee_id: str, page: PageRequest | None = None
    ) -> Page[ActionItemDTO]:
        """A person's open action items, soonest due first (no due date last)."""
        return self.page(
            session,
            self.query(session, assignee_id=assignee_id, status=ActionStatus.OPEN),
            page or PageRequest(sort="due_on", limit=200),
        )


action_items = ActionItemService()


# --- feedback ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class FeedbackDTO:
    id: str
    author_id: str | None
    category: FeedbackCategory
    title: str
    content: str
    status: FeedbackStatus
    answer: str | None
    answered_by_id: str | None
    answered_at: dt.datetime | None
    created_at: dt.datetime


class FeedbackService(EntityService[Feedback, FeedbackDTO]):
    """The suggestion box: NEW → UNDER_REVIEW → ACCEPTED or DECLINED; ACCEPTED → DONE once
    carried out. DECLINED is final. Only a manager or an administrator moves a suggestion."""

    model = Feedback
    dto = FeedbackDTO
    kind = "feedback"
    editable = ("category", "title", "content")
    sortable = ("created_at", "status", "category")
    default_sort = "created_at"
    filterable = ("status", "category", "author_id")

    def defaults(self, session: Session, actor: Actor) -> dict[str, Any]:
        return {"category": FeedbackCategory.OTHER}

    def can_modify(self, session: Session, actor: Actor, row: Feedback) -> bool:
        """The author edits or withdraws a suggestion until it is picked up; admins always."""
        return actor.is_admin or (
            row.author_id == actor.user_id and row.status is FeedbackStatus.NEW
        )

    def before_save(self, session: Session, row: Feedback, actor: Actor) -> None:
        if row.status is None:
            row.status = FeedbackStatus.NEW
            row.author_id = actor.user_id

    def submit(self, session: Session, actor: Actor, values: Mapping[str, Any]) -> FeedbackDTO:
        """Anyone may submit a suggestion (same as ``create``)."""
        return self.create(session, actor, values)

    def _move(
        self,
        session: Session,
        actor: Actor,
        feedback_id: str,
        allowed_from: tuple[FeedbackStatus, ...],
        to: FeedbackStatus,
    ) -> Feedback:
        if not actor.is_manager:
            raise PermissionDenied(
                translate("Permissions", "Only a manager or an administrator can answer feedback.")
            )
        row = self.load(session, feedback_id)
        if row.status not in allowed_from:
            raise TransitionRefused(
                translate(
                    "Feedback", "A suggestion that is {current} cannot become {target}."
                ).format(current=row.status.label(), target=to.label()),
                missing=[
                    translate("Feedback", "It must be {status} first.").format(
                        status=" / ".join(s.label() for s in allowed_from)
                    )
                ],
            )
        row.status = to
        return row

    def start_review(self, session: Session, actor: Actor, feedback_id: str) -> FeedbackDTO:
        row = self._move(
            session, actor, feedback_id, (FeedbackStatus.NEW,), FeedbackStatus.UNDER_REVIEW
        )
        session.flush()
        return self.to_dto(session, row)

    def answer(
        self, session: Session, actor: Actor, feedback_id: str, accepted: bool, answer: str
    ) -> FeedbackDTO:
        """Accept or decline a suggestion under review; the author always gets a written reason."""
        text = (answer or "").strip()
        to = FeedbackStatus.ACCEPTED if accepted else FeedbackStatus.DECLINED
        if not actor.is_manager:
            raise PermissionDenied(
                translate("Permissions", "Only a manager or an administrator can answer feedback.")
            )
        if not text:
            raise TransitionRefused(
                translate(
                    "Feedback", "The suggestion cannot be {target} without an answer."
                ).format(target=to.label()),
                missing=[translate("Feedback", "An answer to the author.")],
            )
        row = self._move(session, actor, feedback_id, (FeedbackStatus.UNDER_REVIEW,), to)
        row.answer = text
        row.answered_by_id = actor.user_id
        row.answered_at = utcnow()
        session.flush()
        return self.to_dto(session, row)

    def mark_done(self, session: Session, actor: Actor, feedback_id: str) -> FeedbackDTO:
        """An accepted suggestion has been carried out."""
        row = self._move(
            session, actor, feedback_id, (FeedbackStatus.ACCEPTED,), FeedbackStatus.DONE
        )
        session.flush()
        return self.to_dto(session, row)


feedback = FeedbackService()
