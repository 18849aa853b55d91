"""The start-up reminder (issue 4, item 2): the signed-in user's overdue and due-today follow-ups.

A rep back from two days at a mine site opens the laptop and must see first what they promised
customers and have not done. The list is the customers tab's own ``DueFollowUpsPanel`` (same
query — ``services.customers.follow_ups.due`` through ``customer_overview.due_follow_ups`` —
same colours, same columns), in a dialog that:

- marks a plan done on the spot (``follow_ups.complete``, announced as ``follow_ups``);
- hands "log the visit" and "open the customer" to the main window (``log_requested``,
  ``customer_requested``), which routes them to the customers tab, and closes.

The main window calls ``FollowUpReminderDialog.show_if_due(ctx, parent)`` at start-up: the
dialog loads on the database worker and opens only when something is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from minesales_desktop.services.customer_overview import PlanItem
from minesales_desktop.services.customers import follow_ups
from minesales_desktop.services.errors import ServiceError
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.widgets.forms import ERROR_STYLE
from minesales_desktop.ui.widgets.week_plan import DueFollowUpsPanel

__all__ = ["FollowUpReminderDialog"]


class FollowUpReminderDialog(QDialog):
    """Overdue and due-today follow-ups of ``ctx.actor``; ``loaded(overdue, due_today)`` once
    the list has arrived from the worker."""

    loaded = Signal(int, int)
    customer_requested = Signal(str)  # customer id: show it in the customers tab
    log_requested = Signal(object)  # PlanItem: log the visit or call that does it

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("follow_up_reminder")
        self.setWindowTitle(self.tr("Follow-ups due"))
        self.resize(760, 420)
        self.headline = QLabel()
        self.headline.setObjectName("reminder_headline")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1f2933;")
        self.error = QLabel()
        self.error.setObjectName("reminder_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.panel = DueFollowUpsPanel(ctx, today, self)
        # every load ends in counts_changed (the panel's first, empty one is already past)
        self.panel.counts_changed.connect(self._counts)
        self.panel.counts_changed.connect(lambda *_: self._panel_loaded())
        self.panel.log_requested.connect(self._log)  # also a double-click or Enter on a row
        self.panel.complete_requested.connect(self._complete)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(
            self.tr("Open customer"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("reminder_open_customer")
        self.open_button.clicked.connect(self._open_customer)
        close = buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("reminder_later")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.error)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self._loaded_once = False

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.panel.refresh()

    def _counts(self, overdue: int, due_today: int) -> None:
        if overdue and due_today:
            text = self.tr("%1 overdue and %2 due today.")
            text = text.replace("%1", str(overdue)).replace("%2", str(due_today))
        elif overdue:
            text = self.tr("%n follow-up(s) overdue.", "", overdue)
        elif due_today:
            text = self.tr("%n follow-up(s) due today.", "", due_today)
        else:
            text = self.tr("Nothing is due. Well done.")
        self.headline.setText(text)
        self.open_button.setEnabled(bool(overdue or due_today))

    def _panel_loaded(self) -> None:
        self.loaded.emit(self.panel.overdue, self.panel.due_today)

    def rows(self) -> list[PlanItem]:
        """What the list shows, top to bottom."""
        return [item for item in self.panel.model.rows if isinstance(item, PlanItem)]

    @classmethod
    def show_if_due(
        cls,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> FollowUpReminderDialog:
        """Load in the background; open the dialog only when something is due (else it is
        deleted quietly). Returns the dialog so the caller can connect its signals."""
        dialog = cls(ctx, parent, today=today)

        def arrived(overdue: int, due_today: int) -> None:
            if dialog._loaded_once:
                return
            dialog._loaded_once = True
            if overdue or due_today:
                dialog.open()
            else:
                dialog.deleteLater()

        dialog.loaded.connect(arrived)
        dialog.start()
        return dialog

    def start(self) -> None:
        """Load the list; ``loaded`` follows."""
        self.refresh()

    # --- acting -------------------------------------------------------------------------------
    def _open_customer(self) -> None:
        item = self.panel.selected()
        if item is not None:
            self.customer_requested.emit(item.plan.customer_id)
            self.accept()

    def _log(self, item: Any) -> None:
        self.log_requested.emit(item)
        self.accept()

    def _complete(self, item: Any) -> None:
        actor, plan_id = self.ctx.actor, item.plan.id
        self.error.hide()
        self.ctx.tasks.run(
            lambda session: follow_ups.complete(session, actor, plan_id),
            lambda _dto: self.refresh(),
            self._refused,
            writes=("follow_ups",),
            label="complete follow-up",
        )

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ServiceError):
            raise exc
        self.error.setText(str(exc))
        self.error.show()
