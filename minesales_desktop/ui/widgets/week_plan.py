"""Follow-up reminders (issue 4, item 2): the due list and a rep's week plan.

Both read through the database worker and only ever show the plans of one rep. Overdue and
due-today plans wear the same two colours everywhere (the list, the detail panel, the week), so a
rep learns them once; the colours come from ``due_state`` here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.customer_overview import (
    DueFollowUps,
    PlanItem,
    due_follow_ups,
    monday_of,
    week_plan,
)
from minesales_desktop.services.people import UserDTO, users
from minesales_desktop.services.vocabulary import FollowUpStatus
from minesales_desktop.tasks import Job
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.item_models.paged import Column, RowsTableModel

OVERDUE_BG = QColor("#fbe3e1")
OVERDUE_FG = QColor("#a61b12")
TODAY_BG = QColor("#fff0c2")
TODAY_FG = QColor("#8a5a00")
DONE_FG = QColor("#6b7280")
TODAY_COLUMN_BG = QColor("#eef4ff")
LATER_BG = QColor("#eef2f7")


class DueState(Enum):
    OVERDUE = "overdue"
    TODAY = "today"
    LATER = "later"


def due_state(due: dt.date | None, today: dt.date) -> DueState | None:
    """Where an open plan's due date stands against today (None when there is no plan)."""
    if due is None:
        return None
    if due < today:
        return DueState.OVERDUE
    if due == today:
        return DueState.TODAY
    return DueState.LATER


def due_background(due: dt.date | None, today: dt.date) -> QColor | None:
    state = due_state(due, today)
    if state is DueState.OVERDUE:
        return OVERDUE_BG
    if state is DueState.TODAY:
        return TODAY_BG
    return None


def due_foreground(due: dt.date | None, today: dt.date) -> QColor:
    state = due_state(due, today)
    if state is DueState.OVERDUE:
        return OVERDUE_FG
    if state is DueState.TODAY:
        return TODAY_FG
    return QColor("#1f2937")


def due_text(due: dt.date | None, today: dt.date, *, short: bool = False) -> str:
    """'2026-11-20 · 7 d overdue' / '2026-11-27 · today' / '2026-12-01'; ``short`` drops the
    year when it is this year (for narrow list columns)."""
    if due is None:
        return ""
    text = due.strftime("%m-%d") if short and due.year == today.year else due.isoformat()
    state = due_state(due, today)
    if state is DueState.OVERDUE:
        days = (today - due).days
        return QCoreApplication.translate("FollowUps", "{date} · {n} d overdue").format(
            date=text, n=days
        )
    if state is DueState.TODAY:
        return QCoreApplication.translate("FollowUps", "{date} · today").format(date=text)
    return text


def _chip(text: str, fg: QColor, bg: QColor) -> QLabel:
    chip = QLabel(text)
    chip.setStyleSheet(
        f"QLabel {{ color: {fg.name()}; background: {bg.name()}; border-radius: 9px;"
        " padding: 1px 8px; font-weight: 600; }"
    )
    return chip


