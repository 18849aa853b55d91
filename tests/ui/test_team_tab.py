"""The team tab driven like a person: record a training and its attendance, see the hours; a
refused exam score; a meeting with an action item done; a suggestion answered; what a rep may not
do is disabled, and refused when forced.

Real SQLite, the real database worker; modal dialogs are patched so that their ``exec`` fills the
dialog and presses Save instead of blocking.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QInputMethodEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTableView,
    QWidget,
)
from sqlalchemy.orm import Session

from minesales_desktop.services.team import (
    TrainingDTO,
    action_items,
    attendance,
    feedback,
    meetings,
    trainings,
)
from minesales_desktop.services.team_overview import training_row
from minesales_desktop.ui.dialogs.team_dialogs import (
    ActionItemDialog,
    AnswerDialog,
    AttendanceDialog,
    AttendanceModel,
    FeedbackDialog,
    MeetingDialog,
    TrainingDialog,
)
from minesales_desktop.ui.tabs.team_tab import OVERDUE_COLOR, TeamTab
from minesales_desktop.ui.widgets.forms import FormDialog
from tests.conftest import Department

SHOTS = Path("/tmp/minesales-team-shots")
TODAY = dt.date.today()


# --- driving helpers ----------------------------------------------------------------------------
@pytest.fixture
def make_tab(qtbot, make_ctx, wait_idle) -> Callable[..., TeamTab]:
    def make(actor) -> TeamTab:
        tab = TeamTab(make_ctx(actor))
        qtbot.addWidget(tab)
        tab.resize(1400, 800)
        tab.show()
        tab.activated()
        wait_idle()
        return tab

    return make


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Type like a person: Latin text key by key, Chinese committed by the input method."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(combo: QComboBox, text: str) -> None:
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


def field(dialog: FormDialog, name: str) -> Any:
    return dialog.form.editors[name].widget


def click(qtbot, page: Any, action_name: str, wait_idle) -> None:
    action = getattr(page, action_name)
    assert action.isEnabled(), f"{action.text()} is disabled: {action.toolTip()}"
    button = page.toolbar.widgetForAction(action)
    assert isinstance(button, QWidget)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle()


def select_row(qtbot, table: QTableView, column: int, text: str, wait_idle) -> None:
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, column)) == text)
    rect = table.visualRect(model.index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle()


def texts(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def row_texts(table: QTableView, row: int) -> list[Any]:
    model = table.model()
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


@dataclass
class Answer:
    """What a person saw when the dialog answered their Save (the dialog is gone afterwards)."""

    accepted: bool
    banner: str
    errors: dict[str, str]
    result_value: Any


def patch_exec(
    monkeypatch,
    cls: type[QDialog],
    fill: Callable[[Any], None],
    qtbot,
    look: Callable[[Any], None] | None = None,
) -> list[Answer]:
    """``cls.exec`` fills the dialog like a person, presses Save and waits for the answer;
    ``look`` reads the answered dialog before it goes away."""
    answers: list[Answer] = []

    def answered(dialog: Any) -> bool:
        errors = (
            [e.error for e in dialog.form.editors.values()]
            if isinstance(dialog, FormDialog)
            else []
        )
        return (
            dialog.result() == QDialog.DialogCode.Accepted
            or dialog.banner.isVisibleTo(dialog)
            or any(e.isVisibleTo(dialog) for e in errors)
        )

    def fake_exec(dialog: Any) -> int:
        dialog.show()  # a hidden dialog never has the keyboard focus
        qtbot.waitExposed(dialog)
        fill(dialog)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
        qtbot.waitUntil(lambda: answered(dialog), timeout=10_000)
        errors: dict[str, str] = {}
        if isinstance(dialog, FormDialog):
            errors = {
                n: e.error.text()
                for n, e in dialog.form.editors.items()
                if e.error.isVisibleTo(dialog)
            }
        answers.append(
            Answer(
                accepted=dialog.result() == QDialog.DialogCode.Accepted,
                banner=dialog.banner.text() if dialog.banner.isVisibleTo(dialog) else "",
                errors=errors,
                result_value=dialog.result_value,
            )
        )
        if look is not None:
            look(dialog)
        if SHOTS.exists() and getattr(dialog, "shot_name", None):
            dialog.grab().save(str(SHOTS / f"{dialog.shot_name}.png"))
        return dialog.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return answers


def sheet_row(dialog: AttendanceDialog, name: str) -> int:
    model = dialog.model
    return next(r for r in range(model.rowCount()) if model.entries[r].line.user_name == name)


def tick(qtbot, dialog: AttendanceDialog, name: str) -> None:
    """Tick "attended" in a person's row: click the cell, press Space (the check box toggles)."""
    index = dialog.model.index(sheet_row(dialog, name), AttendanceModel.ATTENDED)
    dialog.table.setCurrentIndex(index)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)


