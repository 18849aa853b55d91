"""The customers tab driven like a person: type a search, read the rows, open a record, edit it,
be refused with a message next to the field, log a visit, act on follow-ups, reassign.

Real widgets offscreen on a real SQLite file; every database call goes through the worker, so each
step waits for the worker (and the search debounce) before reading what the screen shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minesales_desktop.models.customers import Activity, Customer, FollowUpPlan
from minesales_desktop.models.people import OwnershipChange
from minesales_desktop.services.customers import customers, follow_ups
from minesales_desktop.services.service_tickets import service_tickets
from minesales_desktop.services.validation import uscc_check_char
from minesales_desktop.services.vocabulary import ActivityKind, CustomerStatus, FollowUpStatus
from minesales_desktop.ui.dialogs.customer_dialogs import (
    ContactDialog,
    CustomerDialog,
    LogActivityDialog,
    ReassignDialog,
)
from minesales_desktop.ui.tabs.customers_tab import CustomersTab
from minesales_desktop.ui.widgets.week_plan import OVERDUE_BG, TODAY_BG

TODAY = dt.date.today()

CUSTOMERS = [
    ("BT-001", "包头稀钢有限公司", "包钢", "STEEL_MILL", "内蒙古", "ACTIVE"),
    ("JQ-002", "酒泉钢铁集团", "酒钢", "STEEL_MILL", "甘肃", "ACTIVE"),
    ("TL-003", "铜陵有色冶炼厂", None, "CU_SMELTER", "安徽", "PROSPECT"),
    ("ZZ-004", "株洲锌业公司", None, "ZN_PB_SMELTER", "湖南", "PROSPECT"),
    ("HN-005", "华能秦皇岛电厂", None, "POWER_PLANT", "河北", "DORMANT"),
    ("HL-006", "海螺水泥芜湖工厂", None, "CEMENT_PLANT", "安徽", "ACTIVE"),
]


def _uscc(body: str) -> str:
    return body + uscc_check_char(body)


def _count(session: Session, model: type) -> int:
    session.rollback()  # see what the worker committed
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def people(session: Session, dept) -> dict[str, Any]:
    """Six customers of the rep 李强 (and one of 赵敏), the way the services make them."""
    made: dict[str, Any] = {}
    for code, name, short, ctype, province, status in CUSTOMERS:
        made[code] = customers.create(
            session,
            dept.rep,
            {
                "code": code,
                "name_zh": name,
                "short_name": short,
                "customer_type": ctype,
                "province": province,
                "status": status,
            },
        )
    made["ZM-007"] = customers.create(
        session,
        dept.rep2,
        {"code": "ZM-007", "name_zh": "日照港贸易公司", "customer_type": "TRADER"},
    )
    session.commit()
    return made


@pytest.fixture
def open_tab(qtbot, make_ctx, wait_idle) -> Iterator[Callable[..., CustomersTab]]:
    def make(actor) -> CustomersTab:
        tab = CustomersTab(make_ctx(actor))
        qtbot.addWidget(tab)
        tab.resize(1400, 860)
        tab.show()
        tab.activated()
        wait_idle()
        return tab

    yield make


def _rows(tab: CustomersTab, column: int = 1) -> list[str]:
    model = tab.model
    return [str(model.data(model.index(r, column))) for r in range(model.rowCount())]


def _type(qtbot, widget, text: str) -> None:
    """Type like a person, Chinese included (QTest only knows ASCII keys; an input method
    delivers a Chinese character as a key event carrying the text)."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def _type_search(qtbot, tab: CustomersTab, text: str, wait_idle) -> None:
    tab.search.clear()
    _type(qtbot, tab.search, text)
    # Nothing is queried while typing: the debounce holds the search until the typing stops.
    assert tab._search_timer.isActive()
    qtbot.waitUntil(lambda: not tab._search_timer.isActive(), timeout=2000)
    wait_idle()


def _select(tab: CustomersTab, qtbot, wait_idle, code: str) -> None:
    row = tab.model.find_row(lambda r: r.customer.code == code)
    assert row >= 0, code
    rect = tab.table.visualRect(tab.model.index(row, 1))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle()
    assert tab.detail is not None and tab.detail.customer.code == code


def _click(qtbot, tab: CustomersTab, action) -> None:
    button = tab.toolbar.widgetForAction(action)
    assert isinstance(button, QToolButton) and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _dialog(tab: CustomersTab, cls: type) -> Any:
    found = [d for d in tab.findChildren(cls) if d.isVisible()]
    assert len(found) == 1, f"expected one open {cls.__name__}"
    return found[0]


