"""The start-up reminder read like a rep would after two days off the network: what is overdue,
what is due today, nothing of later or of someone else; mark one done; and no dialog at all
when nothing is due."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import shiboken6
from sqlalchemy import select
from sqlalchemy.orm import Session

from minesales_desktop.models.customers import FollowUpPlan
from minesales_desktop.models.enums import FollowUpStatus
from minesales_desktop.services.customers import customers, follow_ups
from minesales_desktop.ui.dialogs.reminders import FollowUpReminderDialog

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def plans(session: Session, dept) -> dict[str, str]:
    steel = customers.create(
        session, dept.rep, {"code": "C1", "name_zh": "日照钢铁", "customer_type": "STEEL_MILL"}
    )
    other = customers.create(
        session, dept.rep2, {"code": "C2", "name_zh": "酒钢宏兴", "customer_type": "STEEL_MILL"}
    )

    def plan(actor: Any, customer: Any, action: str, days: int) -> str:
        due = TODAY + dt.timedelta(days=days)
        values = {"customer_id": customer.id, "action": action, "due_date": due}
        return follow_ups.create(session, actor, values).id

    ids = {
        "overdue": plan(dept.rep, steel, "回访质量异议处理结果", -3),
        "today": plan(dept.rep, steel, "电话确认12月船期", 0),
        "later": plan(dept.rep, steel, "现场拜访采购部", 2),
        "done": plan(dept.rep, steel, "已完成的旧计划", -5),
        "someone_else": plan(dept.rep2, other, "赵敏的逾期计划", -1),
    }
    follow_ups.complete(session, dept.rep, ids["done"])
    session.commit()
    return ids


def test_lists_overdue_and_due_today_but_not_later(
    plans: dict[str, str], dept, make_ctx, qtbot, wait_idle, session: Session
) -> None:
    dialog = FollowUpReminderDialog.show_if_due(make_ctx(dept.rep), today=lambda: TODAY)
    qtbot.addWidget(dialog)
    wait_idle()
    assert dialog.isVisible()
    actions = [item.plan.action for item in dialog.rows()]
    assert actions == ["回访质量异议处理结果", "电话确认12月船期"]  # overdue first
    assert dialog.headline.text() == "1 overdue and 1 due today."
    model = dialog.panel.model
    assert model.index(0, 0).data() == "2026-11-24 · 3 d overdue"
    assert model.index(1, 0).data() == "2026-11-27 · today"
    assert model.index(0, 1).data() == "日照钢铁"

    # mark the overdue one done from the reminder itself
    dialog.panel.table.selectRow(0)
    assert dialog.panel.done_button.isEnabled()
    dialog.panel.done_button.click()
    wait_idle()
    wait_idle()
    assert [item.plan.action for item in dialog.rows()] == ["电话确认12月船期"]
    assert dialog.headline.text() == "1 follow-up(s) due today."
    session.expire_all()
    status = session.scalar(select(FollowUpPlan.status).where(FollowUpPlan.id == plans["overdue"]))
    assert status is FollowUpStatus.DONE

    # "Open customer" hands the customer to the main window and closes
    asked: list[str] = []
    dialog.customer_requested.connect(asked.append)
    dialog.panel.table.selectRow(0)
    dialog.open_button.click()
    assert asked and not dialog.isVisible()


def test_no_dialog_when_nothing_is_due(plans, dept, make_ctx, qtbot, wait_idle) -> None:
    # 王经理 has no plans at all
    arrived: list[tuple[int, int]] = []
    dialog = FollowUpReminderDialog.show_if_due(make_ctx(dept.manager), today=lambda: TODAY)
    dialog.loaded.connect(lambda a, b: arrived.append((a, b)))
    wait_idle()
    qtbot.wait(20)
    assert arrived == [(0, 0)]
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_a_rep_with_only_later_plans_is_not_reminded(
    session: Session, dept, make_ctx, qtbot, wait_idle
) -> None:
    steel = customers.create(
        session, dept.rep, {"code": "C9", "name_zh": "包钢集团", "customer_type": "STEEL_MILL"}
    )
    follow_ups.create(
        session,
        dept.rep,
        {"customer_id": steel.id, "action": "下周拜访", "due_date": TODAY + dt.timedelta(7)},
    )
    session.commit()
    ctx = make_ctx(dept.rep)
    shown = FollowUpReminderDialog(ctx, today=lambda: TODAY)
    qtbot.addWidget(shown)
    counts: list[tuple[int, int]] = []
    shown.loaded.connect(lambda a, b: counts.append((a, b)))
    shown.start()
    wait_idle()
    assert counts == [(0, 0)] and shown.rows() == []
    assert shown.headline.text() == "Nothing is due. Well done."
    assert not shown.open_button.isEnabled()