def type_cell(qtbot, dialog: AttendanceDialog, name: str, column: int, text: str) -> None:
    """Double-click the cell, type over what is there, press Return."""
    index = dialog.model.index(sheet_row(dialog, name), column)
    rect = dialog.table.visualRect(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # the cell's editor (offscreen, no window is active, so the focus widget is not asked)
    editors = [e for e in dialog.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "the double-click did not open the cell's editor"
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: dialog.model.data(index) == text, timeout=2_000)


@pytest.fixture
def course(session: Session, dept: Department) -> TrainingDTO:
    made = trainings.create(
        session,
        dept.manager,
        {"title": "铁矿石计价与指数", "held_on": TODAY, "hours": "6", "kind": "INTERNAL"},
    )
    session.commit()
    return made


# --- training -----------------------------------------------------------------------------------
def test_create_training_record_attendance_and_see_the_hours(
    qtbot, monkeypatch, make_tab, wait_idle, dept, session
):
    tab = make_tab(dept.manager)
    page = tab.training_page
    assert page.model.rowCount() == 0

    def fill_training(dialog: TrainingDialog) -> None:
        type_into(qtbot, field(dialog, "title"), "铁矿石计价与指数")
        choose(field(dialog, "kind"), "Internal")
        type_into(qtbot, field(dialog, "provider"), "Platts")
        assert field(dialog, "held_on").date() == QDate.currentDate()
        type_into(qtbot, field(dialog, "hours"), "6")

    created = patch_exec(monkeypatch, TrainingDialog, fill_training, qtbot)
    click(qtbot, page, "new_action", wait_idle)
    assert created[0].accepted
    assert texts(page.table, 1) == ["铁矿石计价与指数"]
    assert row_texts(page.table, 0) == [
        TODAY.isoformat(), "铁矿石计价与指数", "Internal", "Platts", "6", "0", "—",
    ]  # fmt: skip
    # the new training is selected and its (empty) attendance shown
    assert page.heading.text() == "铁矿石计价与指数"
    assert page.sheet_model.rowCount() == 0

    def fill_sheet(dialog: AttendanceDialog) -> None:
        # the manager's own team is on the sheet, nobody recorded yet
        names = [e.line.user_name for e in dialog.model.entries]
        assert {"李强", "赵敏", "孙丽", "王经理"} <= set(names)
        assert "陈刚" not in names  # another team
        tick(qtbot, dialog, "李强")
        type_cell(qtbot, dialog, "李强", AttendanceModel.SCORE, "92.5")
        tick(qtbot, dialog, "赵敏")
        type_cell(qtbot, dialog, "赵敏", AttendanceModel.HOURS, "3.5")
        type_cell(qtbot, dialog, "赵敏", AttendanceModel.SCORE, "80")
        assert dialog.model.data(
            dialog.model.index(sheet_row(dialog, "赵敏"), AttendanceModel.NOTE)
        ) == ("changed — not saved yet")

    saved = patch_exec(monkeypatch, AttendanceDialog, fill_sheet, qtbot)
    click(qtbot, page, "attendance_action", wait_idle)
    assert saved[0].accepted and saved[0].result_value == 2

    # the list counts the attendees and averages their scores; the sheet shows who came
    assert row_texts(page.table, 0)[5:] == ["2", "86.3"]
    assert [row_texts(page.sheet_table, r) for r in range(page.sheet_model.rowCount())] == [
        ["李强", "yes", "6", "92.50"],
        ["赵敏", "yes", "3.50", "80"],
    ]
    # each person's hours this quarter and this year: the TRAINING_HOURS KPI's figures
    li, zhao = page.hours_of("李强"), page.hours_of("赵敏")
    assert li is not None and (li.quarter, li.year) == (Decimal("6.00"), Decimal("6.00"))
    assert zhao is not None and (zhao.quarter, zhao.year) == (Decimal("3.50"), Decimal("3.50"))
    hours_row = texts(page.hours_table, 0).index("李强")
    assert row_texts(page.hours_table, hours_row) == ["李强", "6", "6"]
    assert f"{TODAY.year} Q{(TODAY.month - 1) // 3 + 1}" in page.hours_caption.text()
    recorded = {
        a.user_name: a for a in attendance.for_training(session, created[0].result_value.id)
    }
    assert recorded["李强"].exam_score == Decimal("92.50")
    assert recorded["赵敏"].hours == Decimal("3.50")


def test_an_exam_score_of_120_is_refused_next_to_it_and_nothing_is_written(
    qtbot, monkeypatch, make_tab, wait_idle, dept, session, course
):
    tab = make_tab(dept.manager)
    page = tab.training_page
    select_row(qtbot, page.table, 1, course.title, wait_idle)

    def fill(dialog: AttendanceDialog) -> None:
        tick(qtbot, dialog, "李强")
        type_cell(qtbot, dialog, "李强", AttendanceModel.SCORE, "120")
        tick(qtbot, dialog, "赵敏")  # a good row: it is not written either
        type_cell(qtbot, dialog, "赵敏", AttendanceModel.HOURS, "7")  # the course is 6 h

    def look(dialog: AttendanceDialog) -> None:
        model = dialog.model
        li, zhao = sheet_row(dialog, "李强"), sheet_row(dialog, "赵敏")
        # the message stands in the row, next to the cell it is about, and the cell is red
        assert model.data(model.index(li, AttendanceModel.NOTE)) == "Must be between 0 and 100."
        score = model.index(li, AttendanceModel.SCORE)
        assert model.data(score, Qt.ItemDataRole.ToolTipRole) == "Must be between 0 and 100."
        assert model.data(score, Qt.ItemDataRole.BackgroundRole).color().name() == "#f8d7da"
        hours = model.index(li, AttendanceModel.HOURS)
        assert model.data(hours, Qt.ItemDataRole.BackgroundRole) is None
        assert model.data(model.index(zhao, AttendanceModel.NOTE)) == (
            "At most the training's 6.00 h."
        )
        # what was typed is still there, to be corrected
        assert model.data(score) == "120"

    answers = patch_exec(monkeypatch, AttendanceDialog, fill, qtbot, look)
    click(qtbot, page, "attendance_action", wait_idle)
    assert not answers[0].accepted
    assert answers[0].banner == "Nothing was saved: correct the rows marked in red."
    assert attendance.for_training(session, course.id) == []
    assert page.sheet_model.rowCount() == 0
    assert row_texts(page.table, 0)[5] == "0"


# --- meetings -----------------------------------------------------------------------------------
def test_a_meeting_with_an_action_item_that_is_completed(
    qtbot, monkeypatch, make_tab, wait_idle, dept, session
):
    manager_tab = make_tab(dept.manager)
    page = manager_tab.meetings_page
    manager_tab.pages.setCurrentWidget(page)

    def fill_meeting(dialog: MeetingDialog) -> None:
        choose(field(dialog, "kind"), "Team meeting")
        assert field(dialog, "team_id").currentText() == "华北钢厂组"  # the manager's team
        type_into(qtbot, field(dialog, "title"), "十月第二周例会")
        type_into(qtbot, field(dialog, "minutes"), "回款进度；包钢尾款本周催收。")

    made = patch_exec(monkeypatch, MeetingDialog, fill_meeting, qtbot)
    click(qtbot, page, "new_action", wait_idle)
    assert made[0].accepted
    assert texts(page.table, 2) == ["十月第二周例会"]
    assert page.heading.text() == "十月第二周例会"
    assert page.minutes.toPlainText() == "回款进度；包钢尾款本周催收。"

    def fill_item(dialog: ActionItemDialog) -> None:
        type_into(qtbot, field(dialog, "description"), "催收包钢尾款")
        choose(field(dialog, "assignee_id"), "李强")
        field(dialog, "due_on").setDate(QDate.currentDate().addDays(3))

    added = patch_exec(monkeypatch, ActionItemDialog, fill_item, qtbot)
    click(qtbot, page, "add_item_action", wait_idle)
    assert added[0].accepted
    due = (TODAY + dt.timedelta(days=3)).isoformat()
    assert row_texts(page.items_table, 0)[:4] == ["催收包钢尾款", "李强", due, "Open"]
    assert texts(page.table, 5) == ["1"]  # open items of the meeting

    # an older meeting's item is already overdue: red, and counted in the rep's summary
    old = meetings.create(
        session,
        dept.manager,
        {
            "kind": "TEAM",
            "title": "九月例会",
            "team_id": dept.team.id,
            "held_at": dt.datetime.now(dt.UTC) - dt.timedelta(days=20),
        },
    )
    action_items.create(
        session,
        dept.manager,
        {
            "meeting_id": old.id,
            "description": "更新客户档案",
            "assignee_id": dept.rep.user_id,
            "due_on": TODAY - dt.timedelta(days=5),
        },
    )
    session.commit()

    rep_tab = make_tab(dept.rep)
    rep_page = rep_tab.meetings_page
    rep_tab.pages.setCurrentWidget(rep_page)
    summaries: list[str] = []
    rep_tab.summary_changed.connect(summaries.append)
    assert rep_tab.summary_text() == "2 open action item(s) (1 overdue) · 0 new suggestion(s)"
    assert sorted(texts(rep_page.table, 2)) == ["九月例会", "十月第二周例会"]  # his team's
    rep_page.mine_only.click()
    wait_idle()
    assert rep_page.items_box.title() == "My open action items"
    assert texts(rep_page.items_table, 0) == ["更新客户档案", "催收包钢尾款"]  # soonest due first
    late = rep_page.items_model.index(0, 2)
    assert rep_page.items_model.data(late).endswith("⚠ overdue")
    assert rep_page.items_model.data(late, Qt.ItemDataRole.BackgroundRole).color() == (
        OVERDUE_COLOR
    )
    assert rep_page.items_model.data(rep_page.items_model.index(1, 2)) == due
    assert not rep_page.complete_action.isEnabled()  # nothing selected yet
    assert rep_page.complete_action.toolTip() == "Select an action item first."
    # the rep cannot add items to the manager's meeting, and is told why
    select_row(qtbot, rep_page.table, 2, "十月第二周例会", wait_idle)
    assert not rep_page.add_item_action.isEnabled()
    assert rep_page.add_item_action.toolTip() == (
        "You may only add action items to your own meetings."
    )
    assert not rep_page.edit_action.isEnabled()

    select_row(qtbot, rep_page.items_table, 0, "催收包钢尾款", wait_idle)
    click(qtbot, rep_page, "complete_action", wait_idle)
    assert texts(rep_page.items_table, 0) == ["更新客户档案"]  # the done one left "mine"
    assert summaries[-1] == "1 open action item(s) (1 overdue) · 0 new suggestion(s)"
    # the manager's tab hears of it too: the item is done, the meeting has no open items
    assert row_texts(page.items_table, 0)[3] == "Done"
    open_items = dict(zip(texts(page.table, 2), texts(page.table, 5), strict=True))
    assert open_items == {"十月第二周例会": "0", "九月例会": "1"}
    assert not rep_tab.banner.isVisible()


# --- the suggestion box -------------------------------------------------------------------------
def test_a_rep_submits_a_suggestion_the_manager_answers_the_rep_reads_it(
    qtbot, monkeypatch, make_tab, wait_idle, dept
):
    rep_tab = make_tab(dept.rep)
    rep_page = rep_tab.feedback_page
    rep_tab.pages.setCurrentWidget(rep_page)

    def fill(dialog: FeedbackDialog) -> None:
        choose(field(dialog, "category"), "Tools / CRM")
        type_into(qtbot, field(dialog, "title"), "离线地图")
        type_into(qtbot, field(dialog, "content"), "现场拜访需要离线地图和轨迹。")

    submitted = patch_exec(monkeypatch, FeedbackDialog, fill, qtbot)
    click(qtbot, rep_page, "new_action", wait_idle)
    assert submitted[0].accepted
    assert row_texts(rep_page.table, 0)[1:5] == ["New", "Tools / CRM", "离线地图", "李强"]
    assert rep_page.status_label.text() == "New"
    assert rep_page.answer_text.text() == "Not answered yet."
    assert rep_tab.summary_text() == "0 open action item(s) · 1 new suggestion(s)"
    # a rep may not move a suggestion: disabled, and the tooltip says why
    for action in (rep_page.review_action, rep_page.answer_action, rep_page.done_action):
        assert not action.isEnabled()
        assert action.toolTip() == "Only a manager or an administrator can answer feedback."
    assert rep_page.edit_action.isEnabled()  # the author, while it is new

    manager_tab = make_tab(dept.manager)
    page = manager_tab.feedback_page
    manager_tab.pages.setCurrentWidget(page)
    select_row(qtbot, page.table, 3, "离线地图", wait_idle)
    assert not page.answer_action.isEnabled()
    assert page.answer_action.toolTip() == "Take the suggestion up for review first."
    click(qtbot, page, "review_action", wait_idle)
    assert page.status_label.text() == "Under review"

    def fill_answer(dialog: AnswerDialog) -> None:
        choose(field(dialog, "accepted"), "Accept")
        type_into(qtbot, field(dialog, "answer"), "下个版本加入离线地图。")

    answered = patch_exec(monkeypatch, AnswerDialog, fill_answer, qtbot)
    click(qtbot, page, "answer_action", wait_idle)
    assert answered[0].accepted
    assert page.status_label.text() == "Accepted"
    assert page.done_action.isEnabled()

    # the rep's tab heard of the change: the status and the answer are there
    select_row(qtbot, rep_page.table, 3, "离线地图", wait_idle)
    assert rep_page.status_label.text() == "Accepted"
    assert rep_page.answer_text.text() == "下个版本加入离线地图。"
    assert rep_page.answer_meta.text().startswith("王经理, ")
    assert not rep_page.edit_action.isEnabled()
    assert rep_tab.summary_text() == "0 open action item(s) · 0 new suggestion(s)"


def test_an_answer_needs_a_decision_and_words(
    qtbot, monkeypatch, make_tab, wait_idle, dept, session
):
    idea = feedback.submit(session, dept.rep, {"title": "取消周报", "content": "太多"})
    feedback.start_review(session, dept.manager, idea.id)
    session.commit()
    tab = make_tab(dept.manager)
    page = tab.feedback_page
    select_row(qtbot, page.table, 3, "取消周报", wait_idle)

    def undecided(dialog: AnswerDialog) -> None:
        type_into(qtbot, field(dialog, "answer"), "ok")

    first = patch_exec(monkeypatch, AnswerDialog, undecided, qtbot)
    click(qtbot, page, "answer_action", wait_idle)
    assert not first[0].accepted and first[0].errors == {"accepted": "Accept or decline."}

    def wordless(dialog: AnswerDialog) -> None:
        choose(field(dialog, "accepted"), "Decline")
        type_into(qtbot, field(dialog, "answer"), "   ")

    second = patch_exec(monkeypatch, AnswerDialog, wordless, qtbot)
    click(qtbot, page, "answer_action", wait_idle)
    assert not second[0].accepted
    assert second[0].banner == (
        "The suggestion cannot be Declined without an answer.\n• An answer to the author."
    )
    assert page.status_label.text() == "Under review"


# --- permissions --------------------------------------------------------------------------------
def test_a_rep_cannot_change_the_managers_training_nor_record_colleagues(
    qtbot, monkeypatch, make_tab, wait_idle, dept, session, course
):
    tab = make_tab(dept.rep)
    page = tab.training_page
    # the training service lets anyone record a training (a rep logs an external course he
    # attended), so "New training" is open to a rep; changing someone else's is not
    assert page.new_action.isEnabled()
    select_row(qtbot, page.table, 1, course.title, wait_idle)
    assert not page.edit_action.isEnabled()
    assert page.edit_action.toolTip() == (
        "Only the organiser or their manager can change this training."
    )
    # forced: the service refuses, the form says so, nothing changes
    row = training_row(session, dept.rep, course.id)

    def rename(dialog: TrainingDialog) -> None:
        field(dialog, "title").clear()
        type_into(qtbot, field(dialog, "title"), "改名")

    forced = patch_exec(monkeypatch, TrainingDialog, rename, qtbot)
    dialog = TrainingDialog(tab.ctx.tasks, dept.rep, row, tab)
    dialog.exec()
    assert not forced[0].accepted
    assert forced[0].banner == "You may only change your own records or your team's."
    session.expire_all()
    assert trainings.get(session, course.id).title == "铁矿石计价与指数"

    # the sheet offers the rep his own row only; a colleague's recorded row is read-only
    attendance.record(session, dept.manager, course.id, dept.rep2.user_id, exam_score="75")
    session.commit()
    tab.refresh()
    wait_idle()
    assert page.sheet_line("李强") is not None and page.sheet_line("李强").may_record
    colleague = page.sheet_line("赵敏")
    assert colleague is not None and not colleague.may_record

    def forge(dialog: AttendanceDialog) -> None:
        model = dialog.model
        zhao = sheet_row(dialog, "赵敏")
        score = model.index(zhao, AttendanceModel.SCORE)
        assert not model.flags(score) & Qt.ItemFlag.ItemIsEditable
        assert not model.setData(score, "100")
        assert model.data(model.index(zhao, AttendanceModel.NOTE)) == (
            "Only the organiser, a manager or the attendee can record this."
        )
        # forced past the editor: the service still refuses the colleague's row
        model.entries[zhao].changed = True
        model.entries[zhao].line = type(colleague)(**{**colleague.__dict__, "may_record": True})
        model.entries[zhao].exam_score = "100"

    refused = patch_exec(monkeypatch, AttendanceDialog, forge, qtbot)
    click(qtbot, page, "attendance_action", wait_idle)
    assert not refused[0].accepted
    assert [a.exam_score for a in attendance.for_training(session, course.id)] == [Decimal("75")]


def test_refused_moves_are_shown_in_the_banner(qtbot, make_tab, wait_idle, dept, session):
    """Forcing a move the service refuses (the action is disabled for a reason) shows the
    service's words in the tab's banner."""
    weekly = meetings.create(
        session, dept.manager, {"kind": "TEAM", "title": "周例会", "team_id": dept.team.id}
    )
    action_items.create(
        session,
        dept.manager,
        {"meeting_id": weekly.id, "description": "更新客户档案", "assignee_id": dept.rep.user_id},
    )
    idea = feedback.submit(session, dept.rep, {"title": "离线地图", "content": "需要"})
    session.commit()
    tab = make_tab(dept.rep2)  # a colleague: not the assignee, not the organiser
    page = tab.meetings_page
    select_row(qtbot, page.table, 2, "周例会", wait_idle)
    select_row(qtbot, page.items_table, 0, "更新客户档案", wait_idle)
    assert not page.complete_action.isEnabled()
    page._finish(True)  # forced
    wait_idle()
    assert tab.banner.isVisible()
    assert tab.banner.text() == "You may only change your own records or your team's."

    rep_tab = make_tab(dept.rep)
    rep_tab.feedback_page._item = rep_tab.feedback_page.model.row_object(0)
    assert rep_tab.feedback_page._item.id == idea.id
    rep_tab.feedback_page._move(feedback.start_review)  # forced
    wait_idle()
    assert rep_tab.banner.text() == "Only a manager or an administrator can answer feedback."
    assert feedback.get(session, idea.id).status.label() == "New"


# --- models and looks -----------------------------------------------------------------------------
def test_the_models_pass_the_qt_model_tester(
    qtbot, qtmodeltester, monkeypatch, make_tab, wait_idle, dept, session, course
):
    attendance.record(session, dept.manager, course.id, dept.rep.user_id, exam_score="88")
    weekly = meetings.create(
        session, dept.manager, {"kind": "TEAM", "title": "周例会", "team_id": dept.team.id}
    )
    action_items.create(session, dept.manager, {"meeting_id": weekly.id, "description": "催收尾款"})
    feedback.submit(session, dept.rep, {"title": "离线地图", "content": "需要"})
    session.commit()
    tab = make_tab(dept.manager)
    select_row(qtbot, tab.training_page.table, 1, course.title, wait_idle)
    select_row(qtbot, tab.meetings_page.table, 2, "周例会", wait_idle)
    for model in (
        tab.training_page.model,
        tab.training_page.hours_model,
        tab.training_page.sheet_model,
        tab.meetings_page.model,
        tab.meetings_page.items_model,
        tab.feedback_page.model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)
    checked: list[bool] = []

    def check_editor(dialog: AttendanceDialog) -> None:
        assert dialog.model.rowCount() > 0
        qtmodeltester.check(dialog.model)
        checked.append(True)

    patch_exec(monkeypatch, AttendanceDialog, check_editor, qtbot)
    click(qtbot, tab.training_page, "attendance_action", wait_idle)
    assert checked


def test_screenshots(qtbot, monkeypatch, make_tab, wait_idle, dept, session, course):
    """Not an assertion of looks: PNGs of every page (and the sheet editor) to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    previous_font = QApplication.font()
    QApplication.setFont(QFont("WenQuanYi Micro Hei", 10))
    try:
        _take_screenshots(qtbot, monkeypatch, make_tab, wait_idle, dept, session, course)
    finally:
        QApplication.setFont(previous_font)


def _take_screenshots(qtbot, monkeypatch, make_tab, wait_idle, dept, session, course) -> None:
    attendance.record(session, dept.manager, course.id, dept.rep.user_id, exam_score="92.5")
    attendance.record(session, dept.manager, course.id, dept.rep2.user_id, hours="3.5")
    trainings.create(
        session,
        dept.rep,
        {
            "title": "CCTD 中国煤炭市场年会",
            "held_on": TODAY - dt.timedelta(days=40),
            "hours": "8",
            "kind": "EXTERNAL",
            "provider": "中国煤炭运销协会",
        },
    )
    weekly = meetings.create(
        session,
        dept.manager,
        {
            "kind": "TEAM",
            "title": "周例会：回款与发运",
            "team_id": dept.team.id,
            "held_at": dt.datetime.now(dt.UTC) - dt.timedelta(days=9),
            "minutes": "1. 包钢尾款 320 万元本周催收。\n2. 日照港 L03 批次短重索赔跟进。\n"
            "3. 十月销量计划 12 万吨。",
        },
    )
    for text, who, due in (
        ("催收包钢尾款", dept.rep.user_id, TODAY - dt.timedelta(days=2)),
        ("跟进日照港短重索赔", dept.rep2.user_id, TODAY + dt.timedelta(days=4)),
        ("更新客户档案", dept.rep.user_id, None),
    ):
        action_items.create(
            session,
            dept.manager,
            {"meeting_id": weekly.id, "description": text, "assignee_id": who, "due_on": due},
        )
    meetings.create(
        session,
        dept.manager,
        {"kind": "ONE_TO_ONE", "title": "季度绩效面谈", "with_user_id": dept.rep.user_id},
    )
    idea = feedback.submit(
        session,
        dept.rep,
        {"category": "TOOLS", "title": "离线地图", "content": "现场拜访需要离线地图和轨迹记录。"},
    )
    feedback.start_review(session, dept.manager, idea.id)
    feedback.answer(session, dept.manager, idea.id, True, "下个版本加入离线地图。")
    feedback.submit(
        session, dept.rep2, {"category": "PROCESS", "title": "周报简化", "content": "…"}
    )
    session.commit()

    tab = make_tab(dept.manager)
    select_row(qtbot, tab.training_page.table, 1, course.title, wait_idle)
    tab.grab().save(str(SHOTS / "team-training.png"))
    tab.pages.setCurrentWidget(tab.meetings_page)
    select_row(qtbot, tab.meetings_page.table, 2, "周例会：回款与发运", wait_idle)
    tab.grab().save(str(SHOTS / "team-meetings.png"))
    tab.pages.setCurrentWidget(tab.feedback_page)
    select_row(qtbot, tab.feedback_page.table, 3, "离线地图", wait_idle)
    tab.grab().save(str(SHOTS / "team-feedback.png"))

    tab.pages.setCurrentWidget(tab.training_page)

    def refuse(dialog: AttendanceDialog) -> None:
        dialog.shot_name = "team-attendance-refused"
        type_cell(qtbot, dialog, "李强", AttendanceModel.SCORE, "120")

    patch_exec(monkeypatch, AttendanceDialog, refuse, qtbot)
    click(qtbot, tab.training_page, "attendance_action", wait_idle)
    rep_tab = make_tab(dept.rep)
    rep_tab.pages.setCurrentWidget(rep_tab.feedback_page)
    select_row(qtbot, rep_tab.feedback_page.table, 3, "离线地图", wait_idle)
    rep_tab.grab().save(str(SHOTS / "team-feedback-rep.png"))
    assert (SHOTS / "team-training.png").stat().st_size > 0
