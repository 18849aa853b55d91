"""Read models for the team screen: trainings with their attendance figures, who may record whose
attendance, each person's training hours, meetings and action items with names instead of ids,
the suggestion box as its reader may see it, and the counts for the status bar.

``services.team`` answers one question per call and speaks in ids. The screen needs more in one
go: how many attended a training and their average exam score, the people a user may record
attendance for, the organiser's and assignee's names, and whether the signed-in user may change
what they see — so a screen can disable what the service would refuse. The permission answers
come from the team services' own rules, never from a copy of them.

Visibility: trainings are department-wide (anyone may learn what was taught). Meetings are seen
by their organiser, the person a one-to-one is with, the members of a team meeting's team, and
managers for the people they manage; administrators see all. A suggestion is seen by its author
and by managers and administrators (the box is answered from above).

Everything here reads; writes stay with ``services.team``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from minesales_desktop.models.enums import (
    ActionStatus,
    FeedbackCategory,
    FeedbackStatus,
    MeetingKind,
    Role,
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
from minesales_desktop.services.crud import Page, PageRequest, can_modify_owned
from minesales_desktop.services.people import users
from minesales_desktop.services.team import (
    action_items,
    attendance,
    feedback,
    meetings,
    training_hours,
    trainings,
)

# Enough for a department; people and teams are offered in combo boxes, not searched.
MAX_PEOPLE = 500
MAX_ITEMS = 500
SCORE_PLACES = Decimal("0.1")


@dataclass(frozen=True)
class PersonChoice:
    id: str
    full_name: str
    role: Role
    team_id: str | None


@dataclass(frozen=True)
class TeamChoice:
    id: str
    name: str


@dataclass(frozen=True)
class TeamChoices:
    """What the team forms offer: teams for a team meeting, people for a one-to-one or an
    action item."""

    teams: list[TeamChoice]
    people: list[PersonChoice]


def _names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.full_name).where(User.id.in_(wanted))).all()
    return {row.id: row.full_name for row in rows}


def _default_order(page: PageRequest | None, newest_first_by: str) -> PageRequest:
    """Lists show the newest first unless the caller sorts by something."""
    if page is None:
        return PageRequest(sort=newest_first_by, descending=True)
    if page.sort is None:
        return replace(page, sort=newest_first_by, descending=True)
    return page


def team_choices(session: Session) -> TeamChoices:
    team_rows = session.scalars(
        select(Team).where(Team.is_deleted.is_(False)).order_by(Team.name).limit(MAX_PEOPLE)
    ).all()
    people = session.scalars(
        select(User)
        .where(User.is_deleted.is_(False), User.active.is_(True))
        .order_by(User.full_name, User.login)
        .limit(MAX_PEOPLE)
    ).all()
    return TeamChoices(
        teams=[TeamChoice(t.id, t.name) for t in team_rows],
        people=[PersonChoice(u.id, u.full_name, u.role, u.team_id) for u in people],
    )


# --- trainings --------------------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingRow:
    id: str
    title: str
    kind: TrainingKind
    provider: str | None
    held_on: dt.date
    hours: Decimal
    description: str | None
    owner_id: str | None
    organiser_name: str
    attendees: int
    average_score: Decimal | None
    may_edit: bool


def _training_rows(session: Session, actor: Actor, items: list[Training]) -> list[TrainingRow]:
    ids = [t.id for t in items]
    figures: dict[str, tuple[int, Decimal | None, int]] = {}
    if ids:
        stmt = (
            select(
                TrainingAttendance.training_id,
                func.sum(case((TrainingAttendance.attended.is_(True), 1), else_=0)),
                func.sum(TrainingAttendance.exam_score),
                func.count(TrainingAttendance.exam_score),
            )
            .where(
                TrainingAttendance.training_id.in_(ids),
                TrainingAttendance.is_deleted.is_(False),
            )
            .group_by(TrainingAttendance.training_id)
        )
        for training_id, attended, score_sum, scored in session.execute(stmt).all():
            figures[training_id] = (int(attended or 0), score_sum, int(scored or 0))
    names = _names(session, {t.owner_id for t in items})
    rows: list[TrainingRow] = []
    for t in items:
        attended, score_sum, scored = figures.get(t.id, (0, None, 0))
        average = (
            (Decimal(score_sum) / scored).quantize(SCORE_PLACES, ROUND_HALF_UP)
            if scored and score_sum is not None
            else None
        )
        rows.append(
            TrainingRow(
                id=t.id,
                title=t.title,
                kind=t.kind,
                provider=t.provider,
                held_on=t.held_on,
                hours=t.hours,
                description=t.description,
                owner_id=t.owner_id,
                organiser_name=names.get(t.owner_id or "", ""),
                attendees=attended,
                average_score=average,
                may_edit=trainings.can_modify(session, actor, t),
            )
        )
    return rows


def training_list(
    session: Session,
    actor: Actor,
    *,
    kind: TrainingKind | None = None,
    page: PageRequest | None = None,
) -> Page[TrainingRow]:
    """One page of trainings, latest first unless asked otherwise, with attendance figures."""
    request = _default_order(page, "held_on")
    dtos = trainings.page(session, trainings.query(session, kind=kind), request)
    loaded = [trainings.load(session, d.id) for d in dtos.items]
    return Page(_training_rows(session, actor, loaded), dtos.total, dtos.offset, dtos.limit)


def training_row(session: Session, actor: Actor, training_id: str) -> TrainingRow:
    return _training_rows(session, actor, [trainings.load(session, training_id)])[0]


@dataclass(frozen=True)
class SheetLine:
    """One person on a training's attendance sheet; ``recorded`` is False for someone the user
    may record but nobody has yet."""

    user_id: str
    user_name: str
    recorded: bool
    attended: bool
    hours: Decimal | None
    exam_score: Decimal | None
    may_record: bool


@dataclass(frozen=True)
class AttendanceSheet:
    training: TrainingRow
    lines: list[SheetLine]


def attendance_sheet(session: Session, actor: Actor, training_id: str) -> AttendanceSheet:
    """Everyone recorded for the training, plus the people the user may record: themself, the
    people a manager manages, and — for the training's organiser — their own team."""
    row = training_row(session, actor, training_id)
    recorded = {a.user_id: a for a in attendance.for_training(session, training_id)}
    people: dict[str, str] = {u.id: u.full_name for u in users.reps_visible_to(session, actor)}
    if row.owner_id == actor.user_id and actor.team_id is not None:
        people.update({u.id: u.full_name for u in users.team_members(session, actor.team_id)})
    for done in recorded.values():
        people[done.user_id] = done.user_name
    lines: list[SheetLine] = []
    for user_id, name in sorted(people.items(), key=lambda item: (item[1], item[0])):
        may = attendance._may_record(session, actor, training_id, user_id)
        a = recorded.get(user_id)
        lines.append(
            SheetLine(
                user_id=user_id,
                user_name=name,
                recorded=a is not None,
                attended=a.attended if a is not None else False,
                hours=a.hours if a is not None else None,
                exam_score=a.exam_score if a is not None else None,
                may_record=may,
            )
        )
    return AttendanceSheet(row, lines)


