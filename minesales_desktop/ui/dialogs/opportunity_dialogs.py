"""Dialogs of the pipeline: create or edit an opportunity, say why a deal was lost, say why it
moves back a stage.

The opportunity form is a :class:`FormDialog` (messages appear under their fields) with one
addition: the customer is picked by searching, because a department's database has 100 000
customers and no drop-down can hold them. The search runs in SQL on the database worker as the
rep types. The small questions (lost reason, note for a backward move) are module functions so
that the tab calls them in one line and tests replace them without opening a modal window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from minesales_desktop.services.crud import PageRequest
from minesales_desktop.services.customers import customers
from minesales_desktop.services.errors import ValidationError
from minesales_desktop.services.pipeline_overview import ProductChoice
from minesales_desktop.services.sales import OpportunityDTO, opportunities
from minesales_desktop.services.vocabulary import (
    Currency,
    DealType,
    LeadSource,
    LostReason,
    QuantityUnit,
    Stage,
)
from minesales_desktop.tasks import TaskManager
from minesales_desktop.ui.context import AppContext
from minesales_desktop.ui.widgets.forms import ERROR_STYLE, Field, FormDialog

SEARCH_DELAY_MS = 250
ID_ROLE = Qt.ItemDataRole.UserRole


class CustomerPicker(QWidget):
    """Type part of a name, code, pinyin or phone; pick from what the database finds."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._customer_id: str | None = None
        self._label = ""
        self._generation = 0
        self.edit = QLineEdit()
        self.edit.setObjectName("field_customer_id")
        self.edit.setPlaceholderText(
            QCoreApplication.translate(
                "OpportunityDialog", "Search name, code, pinyin initials, USCC or phone"
            )
        )
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self.error = QLabel()
        self.error.setObjectName("error_customer_id")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.edit.textEdited.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def customer_id(self) -> str | None:
        return self._customer_id

    def set_customer(self, customer_id: str | None, label: str) -> None:
        self._customer_id = customer_id
        self._label = label
        self.edit.setText(label)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _typed(self, text: str) -> None:
        if text != self._label:
            self._customer_id = None
        self._timer.start()

    def _search(self) -> None:
        text = self.edit.text().strip()
        if not text:
            return
        self._generation += 1
        generation = self._generation

        def found(rows: Sequence[Any]) -> None:
            if generation == self._generation:  # only the answer to the latest text
                self._found(rows)

        self._tasks.run(
            lambda s: customers.search(s, text, PageRequest(0, 20, "name_zh")).items,
            found,
            label="customer picker",
        )

    def _found(self, rows: Sequence[Any]) -> None:
        self.matches.clear()
        for row in rows:
            item = QStandardItem(f"{row.name_zh}  ·  {row.code}")
            item.setData(row.id, ID_ROLE)
            item.setData(row.short_name or row.name_zh, Qt.ItemDataRole.UserRole + 1)
            self.matches.appendRow(item)
        if rows and self.edit.hasFocus():
            self.completer.complete()

    def _picked(self, index: QModelIndex) -> None:
        label = str(index.data(Qt.ItemDataRole.DisplayRole))
        self._customer_id = index.data(ID_ROLE)
        self._label = label
        QTimer.singleShot(0, lambda: self.edit.setText(label))


def _evening_utc(day: dt.date) -> dt.datetime:
    """A bid deadline entered as a date means 17:00 local time that day."""
    return dt.datetime.combine(day, dt.time(17, 0)).astimezone().astimezone(dt.UTC)


