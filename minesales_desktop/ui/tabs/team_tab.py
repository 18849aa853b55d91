"""The team tab (团队): training records, meetings with their action items, and the suggestion box
— the 定期培训 and 沟通与反馈 of the department's method, and the records the TRAINING_HOURS KPI
is computed from.

Three pages:

* **Training** — trainings (internal or external) with how many attended and their average exam
  score; the selected training's attendance; each visible person's training hours this quarter
  and this year (the KPI's own figures). Attendance is recorded in a small table editor.
* **Meetings** — team meetings and one-to-ones with their minutes and action items; an open item
  past its due date is red. "My action items" lists the signed-in user's open items from every
  meeting.
* **Suggestion box** — anyone drops a suggestion; a manager takes it up, accepts or declines it
  with an answer, and marks an accepted one done; the author reads the status and the answer.

Lists and figures come from ``services.team_overview`` on the database worker; every write is one
``services.team`` call. The services decide who may do what: an action the signed-in user may
not take is disabled with a tooltip that says why, and a refusal that still comes back is shown
in the banner at the top of the tab, as the service worded it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.crud import Page, PageRequest
from minesales_desktop.services.team import action_items, feedback
from minesales_desktop.services.team_overview import (
    ActionItemRow,
    AttendanceSheet,
    FeedbackRow,
    HoursTable,
    MeetingRow,
    PersonHours,
    SheetLine,
    TeamChoices,
    TeamSummary,
    TrainingRow,
    action_item_rows,
    attendance_sheet,
    feedback_list,
    hours_table,
    meeting_list,
    team_choices,
    team_summary,
    training_list,
)
from minesales_desktop.services.vocabulary import (
    ActionStatus,
    FeedbackStatus,
    MeetingKind,
    TrainingKind,
)
from minesales_desktop.ui import format as fmt
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.dialogs.team_dialogs import (
    ACTION_ITEM_WRITES,
    FEEDBACK_WRITES,
    ActionItemDialog,
    AnswerDialog,
    AttendanceDialog,
    FeedbackDialog,
    MeetingDialog,
    TrainingDialog,
)
from minesales_desktop.ui.item_models.paged import (
    Column,
    HeaderSorting,
    PagedTableModel,
    RowsTableModel,
)
from minesales_desktop.ui.tabs.base import BaseTab
from minesales_desktop.ui.widgets.forms import FormDialog

OVERDUE_COLOR = QColor("#f8d7da")
FINISHED_COLOR = QColor("#eeeeee")
BANNER_STYLE = (
    "background: #f8d7da; color: #721c24; border: 1px solid #f5c6cb; padding: 6px; "
    "border-radius: 3px;"
)
CAPTION_STYLE = "color: #555;"


def action_item_highlight(item: ActionItemRow) -> QColor | None:
    """Red for an open item past its due date; grey for one that is done or cancelled."""
    if item.overdue:
        return OVERDUE_COLOR
    if item.status is not ActionStatus.OPEN:
        return FINISHED_COLOR
    return None


def _table(name: str, model: Any) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(40)
    return table


def _fit_columns(table: QTableView, stretch: int) -> None:
    """Short columns to their contents; ``stretch`` takes what is left."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(CAPTION_STYLE)
    return label