@dataclass(frozen=True)
class PersonHours:
    user_id: str
    full_name: str
    quarter: Decimal
    year: Decimal


@dataclass(frozen=True)
class HoursTable:
    """Training hours per person for the quarter and the year holding ``today`` — the figures
    the TRAINING_HOURS KPI reads, computed by the same function."""

    quarter_start: dt.date
    quarter_end: dt.date
    year: int
    people: list[PersonHours]


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    following = (
        dt.date(day.year + 1, 1, 1) if first_month == 10 else dt.date(day.year, first_month + 3, 1)
    )
    return start, following - dt.timedelta(days=1)


def hours_table(session: Session, actor: Actor, today: dt.date | None = None) -> HoursTable:
    day = today or dt.date.today()
    q_start, q_end = quarter_bounds(day)
    y_start, y_end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    people = [
        PersonHours(
            user_id=u.id,
            full_name=u.full_name,
            quarter=training_hours(session, u.id, q_start, q_end),
            year=training_hours(session, u.id, y_start, y_end),
        )
        for u in users.reps_visible_to(session, actor)
    ]
    people.sort(key=lambda p: (-p.year, p.full_name))
    return HoursTable(q_start, q_end, day.year, people)


# --- meetings ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingRow:
    id: str
    kind: MeetingKind
    title: str
    held_at: dt.datetime
    team_id: str | None
    team_name: str
    with_user_id: str | None
    with_user_name: str
    minutes: str | None
    owner_id: str | None
    organiser_name: str
    open_items: int
    may_edit: bool
    may_add_items: bool

    @property
    def attendees_text(self) -> str:
        return self.team_name if self.kind is MeetingKind.TEAM else self.with_user_name