class OpportunityDialog(FormDialog):
    """New opportunity (``existing`` None) or edit one; saves through ``services.sales``."""

    def __init__(
        self,
        ctx: AppContext,
        products: Sequence[ProductChoice],
        *,
        existing: OpportunityDTO | None = None,
        owners: Sequence[tuple[str, str]] = (),
        customer: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.ctx = ctx
        self.existing = existing
        product_choices = [(p.id, f"{p.code} · {p.name(ctx.language)}") for p in products]
        fields = [
            Field(
                "title",
                QCoreApplication.translate("OpportunityDialog", "Title"),
                required=True,
                placeholder=QCoreApplication.translate(
                    "OpportunityDialog", "e.g. 2026 term supply"
                ),
            ),
            Field(
                "product_id",
                QCoreApplication.translate("OpportunityDialog", "Product"),
                kind="choice",
                choices=product_choices,
                optional_choice=True,
            ),  # fmt: skip
            Field(
                "deal_type",
                QCoreApplication.translate("OpportunityDialog", "Deal type"),
                kind="choice",
                enum=DealType,
            ),
            Field(
                "source",
                QCoreApplication.translate("OpportunityDialog", "Source"),
                kind="choice",
                enum=LeadSource,
                optional_choice=True,
            ),
            Field(
                "quantity",
                QCoreApplication.translate("OpportunityDialog", "Quantity"),
                kind="decimal",
            ),
            Field(
                "quantity_unit",
                QCoreApplication.translate("OpportunityDialog", "Unit"),
                kind="choice",
                enum=QuantityUnit,
            ),
            Field(
                "currency",
                QCoreApplication.translate("OpportunityDialog", "Currency"),
                kind="choice",
                enum=Currency,
            ),
            Field(
                "estimated_value",
                QCoreApplication.translate("OpportunityDialog", "Estimated value"),
                kind="decimal",
            ),
            Field(
                "expected_close",
                QCoreApplication.translate("OpportunityDialog", "Expected close"),
                kind="date",
            ),
            Field(
                "bid_deadline",
                QCoreApplication.translate("OpportunityDialog", "Bid deadline (tenders)"),
                kind="date",
            ),
            Field("competitor", QCoreApplication.translate("OpportunityDialog", "Competitor")),
            Field(
                "notes", QCoreApplication.translate("OpportunityDialog", "Notes"), kind="multiline"
            ),
        ]
        if existing is not None:
            fields.insert(
                8,
                Field(
                    "probability",
                    QCoreApplication.translate("OpportunityDialog", "Probability %"),
                    kind="decimal",
                ),
            )
        elif owners:
            fields.append(
                Field(
                    "owner_id",
                    QCoreApplication.translate("OpportunityDialog", "Owner"),
                    kind="choice",
                    choices=list(owners),
                )
            )
        title = (
            QCoreApplication.translate("OpportunityDialog", "New opportunity")
            if existing is None
            else QCoreApplication.translate("OpportunityDialog", "Edit opportunity %1").replace(
                "%1", existing.code
            )
        )
        super().__init__(
            ctx.tasks,
            title,
            fields,
            self._save_values,
            writes=("opportunities",),
            values=self._initial(existing),
            parent=parent,
        )
        self.setObjectName("opportunity_dialog")
        self.picker = CustomerPicker(ctx.tasks)
        form_layout = self.form.layout()
        assert isinstance(form_layout, QFormLayout)
        form_layout.insertRow(
            1, QCoreApplication.translate("OpportunityDialog", "Customer") + " *", self.picker
        )
        if existing is not None:
            self.picker.set_customer(existing.customer_id, existing.customer_name)
        elif customer is not None:
            self.picker.set_customer(*customer)
        if existing is None and owners:
            self.form.editors["owner_id"].set_value(ctx.actor.user_id)

    @staticmethod
    def _initial(existing: OpportunityDTO | None) -> dict[str, Any]:
        if existing is None:
            return {
                "deal_type": DealType.SPOT,
                "quantity_unit": QuantityUnit.T,
                "currency": Currency.CNY,
                "expected_close": dt.date.today() + dt.timedelta(days=30),
                "bid_deadline": None,
            }
        values = {
            name: getattr(existing, name)
            for name in (
                "title", "product_id", "deal_type", "source", "quantity", "quantity_unit",
                "currency", "estimated_value", "expected_close", "competitor", "notes",
                "probability",
            )
        }  # fmt: skip
        deadline = existing.bid_deadline
        values["bid_deadline"] = deadline.astimezone().date() if deadline else None
        return values

    def _save_values(self, session: Any, values: dict[str, Any]) -> OpportunityDTO:
        """Runs on the database worker, on values read on the GUI thread by ``submit``."""
        values = dict(values)
        deadline = values.get("bid_deadline")
        if isinstance(deadline, dt.date):
            values["bid_deadline"] = _evening_utc(deadline)
        if self.existing is None:
            return opportunities.create(session, self.ctx.actor, values)
        changes = {k: v for k, v in values.items() if k != "owner_id"}
        return opportunities.update(session, self.ctx.actor, self.existing.id, changes)

    def submit(self) -> None:
        """As FormDialog's, plus the picked customer (read here, on the GUI thread)."""
        self.picker.show_error(None)
        values = self.form.values()
        values["customer_id"] = self.picker.customer_id()
        self.buttons.setEnabled(False)
        self._tasks.run(
            lambda session: self._save(session, values),
            self._saved,
            self._refused,
            writes=self._writes,
            label=self.windowTitle(),
        )

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and "customer_id" in exc.errors:
            errors = dict(exc.errors)
            self.picker.show_error(errors.pop("customer_id"))
            exc = ValidationError(errors) if errors else ValidationError({})
        super()._refused(exc)


# --- small questions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LostAnswer:
    reason: LostReason
    competitor: str | None
    note: str | None


class LostDialog(QDialog):
    """Mark lost: the reason is required (the gate refuses LOST without one)."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark %1 as lost").replace("%1", code))
        self.setMinimumWidth(420)
        self.reason = QComboBox()
        self.reason.setObjectName("lost_reason")
        for reason in LostReason:
            self.reason.addItem(reason.label(), reason)
        self.competitor = QLineEdit()
        self.competitor.setObjectName("lost_competitor")
        self.note = QPlainTextEdit()
        self.note.setObjectName("lost_note")
        self.note.setPlaceholderText(self.tr("What decided it? Price gap, spec, logistics…"))
        self.note.setMaximumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("Lost reason *"), self.reason)
        form.addRow(self.tr("Competitor"), self.competitor)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def answer(self) -> LostAnswer:
        return LostAnswer(
            reason=LostReason(self.reason.currentData()),
            competitor=self.competitor.text().strip() or None,
            note=self.note.toPlainText().strip() or None,
        )


def ask_lost_reason(parent: QWidget, code: str) -> LostAnswer | None:
    """Ask why ``code`` was lost; ``None`` if the user cancelled."""
    dialog = LostDialog(code, parent)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_move_back_note(parent: QWidget, code: str, stage: Stage) -> str | None:
    """Moving back a stage needs a reason on record; ``None`` if the user cancelled."""
    text, ok = QInputDialog.getMultiLineText(
        parent,
        QCoreApplication.translate("OpportunityDialog", "Move back to %1").replace(
            "%1", stage.label()
        ),
        QCoreApplication.translate("OpportunityDialog", "Why does %1 move back to %2?")
        .replace("%1", code)
        .replace("%2", stage.label()),
    )
    text = text.strip()
    return text if ok and text else None