def _heading(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def _text(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(CAPTION_STYLE)
    return label


def _nothing_yet(session: Any, request: PageRequest) -> Page[Any]:
    """A list's query until the tab is first shown (the tab loads lazily)."""
    return Page([], 0, 0, request.limit)


def _select_row(table: QTableView, row: int) -> None:
    model = table.model()
    table.selectionModel().setCurrentIndex(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(model.index(row, 0))


class _Page(QWidget):
    """What the three pages share: the tab (context, banner, choices) and a toolbar."""

    def __init__(self, tab: TeamTab, name: str) -> None:
        super().__init__()
        self._selected_id: str | None = None
        self.tab = tab
        self.ctx = tab.ctx
        self.setObjectName(name)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName(f"{name}_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def _action(self, name: str, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        button = self.toolbar.widgetForAction(action)
        if button is not None:
            button.setObjectName(f"{name}_button")
        return action

    @staticmethod
    def _allow(action: QAction, allowed: bool, tip: str, why_not: str) -> None:
        """Enable the action, or disable it with a tooltip saying why."""
        action.setEnabled(allowed)
        action.setToolTip(tip if allowed else why_not)

    def _exec(self, dialog: QDialog) -> int:
        result = dialog.exec()
        dialog.deleteLater()
        return result

    def _exec_new(self, dialog: FormDialog) -> None:
        """Open a form that creates a record, and select the record once it is listed. The id
        is taken when the dialog accepts: before the list reload its write started arrives."""

        def created() -> None:
            if dialog.result_value is not None:
                self._selected_id = dialog.result_value.id

        dialog.accepted.connect(created)
        self._exec(dialog)

    def refresh(self) -> None:
        raise NotImplementedError


# --- training -----------------------------------------------------------------------------------
class TrainingPage(_Page):
    def __init__(self, tab: TeamTab) -> None:
        super().__init__(tab, "training_page")
        self._selected_id: str | None = None
        self._sheet: AttendanceSheet | None = None
        self._sized = False

        self.new_action = self._action("new_training", self.tr("New training…"), self.new_training)
        self.edit_action = self._action(
            "edit_training", self.tr("Edit training…"), self.edit_training
        )
        self.attendance_action = self._action(
            "record_attendance", self.tr("Record attendance…"), self.record_attendance
        )
        self.new_action.setToolTip(
            self.tr("Record a training: an internal course, or an external one you attended")
        )
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("training_kind_filter")
        self.kind_filter.addItem(self.tr("Internal and external"), None)
        for kind in TrainingKind:
            self.kind_filter.addItem(kind.label(), kind)
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel()
        self.count_label.setObjectName("training_count")

        columns: list[Column[TrainingRow]] = [
            Column(self.tr("Date"), lambda t: t.held_on, "held_on"),
            Column(self.tr("Title"), lambda t: t.title, "title", tooltip=lambda t: t.title),
            Column(self.tr("Kind"), lambda t: t.kind),
            Column(self.tr("Provider"), lambda t: t.provider or "", tooltip=lambda t: t.provider),
            Column(self.tr("Hours"), lambda t: t.hours, align_right=True),
            Column(self.tr("Attendees"), lambda t: t.attendees, align_right=True),
            Column(
                self.tr("Avg. score"),
                lambda t: f"{t.average_score:.1f}" if t.average_score is not None else "—",
                align_right=True,
            ),
        ]
        self.model = PagedTableModel(self.ctx.tasks, columns, _nothing_yet, parent=self)
        self.model.loaded.connect(self._list_loaded)
        self.table = _table("trainings_table", self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.sorting = HeaderSorting(self.table, self.model, 0, Qt.SortOrder.DescendingOrder)

        self.hours_model = RowsTableModel(
            [
                Column(self.tr("Person"), lambda p: p.full_name),
                Column(self.tr("This quarter (h)"), lambda p: p.quarter, align_right=True),
                Column(self.tr("This year (h)"), lambda p: p.year, align_right=True),
            ],
            parent=self,
        )
        self.hours_table = _table("hours_table", self.hours_model)
        self.hours_caption = _caption("")
        self.hours_caption.setObjectName("hours_caption")
        self.hours_caption.setWordWrap(True)
        hours_box = QGroupBox(self.tr("Training hours (feed the TRAINING_HOURS KPI)"))
        hv = QVBoxLayout(hours_box)
        hv.addWidget(self.hours_caption)
        hv.addWidget(self.hours_table)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(hours_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)

        self.detail = QStackedWidget()
        self.detail.setObjectName("training_detail")
        self.detail.addWidget(_placeholder(self.tr("Select a training to see who attended.")))
        panel = QWidget()
        v = QVBoxLayout(panel)
        v.setContentsMargins(8, 0, 4, 0)
        self.heading = _heading("training_heading")
        self.meta = _text("training_meta")
        self.description = _text("training_description")
        self.sheet_model = RowsTableModel(
            [
                Column(self.tr("Person"), lambda s: s.user_name),
                Column(
                    self.tr("Attended"),
                    lambda s: self.tr("yes") if s.attended else self.tr("absent"),
                ),
                Column(self.tr("Hours"), lambda s: s.hours, align_right=True),
                Column(self.tr("Exam score"), lambda s: s.exam_score, align_right=True),
            ],
            parent=self,
        )
        self.sheet_table = _table("attendance_list", self.sheet_model)
        self.sheet_table.horizontalHeader().setStretchLastSection(True)
        attendance_box = QGroupBox(self.tr("Attendance"))
        QVBoxLayout(attendance_box).addWidget(self.sheet_table)
        v.addWidget(self.heading)
        v.addWidget(self.meta)
        v.addWidget(self.description)
        v.addWidget(attendance_box, 1)
        self.detail.addWidget(panel)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 460])
        splitter.setChildrenCollapsible(False)

        bar = QHBoxLayout()
        bar.addWidget(self.toolbar)
        bar.addStretch(1)
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._update_actions()

    # --- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.ctx.actor
        data = self.kind_filter.currentData()
        kind = TrainingKind(data) if data else None
        self.model.set_fetch(lambda s, req: training_list(s, actor, kind=kind, page=req))
        self.ctx.tasks.run(lambda s: hours_table(s, actor), self._hours_loaded, label="hours")

    def _list_loaded(self, total: int) -> None:
        self.count_label.setText(self.tr("%n training(s)", "", total))
        if not self._sized and total:
            self._sized = True
            _fit_columns(self.table, 1)
        self.select(self._selected_id)

    def _hours_loaded(self, table: HoursTable) -> None:
        quarter = (table.quarter_start.month - 1) // 3 + 1
        self.hours_caption.setText(
            self.tr("Attended hours in %1 Q%2 (%3 – %4) and in %1.")
            .replace("%1", str(table.year))
            .replace("%2", str(quarter))
            .replace("%3", fmt.date(table.quarter_start))
            .replace("%4", fmt.date(table.quarter_end))
        )
        self.hours_model.set_rows(table.people)
        _fit_columns(self.hours_table, 0)

    def hours_of(self, name: str) -> PersonHours | None:
        return next((p for p in self.hours_model.rows if p.full_name == name), None)

    # --- selection --------------------------------------------------------------------------------
    def select(self, training_id: str | None) -> None:
        self._selected_id = training_id
        row = -1 if training_id is None else self.model.find_row(lambda t: t.id == training_id)
        found = self.model.row_object(row) if row >= 0 else None
        if found is not None:
            _select_row(self.table, row)
            self._load_sheet(found.id)
        else:
            self._show_sheet(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        training = self.model.row_object(current.row()) if current.isValid() else None
        if training is not None and (training.id != self._selected_id or self._sheet is None):
            self._selected_id = training.id
            self._load_sheet(training.id)

    def _load_sheet(self, training_id: str) -> None:
        actor = self.ctx.actor

        def failed(exc: BaseException) -> None:
            self._selected_id = None
            self._show_sheet(None)

        self.ctx.tasks.run_latest(  # the training selected last is the one shown
            f"attendance sheet {id(self)}",
            lambda s: attendance_sheet(s, actor, training_id),
            self._show_sheet,
            failed,
            label="attendance sheet",
        )

    def _show_sheet(self, sheet: AttendanceSheet | None) -> None:
        self._sheet = sheet
        self._update_actions()
        if sheet is None:
            self.detail.setCurrentIndex(0)
            self.sheet_model.set_rows([])
            return
        t = sheet.training
        self.heading.setText(t.title)
        parts = [
            t.kind.label(),
            fmt.date(t.held_on),
            self.tr("%1 h").replace("%1", fmt.number(t.hours)),
        ]
        if t.provider:
            parts.append(t.provider)
        organiser = self.tr("Organiser: %1").replace("%1", t.organiser_name or "—")
        self.meta.setText(" · ".join(parts) + "\n" + organiser)
        self.description.setText(t.description or "")
        self.description.setVisible(bool(t.description))
        self.sheet_model.set_rows([line for line in sheet.lines if line.recorded])
        _fit_columns(self.sheet_table, 0)
        self.detail.setCurrentIndex(1)

    def selected_training(self) -> TrainingRow | None:
        return self._sheet.training if self._sheet is not None else None

    def _update_actions(self) -> None:
        training = self.selected_training()
        self._allow(
            self.edit_action,
            training is not None and training.may_edit,
            self.tr("Change the selected training"),
            self.tr("Select a training first.")
            if training is None
            else self.tr("Only the organiser or their manager can change this training."),
        )
        may_record = self._sheet is not None and any(line.may_record for line in self._sheet.lines)
        self._allow(
            self.attendance_action,
            may_record,
            self.tr("Record who attended, their hours and exam scores"),
            self.tr("Select a training first.")
            if training is None
            else self.tr("Only the organiser, a manager or the attendee can record attendance."),
        )

    # --- actions ----------------------------------------------------------------------------------
    def new_training(self) -> None:
        self.tab.clear_banner()
        self._exec_new(TrainingDialog(self.ctx.tasks, self.ctx.actor, None, self))

    def edit_training(self) -> None:
        training = self.selected_training()
        if training is None or not self.edit_action.isEnabled():
            return
        self.tab.clear_banner()
        self._exec(TrainingDialog(self.ctx.tasks, self.ctx.actor, training, self))

    def record_attendance(self) -> None:
        if self._sheet is None or not self.attendance_action.isEnabled():
            return
        self.tab.clear_banner()
        self._exec(AttendanceDialog(self.ctx.tasks, self.ctx.actor, self._sheet, self))

    def sheet_line(self, name: str) -> SheetLine | None:
        lines = self._sheet.lines if self._sheet is not None else []
        return next((line for line in lines if line.user_name == name), None)


# --- meetings -----------------------------------------------------------------------------------
class MeetingsPage(_Page):
    def __init__(self, tab: TeamTab) -> None:
        super().__init__(tab, "meetings_page")
        self._selected_id: str | None = None
        self._meeting: MeetingRow | None = None
        self._sized = False

        self.new_action = self._action("new_meeting", self.tr("New meeting…"), self.new_meeting)
        self.new_action.setToolTip(self.tr("Record a team meeting or a one-to-one"))
        self.edit_action = self._action("edit_meeting", self.tr("Edit meeting…"), self.edit_meeting)
        self.toolbar.addSeparator()
        self.add_item_action = self._action(
            "add_action_item", self.tr("Add action item…"), self.add_item
        )
        self.complete_action = self._action(
            "complete_action_item", self.tr("Mark done"), self.complete_item
        )
        self.cancel_action = self._action(
            "cancel_action_item", self.tr("Cancel item"), self.cancel_item
        )
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("meeting_kind_filter")
        self.kind_filter.addItem(self.tr("All meetings"), None)
        for kind in MeetingKind:
            self.kind_filter.addItem(kind.label(), kind)
        self.kind_filter.currentIndexChanged.connect(self.refresh)
        self.mine_only = QCheckBox(self.tr("My action items"))
        self.mine_only.setObjectName("my_action_items")
        self.mine_only.setToolTip(self.tr("My open action items from every meeting"))
        self.mine_only.toggled.connect(self._load_items)

        columns: list[Column[MeetingRow]] = [
            Column(self.tr("Held at"), lambda m: m.held_at, "held_at"),
            Column(self.tr("Kind"), lambda m: m.kind),
            Column(self.tr("Title"), lambda m: m.title, "title", tooltip=lambda m: m.title),
            Column(self.tr("Team / with"), lambda m: m.attendees_text),
            Column(self.tr("Organiser"), lambda m: m.organiser_name),
            Column(self.tr("Open items"), lambda m: m.open_items, align_right=True),
        ]
        self.model = PagedTableModel(self.ctx.tasks, columns, _nothing_yet, parent=self)
        self.model.loaded.connect(self._list_loaded)
        self.table = _table("meetings_table", self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.sorting = HeaderSorting(self.table, self.model, 0, Qt.SortOrder.DescendingOrder)

        self.detail = QStackedWidget()
        self.detail.setObjectName("meeting_detail")
        self.detail.addWidget(
            _placeholder(self.tr("Select a meeting to see its minutes and action items."))
        )
        panel = QWidget()
        v = QVBoxLayout(panel)
        v.setContentsMargins(8, 0, 4, 0)
        self.heading = _heading("meeting_heading")
        self.meta = _text("meeting_meta")
        self.minutes = QPlainTextEdit()
        self.minutes.setObjectName("meeting_minutes")
        self.minutes.setReadOnly(True)
        self.minutes.setPlaceholderText(self.tr("No minutes recorded."))
        v.addWidget(self.heading)
        v.addWidget(self.meta)
        v.addWidget(_caption(self.tr("Minutes")))
        v.addWidget(self.minutes, 1)
        self.detail.addWidget(panel)

        def due_text(item: ActionItemRow) -> str:
            text = fmt.date(item.due_on)
            return text + "  ⚠ " + self.tr("overdue") if item.overdue else text

        self.items_model = RowsTableModel(
            [
                Column(self.tr("Action"), lambda i: i.description, tooltip=lambda i: i.description),
                Column(self.tr("Assignee"), lambda i: i.assignee_name),
                Column(self.tr("Due"), due_text),
                Column(self.tr("Status"), lambda i: i.status),
                Column(
                    self.tr("Meeting"), lambda i: i.meeting_title, tooltip=lambda i: i.meeting_title
                ),
            ],
            highlight=action_item_highlight,
            parent=self,
        )
        self.items_table = _table("action_items_table", self.items_model)
        self.items_table.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_actions()
        )
        self.items_box = QGroupBox(self.tr("Action items"))
        self.items_box.setObjectName("action_items_box")
        ib = QVBoxLayout(self.items_box)
        ib.addWidget(self.mine_only)
        ib.addWidget(self.items_table)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.detail)
        right.addWidget(self.items_box)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        right.setChildrenCollapsible(False)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 640])
        splitter.setChildrenCollapsible(False)

        bar = QHBoxLayout()
        bar.addWidget(self.toolbar)
        bar.addStretch(1)
        bar.addWidget(self.kind_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._update_actions()

    def refresh(self) -> None:
        actor = self.ctx.actor
        data = self.kind_filter.currentData()
        kind = MeetingKind(data) if data else None
        self.model.set_fetch(lambda s, req: meeting_list(s, actor, kind=kind, page=req))

    def _list_loaded(self, total: int) -> None:
        if not self._sized and total:
            self._sized = True
            _fit_columns(self.table, 2)
        self.select(self._selected_id)

    def select(self, meeting_id: str | None) -> None:
        self._selected_id = meeting_id
        row = -1 if meeting_id is None else self.model.find_row(lambda m: m.id == meeting_id)
        if row >= 0:
            _select_row(self.table, row)
            self._show_meeting(self.model.row_object(row))
        else:
            self._show_meeting(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        meeting = self.model.row_object(current.row()) if current.isValid() else None
        if meeting is not None and meeting.id != (self._meeting.id if self._meeting else None):
            self._selected_id = meeting.id
            self._show_meeting(meeting)

    def _show_meeting(self, meeting: MeetingRow | None) -> None:
        self._meeting = meeting
        if meeting is None:
            self.detail.setCurrentIndex(0)
        else:
            self.heading.setText(meeting.title)
            with_text = (
                self.tr("Team: %1") if meeting.kind is MeetingKind.TEAM else self.tr("With: %1")
            ).replace("%1", meeting.attendees_text or "—")
            organiser = self.tr("Organiser: %1").replace("%1", meeting.organiser_name or "—")
            self.meta.setText(
                f"{meeting.kind.label()} · {fmt.date(meeting.held_at)}\n{with_text} · {organiser}"
            )
            self.minutes.setPlainText(meeting.minutes or "")
            self.detail.setCurrentIndex(1)
        self._load_items()

    def _load_items(self) -> None:
        actor = self.ctx.actor
        mine = self.mine_only.isChecked()
        meeting_id = self._meeting.id if self._meeting is not None else None
        self.items_box.setTitle(
            self.tr("My open action items") if mine else self.tr("Action items of this meeting")
        )
        # the meeting column says where an item comes from: needed only across meetings
        self.items_table.setColumnHidden(4, not mine)
        if not mine and meeting_id is None:
            self.ctx.tasks.cancel_latest(f"action items {id(self)}")
            self.items_model.set_rows([])
            self._update_actions()
            return

        def done(rows: list[ActionItemRow]) -> None:
            self.items_model.set_rows(rows)
            _fit_columns(self.items_table, 0)
            self._update_actions()

        # The list asked for last (mine, or the meeting selected last) is the one shown.
        if mine:
            self.ctx.tasks.run_latest(
                f"action items {id(self)}",
                lambda s: action_item_rows(s, actor, assignee_id=actor.user_id, open_only=True),
                done,
                label="my action items",
            )
        else:
            self.ctx.tasks.run_latest(
                f"action items {id(self)}",
                lambda s: action_item_rows(s, actor, meeting_id=meeting_id),
                done,
                label="action items",
            )

    def selected_item(self) -> ActionItemRow | None:
        index = self.items_table.currentIndex()
        return self.items_model.row_object(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        meeting = self._meeting
        pick = self.tr("Select a meeting first.")
        self._allow(
            self.edit_action,
            meeting is not None and meeting.may_edit,
            self.tr("Change the meeting and its minutes"),
            pick
            if meeting is None
            else self.tr("Only the organiser or their manager can change this meeting."),
        )
        self._allow(
            self.add_item_action,
            meeting is not None and meeting.may_add_items,
            self.tr("Add what the meeting decided someone will do"),
            pick
            if meeting is None
            else self.tr("You may only add action items to your own meetings."),
        )
        item = self.selected_item()
        if item is None:
            why = self.tr("Select an action item first.")
        elif item.status is not ActionStatus.OPEN:
            why = self.tr("This action item is already %1.").replace("%1", item.status.label())
        else:
            why = self.tr(
                "Only the assignee, the item's owner or whoever may change the meeting can "
                "close this item."
            )
        may = item is not None and item.may_change
        self._allow(self.complete_action, may, self.tr("The action item is done"), why)
        self._allow(self.cancel_action, may, self.tr("The action item is no longer needed"), why)

    def new_meeting(self) -> None:
        self.tab.clear_banner()
        self._exec_new(MeetingDialog(self.ctx.tasks, self.ctx.actor, self.tab.choices, None, self))

    def edit_meeting(self) -> None:
        if self._meeting is None or not self.edit_action.isEnabled():
            return
        self.tab.clear_banner()
        self._exec(
            MeetingDialog(self.ctx.tasks, self.ctx.actor, self.tab.choices, self._meeting, self)
        )

    def add_item(self) -> None:
        if self._meeting is None or not self.add_item_action.isEnabled():
            return
        self.tab.clear_banner()
        self._exec(
            ActionItemDialog(
                self.ctx.tasks, self.ctx.actor, self._meeting, self.tab.choices.people, self
            )
        )

    def _finish(self, complete: bool) -> None:
        item = self.selected_item()
        if item is None:
            return
        self.tab.clear_banner()
        actor, item_id = self.ctx.actor, item.id
        call = action_items.complete if complete else action_items.cancel
        self.ctx.tasks.run(
            lambda s: call(s, actor, item_id),
            None,
            self.tab.show_refusal,
            writes=ACTION_ITEM_WRITES,
            label="finish action item",
        )

    def complete_item(self) -> None:
        if self.complete_action.isEnabled():
            self._finish(True)

    def cancel_item(self) -> None:
        if self.cancel_action.isEnabled():
            self._finish(False)


# --- the suggestion box ---------------------------------------------------------------------------
class FeedbackPage(_Page):
    def __init__(self, tab: TeamTab) -> None:
        super().__init__(tab, "feedback_page")
        self._selected_id: str | None = None
        self._item: FeedbackRow | None = None
        self._sized = False

        self.new_action = self._action(
            "new_suggestion", self.tr("New suggestion…"), self.new_suggestion
        )
        self.new_action.setToolTip(self.tr("Drop a suggestion in the box"))
        self.edit_action = self._action(
            "edit_suggestion", self.tr("Edit suggestion…"), self.edit_suggestion
        )
        self.toolbar.addSeparator()
        self.review_action = self._action(
            "start_review", self.tr("Start review"), self.start_review
        )
        self.answer_action = self._action("answer_suggestion", self.tr("Answer…"), self.answer)
        self.done_action = self._action("mark_done", self.tr("Mark done"), self.mark_done)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("feedback_status_filter")
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in FeedbackStatus:
            self.status_filter.addItem(status.label(), status)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.count_label = QLabel()
        self.count_label.setObjectName("feedback_count")

        columns: list[Column[FeedbackRow]] = [
            Column(self.tr("Submitted"), lambda f: f.created_at, "created_at"),
            Column(self.tr("Status"), lambda f: f.status, "status"),
            Column(self.tr("Category"), lambda f: f.category, "category"),
            Column(self.tr("Title"), lambda f: f.title, tooltip=lambda f: f.title),
            Column(self.tr("Author"), lambda f: f.author_name),
            Column(self.tr("Answered"), lambda f: f.answered_at),
        ]
        self.model = PagedTableModel(self.ctx.tasks, columns, _nothing_yet, parent=self)
        self.model.loaded.connect(self._list_loaded)
        self.table = _table("feedback_table", self.model)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.sorting = HeaderSorting(self.table, self.model, 0, Qt.SortOrder.DescendingOrder)

        self.detail = QStackedWidget()
        self.detail.setObjectName("feedback_detail")
        self.detail.addWidget(
            _placeholder(self.tr("Select a suggestion to read it and its answer."))
        )
        panel = QWidget()
        v = QVBoxLayout(panel)
        v.setContentsMargins(8, 0, 4, 0)
        self.heading = _heading("feedback_heading")
        self.status_label = QLabel()
        self.status_label.setObjectName("feedback_status")
        self.status_label.setStyleSheet("font-weight: bold;")
        self.meta = _text("feedback_meta")
        self.content = _text("feedback_content")
        self.answer_box = QGroupBox(self.tr("Answer"))
        ab = QVBoxLayout(self.answer_box)
        self.answer_text = _text("feedback_answer")
        self.answer_meta = _text("feedback_answer_meta")
        self.answer_meta.setStyleSheet(CAPTION_STYLE)
        ab.addWidget(self.answer_text)
        ab.addWidget(self.answer_meta)
        v.addWidget(self.heading)
        v.addWidget(self.status_label)
        v.addWidget(self.meta)
        v.addWidget(_caption(self.tr("Suggestion")))
        v.addWidget(self.content)
        v.addWidget(self.answer_box)
        v.addStretch(1)
        self.detail.addWidget(panel)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 480])
        splitter.setChildrenCollapsible(False)

        bar = QHBoxLayout()
        bar.addWidget(self.toolbar)
        bar.addStretch(1)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._update_actions()

    def refresh(self) -> None:
        actor = self.ctx.actor
        data = self.status_filter.currentData()
        status = FeedbackStatus(data) if data else None
        self.model.set_fetch(lambda s, req: feedback_list(s, actor, status=status, page=req))

    def _list_loaded(self, total: int) -> None:
        text = (
            self.tr("%n suggestion(s)", "", total)
            if self.ctx.actor.is_manager
            else self.tr("My suggestions: %n", "", total)
        )
        self.count_label.setText(text)
        if not self._sized and total:
            self._sized = True
            _fit_columns(self.table, 3)
        self.select(self._selected_id)

    def select(self, item_id: str | None) -> None:
        self._selected_id = item_id
        row = -1 if item_id is None else self.model.find_row(lambda f: f.id == item_id)
        if row >= 0:
            _select_row(self.table, row)
            self._show(self.model.row_object(row))
        else:
            self._show(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.row_object(current.row()) if current.isValid() else None
        if item is not None:
            self._selected_id = item.id
            self._show(item)

    def _show(self, item: FeedbackRow | None) -> None:
        self._item = item
        self._update_actions()
        if item is None:
            self.detail.setCurrentIndex(0)
            return
        self.heading.setText(item.title)
        self.status_label.setText(item.status.label())
        self.meta.setText(
            self.tr("%1 · by %2 · submitted %3")
            .replace("%1", item.category.label())
            .replace("%2", item.author_name or "—")
            .replace("%3", fmt.date(item.created_at))
        )
        self.content.setText(item.content)
        if item.answer:
            self.answer_text.setText(item.answer)
            self.answer_meta.setText(
                self.tr("%1, %2")
                .replace("%1", item.answered_by_name or "—")
                .replace("%2", fmt.date(item.answered_at))
            )
        else:
            self.answer_text.setText(self.tr("Not answered yet."))
            self.answer_meta.setText("")
        self.detail.setCurrentIndex(1)

    def _update_actions(self) -> None:
        item = self._item
        manager = self.ctx.actor.is_manager
        managers_only = self.tr("Only a manager or an administrator can answer feedback.")
        pick = self.tr("Select a suggestion first.")
        self._allow(
            self.edit_action,
            item is not None and item.may_edit,
            self.tr("Change your suggestion while nobody has taken it up"),
            pick
            if item is None
            else self.tr("Only its author can change a suggestion, until it is taken up."),
        )

        def move(action: QAction, start: FeedbackStatus, tip: str, wrong_status: str) -> None:
            if not manager:
                why = managers_only
            elif item is None:
                why = pick
            else:
                why = wrong_status
            allowed = manager and item is not None and item.status is start
            self._allow(action, allowed, tip, why)

        move(
            self.review_action,
            FeedbackStatus.NEW,
            self.tr("Take the suggestion up for review"),
            self.tr("Only a new suggestion can be taken up."),
        )
        move(
            self.answer_action,
            FeedbackStatus.UNDER_REVIEW,
            self.tr("Accept or decline the suggestion, with an answer to its author"),
            self.tr("Take the suggestion up for review first."),
        )
        move(
            self.done_action,
            FeedbackStatus.ACCEPTED,
            self.tr("The accepted suggestion has been carried out"),
            self.tr("Only an accepted suggestion can be marked done."),
        )

    def new_suggestion(self) -> None:
        self.tab.clear_banner()
        self._exec_new(FeedbackDialog(self.ctx.tasks, self.ctx.actor, None, self))

    def edit_suggestion(self) -> None:
        if self._item is None or not self.edit_action.isEnabled():
            return
        self.tab.clear_banner()
        self._exec(FeedbackDialog(self.ctx.tasks, self.ctx.actor, self._item, self))

    def _move(self, call: Callable[[Any, Any, str], Any]) -> None:
        if self._item is None:
            return
        self.tab.clear_banner()
        actor, item_id = self.ctx.actor, self._item.id
        self.ctx.tasks.run(
            lambda s: call(s, actor, item_id),
            None,
            self.tab.show_refusal,
            writes=FEEDBACK_WRITES,
            label="move suggestion",
        )

    def start_review(self) -> None:
        if self.review_action.isEnabled():
            self._move(feedback.start_review)

    def answer(self) -> None:
        if self._item is None or not self.answer_action.isEnabled():
            return
        self.tab.clear_banner()
        self._exec(AnswerDialog(self.ctx.tasks, self.ctx.actor, self._item, self))

    def mark_done(self) -> None:
        if self.done_action.isEnabled():
            self._move(feedback.mark_done)


# --- the tab --------------------------------------------------------------------------------------
class TeamTab(BaseTab):
    """Training, meetings and the suggestion box, on three pages."""

    kinds = frozenset(
        {
            "trainings",
            "training_attendance",
            "meetings",
            "meeting_action_items",
            "feedback",
            "users",
            "teams",
        }
    )
    TRAINING_KINDS = frozenset({"trainings", "training_attendance", "users"})
    MEETING_KINDS = frozenset({"meetings", "meeting_action_items", "users", "teams"})
    FEEDBACK_KINDS = frozenset({"feedback", "users"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("team_tab")
        self.choices = TeamChoices(teams=[], people=[])
        self.summary: TeamSummary | None = None

        self.banner = QLabel()
        self.banner.setObjectName("team_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

        self.training_page = TrainingPage(self)
        self.meetings_page = MeetingsPage(self)
        self.feedback_page = FeedbackPage(self)
        self.pages = QTabWidget()
        self.pages.setObjectName("team_pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.training_page, self.tr("Training"))
        self.pages.addTab(self.meetings_page, self.tr("Meetings"))
        self.pages.addTab(self.feedback_page, self.tr("Suggestion box"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)

    def title(self) -> str:
        return self.tr("Team")

    def refresh(self) -> None:
        self._loaded = True
        self.training_page.refresh()
        self.meetings_page.refresh()
        self.feedback_page.refresh()
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        actor = self.ctx.actor
        self.ctx.tasks.run(
            lambda s: (team_summary(s, actor), team_choices(s)), self._counts_loaded, label="team"
        )

    def _data_changed(self, kinds: frozenset[str]) -> None:
        """Reload only the pages showing what was written."""
        if not self._loaded or not kinds & self.kinds:
            return
        if kinds & self.TRAINING_KINDS:
            self.training_page.refresh()
        if kinds & self.MEETING_KINDS:
            self.meetings_page.refresh()
        if kinds & self.FEEDBACK_KINDS:
            self.feedback_page.refresh()
        self._refresh_counts()

    def _counts_loaded(self, result: tuple[TeamSummary, TeamChoices]) -> None:
        self.summary, self.choices = result
        self.summary_changed.emit(self.summary_text())

    def summary_text(self) -> str:
        s = self.summary
        if s is None:
            return ""
        text = self.tr("%n open action item(s)", "", s.open_items)
        if s.overdue_items:
            text += " (" + self.tr("%n overdue", "", s.overdue_items) + ")"
        return text + " · " + self.tr("%n new suggestion(s)", "", s.new_suggestions)

    def show_refusal(self, exc: BaseException) -> None:
        """A refused action: the service's own words, in the banner above the pages."""
        self.banner.setText(str(exc))
        self.banner.show()

    def clear_banner(self) -> None:
        self.banner.clear()
        self.banner.hide()