def _visible_meetings(session: Session, actor: Actor) -> ColumnElement[bool] | None:
    if actor.role is Role.ADMIN:
        return None
    people = [u.id for u in users.reps_visible_to(session, actor)]
    clauses: list[ColumnElement[bool]] = [
        Meeting.owner_id.in_(people),
        Meeting.with_user_id.in_(people),
    ]
    if actor.team_id is not None:
        clauses.append(Meeting.team_id == actor.team_id)
    return or_(*clauses)


def _meeting_rows(session: Session, actor: Actor, items: list[Meeting]) -> list[MeetingRow]:
    ids = [m.id for m in items]
    open_counts: dict[str, int] = {}
    if ids:
        stmt = (
            select(MeetingActionItem.meeting_id, func.count())
            .where(
                MeetingActionItem.meeting_id.in_(ids),
                MeetingActionItem.is_deleted.is_(False),
                MeetingActionItem.status == ActionStatus.OPEN,
            )
            .group_by(MeetingActionItem.meeting_id)
        )
        open_counts = {mid: int(n) for mid, n in session.execute(stmt).all()}
    names = _names(session, {m.owner_id for m in items} | {m.with_user_id for m in items})
    team_ids = [m.team_id for m in items if m.team_id]
    team_names = (
        {t.id: t.name for t in session.scalars(select(Team).where(Team.id.in_(team_ids)))}
        if team_ids
        else {}
    )
    rows: list[MeetingRow] = []
    for m in items:
        may_edit = meetings.can_modify(session, actor, m)
        rows.append(
            MeetingRow(
                id=m.id,
                kind=m.kind,
                title=m.title,
                held_at=m.held_at,
                team_id=m.team_id,
                team_name=team_names.get(m.team_id or "", ""),
                with_user_id=m.with_user_id,
                with_user_name=names.get(m.with_user_id or "", ""),
                minutes=m.minutes,
                owner_id=m.owner_id,
                organiser_name=names.get(m.owner_id or "", ""),
                open_items=open_counts.get(m.id, 0),
                may_edit=may_edit,
                # the same rule action_items.create applies
                may_add_items=can_modify_owned(session, actor, m.owner_id)
                or actor.user_id == m.with_user_id,
            )
        )
    return rows


def meeting_list(
    session: Session,
    actor: Actor,
    *,
    kind: MeetingKind | None = None,
    page: PageRequest | None = None,
) -> Page[MeetingRow]:
    """One page of the meetings the user may see, latest first unless asked otherwise."""
    request = _default_order(page, "held_at")
    stmt = meetings.query(session, kind=kind)
    visible = _visible_meetings(session, actor)
    if visible is not None:
        stmt = stmt.where(visible)
    dtos = meetings.page(session, stmt, request)
    loaded = [meetings.load(session, d.id) for d in dtos.items]
    return Page(_meeting_rows(session, actor, loaded), dtos.total, dtos.offset, dtos.limit)


def meeting_row(session: Session, actor: Actor, meeting_id: str) -> MeetingRow:
    return _meeting_rows(session, actor, [meetings.load(session, meeting_id)])[0]


@dataclass(frozen=True)
class ActionItemRow:
    id: str
    meeting_id: str
    meeting_title: str
    description: str
    assignee_id: str | None
    assignee_name: str
    due_on: dt.date | None
    status: ActionStatus
    done_at: dt.datetime | None
    overdue: bool
    may_change: bool