class DueFollowUpsPanel(QFrame):
    """Overdue and due-today plans of the signed-in user: the reminder a rep acts on first."""

    customer_requested = Signal(str)  # customer id
    log_requested = Signal(object)  # PlanItem: log the visit that does it
    complete_requested = Signal(object)  # PlanItem: done without logging anything
    counts_changed = Signal(int, int)  # overdue, due today

    def __init__(
        self, ctx: AppContext, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("due_panel")
        self.ctx = ctx
        self._today = today
        self._job: Job | None = None
        self.overdue = 0
        self.due_today = 0

        title = QLabel(self.tr("Due follow-ups"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.overdue_chip = _chip("", OVERDUE_FG, OVERDUE_BG)
        self.overdue_chip.setObjectName("overdue_chip")
        self.today_chip = _chip("", TODAY_FG, TODAY_BG)
        self.today_chip.setObjectName("today_chip")
        self.log_button = QPushButton(self.tr("Log visit…"))
        self.log_button.setObjectName("due_log")
        self.log_button.setToolTip(self.tr("Log the visit or call that does this follow-up"))
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.setObjectName("due_done")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(title)
        header.addWidget(self.overdue_chip)
        header.addWidget(self.today_chip)
        header.addStretch(1)
        header.addWidget(self.log_button)
        header.addWidget(self.done_button)

        self.model = RowsTableModel(
            [
                Column(self.tr("Due"), lambda p: due_text(p.plan.due_date, self._today())),
                Column(self.tr("Customer"), lambda p: p.customer_name),
                Column(self.tr("Action"), lambda p: p.plan.action),
                Column(self.tr("Kind"), lambda p: p.plan.kind),
            ],
            highlight=lambda p: due_background(p.plan.due_date, self._today()),
            parent=self,
        )
        self.table = QTableView()
        self.table.setObjectName("due_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header_view.setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.log_button.clicked.connect(self._log)
        self.done_button.clicked.connect(self._done)
        self.empty = QLabel(self.tr("Nothing due today. Plan the next visits in the week plan."))
        self.empty.setObjectName("due_empty")
        self.empty.setStyleSheet("color: #6b7280; padding: 6px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        self._show_counts(DueFollowUps([], 0, 0))

    def refresh(self) -> None:
        if self._job is not None:
            self._job.cancel()
        owner_id, today = self.ctx.actor.user_id, self._today()
        self._job = self.ctx.tasks.run(
            lambda s: due_follow_ups(s, owner_id, today), self._loaded, label="due follow-ups"
        )

    def _loaded(self, due: DueFollowUps) -> None:
        self._job = None
        self.model.set_rows(due.items)
        self.table.resizeColumnsToContents()
        self._show_counts(due)

    def _show_counts(self, due: DueFollowUps) -> None:
        self.overdue, self.due_today = due.overdue, due.due_today
        self.overdue_chip.setText(self.tr("%n overdue", "", due.overdue))
        self.today_chip.setText(self.tr("%n due today", "", due.due_today))
        self.overdue_chip.setVisible(due.overdue > 0)
        self.today_chip.setVisible(due.due_today > 0)
        has_rows = bool(due.items)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self._selection_changed()
        self.counts_changed.emit(due.overdue, due.due_today)

    def selected(self) -> PlanItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return None
        item = self.model.row_object(index.row())
        return item if isinstance(item, PlanItem) else None

    def _selection_changed(self, *args: Any) -> None:
        chosen = self.selected() is not None
        self.log_button.setEnabled(chosen)
        self.done_button.setEnabled(chosen)
        item = self.selected()
        if item is not None:
            self.customer_requested.emit(item.plan.customer_id)

    def _activated(self, *args: Any) -> None:
        item = self.selected()
        if item is not None:
            self.log_requested.emit(item)

    def _log(self) -> None:
        item = self.selected()
        if item is not None:
            self.log_requested.emit(item)

    def _done(self) -> None:
        item = self.selected()
        if item is not None:
            self.complete_requested.emit(item)


class WeekPlanView(QWidget):
    """A rep's follow-up plans Monday to Sunday, one column a day, with previous/next week.

    A manager picks any rep of the team (an administrator anyone); a rep sees their own week.
    Double-clicking a plan opens its customer beside the week.
    """

    customer_requested = Signal(str)
    log_requested = Signal(object)  # PlanItem

    def __init__(
        self, ctx: AppContext, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("week_plan")
        self.ctx = ctx
        self._today = today
        self.monday = monday_of(today())
        self.owner_id = ctx.actor.user_id
        self.items: list[PlanItem] = []
        self._job: Job | None = None
        self._reps_loaded = False

        self.rep_combo = QComboBox()
        self.rep_combo.setObjectName("week_rep")
        self.rep_combo.setMinimumContentsLength(10)
        self.rep_combo.addItem(ctx.actor.full_name or ctx.actor.login, ctx.actor.user_id)
        # A rep's week is their own: the name is shown, there is nothing to pick.
        self.rep_combo.setVisible(ctx.is_manager)
        self.rep_name = QLabel(ctx.actor.full_name or ctx.actor.login)
        self.rep_name.setObjectName("week_rep_name")
        self.rep_name.setVisible(not ctx.is_manager)
        self.rep_combo.currentIndexChanged.connect(self._rep_changed)
        self.prev_button = QPushButton("◀")
        self.prev_button.setObjectName("week_prev")
        self.prev_button.setToolTip(self.tr("Previous week"))
        self.this_button = QPushButton(self.tr("This week"))
        self.this_button.setObjectName("week_this")
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("week_next")
        self.next_button.setToolTip(self.tr("Next week"))
        for arrow in (self.prev_button, self.next_button):
            arrow.setFixedWidth(arrow.fontMetrics().horizontalAdvance("◀") + 24)
        self.prev_button.clicked.connect(lambda: self.set_week(self.monday - dt.timedelta(7)))
        self.next_button.clicked.connect(lambda: self.set_week(self.monday + dt.timedelta(7)))
        self.this_button.clicked.connect(lambda: self.set_week(monday_of(self._today())))
        self.range_label = QLabel()
        self.range_label.setObjectName("week_range")
        font = self.range_label.font()
        font.setBold(True)
        self.range_label.setFont(font)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("week_summary")
        self.summary_label.setStyleSheet("color: #4b5563;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Rep")))
        top.addWidget(self.rep_combo)
        top.addWidget(self.rep_name)
        top.addSpacing(8)
        top.addWidget(self.prev_button)
        top.addWidget(self.this_button)
        top.addWidget(self.next_button)
        top.addSpacing(8)
        top.addWidget(self.range_label)
        top.addStretch(1)
        top.addWidget(self.summary_label)

        self.day_titles: list[QLabel] = []
        self.day_lists: list[QListWidget] = []
        days = QHBoxLayout()
        days.setSpacing(6)
        for weekday in range(7):
            column = QVBoxLayout()
            column.setSpacing(2)
            title = QLabel()
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setObjectName(f"week_day_title_{weekday}")
            day_list = QListWidget()
            day_list.setObjectName(f"week_day_{weekday}")
            day_list.setWordWrap(True)
            day_list.setMinimumWidth(72)
            day_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            day_list.setSpacing(2)
            day_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            day_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            day_list.itemActivated.connect(self._item_activated)
            day_list.itemClicked.connect(self._item_clicked)
            column.addWidget(title)
            column.addWidget(day_list)
            days.addLayout(column, 1)
            self.day_titles.append(title)
            self.day_lists.append(day_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(days, 1)
        self._show_titles()

    # --- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.is_manager and not self._reps_loaded:
            self._reps_loaded = True
            actor = self.ctx.actor
            self.ctx.tasks.run(
                lambda s: users.reps_visible_to(s, actor), self._reps, label="week plan reps"
            )
        if self._job is not None:
            self._job.cancel()
        owner_id, monday = self.owner_id, self.monday
        self._job = self.ctx.tasks.run(
            lambda s: week_plan(s, owner_id, monday), self._loaded, label="week plan"
        )

    def _reps(self, reps: list[UserDTO]) -> None:
        self.rep_combo.blockSignals(True)
        for rep in reps:
            if rep.id != self.ctx.actor.user_id:
                self.rep_combo.addItem(rep.full_name, rep.id)
        self.rep_combo.blockSignals(False)

    def _rep_changed(self, index: int) -> None:
        owner = self.rep_combo.itemData(index)
        if owner and owner != self.owner_id:
            self.owner_id = owner
            self.refresh()

    def set_week(self, monday: dt.date) -> None:
        self.monday = monday_of(monday)
        self._show_titles()
        self.refresh()

    def _show_titles(self) -> None:
        today = self._today()
        sunday = self.monday + dt.timedelta(days=6)
        week_no = self.monday.isocalendar().week
        self.range_label.setText(
            self.tr("{start} – {end} · week {week}").format(
                start=self.monday.isoformat(), end=sunday.isoformat(), week=week_no
            )
        )
        names = [
            self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
            self.tr("Sat"), self.tr("Sun"),
        ]  # fmt: skip
        for weekday, title in enumerate(self.day_titles):
            day = self.monday + dt.timedelta(days=weekday)
            title.setText(f"{names[weekday]}  {day:%m-%d}")
            is_today = day == today
            title.setStyleSheet(
                f"background: {TODAY_COLUMN_BG.name()}; color: #1d4ed8; font-weight: 700;"
                " border-radius: 4px; padding: 2px;"
                if is_today
                else "padding: 2px; color: #374151;"
            )

    def _loaded(self, items: list[PlanItem]) -> None:
        self._job = None
        self.items = items
        today = self._today()
        for day_list in self.day_lists:
            day_list.clear()
        open_count = done_count = 0
        for item in items:
            weekday = (item.plan.due_date - self.monday).days
            if not 0 <= weekday < 7:
                continue
            plan = item.plan
            is_open = plan.status is FollowUpStatus.OPEN
            prefix = "" if is_open else ("✓ " if plan.status is FollowUpStatus.DONE else "✕ ")
            entry = QListWidgetItem(
                f"{prefix}{item.customer_name}\n{plan.kind.label()} · {plan.action}"
            )
            entry.setData(Qt.ItemDataRole.UserRole, item)
            entry.setToolTip(
                f"{item.customer_code} {item.customer_name}\n{plan.action}\n"
                f"{plan.status.label()} · {due_text(plan.due_date, today)}"
            )
            if is_open:
                open_count += 1
                # Every open plan is a card; overdue and today wear the reminder colours.
                color = due_background(plan.due_date, today) or LATER_BG
                entry.setBackground(QBrush(color))
            else:
                done_count += plan.status is FollowUpStatus.DONE
                entry.setForeground(QBrush(DONE_FG))
                if plan.status is FollowUpStatus.CANCELLED:
                    font = QFont(entry.font())
                    font.setStrikeOut(True)
                    entry.setFont(font)
            self.day_lists[weekday].addItem(entry)
        self.summary_label.setText(
            self.tr("{open} open · {done} done").format(open=open_count, done=done_count)
        )
        self._show_titles()

    # --- reading what is shown ---------------------------------------------------------------
    def day_texts(self, weekday: int) -> list[str]:
        day_list = self.day_lists[weekday]
        return [day_list.item(i).text() for i in range(day_list.count())]

    def _item_clicked(self, entry: QListWidgetItem) -> None:
        item = entry.data(Qt.ItemDataRole.UserRole)
        if isinstance(item, PlanItem):
            self.customer_requested.emit(item.plan.customer_id)

    def _item_activated(self, entry: QListWidgetItem) -> None:
        item = entry.data(Qt.ItemDataRole.UserRole)
        if isinstance(item, PlanItem) and item.plan.status is FollowUpStatus.OPEN:
            self.log_requested.emit(item)
