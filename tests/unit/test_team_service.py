"""Training and attendance, meetings with action items, and the feedback box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from minesales_desktop.ids import keyed_id, new_id
from minesales_desktop.messages import current_language, set_language
from minesales_desktop.models.enums import ActionStatus, FeedbackStatus
from minesales_desktop.models.team import (
    Feedback,
    Meeting,
    MeetingActionItem,
    Training,
    TrainingAttendance,
)
from minesales_desktop.services.errors import PermissionDenied, TransitionRefused, ValidationError
from minesales_desktop.services.team import (
    TrainingDTO,
    action_items,
    attendance,
    feedback,
    meetings,
    training_hours,
    trainings,
)
from tests.conftest import Department, other_laptop


@pytest.fixture(autouse=True)
def english_labels() -> Iterator[None]:
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def course(session: Session, dept: Department) -> TrainingDTO:
    return trainings.create(
        session,
        dept.manager,
        {"title": "铁矿石计价与指数", "held_on": "2026-09-10", "hours": "6", "kind": "INTERNAL"},
    )


# --- training -----------------------------------------------------------------------------------
def test_training_and_attendance(session: Session, dept: Department, course: TrainingDTO) -> None:
    full = attendance.record(session, dept.manager, course.id, dept.rep.user_id, exam_score="92.5")
    assert full.hours == Decimal("6.00") and full.exam_score == Decimal("92.50")
    assert full.user_name == "李强"
    part = attendance.record(session, dept.rep2, course.id, dept.rep2.user_id, hours="3.5")
    absent = attendance.record(
        session, dept.manager, course.id, dept.other_rep.user_id, attended=False
    )
    assert absent.hours == Decimal("0.00")
    # Recording again corrects the same row.
    again = attendance.record(session, dept.manager, course.id, dept.rep.user_id, hours="5")
    assert again.id == full.id and again.hours == Decimal("5.00")
    assert [a.user_name for a in attendance.for_training(session, course.id)] == sorted(
        ["李强", "赵敏", "陈刚"]
    )
    row = session.get(TrainingAttendance, part.id)
    assert row is not None and row.owner_id == dept.rep2.user_id

    external = trainings.create(
        session,
        dept.rep,
        {"title": "CCTD 煤炭年会", "held_on": "2026-11-02", "hours": "8", "kind": "EXTERNAL"},
    )
    attendance.record(session, dept.rep, external.id, dept.rep.user_id)
    q3 = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert training_hours(session, dept.rep.user_id, *q3) == Decimal("5.00")
    assert training_hours(
        session, dept.rep.user_id, dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    ) == (Decimal("13.00"))
    assert training_hours(session, dept.other_rep.user_id, *q3) == Decimal("0.00")
    assert training_hours(session, dept.service.user_id, *q3) == Decimal("0.00")


def test_attendance_refusals_write_nothing(
    session: Session, dept: Department, course: TrainingDTO
) -> None:
    before = _count(session, TrainingAttendance)
    cases = [
        ({"hours": "6.5"}, "hours", "At most the training's 6.00 h."),
        ({"exam_score": "101"}, "exam_score", "Must be between 0 and 100."),
        ({"exam_score": "-1"}, "exam_score", "Must be between 0 and 100."),
        ({"hours": "-1"}, "hours", "May not be negative."),
        ({"hours": "2", "attended": False}, "hours", "Someone absent has no training hours."),
    ]
    for kwargs, field, message in cases:
        with pytest.raises(ValidationError) as err:
            attendance.record(session, dept.manager, course.id, dept.rep.user_id, **kwargs)  # type: ignore[arg-type]
        assert err.value.errors == {field: message}
    with pytest.raises(ValidationError, match="No such active user"):
        attendance.record(session, dept.manager, course.id, "nobody")
    # A rep records only their own attendance (the organiser or a manager records others').
    with pytest.raises(PermissionDenied, match="organiser, a manager or the attendee"):
        attendance.record(session, dept.rep, course.id, dept.rep2.user_id)
    assert _count(session, TrainingAttendance) == before
    attendance.record(session, dept.manager, course.id, dept.rep.user_id, hours="4")
    with pytest.raises(ValidationError, match="already credited with 4.00 h"):
        trainings.update(session, dept.manager, course.id, {"hours": "3"})
    with pytest.raises(ValidationError, match="greater than zero"):
        trainings.update(session, dept.manager, course.id, {"hours": "0"})
    with pytest.raises(ValidationError, match="1 attendance record"):
        trainings.delete(session, dept.manager, course.id)
    assert _count(session, Training) == 1


# --- meetings -----------------------------------------------------------------------------------
def test_meetings_need_their_team_or_person(session: Session, dept: Department) -> None:
    before = _count(session, Meeting)
    with pytest.raises(ValidationError, match="A team meeting needs the team"):
        meetings.create(session, dept.manager, {"kind": "TEAM", "title": "周例会"})
    with pytest.raises(ValidationError, match="A one-to-one needs the person it is with"):
        meetings.create(session, dept.manager, {"kind": "ONE_TO_ONE", "title": "绩效面谈"})
    with pytest.raises(ValidationError, match="someone else than its organiser"):
        meetings.create(
            session,
            dept.manager,
            {"kind": "ONE_TO_ONE", "title": "x", "with_user_id": dept.manager.user_id},
        )
    with pytest.raises(ValidationError, match="No such team"):
        meetings.create(session, dept.manager, {"kind": "TEAM", "title": "x", "team_id": "nope"})
    assert _count(session, Meeting) == before
    weekly = meetings.create(
        session,
        dept.manager,
        {
            "kind": "TEAM",
            "title": "周例会",
            "team_id": dept.team.id,
            "held_at": "2026-10-12 09:00",
            "minutes": "回款进度",
        },
    )
    one = meetings.create(
        session,
        dept.manager,
        {"kind": "一对一", "title": "绩效面谈", "with_user_id": dept.rep.user_id},
    )
    assert weekly.held_at == dt.datetime(2026, 10, 12, 9, 0, tzinfo=dt.UTC)
    assert one.with_user_id == dept.rep.user_id
    with pytest.raises(PermissionDenied):
        meetings.update(session, dept.rep, weekly.id, {"minutes": "改"})


def test_action_items_open_to_done_or_cancelled(session: Session, dept: Department) -> None:
    weekly = meetings.create(
        session,
        dept.manager,
        {"kind": "TEAM", "title": "周例会", "team_id": dept.team.id, "held_at": "2026-10-12 09:00"},
    )
    item = action_items.create(
        session,
        dept.manager,
        {
            "meeting_id": weekly.id,
            "description": "催收包钢尾款",
            "assignee_id": dept.rep.user_id,
            "due_on": "2026-10-16",
        },
    )
    other = action_items.create(
        session, dept.manager, {"meeting_id": weekly.id, "description": "更新客户档案"}
    )
    assert item.status is ActionStatus.OPEN
    assert [i.id for i in action_items.open_for(session, dept.rep.user_id).items] == [item.id]
    before = _count(session, MeetingActionItem)
    with pytest.raises(ValidationError, match="The due date is before the meeting"):
        action_items.create(
            session,
            dept.manager,
            {"meeting_id": weekly.id, "description": "x", "due_on": "2026-10-11"},
        )
    with pytest.raises(ValidationError, match="No such active user"):
        action_items.create(
            session,
            dept.manager,
            {"meeting_id": weekly.id, "description": "x", "assignee_id": "nobody"},
        )
    with pytest.raises(PermissionDenied, match="your own meetings"):
        action_items.create(session, dept.other_rep, {"meeting_id": weekly.id, "description": "x"})
    assert _count(session, MeetingActionItem) == before
    # The assignee closes their own item; nobody else outside the meeting may.
    with pytest.raises(PermissionDenied):
        action_items.complete(session, dept.rep2, item.id)
    done = action_items.complete(session, dept.rep, item.id)
    assert done.status is ActionStatus.DONE and done.done_at is not None
    with pytest.raises(TransitionRefused, match="already Done"):
        action_items.cancel(session, dept.rep, item.id)
    with pytest.raises(ValidationError, match="finished action item cannot be changed"):
        action_items.update(session, dept.manager, item.id, {"description": "改"})
    cancelled = action_items.cancel(session, dept.manager, other.id)
    assert cancelled.status is ActionStatus.CANCELLED and cancelled.done_at is None
    assert action_items.open_for(session, dept.rep.user_id).total == 0
    with pytest.raises(ValidationError, match="open action item"):
        meetings.delete(
            session,
            dept.manager,
            action_items.create(
                session, dept.manager, {"meeting_id": weekly.id, "description": "y"}
            ).meeting_id,
        )


# --- feedback -----------------------------------------------------------------------------------
def test_feedback_flow(session: Session, dept: Department) -> None:
    idea = feedback.submit(
        session,
        dept.rep,
        {"category": "TOOLS", "title": "离线地图", "content": "现场拜访需要离线地图"},
    )
    assert idea.status is FeedbackStatus.NEW and idea.author_id == dept.rep.user_id
    # The author edits while it is new; a colleague never.
    feedback.update(session, dept.rep, idea.id, {"content": "现场拜访需要离线地图和轨迹"})
    with pytest.raises(PermissionDenied):
        feedback.update(session, dept.rep2, idea.id, {"content": "x"})
    with pytest.raises(PermissionDenied, match="Only a manager or an administrator"):
        feedback.start_review(session, dept.rep, idea.id)
    with pytest.raises(TransitionRefused, match="New cannot become Accepted") as err:
        feedback.answer(session, dept.manager, idea.id, True, "好主意")
    assert err.value.missing == ["It must be Under review first."]
    feedback.start_review(session, dept.manager, idea.id)
    with pytest.raises(PermissionDenied):
        feedback.update(session, dept.rep, idea.id, {"content": "x"})
    with pytest.raises(TransitionRefused, match="cannot be Accepted without an answer") as err:
        feedback.answer(session, dept.manager, idea.id, True, "  ")
    assert err.value.missing == ["An answer to the author."]
    with pytest.raises(PermissionDenied):
        feedback.answer(session, dept.service, idea.id, True, "ok")
    accepted = feedback.answer(session, dept.manager, idea.id, True, "下个版本加入")
    assert accepted.status is FeedbackStatus.ACCEPTED
    assert accepted.answered_by_id == dept.manager.user_id and accepted.answered_at is not None
    assert feedback.mark_done(session, dept.admin, idea.id).status is FeedbackStatus.DONE

    declined = feedback.submit(session, dept.rep2, {"title": "取消周报", "content": "太多"})
    feedback.start_review(session, dept.manager, declined.id)
    result = feedback.answer(session, dept.manager, declined.id, False, "周报用于回款跟踪,保留")
    assert result.status is FeedbackStatus.DECLINED
    with pytest.raises(TransitionRefused, match="Declined cannot become Done") as err:
        feedback.mark_done(session, dept.manager, declined.id)
    assert err.value.missing == ["It must be Accepted first."]
    with pytest.raises(ValidationError, match="Required"):
        feedback.submit(session, dept.rep, {"title": "空"})
    assert _count(session, Feedback) == 2


def test_deleted_attendance_is_revived(
    session: Session, dept: Department, course: TrainingDTO
) -> None:
    first = attendance.record(session, dept.manager, course.id, dept.rep.user_id)
    attendance.delete(session, dept.manager, first.id)
    assert training_hours(session, dept.rep.user_id, course.held_on, course.held_on) == 0
    again = attendance.record(session, dept.manager, course.id, dept.rep.user_id, hours="2")
    assert again.id == first.id and again.hours == Decimal("2.00")
    assert _count(session, TrainingAttendance) == 1


# --- keyed ids: the organiser, a manager and the attendee may each record attendance offline -----
def test_attendance_is_keyed_by_training_and_person(
    session: Session, dept: Department, course: TrainingDTO, engine: Engine, tmp_path: Path
) -> None:
    """The manager records 李强's attendance on their laptop and 李强 records it on his, both
    offline: the same id on both, so the server gets one record instead of a second one its
    unique key refuses. Another person or training: another id."""
    session.commit()
    with other_laptop(engine, tmp_path) as other:
        theirs = attendance.record(other, dept.rep, course.id, dept.rep.user_id, hours="5")
    mine = attendance.record(session, dept.manager, course.id, dept.rep.user_id, exam_score="90")
    assert mine.id == theirs.id == keyed_id("training_attendance", course.id, dept.rep.user_id)

    other_person = attendance.record(session, dept.manager, course.id, dept.rep2.user_id)
    later = trainings.create(
        session, dept.manager, {"title": "合同风险", "held_on": "2026-10-10", "hours": "2"}
    )
    other_training = attendance.record(session, dept.rep, later.id, dept.rep.user_id)
    assert len({mine.id, other_person.id, other_training.id}) == 3
    # Made through create too.
    made = attendance.create(
        session,
        dept.manager,
        {"training_id": later.id, "user_id": dept.rep2.user_id, "hours": "1"},
    )
    assert made.id == keyed_id("training_attendance", later.id, dept.rep2.user_id)


def test_attendance_recorded_before_keyed_ids_keeps_its_id(
    session: Session, dept: Department, course: TrainingDTO
) -> None:
    """A record with a random id is found by its key and corrected in place — and a deleted
    one revived under its id — never made again with a keyed id."""
    legacy = TrainingAttendance(
        id=new_id(),
        training_id=course.id,
        user_id=dept.rep.user_id,
        attended=True,
        hours=Decimal(6),
        owner_id=dept.rep.user_id,
    )
    session.add(legacy)
    session.flush()
    again = attendance.record(session, dept.manager, course.id, dept.rep.user_id, hours="4")
    assert again.id == legacy.id and again.hours == Decimal("4.00")
    attendance.delete(session, dept.manager, legacy.id)
    revived = attendance.record(session, dept.rep, course.id, dept.rep.user_id, hours="3")
    assert revived.id == legacy.id and revived.hours == Decimal("3.00")
    assert _count(session, TrainingAttendance) == 1