def action_item_rows(
    session: Session,
    actor: Actor,
    *,
    meeting_id: str | None = None,
    assignee_id: str | None = None,
    open_only: bool = False,
    today: dt.date | None = None,
) -> list[ActionItemRow]:
    """A meeting's action items, or one person's across meetings: open first, soonest due
    first, no due date last. An open item past its due date is overdue."""
    day = today or dt.date.today()
    stmt = select(MeetingActionItem, Meeting.title).join(
        Meeting, Meeting.id == MeetingActionItem.meeting_id
    )
    stmt = stmt.where(MeetingActionItem.is_deleted.is_(False), Meeting.is_deleted.is_(False))
    if meeting_id is not None:
        stmt = stmt.where(MeetingActionItem.meeting_id == meeting_id)
    if assignee_id is not None:
        stmt = stmt.where(MeetingActionItem.assignee_id == assignee_id)
    if open_only:
        stmt = stmt.where(MeetingActionItem.status == ActionStatus.OPEN)
    stmt = stmt.order_by(
        case((MeetingActionItem.status == ActionStatus.OPEN, 0), else_=1),
        MeetingActionItem.due_on.is_(None),
        MeetingActionItem.due_on,
        MeetingActionItem.created_at,
        MeetingActionItem.id,
    ).limit(MAX_ITEMS)
    found = session.execute(stmt).all()
    names = _names(session, {item.assignee_id for item, _ in found})
    return [
        ActionItemRow(
            id=item.id,
            meeting_id=item.meeting_id,
            meeting_title=title,
            description=item.description,
            assignee_id=item.assignee_id,
            assignee_name=names.get(item.assignee_id or "", ""),
            due_on=item.due_on,
            status=item.status,
            done_at=item.done_at,
            overdue=item.status is ActionStatus.OPEN
            and item.due_on is not None
            and item.due_on < day,
            may_change=item.status is ActionStatus.OPEN
            and action_items.can_modify(session, actor, item),
        )
        for item, title in found
    ]


# --- the suggestion box -----------------------------------------------------------------------
@dataclass(frozen=True)
class FeedbackRow:
    id: str
    author_id: str | None
    author_name: str
    category: FeedbackCategory
    title: str
    content: str
    status: FeedbackStatus
    answer: str | None
    answered_by_name: str
    answered_at: dt.datetime | None
    created_at: dt.datetime
    may_edit: bool


def feedback_list(
    session: Session,
    actor: Actor,
    *,
    status: FeedbackStatus | None = None,
    mine_only: bool = False,
    page: PageRequest | None = None,
) -> Page[FeedbackRow]:
    """Suggestions the user may read — all of them for a manager, their own for anyone else —
    newest first unless asked otherwise."""
    request = _default_order(page, "created_at")
    author = actor.user_id if (mine_only or not actor.is_manager) else None
    dtos = feedback.page(session, feedback.query(session, status=status, author_id=author), request)
    loaded = [feedback.load(session, d.id) for d in dtos.items]
    names = _names(session, {f.author_id for f in loaded} | {f.answered_by_id for f in loaded})
    rows = [
        FeedbackRow(
            id=f.id,
            author_id=f.author_id,
            author_name=names.get(f.author_id or "", ""),
            category=f.category,
            title=f.title,
            content=f.content,
            status=f.status,
            answer=f.answer,
            answered_by_name=names.get(f.answered_by_id or "", ""),
            answered_at=f.answered_at,
            created_at=f.created_at,
            may_edit=feedback.can_modify(session, actor, f),
        )
        for f in loaded
    ]
    return Page(rows, dtos.total, dtos.offset, dtos.limit)


# --- the status bar ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TeamSummary:
    open_items: int
    overdue_items: int
    new_suggestions: int


def team_summary(session: Session, actor: Actor, today: dt.date | None = None) -> TeamSummary:
    """The user's own open and overdue action items, and the suggestions waiting to be picked
    up that the user can see (all of them for a manager, their own for anyone else)."""
    day = today or dt.date.today()
    mine = select(MeetingActionItem).where(
        MeetingActionItem.is_deleted.is_(False),
        MeetingActionItem.assignee_id == actor.user_id,
        MeetingActionItem.status == ActionStatus.OPEN,
    )
    open_items = session.scalar(select(func.count()).select_from(mine.subquery()))
    overdue = session.scalar(
        select(func.count()).select_from(mine.where(MeetingActionItem.due_on < day).subquery())
    )
    new = select(func.count()).where(
        Feedback.is_deleted.is_(False), Feedback.status == FeedbackStatus.NEW
    )
    if not actor.is_manager:
        new = new.where(Feedback.author_id == actor.user_id)
    return TeamSummary(int(open_items or 0), int(overdue or 0), int(session.scalar(new) or 0))