def _save(qtbot, dialog, wait_idle) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle()


def _closed(dialog) -> bool:
    """Saved dialogs close and delete themselves."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _field(dialog, name: str) -> Any:
    return dialog.findChild(QLineEdit, f"field_{name}") or dialog.findChild(
        QPlainTextEdit, f"field_{name}"
    )


# --- the list ---------------------------------------------------------------------------------
def test_typing_a_search_shows_the_matching_customers(qtbot, people, dept, open_tab, wait_idle):
    tab = open_tab(dept.rep)
    assert tab.model.total == 7
    assert tab.count_label.text() == "7 customer(s)"

    _type_search(qtbot, tab, "bg", wait_idle)  # pinyin initials of 包钢
    assert _rows(tab) == ["包头稀钢有限公司"]

    _type_search(qtbot, tab, "JQ-002", wait_idle)  # a code
    assert _rows(tab) == ["酒泉钢铁集团"]

    _type_search(qtbot, tab, "冶炼", wait_idle)
    assert _rows(tab) == ["铜陵有色冶炼厂"]

    _type_search(qtbot, tab, "nothing-like-this", wait_idle)
    assert tab.model.rowCount() == 0
    assert "No customer matches" in tab.count_label.text()


def test_a_stale_search_never_overwrites_the_newer_one(qtbot, people, dept, open_tab, wait_idle):
    tab = open_tab(dept.rep)
    tab.search.setText("酒泉")
    tab.apply_query()  # queued on the worker …
    tab.search.setText("株洲")
    tab.apply_query()  # … and superseded before it came back
    wait_idle()
    assert _rows(tab) == ["株洲锌业公司"]


def test_filters_and_sorting_run_in_sql(qtbot, people, dept, open_tab, wait_idle):
    tab = open_tab(dept.rep)
    status = tab.status_filter
    status.setCurrentIndex(status.findData(CustomerStatus.ACTIVE))
    wait_idle()
    assert sorted(_rows(tab)) == sorted(["包头稀钢有限公司", "酒泉钢铁集团", "海螺水泥芜湖工厂"])

    province = tab.province_filter
    assert province.findText("安徽") > 0, "provinces come from the data"
    province.setCurrentIndex(province.findText("安徽"))
    wait_idle()
    assert _rows(tab) == ["海螺水泥芜湖工厂"]

    status.setCurrentIndex(0)
    province.setCurrentIndex(0)
    owner = tab.owner_filter
    owner.setCurrentIndex(owner.findText("My customers"))
    wait_idle()
    assert "日照港贸易公司" not in _rows(tab) and len(_rows(tab)) == 6

    owner.setCurrentIndex(0)
    wait_idle()
    header = tab.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(1) + 10, 5),
    )
    wait_idle()
    # Chinese names sort by pinyin: baotou, haiwei…, huaneng, jiuquan, rizhao, tongling, zhuzhou
    assert _rows(tab)[0] == "包头稀钢有限公司"
    assert _rows(tab)[-1] == "株洲锌业公司"


def test_the_list_model_passes_the_qt_model_tester(qtmodeltester, people, dept, open_tab):
    tab = open_tab(dept.rep)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.detail_panel.timeline_model)


def test_the_owner_filter_offers_a_manager_the_team(people, dept, open_tab):
    tab = open_tab(dept.manager)
    names = [tab.owner_filter.itemText(i) for i in range(tab.owner_filter.count())]
    assert {"李强", "赵敏"} <= set(names)
    assert "陈刚" not in names, "another team's rep is not the manager's to filter by"


# --- detail, edit and validation --------------------------------------------------------------
def test_open_a_record_edit_a_field_and_see_it_in_the_list(
    qtbot, people, dept, open_tab, wait_idle
):
    tab = open_tab(dept.rep)
    _select(tab, qtbot, wait_idle, "TL-003")
    assert tab.detail_panel.title.text() == "铜陵有色冶炼厂"

    _click(qtbot, tab, tab.edit_action)
    dialog = _dialog(tab, CustomerDialog)
    name = _field(dialog, "name_zh")
    assert name.text() == "铜陵有色冶炼厂"
    name.clear()
    _type(qtbot, name, "铜陵有色金属冶炼厂")
    _save(qtbot, dialog, wait_idle)

    assert _closed(dialog)
    assert "铜陵有色金属冶炼厂" in _rows(tab)
    assert tab.detail_panel.title.text() == "铜陵有色金属冶炼厂"


def test_enter_on_a_row_opens_the_edit_form(qtbot, people, dept, open_tab, wait_idle):
    tab = open_tab(dept.rep)
    _select(tab, qtbot, wait_idle, "JQ-002")
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = _dialog(tab, CustomerDialog)
    assert _field(dialog, "code").text() == "JQ-002"
    dialog.reject()


def test_an_invalid_uscc_is_explained_next_to_the_field_and_nothing_is_written(
    qtbot, session, people, dept, open_tab, wait_idle
):
    tab = open_tab(dept.rep)
    before = _count(session, Customer)
    _click(qtbot, tab, tab.new_action)
    dialog = _dialog(tab, CustomerDialog)
    _type(qtbot, _field(dialog, "code"), "NX-100")
    _type(qtbot, _field(dialog, "name_zh"), "宁夏宁钢铁合金厂")
    good = _uscc("91640000227693120")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    _type(qtbot, _field(dialog, "uscc"), bad)
    _save(qtbot, dialog, wait_idle)

    assert dialog.isVisible(), "the form stays open on a refusal"
    error = dialog.findChild(QLabel, "error_uscc")
    assert error.isVisible()
    assert "check digit is wrong" in error.text() and good[-1] in error.text()
    assert not dialog.findChild(QLabel, "error_name_zh").isVisible()
    assert _count(session, Customer) == before

    _field(dialog, "uscc").clear()
    _type(qtbot, _field(dialog, "uscc"), good)
    _save(qtbot, dialog, wait_idle)
    assert _closed(dialog)
    assert _count(session, Customer) == before + 1
    assert tab.detail is not None and tab.detail.customer.uscc == good


def test_new_contact_from_the_detail_panel(qtbot, people, dept, open_tab, wait_idle):
    tab = open_tab(dept.rep)
    _select(tab, qtbot, wait_idle, "BT-001")
    tab.detail_panel.new_contact_button.click()
    dialog = _dialog(tab, ContactDialog)
    _type(qtbot, _field(dialog, "name"), "张采购")
    _type(qtbot, _field(dialog, "mobile"), "12345")
    _save(qtbot, dialog, wait_idle)
    assert dialog.findChild(QLabel, "error_mobile").isVisible()
    _field(dialog, "mobile").clear()
    _type(qtbot, _field(dialog, "mobile"), "13904721234")
    _save(qtbot, dialog, wait_idle)
    assert _closed(dialog)
    assert [c.name for c in tab.detail_panel.section_rows("contacts")] == ["张采购"]
    # the contact's phone now finds the customer
    _type_search(qtbot, tab, "13904721234", wait_idle)
    assert _rows(tab) == ["包头稀钢有限公司"]


# --- log a visit, follow-ups ------------------------------------------------------------------
def test_log_a_visit_in_two_clicks_and_plan_the_next_one(
    qtbot, session, people, dept, open_tab, wait_idle
):
    tab = open_tab(dept.rep)
    _select(tab, qtbot, wait_idle, "JQ-002")
    _click(qtbot, tab, tab.log_action)
    dialog = _dialog(tab, LogActivityDialog)
    kind = dialog.findChild(QComboBox, "field_kind")
    assert kind.currentData() == ActivityKind.VISIT, "a visit unless the rep logged another kind"
    _save(qtbot, dialog, wait_idle)  # the second click
    assert _closed(dialog)
    assert _count(session, Activity) == 1
    timeline = tab.detail_panel.section_rows("timeline")
    assert [e.activity.subject for e in timeline] == ["Visit"]

    # A call with a next action due today: the plan appears in the detail and in the reminders.
    tab.log_activity(kind=ActivityKind.PHONE)
    dialog = _dialog(tab, LogActivityDialog)
    _type(qtbot, _field(dialog, "subject"), "询价 62% 粉矿")
    dialog.next_box.setChecked(True)
    dialog.next_form.set_values({"next_action_date": TODAY})
    _save(qtbot, dialog, wait_idle)
    assert dialog.isVisible(), "a next date without saying what to do is refused"
    assert dialog.findChild(QLabel, "error_next_action").isVisible()
    _type(qtbot, _field(dialog, "next_action"), "寄送样品化验单")
    _save(qtbot, dialog, wait_idle)
    assert _closed(dialog)

    timeline = tab.detail_panel.section_rows("timeline")
    assert [e.activity.subject for e in timeline] == ["询价 62% 粉矿", "Visit"], "newest first"
    plans = tab.detail_panel.section_rows("follow_ups")
    assert [(p.action, p.due_date) for p in plans] == [("寄送样品化验单", TODAY)]
    assert tab.due_panel.due_today == 1
    assert tab.detail_panel.cell_text("follow_ups", 0, 0).endswith("today")
    assert tab.log_action.text() == "Log phone call…", "the last kind becomes the default"


def test_reminders_highlight_overdue_and_due_today(
    qtbot, session, people, dept, open_tab, wait_idle
):
    for code, days, action in [
        ("BT-001", -3, "催收尾款"),
        ("JQ-002", 0, "确认船期"),
        ("TL-003", 2, "技术交流"),
    ]:
        follow_ups.create(
            session,
            dept.rep,
            {
                "customer_id": people[code].id,
                "action": action,
                "due_date": TODAY + dt.timedelta(days=days),
            },
        )
    session.commit()
    summaries: list[str] = []
    tab = open_tab(dept.rep)
    tab.summary_changed.connect(summaries.append)
    tab.refresh()
    wait_idle()

    assert (tab.due_panel.overdue, tab.due_panel.due_today) == (1, 1)
    assert tab.due_panel.overdue_chip.text() == "1 overdue"
    assert [p.customer_name for p in tab.due_panel.model.rows] == [
        "包头稀钢有限公司",
        "酒泉钢铁集团",
    ]
    assert (
        summaries and "1 follow-up(s) overdue" in summaries[-1] and "1 due today" in summaries[-1]
    )

    def background(code: str) -> Any:
        row = tab.model.find_row(lambda r: r.customer.code == code)
        return tab.model.data(
            tab.model.index(row, tab.model.due_column), Qt.ItemDataRole.BackgroundRole
        )

    assert background("BT-001").color() == OVERDUE_BG
    assert background("JQ-002").color() == TODAY_BG
    assert background("TL-003") is None
    row = tab.model.find_row(lambda r: r.customer.code == "BT-001")
    assert "3 d overdue" in tab.model.data(tab.model.index(row, tab.model.due_column))
    assert tab.model.data(tab.model.index(row, 1), Qt.ItemDataRole.BackgroundRole) is None

    # Mark the overdue one done from the due panel: it leaves the reminders.
    tab.due_panel.table.selectRow(0)
    wait_idle()
    assert tab.detail is not None and tab.detail.customer.code == "BT-001"
    tab.due_panel.done_button.click()
    wait_idle()
    assert (tab.due_panel.overdue, tab.due_panel.due_today) == (0, 1)
    assert background("BT-001") is None


def test_logging_the_visit_a_plan_asks_for_closes_the_plan(
    qtbot, session, people, dept, open_tab, wait_idle
):
    plan = follow_ups.create(
        session,
        dept.rep,
        {"customer_id": people["HL-006"].id, "action": "回访质量异议", "due_date": TODAY},
    )
    session.commit()
    tab = open_tab(dept.rep)
    tab.due_panel.table.selectRow(0)
    wait_idle()
    tab.due_panel.log_button.click()
    dialog = _dialog(tab, LogActivityDialog)
    assert _field(dialog, "subject").text() == "回访质量异议"
    _save(qtbot, dialog, wait_idle)
    session.rollback()
    assert session.get(FollowUpPlan, plan.id).status is FollowUpStatus.DONE
    assert tab.due_panel.due_today == 0
    assert tab.due_panel.empty.isVisible()


def test_week_plan_shows_the_reps_week_by_day(qtbot, session, people, dept, open_tab, wait_idle):
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    for code, offset, action in [
        ("BT-001", 0, "周一拜访"),
        ("JQ-002", 4, "周五电话"),
        ("TL-003", 9, "下周三现场"),
    ]:
        follow_ups.create(
            session,
            dept.rep,
            {
                "customer_id": people[code].id,
                "action": action,
                "due_date": monday + dt.timedelta(days=offset),
            },
        )
    session.commit()
    tab = open_tab(dept.rep)
    _click(qtbot, tab, tab.week_action)
    wait_idle()
    week = tab.week_view
    assert tab.stack.currentWidget() is week
    assert any("周一拜访" in text for text in week.day_texts(0))
    assert any("周五电话" in text for text in week.day_texts(4))
    assert not any(week.day_texts(2))
    assert not week.rep_combo.isVisible(), "a rep sees only their own week"
    assert week.rep_name.text() == "李强"

    qtbot.mouseClick(week.next_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert any("下周三现场" in text for text in week.day_texts(2))
    assert week.range_label.text().startswith((monday + dt.timedelta(days=7)).isoformat())

    # Clicking a plan shows its customer beside the week.
    day = week.day_lists[2]
    rect = day.visualItemRect(day.item(0))
    qtbot.mouseClick(day.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle()
    assert tab.detail is not None and tab.detail.customer.code == "TL-003"


# --- delete and reassign ----------------------------------------------------------------------
def test_delete_asks_first_and_a_refusal_says_why(
    qtbot, session, people, dept, open_tab, wait_idle, monkeypatch
):
    service_tickets.create(
        session,
        dept.rep,
        {"customer_id": people["ZZ-004"].id, "ticket_type": "QUALITY_CLAIM", "title": "锌品位不足"},
    )
    session.commit()
    tab = open_tab(dept.rep)
    asked: list[str] = []
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))

    _select(tab, qtbot, wait_idle, "ZZ-004")
    tab.table.setFocus()
    _click(qtbot, tab, tab.delete_action)
    wait_idle()
    assert asked and "株洲锌业公司" in asked[0]
    assert warned and "1 open service ticket" in warned[0]
    assert "株洲锌业公司" in _rows(tab)

    _select(tab, qtbot, wait_idle, "HN-005")
    _click(qtbot, tab, tab.delete_action)
    wait_idle()
    assert "华能秦皇岛电厂" not in _rows(tab)
    assert tab.detail is None and tab.detail_panel.stack.currentIndex() == 0


def test_a_rep_cannot_reassign(people, dept, open_tab, qtbot, wait_idle):
    tab = open_tab(dept.rep)
    _select(tab, qtbot, wait_idle, "BT-001")
    assert not tab.reassign_action.isVisible()
    assert tab.toolbar.widgetForAction(tab.reassign_action) is None or not (
        tab.toolbar.widgetForAction(tab.reassign_action).isVisible()
    )
    assert tab.reassign() is None


def test_a_manager_reassigns_with_a_reason(qtbot, session, people, dept, open_tab, wait_idle):
    tab = open_tab(dept.manager)
    _select(tab, qtbot, wait_idle, "BT-001")
    _click(qtbot, tab, tab.reassign_action)
    dialog = _dialog(tab, ReassignDialog)
    owner = dialog.findChild(QComboBox, "field_owner_id")
    owner.setCurrentIndex(owner.findText("赵敏 (zhaomin)"))
    _save(qtbot, dialog, wait_idle)
    assert dialog.isVisible() and dialog.findChild(QLabel, "error_reason").isVisible()
    _type(qtbot, _field(dialog, "reason"), "李强调往西南区域")
    _save(qtbot, dialog, wait_idle)
    assert _closed(dialog)

    row = tab.model.find_row(lambda r: r.customer.code == "BT-001")
    assert tab.model.data(tab.model.index(row, 6)) == "赵敏"
    assert tab.detail is not None and tab.detail.customer.owner_name == "赵敏"
    session.rollback()
    change = session.scalar(select(OwnershipChange))
    assert change is not None and change.reason == "李强调往西南区域"


def test_a_rep_sees_another_reps_customer_read_only(qtbot, people, dept, open_tab, wait_idle):
    tab = open_tab(dept.rep)
    _select(tab, qtbot, wait_idle, "ZM-007")
    assert tab.detail is not None and not tab.detail.can_edit
    assert not tab.edit_action.isEnabled() and not tab.delete_action.isEnabled()
    assert tab.log_action.isEnabled(), "anyone may log a visit they made"


def test_detail_sections_show_contracts_tickets_and_credit(
    qtbot, session, people, dept, open_tab, wait_idle
):
    service_tickets.create(
        session,
        dept.rep,
        {
            "customer_id": people["JQ-002"].id,
            "ticket_type": "WEIGHT_SHORTAGE",
            "title": "短重 1.2%",
        },
    )
    session.commit()
    tab = open_tab(dept.rep)
    _select(tab, qtbot, wait_idle, "JQ-002")
    panel = tab.detail_panel
    assert [t.title for t in panel.section_rows("tickets")] == ["短重 1.2%"]
    titles = [panel.sections.tabText(i) for i in range(panel.sections.count())]
    assert titles[5] == "Tickets (1)"
    assert panel.credit_labels["exposure"].text() == "0.00 CNY"
    assert panel.credit_labels["limit"].text() == "—"
    assert "No credit profile" in panel.credit_note.text()
